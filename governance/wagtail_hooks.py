"""Admin: the clinicians snippet, the "Guide reviews" report, a dashboard summary, review
records for guides a clinical reviewer publishes directly, and the review conversation: the
reviewer's request for changes on the editor's page, and what changed since on the reviewer's."""

from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import outside_review, outside_views, translation_views
from .languages import in_default_language
from .models import (
    ClinicalReviewTask,
    ClinicianProfile,
    ReviewedPage,
    due_soon_days,
    language_refusal,
    reviewed_pages,
)
from .reviews import is_clinical_reviewer, record_direct_publish
from .rounds import (
    back_after_changes,
    changes_requested,
    changes_since_url,
    last_request_for_changes,
    reviewer_name,
    when,
)
from .translations import synced_translation
from .views import GuideReviewsReportView, due_soon_q, needs_review_q


class ClinicianViewSet(SnippetViewSet):
    model = ClinicianProfile
    icon = "user"
    menu_label = _("Clinicians")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role", "email", "user", "review_languages"]
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
        path(
            "guides/<int:page_id>/review-links/",
            outside_views.review_links,
            name="outside_review_links",
        ),
        path(
            "guides/<int:page_id>/review-links/<int:link_id>/cancel/",
            outside_views.revoke_link,
            name="outside_review_revoke",
        ),
        # Before wagtail-localize's own address (governance comes first in INSTALLED_APPS).
        path(
            "localize/update/<int:translation_source_id>/",
            translation_views.update_translations,
            name="guarded_update_translations",
        ),
        path(
            "guides/<int:page_id>/translation-changes/",
            translation_views.translation_changes,
            name="translation_changes",
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
        guides = reviewed_pages().live()
        return {
            "needs_review": guides.filter(needs_review_q(today)).count(),
            "due_soon": guides.filter(due_soon_q(today)).count(),
            "due_soon_days": due_soon_days(),
            "total": guides.count(),
            "report_url": reverse("guide_reviews_report"),
        }


@hooks.register("construct_homepage_panels")
def add_review_summary_panel(request, panels):
    panels.append(ReviewSummaryPanel())


@hooks.register("before_publish_page")
def refuse_publish_in_a_language_not_read(request, page):
    """A clinical reviewer's publish is a review: they may publish a guide only in a language
    they review in. The draft they saved stays; nothing goes live. (Their page permissions
    already refuse it, ``ReviewLanguagePermissionTester``; this is the second lock.)"""
    if not isinstance(page.specific_deferred, ReviewedPage) or not is_clinical_reviewer(
        request.user
    ):
        return None
    refusal = language_refusal(page, user=request.user)
    return refused(request, page, refusal) if refusal else None


@hooks.register("after_edit_page")
def say_why_a_publish_was_only_saved(request, page):
    """Publish pressed by a reviewer who does not review in the guide's language: Wagtail saved
    their draft (their page permissions don't let them publish it); say why it isn't live."""
    if request.method != "POST" or not request.POST.get("action-publish"):
        return
    if not isinstance(page.specific_deferred, ReviewedPage) or not is_clinical_reviewer(
        request.user
    ):
        return
    if refusal := language_refusal(page, user=request.user):
        messages.error(request, refusal)


def refused(request, page, refusal: str):
    """Back to the guide's editor, with the reason at the top."""
    messages.error(request, refusal)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_page")
def refuse_approval_in_a_language_not_read(request, page):
    """Approving from the editor, by a reviewer who does not review in the guide's language: say
    why it is refused (Wagtail would otherwise save a draft without a word). On opening the
    editor, say it before they try."""
    task = page.current_workflow_task
    if not isinstance(task, ClinicalReviewTask):
        return None
    if not task.get_actions(page, request.user):
        return None  # not a reviewer of this task at all: Wagtail's own rules apply
    refusal = language_refusal(page, user=request.user)
    if not refusal:
        return None
    if request.method != "POST":
        messages.warning(request, refusal)
        return None
    approving = request.POST.get("action-workflow-action") and (
        request.POST.get("workflow-action-name") == "approve"
    )
    return refused(request, page, refusal) if approving else None


@hooks.register("before_edit_page", order=-1)
def record_review_when_a_reviewer_publishes_a_synced_translation(request, page):
    """wagtail-localize's translation editor publishes without the page editor's hooks: a
    clinical reviewer who publishes a translation there is approving it too, so record that once
    the translation is live (wagtail-localize publishes when the transaction commits). Whether
    they may publish at all is their page permissions' call (``ReviewLanguagePermissionTester``).
    """
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = synced_translation(page)
    if translation is None or not isinstance(page.specific_deferred, ReviewedPage):
        return None
    from wagtail_localize.views.edit_translation import edit_translation

    response = edit_translation(request, translation, page.specific)
    user = request.user

    def record():
        published = Page.objects.get(pk=page.pk).specific
        revision = published.live_revision
        if published.live and revision is not None and revision.user_id == user.pk:
            record_direct_publish(published, user, revision)

    transaction.on_commit(record)
    return response


@hooks.register("after_publish_page")
def record_review_when_a_reviewer_publishes(request, page):
    """A clinical reviewer who publishes a guide themselves is approving it: record that."""
    page = page.specific
    record_direct_publish(page, request.user, page.live_revision)


# --- The review conversation --------------------------------------------------------------------


@hooks.register("before_edit_page")
def show_the_review_conversation(request, page):
    """At the top of the edit page: the reviewer's request for changes (for the editor), or a
    link to what changed since that request (for the reviewer, once the guide is back)."""
    if request.method != "GET":
        return
    asked = changes_requested(page)
    if asked is not None:
        who = (
            reviewer_name(asked.finished_by)
            or outside_review.outside_reviewer_name(asked)
            or _("The clinical reviewer")
        )
        if asked.comment:
            message = format_html(
                _(
                    "{who} asked for changes on {date}: “{comment}” Make them, then choose "
                    "<strong>Resubmit to Clinical review</strong> from the arrow next to Save "
                    "draft."
                ),
                who=who,
                date=when(asked),
                comment=asked.comment,
            )
        else:
            message = format_html(
                _(
                    "{who} asked for changes on {date}. Make them, then choose <strong>Resubmit "
                    "to Clinical review</strong> from the arrow next to Save draft."
                ),
                who=who,
                date=when(asked),
            )
        messages.warning(request, message)
        return
    earlier = back_after_changes(page)
    if earlier is None or not can_review(request.user, page):
        return
    url = changes_since_url(page, earlier)
    if not url:
        return
    if earlier.comment:
        message = format_html(
            _("Back for review after changes were requested on {date}: “{comment}”"),
            date=when(earlier),
            comment=earlier.comment,
        )
    else:
        message = format_html(
            _("Back for review after changes were requested on {date}."), date=when(earlier)
        )
    messages.info(request, message, buttons=[messages.button(url, _("Changes since your review"))])


def can_review(user, page) -> bool:
    """True if ``user`` may act on the review task the guide is waiting in."""
    task = page.current_workflow_task
    return bool(task and task.get_actions(page, user))


class BackForReviewPanel(Component):
    """Dashboard: guides back in clinical review after changes were requested, each with a link to
    what changed since (shown to clinical reviewers, and only when there are some)."""

    name = "back_for_review"
    template_name = "governance/back_for_review_panel.html"
    order = 60

    def __init__(self, rows: list[dict]):
        self.rows = rows

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.rows else ""

    def get_context_data(self, parent_context):
        return {"rows": self.rows}


def back_for_review_rows(user) -> list[dict]:
    tasks = ClinicalReviewTask.objects.filter(active=True)
    if not user.is_superuser:
        tasks = tasks.filter(groups__in=user.groups.all())
    waiting = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=tasks,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__task_states__status=TaskState.STATUS_REJECTED,
        )
        .select_related("workflow_state")
        .distinct()
        .order_by("started_at")
    )
    rows = []
    for task_state in waiting[:20]:
        page = task_state.workflow_state.content_object
        earlier = last_request_for_changes(task_state.workflow_state)
        if page is None or earlier is None:
            continue
        rows.append(
            {
                "title": page.get_admin_display_title(),
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "changes_url": changes_since_url(page, earlier),
                "asked_on": when(earlier),
                "comment": earlier.comment,
            }
        )
    return rows


@hooks.register("construct_homepage_panels")
def add_back_for_review_panel(request, panels):
    if is_clinical_reviewer(request.user) or request.user.is_superuser:
        panels.append(BackForReviewPanel(back_for_review_rows(request.user)))


# --- The clinic's words in page history -----------------------------------------------------------

HISTORY_WORDS = {
    "wagtail.workflow.start": (_("Clinical review: sent"), _("Sent for clinical review")),
    "wagtail.workflow.approve": (_("Clinical review: approved"), _("Approved in clinical review")),
    "wagtail.workflow.reject": (
        _("Clinical review: changes requested"),
        _("Changes requested in clinical review"),
    ),
    "wagtail.workflow.resume": (
        _("Clinical review: resubmitted"),
        _("Resubmitted for clinical review"),
    ),
    "wagtail.workflow.cancel": (_("Clinical review: cancelled"), _("Clinical review cancelled")),
    "wagtail.moderation.reject": (_("Changes requested"), _("Changes requested")),
}


@hooks.register("register_log_actions", order=100)
def clinic_words_in_history(actions):
    """Page history says "changes requested" and "clinical review", not "rejected" and
    "workflow" (after Wagtail registers its own wording; comments are kept)."""
    for action, (label, message) in HISTORY_WORDS.items():
        formatter = actions.formatters.get(action)
        if formatter is None:
            continue
        reworded = type(
            formatter.__class__.__name__,
            (formatter.__class__,),
            {"label": label, "format_message": lambda self, log_entry, m=message: m},
        )
        actions.choices = [choice for choice in actions.choices if choice[0] != action]
        actions.register_action(action)(reworded)


# --- Review links for clinicians outside the CMS (governance/outside_review.py) ------------------


class SendReviewLinkMenuItem(PageMenuItem):
    label = _("Send review link")
    icon_name = "mail"
    url_name = "outside_review_links"

    def is_shown(self, user):
        return isinstance(self.page.specific_deferred, ReviewedPage) and (
            outside_review.can_send_links(user, self.page)
        )


@hooks.register("register_page_header_buttons")
def send_review_link_button(page, user, view_name, next_url=None):
    """In the guide's "..." menu, for clinical reviewers and site administrators."""
    yield SendReviewLinkMenuItem(page=page, priority=66)


class TranslationChangesMenuItem(PageMenuItem):
    label = _("Changes in English and review")
    icon_name = "globe"
    url_name = "translation_changes"

    def is_shown(self, user):
        return (
            isinstance(self.page.specific_deferred, ReviewedPage)
            and not in_default_language(self.page)
            and self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def translation_changes_button(page, user, view_name, next_url=None):
    """In a translated guide's "..." menu: what changed in English since it was translated, and
    Send for clinical review (wagtail-localize's translation editor has no Submit button)."""
    yield TranslationChangesMenuItem(page=page, priority=67)


@hooks.register("register_page_listing_more_buttons")
def translation_changes_listing_button(page, user, next_url=None):
    """The same, in the "..." menu of the guide's row in the page listing."""
    yield TranslationChangesMenuItem(page=page, priority=67)


class ReviewLinkFormatter(LogFormatter):
    def format_message(self, log_entry):
        return self.message % {"clinician": log_entry.data.get("clinician", "")}

    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


class ReviewLinkRefusedFormatter(ReviewLinkFormatter):
    reasons = {
        "expired": _("it had expired"),
        "revoked": _("it was cancelled"),
        "used": _("it was already used"),
        "changed": _("the guide changed after it was sent"),
        outside_review.LANGUAGE: _("the clinician does not review in the guide's language"),
    }

    def format_message(self, log_entry):
        reason = self.reasons.get(log_entry.data.get("reason"), log_entry.data.get("reason"))
        return _("Review link for %(clinician)s refused: %(reason)s") % {
            "clinician": log_entry.data.get("clinician", ""),
            "reason": reason,
        }


REVIEW_LINK_WORDS = {
    outside_review.SENT: (_("Review link: sent"), _("Review link sent to %(clinician)s")),
    outside_review.OPENED: (_("Review link: opened"), _("Review link opened by %(clinician)s")),
    outside_review.APPROVED: (
        _("Review link: approved"),
        _("Approved by %(clinician)s through a review link"),
    ),
    outside_review.CHANGES_REQUESTED: (
        _("Review link: changes requested"),
        _("%(clinician)s asked for changes through a review link"),
    ),
    outside_review.REVOKED: (
        _("Review link: cancelled"),
        _("Review link for %(clinician)s cancelled"),
    ),
}


@hooks.register("register_log_actions")
def review_link_history(actions):
    for action, (label, message) in REVIEW_LINK_WORDS.items():
        actions.register_action(action)(
            type("Formatter", (ReviewLinkFormatter,), {"label": label, "message": message})
        )
    actions.register_action(outside_review.REFUSED)(
        type("Formatter", (ReviewLinkRefusedFormatter,), {"label": _("Review link: refused")})
    )
