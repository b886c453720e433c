"""Admin: the page feedback reports under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import FeedbackCommentsView, GuideFeedbackReportView


@hooks.register("register_admin_urls")
def register_feedback_report_urls():
    return [
        path("reports/feedback/", GuideFeedbackReportView.as_view(), name="guide_feedback_report"),
        path(
            "reports/feedback/results/",
            GuideFeedbackReportView.as_view(results_only=True),
            name="guide_feedback_report_results",
        ),
        path(
            "reports/feedback/<int:pk>/",
            FeedbackCommentsView.as_view(),
            name="guide_feedback_comments",
        ),
        path(
            "reports/feedback/<int:pk>/results/",
            FeedbackCommentsView.as_view(results_only=True),
            name="guide_feedback_comments_results",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_feedback_menu_item():
    return StaffMenuItem(
        _("Page feedback"),
        reverse("guide_feedback_report"),
        name="page-feedback",
        icon_name="comment",
        order=60,
    )
