"""Pages opt in to the page cache by mixing in :class:`CachedPageMixin`."""

import datetime

from django.conf import settings
from django.utils import timezone


class CachedPageMixin:
    """Marks the page's response as safe to cache for anonymous visitors.

    Wagtail checks privacy before calling ``serve``, so private pages never get here for an
    anonymous visitor; previews and signed-in staff are never cached.
    """

    def page_cache_seconds(self) -> int:
        return settings.PAGE_CACHE_SECONDS

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        user = getattr(request, "user", None)
        if not getattr(request, "is_preview", False) and not (user and user.is_authenticated):
            response.page_cache_seconds = self.page_cache_seconds()
        return response


def seconds_until(day: datetime.date) -> int:
    """Seconds from now until the start of ``day`` (local time); at least 1."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return max(1, int((start - timezone.now()).total_seconds()))
