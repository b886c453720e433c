from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Export all content to one file and restore it into an empty database."""

    name = "backups"
    verbose_name = _("Backups")
