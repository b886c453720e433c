from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Project-wide safety nets that belong to no single content app."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from .spreadsheets import protect_admin_csv_exports

        protect_admin_csv_exports()
