"""Admin: the clinicians snippet, the "Guide reviews" report, a dashboard summary, and review
records for guides a clinical reviewer publishes directly."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import TreatmentPage

from .models import ClinicalReview, ClinicianProfile
from .reviews import is_clinical_reviewer, record_review
from .views import GuideReviewsReportView, due_soon_q, needs_review_q


class ClinicianViewSet(SnippetViewSet):
    model = ClinicianProfile
    icon = "user"
    menu_label = _("Clinicians")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role", "user"]
    search_fields = ["name"]


register_snippet(ClinicianViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/guide-reviews/", GuideReviewsReportView.as_view(), name="guide_reviews_report"
        ),
        path(
            "reports/guide-reviews/results/",
            GuideReviewsReportView.as_view(results_only=True),
            name="guide_reviews_report_results",
        ),
    ]


class GuideReviewsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_guide_reviews_menu_item():
    return GuideReviewsMenuItem(
        _("Guide reviews"),
        reverse("guide_reviews_report"),
        name="guide-reviews",
        icon_name="clipboard-list",
        order=50,
    )


class ReviewSummaryPanel(Component):
    """Dashboard counts of guides that need a clinical review now or soon."""

    name = "guide_reviews"
    template_name = "governance/review_summary_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        guides = TreatmentPage.objects.live()
        return {
            "needs_review": guides.filter(needs_review_q(today)).count(),
            "due_soon": guides.filter(due_soon_q(today)).count(),
            "total": guides.count(),
            "report_url": reverse("guide_reviews_report"),
        }


@hooks.register("construct_homepage_panels")
def add_review_summary_panel(request, panels):
    panels.append(ReviewSummaryPanel())


@hooks.register("after_publish_page")
def record_review_when_a_reviewer_publishes(request, page):
    """A clinical reviewer who publishes a guide themselves is approving it: record that."""
    page = page.specific
    if not isinstance(page, TreatmentPage) or not is_clinical_reviewer(request.user):
        return
    if not ClinicalReview.objects.filter(revision_id=page.live_revision_id).exists():
        record_review(
            page,
            request.user,
            method=ClinicalReview.Method.PUBLISHED,
            revision=page.live_revision,
        )
