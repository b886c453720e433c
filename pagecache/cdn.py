"""Purge the same page addresses at a CDN or caching proxy in front of the site.

Configured with Wagtail's ``WAGTAILFRONTENDCACHE`` setting (``FRONTEND_CACHE_URL`` in the
environment sets up an HTTP ``PURGE`` backend, e.g. for Varnish; see docs/deploy.md). Only exact
addresses are purged, after the change is committed, so that the CDN's next request gets the new
page. Changes shown on every page (the urgent notice, a glossary term) reach CDN copies when they
expire (patient pages send ``max-age=60``): purging every address of a 10,000-guide site at each
such edit would be 20,000 requests.
"""

import logging
from collections.abc import Iterable
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")


class HTTPPurgeBackend(HTTPBackend):
    """Wagtail's HTTP ``PURGE`` backend with a time limit (``TIMEOUT``, 2 s by default).

    Wagtail's own waits for ever: a CDN that accepts the connection and never answers would
    leave the reviewer's "Publish" spinning. Here a purge that fails or times out is logged and
    the page still publishes; the CDN's copy then expires on its own (``max-age``).
    """

    def __init__(self, params):
        self.timeout = float(params.pop("TIMEOUT", 2))
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{__version__}"},
        )
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310 - LOCATION is ours
                pass
        except (URLError, OSError) as error:  # HTTP errors, refused, timed out
            logger.error("Couldn't purge '%s' from the HTTP cache: %s", url, error)


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
