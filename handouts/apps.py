from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandoutsConfig(AppConfig):
    """Handout packs for a visit: staff pick guides (or just their aftercare and warning signs),
    patients get one printable set with a QR code per guide, online at a short link or as a PDF."""

    name = "handouts"
    verbose_name = _("Handout packs")
