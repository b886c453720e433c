"""A late autosave never lands on top of what a button just saved.

Wagtail 8's page editor autosaves (a JSON POST to the edit view) while someone types. When they
type and press a button (Submit, Save draft) quickly, the last autosave can still be on its way:
the edit view checks that it is based on the latest revision when it *arrives*, but it then
spends a while cleaning the form, and the button's save can land in between. The autosave then
saved a revision newer than the one the button made, and the page drawn after the button's
redirect found "a newer version by the same person" and said "You saved a new version in another
window" (and paused autosave), though there was no other window.

Here the check is made again at the moment the autosave's revision is written: if the latest
revision is no longer the one the autosave was based on, it is refused exactly as Wagtail refuses
a stale autosave ("invalid_revision", which the editor's script already handles), and nothing is
saved. Buttons (HTML form posts) and every other way of saving a revision are left alone.
"""

import contextvars
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

EDIT_VIEW = "wagtailadmin_pages:edit"


@dataclass(frozen=True)
class AutosaveBase:
    """What an autosave of a page says it was based on (the inputs Wagtail's editor posts)."""

    page_id: str
    revision_id: str  # the autosave's own revision (overwritten) or the revision loaded
    created_at: str | None  # when the loaded revision was saved (None: overwriting its own)


_current: contextvars.ContextVar[AutosaveBase | None] = contextvars.ContextVar(
    "page_autosave", default=None
)


def autosave_base(request) -> AutosaveBase | None:
    """The base of ``request`` if it is an autosave of a page in the editor, else None."""
    if request.method != "POST" or request.accepts("text/html"):
        return None  # buttons post a form and expect a page
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name != EDIT_VIEW:
        return None
    if overwrite := request.POST.get("overwrite_revision_id"):
        return AutosaveBase(str(match.kwargs["page_id"]), overwrite, None)
    if loaded := request.POST.get("loaded_revision_id"):
        return AutosaveBase(
            str(match.kwargs["page_id"]), loaded, request.POST.get("loaded_revision_created_at")
        )
    return None


class LateAutosaveGuardMiddleware:
    """Remembers, for the length of an autosave request, which revision it was based on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        base = autosave_base(request)
        if base is None:
            return self.get_response(request)
        token = _current.set(base)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def refuse_a_late_autosave(sender, instance, **kwargs) -> None:
    """``pre_save`` of a Revision: an autosave whose base is no longer the latest saves nothing.

    Wagtail's edit view turns the PermissionDenied into its usual JSON "invalid_revision" answer
    and rolls back the autosave's other writes (it saves inside ``transaction.atomic``).
    """
    base = _current.get()
    if base is None or str(instance.object_id) != base.page_id:
        return
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page, Revision

    if instance.base_content_type_id != ContentType.objects.get_for_model(Page).pk:
        return
    # Hold the page's row while checking (PostgreSQL), and read the revisions themselves: the
    # autosave's form has just written its own, older copy of the page row.
    Page.objects.select_for_update().filter(pk=base.page_id).exists()
    newest = (
        Revision.objects.filter(
            base_content_type_id=instance.base_content_type_id, object_id=base.page_id
        )
        .order_by("-created_at", "-pk")
        .values_list("pk", "created_at")
        .first()
    )
    stale = newest is None or str(newest[0]) != base.revision_id
    if not stale and base.created_at is not None:
        stale = newest[1].isoformat() != base.created_at
    if stale:
        raise PermissionDenied(_("Saving will overwrite a newer version."))
