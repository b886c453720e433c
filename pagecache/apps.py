from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """Whole-page cache for anonymous patients, purged precisely when content changes."""

    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from . import signals  # noqa: F401 - connects the purge handlers
