"""Admin reports: how helpful patients find each guide, and what they wrote."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

import django_filters

from .models import GuideFeedback

READ_FEEDBACK_PERMISSIONS = ["add", "change", "publish"]


def pages_for(user):
    """The pages whose feedback ``user`` may read: those they may work on in the admin."""
    return PagePermissionPolicy().instances_user_has_any_permission_for(
        user, READ_FEEDBACK_PERMISSIONS
    )


class HelpfulShareColumn(Column):
    def get_value(self, instance):
        return f"{instance.helpful_share}%" if instance.total else "-"


class GuideFeedbackReportView(ReportView):
    """Per guide: how many patients said it helped, how many said it did not, and comments."""

    page_title = _("Page feedback")
    header_icon = "comment"
    index_url_name = "guide_feedback_report"
    index_results_url_name = "guide_feedback_report_results"
    any_permission_required = READ_FEEDBACK_PERMISSIONS
    permission_policy = PagePermissionPolicy()
    columns = [
        TitleColumn("title", label=_("Page"), url_name="guide_feedback_comments", id_accessor="pk"),
        Column("yes", label=_("Helpful")),
        Column("no", label=_("Not helpful")),
        HelpfulShareColumn("helpful_share", label=_("Helpful share")),
        Column("comments", label=_("Comments")),
    ]
    list_export = ["title", "yes", "no", "helpful_share", "comments"]
    export_headings = {
        "title": _("Page"),
        "yes": _("Helpful"),
        "no": _("Not helpful"),
        "helpful_share": _("Helpful share (%)"),
        "comments": _("Comments"),
    }

    def get_queryset(self):
        return (
            pages_for(self.request.user)
            .filter(feedback__isnull=False)
            .annotate(
                yes=Count("feedback", filter=Q(feedback__helpful=True)),
                no=Count("feedback", filter=Q(feedback__helpful=False)),
                comments=Count("feedback", filter=~Q(feedback__comment="")),
                total=Count("feedback"),
            )
            .order_by("-no", "title")
        )

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.helpful_share = round(100 * page.yes / page.total) if page.total else 0
        return object_list


class FeedbackFilterSet(WagtailFilterSet):
    helpful = django_filters.BooleanFilter(label=_("Helpful"))

    class Meta:
        model = GuideFeedback
        fields = ["helpful"]


class FeedbackCommentsView(ReportView):
    """Every answer for one page, newest first, with the comment."""

    header_icon = "comment"
    index_url_name = "guide_feedback_comments"
    index_results_url_name = "guide_feedback_comments_results"
    filterset_class = FeedbackFilterSet
    any_permission_required = READ_FEEDBACK_PERMISSIONS
    permission_policy = PagePermissionPolicy()
    columns = [
        DateColumn("created_at", label=_("Sent")),
        Column("helpful_label", label=_("Helpful?")),
        Column("comment", label=_("Comment")),
    ]
    list_export = ["created_at", "helpful", "comment"]

    def setup(self, request, *args, pk=None, **kwargs):
        super().setup(request, *args, **kwargs)
        # Only a page the person may work on: another section's feedback is not theirs to read.
        self.page = get_object_or_404(pages_for(request.user), pk=pk)
        self.pk = pk

    @property
    def page_title(self):
        return _("Feedback: %(title)s") % {"title": self.page.title}

    def get_index_url(self):
        return self._reverse(self.index_url_name)

    def get_index_results_url(self):
        return self._reverse(self.index_results_url_name)

    def _reverse(self, name):
        return reverse(name, args=[self.pk])

    def get_queryset(self):
        return GuideFeedback.objects.filter(page_id=self.pk)

    def decorate_paginated_queryset(self, object_list):
        for answer in object_list:
            answer.helpful_label = _("Yes") if answer.helpful else _("No")
        return object_list
