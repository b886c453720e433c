"""Where cached pages live, and how they are purged.

A cached page's key includes a *generation* for its path and one for the whole site. Purging a
path (or everything) just gives it a new generation: old entries are never read again and expire
on their own. This works on any cache backend and never needs to list keys.
"""

import hashlib
import logging
import uuid
from collections.abc import Iterable

from django.core.cache import caches

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
SITE_GENERATION_KEY = "pagecache:site-generation"
GENERATION_TIMEOUT = None  # generations never expire on their own


def _cache():
    return caches[CACHE_ALIAS]


def _path_generation_key(path: str) -> str:
    return "pagecache:path-generation:" + hashlib.sha256(path.encode()).hexdigest()[:32]


def entry_key(host: str, path: str, query: str) -> str | None:
    """The cache key for one address, or None if the cache cannot be reached."""
    generation_keys = [SITE_GENERATION_KEY, _path_generation_key(path)]
    try:
        generations = _cache().get_many(generation_keys)
    except Exception:  # a cache outage means uncached pages, never an error
        logger.warning("Page cache unavailable; serving without it.", exc_info=True)
        return None
    parts = [host, path, query, *(str(generations.get(key, "0")) for key in generation_keys)]
    return "pagecache:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def fetch(key: str):
    try:
        return _cache().get(key)
    except Exception:
        logger.warning("Page cache read failed.", exc_info=True)
        return None


def put(key: str, value, timeout: int) -> None:
    try:
        _cache().set(key, value, timeout)
    except Exception:
        logger.warning("Page cache write failed.", exc_info=True)


def purge_paths(paths: Iterable[str]) -> None:
    """Make every cached copy of these paths (any host, any query string) stale at once."""
    fresh = {_path_generation_key(path): uuid.uuid4().hex for path in set(paths) if path}
    if fresh:
        try:
            _cache().set_many(fresh, GENERATION_TIMEOUT)
        except Exception:
            logger.warning("Page cache purge failed.", exc_info=True)


def purge_all() -> None:
    """Make every cached page stale (for changes shown on every page, such as the urgent notice)."""
    try:
        _cache().set(SITE_GENERATION_KEY, uuid.uuid4().hex, GENERATION_TIMEOUT)
    except Exception:
        logger.warning("Page cache purge failed.", exc_info=True)
