"""What every page shows (the site, the navigation, the urgent-help notice, glossary terms),
worked out once per site-wide purge instead of on every page render; and parts of one page,
worked out once per published version and purge of that page.

Everything that changes the site-wide values purges the whole page cache (``store.purge_all``),
which gives the site a new generation; a value remembered under the old generation is never read
again. A page's parts (:func:`page_fragment`) are keyed on its path's generation as well, which
every purge of that page renews. So a cache miss that renders a guide costs no queries for them,
and they are never stale.
"""

import contextlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError
from django.http.request import split_domain_port

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


def remember_listing(parts: list[str], build: Callable[[], T], seconds: int) -> T:
    """``build()``, a list of guides (or what is worked out from one), kept for ``seconds`` until
    the next purge of any page or of everything (``store.listing_generations``): publishing,
    unpublishing, moving or deleting a page, privacy. Built each time without a cache, while the
    cache has missed a purge it has not caught up with, or with ``seconds`` 0; not kept if a
    purge came while it was being built (it may be from before that purge)."""

    def key() -> str | None:
        generations = store.listing_generations() if seconds > 0 else None
        return (
            None
            if generations is None
            else "pagecache:listing:" + store._digest(*parts, *generations)
        )

    before = key()
    if before is not None:
        with contextlib.suppress(Exception):
            if (kept := store._cache().get(before)) is not None:
                return kept[0]
    value = build()
    if before is not None and key() == before:
        with contextlib.suppress(Exception):
            store._cache().set(before, (value,), seconds)
    return value


FRAGMENT_SECONDS = 60 * 60 * 24


def shareable(request) -> bool:
    """Whether what is rendered for ``request`` is what every anonymous visitor gets: not a
    preview, nobody signed in, no session (a session may hold a password-protected page it
    unlocked). Wagtail serves a page with view restrictions only to a signed-in user or to a
    session that passed them, so what a shareable request renders is public."""
    user = getattr(request, "user", None)
    return not (
        getattr(request, "is_preview", False)
        or (user is not None and user.is_authenticated)
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


def fragment_key(request, *parts: str) -> str | None:
    """A key for part of the page at this request's address that is valid exactly as long as the
    page's own cache entry would be (the same site and path generations), or None without a
    cache.

    Such a part can be kept longer than the page (``FRAGMENT_SECONDS``): the page expires after
    ``PAGE_CACHE_SECONDS``, or varies by query parameters, while its parts stay the same until a
    purge gives the path or the site a new generation. The generations are those the page cache
    read when the request came in (``PageCacheMiddleware``), else read now.
    """
    host, path = request.get_host(), request.path
    found = getattr(request, "page_cache_lookup", None) or store.lookup(host, path)
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


def page_fragment(request, page, name: str, render: Callable[[], str]) -> str:
    """``render()``: part of ``page`` as published, kept per published version for as long as the
    page's own cache entry would be valid (see :func:`fragment_key`), so a cache miss of the page
    (another query string, an expired entry) does not work it out again.

    Only for requests whose page is :func:`shareable` (never previews, staff or sessions, so never
    a private page) and only for parts that do not change with time by themselves: anything that
    changes them must purge the page (``purges.py``). Rendered afresh when there is no cache.
    """
    revision = getattr(page, "live_revision_id", None)
    key = None
    if request is not None and revision and shareable(request):
        key = fragment_key(request, name, str(page.pk), str(revision))
        if (html := get_fragment(key)) is not None:
            return html
    html = render()
    put_fragment(key, html)
    return html


def remember_site(request) -> None:
    """Hands Wagtail the site of this request (``Site.find_for_request``) with its home page,
    both as they were at the last site-wide purge: routing a page then starts without looking
    them up. Changing a site, or publishing or moving a home page, purges everything."""
    from wagtail.models import Site

    def find():
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific  # what routing asks for next
        return site

    hostname = split_domain_port(request.get_host())[0]
    # Without the database, the view answers in its own way (portal/errors.py, the health check).
    with contextlib.suppress(DatabaseError):
        request._wagtail_site = remember(f"site:{hostname}:{request.get_port()}", find)
