from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    """Import an existing article as a draft guide: in the admin, or in bulk from the command
    line (``manage.py import_article``)."""

    name = "importer"
    verbose_name = _("Article import")
    default_auto_field = "django.db.models.BigAutoField"
