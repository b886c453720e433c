"""When the server fails: a database that can't be reached is "try again shortly" (503 with
``Retry-After``), never a bare 500; the API answers the same in its own format."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation

RETRY_AFTER_SECONDS = 5


def database_unreachable(error: BaseException | None) -> bool:
    """True for errors that mean the database is down or restarting (not a bug in a query)."""
    return isinstance(error, OperationalError | InterfaceError)


def render_in_address_language(request, template_name: str) -> str:
    """An error page in the language of the request's address ("/es/..." is Spanish). It may be
    answered before LocaleMiddleware has picked the request's language (the limit on uncached
    work, an error in an earlier middleware): never in the language this thread's previous
    request left active."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        return loader.get_template(template_name).render()


def server_error(request, template_name: str = "500.html"):
    """Django's ``handler500``: it runs for any unhandled error, in a view or a middleware."""
    error = sys.exc_info()[1]
    if not database_unreachable(error):
        return HttpResponse(render_in_address_language(request, template_name), status=500)
    return service_unavailable(
        request, "The database is not reachable just now. Try again in a few seconds."
    )


def service_unavailable(request, detail: str, template_name: str = "503.html"):
    """503 "try again shortly" with ``Retry-After``: problem JSON for the API, else a page."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "type": "about:blank",
                "title": "Service Unavailable",
                "status": 503,
                "detail": detail,
            },
            status=503,
            content_type="application/problem+json",
        )
    else:
        html = render_in_address_language(request, template_name)
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
