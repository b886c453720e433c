"""When the server fails: a database that can't be reached is "try again shortly" (503 with
``Retry-After``), never a bare 500; the API answers the same in its own format."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

RETRY_AFTER_SECONDS = 5


def database_unreachable(error: BaseException | None) -> bool:
    """True for errors that mean the database is down or restarting (not a bug in a query)."""
    return isinstance(error, OperationalError | InterfaceError)


def server_error(request, template_name: str = "500.html"):
    """Django's ``handler500``: it runs for any unhandled error, in a view or a middleware."""
    error = sys.exc_info()[1]
    if not database_unreachable(error):
        return HttpResponse(loader.get_template(template_name).render(), status=500)
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
        html = loader.get_template(template_name).render()
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
