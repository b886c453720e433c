"""Serves anonymous patients' pages from the cache without touching the database.

Only responses a page marked as cacheable (see :class:`pagecache.mixins.CachedPageMixin`) are
stored: live, public pages rendered for an anonymous visitor, never previews. Anyone with a
session cookie (staff, or a visitor who unlocked a private page) always gets a fresh page, and
pages rendered for a signed-in user are marked private so no shared cache keeps them.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import store

# Addresses that are never page-cached: the admin, APIs, forms, files.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/feedback/", "/documents/", "/static/", "/media/")
# Query parameters pages use; any other parameter means a fresh page (and no cache flooding).
ALLOWED_PARAMS = frozenset({"concern", "feedback"})
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary")
BROWSER_MAX_AGE = 60


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key_for(request)
        if key is not None and (entry := store.fetch(key)) is not None:
            return self.from_entry(entry)
        response = self.get_response(request)
        if key is not None:
            # Content published while this page was rendering gives a new key: don't store
            # what may already be stale.
            if self.key_for(request) == key:
                self.maybe_store(key, response)
            response["X-Page-Cache"] = "miss"
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def key_for(self, request) -> str | None:
        if request.method not in ("GET", "HEAD"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if request.path.startswith(SKIPPED_PREFIXES):
            return None
        if not set(request.GET) <= ALLOWED_PARAMS or any(
            len(values) > 1 for _name, values in request.GET.lists()
        ):
            return None
        query = request.GET.urlencode() if request.GET else ""
        return store.entry_key(request.get_host(), request.path, query)

    def maybe_store(self, key: str, response) -> None:
        seconds = getattr(response, "page_cache_seconds", None)
        if (
            not seconds
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Set-Cookie")
        ):
            return
        headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
        store.put(key, {"content": response.content, "headers": headers}, seconds)
        patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)

    def from_entry(self, entry: dict) -> HttpResponse:
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
        response["X-Page-Cache"] = "hit"
        return response
