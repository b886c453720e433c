"""What every page shows (the navigation, the urgent-help notice, glossary terms), worked out once
per site-wide purge instead of on every page render.

Everything that changes these purges the whole page cache (``store.purge_all``), which gives the
site a new generation; a value remembered under the old generation is never read again. So a
cache miss that renders a guide costs no queries for them, and they are never stale.
"""

import contextlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

from . import store

T = TypeVar("T")


def remember(name: str, build: Callable[[], T]) -> T:
    """``build()``, kept in the cache until the next site-wide purge (built again on a cache
    outage, never an error)."""
    cache = store._cache()
    try:
        generation = cache.get(store.SITE_GENERATION_KEY) or "0"
        key = f"pagecache:sitewide:{name}:{generation}"
        kept = cache.get(key)
    except Exception:  # a cache outage means building it each time, never an error
        return build()
    if kept is not None:
        return kept[0]
    value = build()
    with contextlib.suppress(Exception):  # the value is still right; it just isn't kept
        cache.set(key, (value,), settings.PAGE_CACHE_SECONDS)
    return value


FRAGMENT_SECONDS = 60 * 60 * 24


def fragment_key(host: str, path: str, *parts: str) -> str | None:
    """A key for part of the page at ``path`` that is valid exactly as long as the page's own
    cache entry would be (the same site and path generations), or None without a cache.

    Such a part can be kept longer than the page (``FRAGMENT_SECONDS``): the page expires after
    ``PAGE_CACHE_SECONDS``, or varies by query parameters, while its body stays the same until a
    purge gives the path or the site a new generation.
    """
    found = store.lookup(host, path)
    if found is None:
        return None
    return "pagecache:fragment:" + store._digest(host, path, *found.generations, *parts)


def get_fragment(key: str | None):
    if key is None:
        return None
    try:
        return store._cache().get(key)
    except Exception:
        return None


def put_fragment(key: str | None, html: str) -> None:
    if key is not None:
        with contextlib.suppress(Exception):
            store._cache().set(key, html, FRAGMENT_SECONDS)
