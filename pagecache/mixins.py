"""Pages opt in to the page cache by mixing in :class:`CachedPageMixin`."""

import datetime

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.http import urlencode

from .sitewide import shareable


class CachedPageMixin:
    """Marks the page's response as safe to cache for anonymous visitors.

    Only public pages are cached (Wagtail checks privacy before calling ``serve``, and a visitor
    who unlocked a private page is not everyone); previews, sessions and signed-in staff are
    never cached.

    The page sees only the query parameters it declares in ``page_cache_params``: everything
    else in the address (``utm_source``, ``fbclid``, a random ``?x=``) is removed before the page
    renders, so it can neither change the page nor make the cache render it again.
    """

    #: Query parameters that change what the page shows, each with the values that do (None: any
    #: value). A parameter a page reads must be listed here, or the page never sees it.
    page_cache_params: dict[str, tuple[str, ...] | None] = {}

    @classmethod
    def page_cache_query(cls, query: QueryDict) -> dict[str, str]:
        """The parameters of ``query`` that matter to this page type (one value each: the last,
        as ``query.get`` gives), as the page will see them."""
        params = {}
        for name, values in cls.page_cache_params.items():
            value = query.get(name, "")
            if value and (values is None or value in values):
                params[name] = value
        return params

    def page_cache_seconds(self) -> int:
        return settings.PAGE_CACHE_SECONDS

    def serve_preview(self, request, mode_name):
        """A preview (never cached) in the page's own language, its ``lang`` and interface words,
        whatever language the admin speaks: a Spanish draft previews in Spanish."""
        locale = getattr(self, "locale", None)
        if locale is None:
            return super().serve_preview(request, mode_name)
        with translation.override(locale.language_code):
            response = super().serve_preview(request, mode_name)
            if callable(getattr(response, "render", None)) and not response.is_rendered:
                response.render()
        return response

    def serve(self, request, *args, **kwargs):
        preview = getattr(request, "is_preview", False)
        if not preview:
            params = self.page_cache_query(request.GET)
            request.META["QUERY_STRING"] = urlencode(sorted(params.items()))
            request.GET = QueryDict(request.META["QUERY_STRING"])
        response = super().serve(request, *args, **kwargs)
        # Wagtail has checked the page's view restrictions before calling ``serve``: a private page
        # gets here only for a signed-in user or a session that unlocked it, neither of which is
        # shareable, and its response says "private, no-store", which the middleware never keeps.
        if shareable(request):
            response.page_cache_seconds = self.page_cache_seconds()
            response.page_cache_model = self._meta.label_lower
            response.page_cache_params = params
        return response


def seconds_until(day: datetime.date) -> int:
    """Seconds from now until the start of ``day`` (local time); at least 1."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return max(1, int((start - timezone.now()).total_seconds()))
