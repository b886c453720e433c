"""Template helpers for clinical review emails and admin templates."""

from django import template
from django.utils.translation import gettext as _

from wagtail.models import Page

from governance.addresses import admin_base_url, public_url
from governance.rounds import back_after_changes, changes_since_url, reviewer_name

register = template.Library()


@register.simple_tag
def guide_public_url(page, live_only: bool = False) -> str:
    """The guide's public address, never a local one when the clinic's address is known.
    With ``live_only``, "" unless the guide is live now (read afresh: an email about approval is
    written with the copy of the page from before it was published)."""
    if page is None:
        return ""
    if live_only and not Page.objects.filter(pk=page.pk, live=True).exists():
        return ""
    return public_url(page)


@register.simple_tag
def changes_since_review_url(page) -> str:
    """Full address of 'what changed since the reviewer asked for changes' ("" if none)."""
    if page is None:
        return ""
    earlier = back_after_changes(page)
    path = changes_since_url(page, earlier) if earlier else ""
    return f"{admin_base_url()}{path}" if path else ""


@register.filter
def clinician_name(user) -> str:
    return reviewer_name(user)


@register.simple_tag
def clinic_status(page) -> str:
    """Wagtail's page status in the clinic's words: "awaiting clinical review" for "in
    moderation", and "changes requested" for the draft of a guide a reviewer sent back."""
    status = str(page.status_string)
    in_moderation = _("in moderation")
    if in_moderation in status:
        return status.replace(in_moderation, _("awaiting clinical review"))
    draft = _("draft")
    if status.endswith(draft) and getattr(page, "pk", None):
        state = page.current_workflow_state
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            return status[: -len(draft)] + _("changes requested")
    return status
