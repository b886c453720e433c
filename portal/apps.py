from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Project-wide safety nets, applied after every other app (it is last in INSTALLED_APPS):
    CSV exports that never hold formulas, and media that only reviewers may delete."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from governance.media import protect_media_deletion

        from .spreadsheets import protect_admin_csv_exports

        protect_admin_csv_exports()
        protect_media_deletion()
