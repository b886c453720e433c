import sys

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class HeadlessConfig(AppConfig):
    """The headless API: typed v3 and v2 endpoints, change feed and headless preview."""

    name = "headless"
    verbose_name = _("Headless API")

    def ready(self):
        if "wagtail.api.v3.registry" in sys.modules:
            raise ImproperlyConfigured(
                "Wagtail built its v3 API schemas before 'headless' could type them: "
                "list 'headless' before the wagtail apps in INSTALLED_APPS."
            )
        from . import field_schemas

        field_schemas.register()

        from wagtail.api.v3.api import api

        from .endpoints import guides_router, preview_router

        api.add_router("/guides/", guides_router)
        api.add_router("/preview/", preview_router)
        # Compact JSON: the same data without the space json.dumps puts after each ',' and ':'
        # (about 5% of a page of the guides feed).
        api.renderer.json_dumps_params = {"separators": (",", ":")}
