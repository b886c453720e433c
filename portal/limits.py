"""A cap on the slow work each server process does at once, so cached pages stay quick.

A cached page takes a millisecond or two; a page that misses the page cache, a search or an API
request takes 30 ms to several hundred of CPU. In a threaded gunicorn worker, twenty such
requests at once share the CPU (and Python's global interpreter lock) with the cached pages, and
everything slows down together. This middleware, placed right after the page cache (so cache
hits and static files never reach it), lets at most ``UNCACHED_WORK_PER_PROCESS`` requests do
that work at once in a process. The others wait for a slot up to
``UNCACHED_WORK_WAIT_SECONDS``, then get a "busy, try again in a few seconds" page: 503 with
``Retry-After``, which browsers, crawlers and the API's clients understand.

The admin (``/admin/``, where staff edit, preview and sign in) and the health check are never
held or refused: a flood of patients' searches must not lock the clinic out of its own site.
``UNCACHED_WORK_PER_PROCESS=0`` turns the limit off. See docs/deploy.md, "Workers".
"""

import threading

from django.conf import settings

from .errors import service_unavailable

# Never limited: staff's admin (editing, previews, sign-in) and the load balancer's health check.
EXEMPT_PREFIXES = ("/admin/", "/healthz/")
BUSY_DETAIL = "Many people are using the site just now. Try again in a few seconds."

_slots: dict[int, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


def slots(count: int) -> threading.BoundedSemaphore:
    """This process's semaphore of ``count`` slots (one per count, shared by every thread)."""
    with _slots_lock:
        if count not in _slots:
            _slots[count] = threading.BoundedSemaphore(count)
        return _slots[count]


class UncachedWorkLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = settings.UNCACHED_WORK_PER_PROCESS
        if count <= 0 or request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        semaphore = slots(count)
        if not semaphore.acquire(timeout=settings.UNCACHED_WORK_WAIT_SECONDS):
            return service_unavailable(request, BUSY_DETAIL, "busy.html")
        try:
            return self.get_response(request)
        finally:
            semaphore.release()
