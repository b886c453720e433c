"""Serves anonymous patients' pages from the cache without touching the database.

Only responses a page marked as cacheable (see :class:`pagecache.mixins.CachedPageMixin`) are
stored: live, public pages rendered for an anonymous visitor, never previews. Signed-in staff
always get a fresh page, marked private so no shared cache keeps it. Any other session cookie (a
visitor who unlocked a private page, or one made up to force a full render) costs one session
lookup, then gets the cached page like everyone else: public pages show nothing from a session.

The cache key holds only the query parameters the page uses: a link shared with ``utm_source``,
``fbclid`` or ``gclid``, or any made-up parameter, is served from the cache like the plain address
(the page never sees those parameters either), while ``?concern=acne`` on the guide index is a
page of its own. See pagecache/store.py for keys, purges and Redis outages.
"""

from http import HTTPStatus
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import sitewide, store

# Addresses that are never page-cached: the admin, APIs, forms, review links, files.
SKIPPED_PREFIXES = (
    "/admin/",
    "/api/",
    "/feedback/",
    "/review/",
    "/documents/",
    "/static/",
    "/media/",
)
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary")
BROWSER_MAX_AGE = 60
PRIVATE_CACHE_CONTROL = {"private", "no-store", "no-cache"}


def not_for_sharing(response) -> bool:
    """Whether the response says no shared cache may keep it. Wagtail says so for every page with a
    view restriction, even one the visitor passed (``add_never_cache_headers``)."""
    directives = {
        part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")
    }
    return bool(PRIVATE_CACHE_CONTROL & directives)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = self.lookup(request)
        if found is not None and (entry := store.cached_page(found, request.GET)) is not None:
            return self.from_entry(entry)
        if found is not None:
            # A miss: the page's cached parts are keyed on these generations, brought up to date
            # (sitewide.fragment_key), and Wagtail gets the site it would look up.
            store.before_render(found)
            request.page_cache_lookup = found
            sitewide.remember_site(request)
        response = self.get_response(request)
        if found is not None:
            # Never what a session saw: it may have unlocked a page behind a password.
            if settings.SESSION_COOKIE_NAME not in request.COOKIES:
                self.maybe_store(found, response)
            response["X-Page-Cache"] = "miss"
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def lookup(self, request) -> store.Lookup | None:
        if request.method not in ("GET", "HEAD"):
            return None
        if request.path.startswith(SKIPPED_PREFIXES):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES and self.signed_in(request):
            return None
        return store.lookup(request.get_host(), request.path)

    def signed_in(self, request) -> bool:
        """Whether the session cookie belongs to a signed-in user (one single-row query)."""
        engine = import_module(settings.SESSION_ENGINE)
        try:
            return SESSION_KEY in engine.SessionStore(request.COOKIES[settings.SESSION_COOKIE_NAME])
        except DatabaseError:
            return True  # cannot tell: render afresh, as for staff

    def maybe_store(self, found: store.Lookup, response) -> None:
        seconds = getattr(response, "page_cache_seconds", None)
        if (
            not seconds
            or response.status_code != HTTPStatus.OK
            or not_for_sharing(response)
            or response.streaming
            or response.cookies
            or response.has_header("Set-Cookie")
        ):
            return
        headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
        entry = {"content": response.content, "headers": headers}
        model, params = response.page_cache_model, response.page_cache_params
        if store.store_page(found, model, params, entry, seconds):
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
        else:
            patch_cache_control(response, no_cache=True)  # purged while rendering: maybe stale

    def from_entry(self, entry: dict) -> HttpResponse:
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
        response["X-Page-Cache"] = "hit"
        return response
