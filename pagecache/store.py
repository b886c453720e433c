"""Where cached pages live, and how they are purged.

**Keys.** A cached page's key is made of its host and path, the page type, the query parameters
that page uses (``CachedPageMixin.page_cache_params``), a *generation* for its path and one for the
whole site. Purging a path (or everything) gives it a new generation: old entries are never read
again and expire on their own. This works on any cache backend and never needs to list keys.

**Routes.** Which parameters a page uses is known once it has rendered: each path's *route* (its
page type, for the current generations) is stored with the page and read together with the
generations, so ``?utm_source=...`` or ``?x=<random>`` find the cached page in one more read.

**Purges the cache missed.** A purge that the cache does not confirm (Redis down or failing) is
recorded in the database (:class:`pagecache.models.CacheVersion`), in the same transaction as the
change. The cache keeps a copy of that version; each app process keeps the database's, re-read on
every cache miss (before the page renders) and at least every
``PAGE_CACHE_VERSION_CHECK_SECONDS`` (at once by the process that recorded it). When the two
differ, the cache missed a purge: everything is purged, and the copy is brought up to date. So a
Redis that comes back with its old data never serves a page purged while it was away, nor parts
of one (``sitewide``), whichever app server handled the change, and a cache hit still needs no
database query.

**A copy in each process.** A page served from the cache is also kept in the app process that
read it (:class:`LocalEntries`: the last ``PAGE_CACHE_LOCAL_ENTRIES`` pages, for up to
``PAGE_CACHE_VERSION_CHECK_SECONDS`` each), under its full key. The generations are still read
from the cache on every request, so a purge reaches the copies at once, and a copy is served only
after the same check of the database's version as an entry read from the cache: a cache emptied
or restarted empty (its generations back to their defaults, its copy of the version gone) is
caught up with first, which gives everything a new generation, so no process goes back to a page
it kept from before. A hit then costs one round trip to Redis instead of two. An entry due to
expire (a guide's review falling due) may be served from a copy up to those seconds late.

**After commit.** Every purge runs at once and again when the transaction commits: a page
rendered in between (from the database as it was before the commit) is not kept either.

Content apps say what to purge (their ``purges.py`` modules) with :func:`purge_pages`, the pages'
own addresses from ``Page.get_cached_paths()``, and :func:`purge_all`. Configured CDNs
(``WAGTAILFRONTENDCACHE``) get the same addresses after commit (:mod:`pagecache.cdn`).
"""

import contextlib
import hashlib
import logging
import math
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction

from . import cdn

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
SITE_GENERATION_KEY = "pagecache:site-generation"
VERSION_KEY = "pagecache:version"
#: Renewed by every purge of pages (publishing, unpublishing, deleting a guide...): what lists
#: guides and is kept longer than one page's entry (search results, the A-Z index's letters and
#: order) is keyed on it and on the site's generation (:func:`listing_generations`).
LISTING_GENERATION_KEY = "pagecache:listing-generation"
GENERATION_TIMEOUT = None  # generations never expire on their own
RETRY_DATABASE_AFTER = 1.0  # seconds between attempts while the database does not answer

_muted = threading.local()


def _cache():
    return caches[CACHE_ALIAS]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _path_generation_key(path: str) -> str:
    return "pagecache:path-generation:" + _digest(path)[:32]


def _route_key(host: str, path: str) -> str:
    return "pagecache:route:" + _digest(host, path)[:32]


def _new_generation() -> str:
    return uuid.uuid4().hex


# --- The database's version, as this process knows it -------------------------------------------


class _KnownVersion:
    """This process's copy of :class:`CacheVersion`, with when it was read."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self.value: str | None = None
        self.read_at = -math.inf
        self.failed_at = -math.inf

    def get(self, max_age: float) -> tuple[str | None, bool]:
        """(value, whether it was read just now). None if the database never answered."""
        now = time.monotonic()
        if self.value is not None and now - self.read_at < max_age:
            return self.value, False
        if now - self.failed_at < RETRY_DATABASE_AFTER:
            return self.value, False
        from .models import CacheVersion

        try:
            value = CacheVersion.current()
        except DatabaseError:
            # Cached pages keep being served while the database is away.
            self.failed_at = now
            logger.warning("Page cache version unavailable; trusting the cache.", exc_info=True)
            return self.value, False
        self.value, self.read_at = value, now
        return value, True

    def set(self, value: str) -> None:
        self.value, self.read_at = value, time.monotonic()


KNOWN_VERSION = _KnownVersion()


def _check_seconds() -> float:
    return getattr(settings, "PAGE_CACHE_VERSION_CHECK_SECONDS", 10)


# --- Reading ------------------------------------------------------------------------------------


@dataclass
class Lookup:
    """What the cache holds for one address: generations, route and version, read at once."""

    host: str
    path: str
    generations: tuple[str, str]
    route: str | None  # the page type ("app.model") cached at this path, for these generations
    version: str | None = None  # the cache's copy of the database's version

    def entry_key(self, model: str, params: dict[str, str]) -> str:
        query = urlencode(sorted(params.items()))  # escaped: a value cannot pose as two params
        return "pagecache:page:" + _digest(self.host, self.path, model, query, *self.generations)


def _read(host: str, path: str) -> dict:
    keys = [
        SITE_GENERATION_KEY,
        _path_generation_key(path),
        _route_key(host, path),
        VERSION_KEY,
    ]
    return _cache().get_many(keys)


class LocalEntries:
    """This process's copies of the pages it served from the cache, by their keys in the cache:
    at most ``size``, each for at most ``seconds``. Shared by a process's threads."""

    def __init__(self, size: int, seconds: float) -> None:
        self.size, self.seconds, self.clock = size, seconds, time.monotonic
        self.entries: OrderedDict[str, tuple[float, dict]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            kept = self.entries.get(key)
            if kept is None:
                return None
            if self.clock() - kept[0] >= self.seconds:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return kept[1]

    def put(self, key: str, entry: dict) -> None:
        if self.size <= 0:
            return
        with self.lock:
            self.entries[key] = (self.clock(), entry)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


LOCAL_ENTRIES = LocalEntries(
    getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 128),
    getattr(settings, "PAGE_CACHE_VERSION_CHECK_SECONDS", 10),
)


def lookup(host: str, path: str) -> Lookup | None:
    """What the cache holds for this address, or None if the cache cannot be reached."""
    try:
        values = _read(host, path)
    except Exception:  # a cache outage means uncached pages, never an error
        logger.warning("Page cache unavailable; serving without it.", exc_info=True)
        return None
    generations = (
        str(values.get(SITE_GENERATION_KEY, "0")),
        str(values.get(_path_generation_key(path), "0")),
    )
    route = values.get(_route_key(host, path))
    model = route["model"] if route and tuple(route["generations"]) == generations else None
    return Lookup(host, path, generations, model, values.get(VERSION_KEY))


def page_model(label: str | None):
    """The cached page type at a route (a CachedPageMixin page), or None."""
    try:
        model = apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None
    return model if hasattr(model, "page_cache_query") else None


def cached_page(found: Lookup, query) -> dict | None:
    """The stored page for this address and query string, if it is there and still current."""
    model = page_model(found.route)
    if model is None:
        return None
    key = found.entry_key(found.route, model.page_cache_query(query))
    entry = LOCAL_ENTRIES.get(key)
    if entry is None:
        try:
            entry = _cache().get(key)
        except Exception:
            logger.warning("Page cache read failed.", exc_info=True)
            return None
        if entry is not None:
            LOCAL_ENTRIES.put(key, entry)
    if entry is None or not _is_current(found, max_age=_check_seconds()):
        return None
    return entry


def _is_current(found: Lookup, max_age: float) -> bool:
    """True unless the cache missed a purge; if it did, purge everything now (and say False)."""
    known, fresh = KNOWN_VERSION.get(max_age)
    if known is not None and found.version != known and not fresh:
        known, fresh = KNOWN_VERSION.get(0)  # another server may have recorded one since
    if known is None:
        return True  # the database has not answered yet: keep serving the cache
    if found.version == known:
        return True
    _catch_up(found, known)
    return False


def _catch_up(found: Lookup, known: str) -> None:
    """The cache missed a purge recorded as ``known``: purge everything, record it as caught up."""
    generation = _new_generation()
    if not _write_confirmed({SITE_GENERATION_KEY: generation, VERSION_KEY: known}):
        return  # still unreachable: the next request tries again
    logger.info("Page cache missed a purge (version %s): purged everything.", known)
    found.generations = (generation, found.generations[1])
    found.route, found.version = None, known


# --- Writing ------------------------------------------------------------------------------------


def before_render(found: Lookup) -> None:
    """On a cache miss, before the page renders: catch up with a purge the cache missed (one
    single-row query). Rendering then reads the parts of pages and the site-wide values it keeps
    in the cache (``sitewide``) under generations that are current, never ones from before a
    purge made while the cache was away."""
    _is_current(found, max_age=0)


def store_page(found: Lookup, model: str, params: dict[str, str], entry: dict, timeout) -> bool:
    """Keep a freshly rendered page, unless its address was purged while it was rendering (then
    False: what was rendered may already be stale, so no shared cache should keep it).

    ``found`` is as :func:`before_render` left it. A purge the cache missed while the page was
    rendering is caught up with by the next miss, or by a hit within
    ``PAGE_CACHE_VERSION_CHECK_SECONDS``, as on any other app server."""
    try:
        latest = _read(found.host, found.path)
        now = (
            str(latest.get(SITE_GENERATION_KEY, "0")),
            str(latest.get(_path_generation_key(found.path), "0")),
        )
        if now != found.generations:
            return False
        route = {"model": model, "generations": list(found.generations)}
        _cache().set_many(
            {
                found.entry_key(model, params): entry,
                _route_key(found.host, found.path): route,
            },
            timeout,
        )
    except Exception:
        logger.warning("Page cache write failed.", exc_info=True)
    return True


# --- Purging ------------------------------------------------------------------------------------


def _write_confirmed(values: dict) -> bool:
    """Write purge markers; True only if the cache then holds them (a cache that ignores its
    errors, as ours does in production, says nothing when a write fails)."""
    try:
        _cache().set_many(values, GENERATION_TIMEOUT)
        key, value = next(iter(values.items()))
        return _cache().get(key) == value
    except Exception:
        logger.warning("Page cache purge failed.", exc_info=True)
        return False


def _record_missed_purge() -> None:
    """The cache did not take a purge: change the database's version (in the current transaction,
    if any), so every app server purges everything once the cache is reachable again."""
    from .models import CacheVersion

    value = _new_generation()
    CacheVersion.change(value)
    transaction.on_commit(lambda: KNOWN_VERSION.set(value))
    logger.warning("Page cache purge not confirmed; recorded as version %s.", value)


def _purge(markers) -> None:
    """Write fresh purge markers now and again after commit; record any the cache missed."""
    if getattr(_muted, "on", False):
        return

    def attempt() -> None:
        if not _write_confirmed(markers()):
            _record_missed_purge()

    attempt()
    if connection.in_atomic_block:
        transaction.on_commit(attempt)


def purge_paths(paths: Iterable[str]) -> None:
    """Make every cached copy of these paths (any host, any query string) stale."""
    paths = sorted({path for path in paths if path})
    if paths:
        _purge(lambda: {_path_generation_key(path): _new_generation() for path in paths})


def purge_listings() -> None:
    """Make every kept list of guides stale (any page purge does this: :func:`purge_pages`)."""
    _purge(lambda: {LISTING_GENERATION_KEY: _new_generation()})


def listing_generations() -> tuple[str, str] | None:
    """The site's and the listings' generations, for keys of kept lists of guides; None
    if the cache cannot be reached or missed a purge it has not caught up with yet (then keep
    nothing: the next request tries again). As for a cached page, the database's version is
    checked at least every ``PAGE_CACHE_VERSION_CHECK_SECONDS``."""
    try:
        values = _cache().get_many([SITE_GENERATION_KEY, LISTING_GENERATION_KEY, VERSION_KEY])
    except Exception:
        logger.warning("Page cache unavailable; listing without it.", exc_info=True)
        return None
    generations = (
        str(values.get(SITE_GENERATION_KEY, "0")),
        str(values.get(LISTING_GENERATION_KEY, "0")),
    )
    found = Lookup("", "", generations, None, values.get(VERSION_KEY))
    if not _is_current(found, max_age=_check_seconds()):
        return None
    return generations


def purge_all() -> None:
    """Make every cached page stale (for changes shown on every page, such as the urgent notice)."""
    _purge(lambda: {SITE_GENERATION_KEY: _new_generation()})


def page_urls(pages: Iterable) -> list[str]:
    """The full addresses of these pages: each page's URL with every path of its
    ``get_cached_paths()`` (a guide and its aftercare handout), as Wagtail's frontend cache
    builds them. Pages without an address on a site are left out."""
    urls = []
    site_paths = SimpleNamespace()  # lets Wagtail look the sites up once for all the pages
    for specific in (page.specific_deferred for page in pages):
        url = specific.get_full_url(site_paths)
        if url:
            urls += [url + path.lstrip("/") for path in specific.get_cached_paths()]
    return urls


def purge_pages(pages: Iterable) -> None:
    """Purge each page's own addresses (``Page.get_cached_paths()``), here and at the CDN."""
    if getattr(_muted, "on", False):
        return
    urls = page_urls(pages)
    purge_paths(urlsplit(url).path for url in urls)
    if urls:
        purge_listings()  # a page that changed may be listed or found, or no longer
    cdn.purge_urls(urls)


def is_muted() -> bool:
    """True in a bulk load (``muted``): its purges are left out, so is working out what to purge."""
    return getattr(_muted, "on", False)


@contextlib.contextmanager
def muted() -> Iterator[None]:
    """No purges in this thread (bulk loads): purge everything once at the end instead."""
    _muted.on = True
    try:
        yield
    finally:
        _muted.on = False
