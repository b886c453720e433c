"""Headless preview: staff preview a draft in a headless front end as well as on the site."""

from django.utils.translation import gettext_lazy as _

from wagtail_headless_preview.models import HeadlessPreviewMixin


class HeadlessPreviewable(HeadlessPreviewMixin):
    """Adds a "Headless front end" preview mode next to the page's own preview.

    That mode opens the front end's preview address (``WAGTAIL_HEADLESS_PREVIEW``) with a
    ``content_type`` and a signed ``token``; the front end gets the draft from
    ``GET /api/v3/preview/?content_type=...&token=...``.
    """

    @property
    def preview_modes(self):
        return [*super().preview_modes, ("headless", _("Headless front end"))]

    def serve_preview(self, request, mode_name):
        if mode_name == "headless":
            return super().serve_preview(request, mode_name)
        # Skip the mixin's headless-only preview: the page's own preview for the other modes.
        return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
