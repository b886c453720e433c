"""Purge the same page addresses at a CDN or caching proxy in front of the site.

Configured with Wagtail's ``WAGTAILFRONTENDCACHE`` setting (``FRONTEND_CACHE_URL`` in the
environment sets up an HTTP ``PURGE`` backend, e.g. for Varnish; see docs/deploy.md). Only exact
addresses are purged, after the change is committed, so that the CDN's next request gets the new
page. Changes shown on every page (the urgent notice, a glossary term) reach CDN copies when they
expire (patient pages send ``max-age=60``): purging every address of a 10,000-guide site at each
such edit would be 20,000 requests.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction


def enabled() -> bool:
    return bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


def purge_urls(urls: Iterable[str]) -> None:
    """Purge these full URLs at the configured CDN once the current transaction commits."""
    urls = sorted(set(urls))
    if not urls or not enabled():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    transaction.on_commit(lambda: purge_urls_from_cache(urls))
