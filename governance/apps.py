from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Clinical review: who checked each guide, when, and when it is due again."""

    name = "governance"
    verbose_name = _("Clinical governance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import purges, signals  # noqa: F401 - connects the review record and cache handlers
