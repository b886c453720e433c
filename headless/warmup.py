"""Build the API's schemas when a server process starts, not on its first API request.

Every v3 request is checked against the OpenAPI document (``headless.strict_params``), and Django
imports the URLconf (which builds ninja's URL patterns) on a process's first request. Both are
built once per process and cached, but lazily: the first API request each gunicorn worker
served took 0.5 to 0.7 s instead of 20 ms.

:func:`warm_up` builds them up front. ``portal/wsgi.py`` calls it once the WSGI application
exists, so it runs in every server process (each gunicorn worker as it boots, before it
accepts a connection; once in the master with ``--preload``) and in ``runserver``, but not in
``manage.py`` commands (migrate, shell, workers, tests), which never import the WSGI module and
so never pay for schemas they do not use. It needs no database.
"""

import logging
import time

logger = logging.getLogger(__name__)


def warm_up() -> float:
    """Import the URLconf and build the v3 OpenAPI document; returns the seconds it took.

    A failure is logged, not raised: the site's pages still work, and the API builds what it
    needs on its first request as before (and reports the same error there).
    """
    started = time.monotonic()
    try:
        from django.urls import get_resolver, reverse

        from .openapi import openapi_document

        get_resolver().url_patterns  # noqa: B018 - imports the URLconf (ninja's URL patterns)
        reverse("wagtailapi_v3:api-root")  # fills the resolver's reverse lookup tables
        openapi_document()  # every operation's schemas, the block components, cached
    except Exception:
        logger.exception("Could not build the API schemas at start-up; the first request will.")
    return time.monotonic() - started


def is_warm() -> bool:
    """True once this process has built the OpenAPI document (for tests and health checks)."""
    from .openapi import openapi_document

    return openapi_document.cache_info().currsize > 0
