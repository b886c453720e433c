"""The "Guide reviews" report: which guides are overdue for clinical review or due soon."""

import datetime

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

import django_filters

from .addresses import public_url
from .models import due_soon_days, reviewed_pages
from .tables import CalendarDateColumn


def _due_within() -> str:
    return gettext("Due within %(days)s days") % {"days": due_soon_days()}


def _due_or_overdue() -> str:
    return gettext("Overdue or due within %(days)s days") % {"days": due_soon_days()}


due_within_label = lazy(_due_within, str)
due_or_overdue_label = lazy(_due_or_overdue, str)

STATE_LABELS = {
    "current": _("Up to date"),
    "due_soon": due_within_label(),
    "overdue": _("Overdue"),
    "changed": _("Changed since review"),
    "never": _("Never reviewed"),
}


def needs_review_q(today: datetime.date) -> Q:
    """Guides whose live version has no review, or whose review has run out."""
    return (
        Q(review_status__isnull=True)
        | Q(review_status__review__isnull=True)
        | Q(review_status__next_review_due__lt=today)
    )


def due_soon_q(today: datetime.date) -> Q:
    return Q(
        review_status__next_review_due__gte=today,
        review_status__next_review_due__lte=today + datetime.timedelta(days=due_soon_days()),
    )


class ReviewDueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Review status"),
        choices=[
            ("due", due_or_overdue_label()),
            ("overdue", _("Overdue, changed or never reviewed")),
            ("due_soon", due_within_label()),
            ("current", _("Up to date")),
        ],
        method="filter_status",
        empty_label=_("All published guides"),
    )

    translation = django_filters.ChoiceFilter(
        label=_("Translations"),
        choices=[
            ("out_of_date", _("Out of date with English")),
            ("all", _("All translations")),
        ],
        method="filter_translation",
        empty_label=_("Guides in every language"),
    )

    class Meta:
        model = Page
        fields = ["status", "translation"]

    def filter_translation(self, queryset, name, value):
        if value == "out_of_date":
            return queryset.filter(translation_status__changed_segments__gt=0)
        if value == "all":
            return queryset.filter(translation_status__isnull=False)
        return queryset

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(needs_review_q(today))
        if value == "due_soon":
            return queryset.filter(due_soon_q(today))
        if value == "due":
            return queryset.filter(needs_review_q(today) | due_soon_q(today))
        if value == "current":
            return queryset.exclude(needs_review_q(today) | due_soon_q(today))
        return queryset


class ReviewStateColumn(Column):
    def get_value(self, instance):
        return STATE_LABELS[instance.review_state]


class TranslationColumn(Column):
    """For a translation: up to date, or out of date with a link to what changed in English."""

    cell_template_name = "governance/tables/translation_cell.html"

    def get_value(self, instance):
        state = instance.translation_state
        if state is None:
            return ""
        return OUT_OF_DATE if state.out_of_date else UP_TO_DATE

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["changes_url"] = (
            reverse("translation_changes", args=[instance.pk]) if instance.translation_state else ""
        )
        context["language"] = instance.locale.get_display_name()
        return context


OUT_OF_DATE = _("Out of date with English")
UP_TO_DATE = _("Up to date with English")


class GuideReviewsReportView(ReportView):
    """Every published guide with its last review, reviewer and next due date, soonest first."""

    page_title = _("Guide reviews")
    header_icon = "clipboard-list"
    filterset_class = ReviewDueFilterSet
    index_url_name = "guide_reviews_report"
    index_results_url_name = "guide_reviews_report_results"
    any_permission_required = ["add", "change", "publish"]
    permission_policy = PagePermissionPolicy()
    columns = [
        TitleColumn("title", label=_("Guide"), url_name="wagtailadmin_pages:edit"),
        ReviewStateColumn("review_state", label=_("Status")),
        CalendarDateColumn("last_reviewed_at", label=_("Last reviewed")),
        Column("reviewed_by", label=_("Reviewed by")),
        CalendarDateColumn("next_review_due", label=_("Next review due")),
        Column("reading_level_label", label=_("Reading level")),
        TranslationColumn("translation", label=_("Translation")),
    ]
    list_export = [
        "title",
        "public_url",
        "review_state_label",
        "last_reviewed_at",
        "reviewed_by",
        "next_review_due",
        "review_interval_months",
        "reading_level_label",
        "translation_label",
    ]
    export_headings = {
        "title": _("Guide"),
        "public_url": _("Address"),
        "review_state_label": _("Status"),
        "last_reviewed_at": _("Last reviewed"),
        "reviewed_by": _("Reviewed by"),
        "next_review_due": _("Next review due"),
        "review_interval_months": _("Review every (months)"),
        "reading_level_label": _("Reading level"),
        "translation_label": _("Translation"),
    }

    def get_queryset(self):
        return (
            reviewed_pages()
            .live()
            .order_by(F("review_status__next_review_due").asc(nulls_first=True), "title")
        )

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            status = page.review
            review = status.review if status else None
            page.review_state = status.state if status else "never"
            page.review_state_label = str(STATE_LABELS[page.review_state])
            page.last_reviewed_at = timezone.localdate(review.reviewed_at) if review else None
            page.reviewed_by = review.reviewer.display_name if review else ""
            page.next_review_due = status.next_review_due if status else None
            page.public_url = public_url(page)  # the clinic's address, not a local Site record
            state = page.translation_state
            page.translation_label = (
                "" if state is None else str(OUT_OF_DATE if state.out_of_date else UP_TO_DATE)
            )
        return object_list

    def get_filename(self):
        return f"guide-reviews-{timezone.localdate():%Y-%m-%d}"
