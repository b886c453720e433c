from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search over published guides (its views, query building, snippets and paging)."""

    name = "search"
    verbose_name = _("Site search")
