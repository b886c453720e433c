from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    """Medical words explained in plain language, where they appear and on a glossary page."""

    name = "glossary"
    verbose_name = _("Glossary")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import purges  # noqa: F401 - connects the page cache purges
