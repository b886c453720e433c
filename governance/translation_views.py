"""The admin page a translator opens from the Guide reviews report: what changed in the English
guide since a translation was made, side by side, with the actions to bring the translation up to
date and to send it for clinical review (wagtail-localize's translation editor has no Submit)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from wagtail.admin import messages
from wagtail.models import Page

from .languages import language_name, page_language
from .models import TranslationStatus, machine_refusal
from .translations import changed_segments, mark_up_to_date, source_of

UP_TO_DATE, SUBMIT = "up_to_date", "submit"


def translation_for(request, page_id: int) -> Page:
    """The translated guide, if the signed-in user may edit it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if source_of(page) is None or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def send_for_review(request, page: Page) -> None:
    perms = page.permissions_for_user(request.user)
    workflow = page.get_workflow()
    if page.workflow_in_progress:
        messages.warning(request, _("This translation is already waiting for clinical review."))
    elif workflow is None or not perms.can_submit_for_moderation():
        raise PermissionDenied
    else:
        workflow.start(page, request.user)
        messages.success(
            request,
            _("'%(title)s' was sent for clinical review by a clinician who reads %(language)s.")
            % {
                "title": page.get_admin_display_title(),
                "language": language_name(page_language(page)),
            },
        )


@require_http_methods(["GET", "POST"])
def translation_changes(request, page_id: int):
    page = translation_for(request, page_id)
    if request.method == "POST":
        if request.POST.get("action") == SUBMIT:
            send_for_review(request, page)
        else:
            mark_up_to_date(page, request.user)
            messages.success(
                request,
                _(
                    "Saved a new version marked as up to date with the English guide. Send it "
                    "for clinical review: patients see it once a clinician approves it."
                ),
            )
        return redirect("translation_changes", page.pk)

    status = (
        TranslationStatus.objects.filter(page=page)
        .select_related("translated_from", "source_live_revision")
        .first()
    )
    source = source_of(page)
    since = status.translated_from if status else None
    now = status.source_live_revision if status else None
    changes = changed_segments(since, now) if status and status.out_of_date else []
    perms = page.permissions_for_user(request.user)
    return TemplateResponse(
        request,
        "governance/translation_changes.html",
        {
            "page": page,
            "source": source,
            "status": status,
            "changes": changes,
            "compare_url": (
                reverse("wagtailadmin_pages:revisions_compare", args=[source.pk, since.pk, now.pk])
                if changes
                else ""
            ),
            "can_submit": perms.can_submit_for_moderation() and not page.workflow_in_progress,
            "machine_refusal": machine_refusal(page),
            "language": language_name(page_language(page)),
            "header_title": _("Changes in English: %(title)s")
            % {"title": page.get_admin_display_title()},
            "page_title": _("Changes in English"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "globe",
        },
    )


def update_translations(request, translation_source_id: int):
    """wagtail-localize's "Sync translated pages", without its "Publish immediately": that would
    put the English changes live on every translation (in English words until translated) with
    nobody's review. Syncing itself is wagtail-localize's own view."""
    from wagtail_localize.views.update_translations import UpdateTranslationsView

    if request.method == "POST" and request.POST.get("publish_translations"):
        messages.error(
            request,
            _(
                "Translations are not published from here: each goes live only after clinical "
                "review by a clinician who reads its language. Untick “Publish immediately”, "
                "update the translations, then send each one for review."
            ),
        )
        return redirect(request.get_full_path())
    return UpdateTranslationsView.as_view()(request, translation_source_id=translation_source_id)
