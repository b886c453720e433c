"""Wagtail's v3 views, made strict: every request is checked against the OpenAPI document.

Wagtail 8.0.1 ignores query parameters it does not know (``?fields=``, a typo...) and lets
``?site=`` show any site's pages. Each v3 view here is wrapped so that:

* a parameter the operation does not document (or a field filter the listed model lacks) is a
  400 that names the parameters it does accept;
* malformed parameters are a 400 (Wagtail says 422, which we keep for request bodies);
* numbers too large for the database and NUL characters are a 400 (404 in the path), not a 500;
* an anonymous reader cannot name another site;
* a path id that cannot exist (``/pages/abc/``, a snippet id of the wrong kind) is a 404;
* actions that make no sense for the root page (copy it, alias it, put a page beside it) are a
  422 that says so, instead of a server error inside Wagtail;
* a search passes only its words to the search backend (see ``search``);
* page writes are serialised and honour ``If-Match``, page details carry an ``ETag``; a busy
  database is a 503 with ``Retry-After``, a clash with saved content a 409 (see
  ``concurrency``);
* anonymous readers only get images and documents that live public pages use (see ``media``);
* the user who writes is known while the view runs, for the review record (see signals).
"""

import json
import re
from functools import wraps
from http import HTTPStatus

from django.contrib.admin.utils import unquote
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern

from wagtail.api.v3.api import api
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
from wagtail.api.validators import APIFieldValidator
from wagtail.contrib.redirects.api.v3.router import BASE_REDIRECT_READ_FIELDS
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import resolve_model_string
from wagtail.documents import get_document_model
from wagtail.documents.api.v3.router import BASE_DOCUMENT_READ_FIELDS
from wagtail.images import get_image_model
from wagtail.images.api.v3.router import BASE_IMAGE_READ_FIELDS
from wagtail.models import Page

from governance.reviews import publishing_as
from portal.search_text import search_text

from . import concurrency
from .guide_filters import ID_DIGITS, LARGEST_ID, bad_parameter, foreign_site_requested
from .openapi import openapi_document
from .public_media import limit_anonymous_media

SAFE_METHODS = ("GET", "HEAD")


def _model(label: str, default=None):
    try:
        return resolve_model_string(label)
    except (LookupError, ValueError):
        return default


def _page_type(request: HttpRequest):
    types = request.GET.getlist("type")
    return _model(types[0], Page) if len(types) == 1 else Page


#: List operations that also filter by the listed model's fields (``?slug=...``):
#: operation id -> (request, path kwargs) -> (model, fields every model of the kind allows).
FIELD_FILTERS = {
    "pages_list": lambda request, kwargs: (_page_type(request), BASE_PAGE_READ_FIELDS),
    "images_list": lambda request, kwargs: (get_image_model(), BASE_IMAGE_READ_FIELDS),
    "documents_list": lambda request, kwargs: (get_document_model(), BASE_DOCUMENT_READ_FIELDS),
    "redirects_list": lambda request, kwargs: (Redirect, BASE_REDIRECT_READ_FIELDS),
    "snippets_list": lambda request, kwargs: (_model(kwargs.get("type", "")), []),
}


def openapi_json(request: HttpRequest, **kwargs) -> JsonResponse:
    """The OpenAPI document of the v3 API, valid and with every block typed."""
    return JsonResponse(openapi_document())


def _operation(request: HttpRequest) -> dict | None:
    route = request.resolver_match.route if request.resolver_match else ""
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    return openapi_document()["paths"].get(path, {}).get(request.method.lower())


def _query_parameters(operation: dict) -> dict[str, dict]:
    return {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}


def _field_filters(operation: dict, request: HttpRequest, kwargs: dict) -> set[str]:
    how = FIELD_FILTERS.get(operation["operationId"])
    model, base_fields = how(request, kwargs) if how else (None, [])
    if model is None:
        return set()
    validator = APIFieldValidator(
        model=model, fields=[], base_fields=base_fields, db_fields_only=True
    )
    return set(validator.allowed_fields)


def _takes_integers(schema) -> bool:
    if isinstance(schema, list):
        return any(_takes_integers(item) for item in schema)
    if not isinstance(schema, dict):
        return False
    types = schema.get("type")
    return (
        types == "integer"
        or (isinstance(types, list) and "integer" in types)
        or any(_takes_integers(value) for value in schema.values())
    )


def _whole_number(value) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) <= ID_DIGITS and int(text) <= LARGEST_ID


def bad_path(operation: dict, kwargs: dict) -> str | None:
    """Why the path cannot name anything (a non-numeric or huge id), if it cannot."""
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] != "path" or name not in kwargs:
            continue
        if _takes_integers(parameter.get("schema", {})) and not _whole_number(kwargs[name]):
            return f"Not found: {name} must be a whole number, not {str(kwargs[name])[:40]!r}."
    model = _model(str(kwargs.get("type", ""))) if "pk" in kwargs else None
    if model is not None and not _valid_pk(model, unquote(str(kwargs["pk"]))):
        return f"Not found: there is no {model._meta.verbose_name} {str(kwargs['pk'])[:40]!r}."
    return None


def _valid_pk(model, value: str) -> bool:
    """Whether ``value`` could be the primary key of a ``model`` object."""
    try:
        pk = model._meta.pk.to_python(value)
    except ValidationError:
        return False
    return pk is not None and (not isinstance(pk, int) or _whole_number(pk))


def bad_snippet_filter(request: HttpRequest, kwargs: dict) -> str | None:
    """``translation_of`` of a snippet list must be an id of that kind of snippet."""
    model = _model(str(kwargs.get("type", "")))
    value = request.GET.get("translation_of")
    if model is None or not value or _valid_pk(model, value):
        return None
    return f"translation_of: there is no {model._meta.verbose_name} {value[:40]!r}."


#: Page actions Wagtail cannot do to the root page (it has no parent): operation -> message.
ROOT_ACTIONS = {
    "pages_actions_copy": "The root page cannot be copied.",
    "pages_actions_create_alias": "The root page cannot have an alias.",
}
SIBLING_POSITIONS = (None, "left", "right", "first-sibling", "last-sibling")


def _depth(page_id) -> int | None:
    if not _whole_number(page_id):
        return None
    return Page.objects.filter(pk=page_id).values_list("depth", flat=True).first()


def bad_page_action(request: HttpRequest, operation: dict, kwargs: dict) -> HttpResponse | None:
    """A 422 for a page action that cannot be done to or beside the root page."""
    operation_id = operation["operationId"]
    if operation_id in ROOT_ACTIONS and _depth(kwargs.get("page_id")) == 1:
        detail = ROOT_ACTIONS[operation_id]
        errors = [{"type": "root_page", "loc": ["path", "page_id"], "msg": detail}]
        return problem_response(status=422, detail=detail, errors=errors)
    if operation_id == "pages_actions_move":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return None  # the view says what is wrong
        if not isinstance(body, dict) or body.get("position") not in SIBLING_POSITIONS:
            return None
        if _depth(body.get("destination_id")) == 1:
            detail = (
                "A page cannot go beside the root page, only inside it: use position "
                "'first-child' or 'last-child', or another destination."
            )
            errors = [{"type": "root_page", "loc": ["body", "data", "position"], "msg": detail}]
            return problem_response(status=422, detail=detail, errors=errors)
    return None


# Each check answers with its own problem, first one wins.
def check_request(request: HttpRequest, kwargs: dict) -> HttpResponse | None:  # noqa: PLR0911
    """A problem response if the request's parameters are not what the operation takes."""
    if any(isinstance(v, int) and v > LARGEST_ID for v in kwargs.values()):
        return problem_response(status=404, detail="Not found")
    operation = _operation(request)
    if operation is None:
        return None  # not an operation (docs, root) or a method it does not allow
    if problem := bad_path(operation, kwargs):
        return problem_response(status=404, detail=problem)
    documented = _query_parameters(operation)
    numeric = {name for name, p in documented.items() if _takes_integers(p.get("schema", {}))}
    if problem := bad_parameter(request.GET, numeric) or bad_snippet_filter(request, kwargs):
        return problem_response(status=400, detail=problem)
    unknown = set(request.GET) - set(documented)
    if unknown:
        unknown -= _field_filters(operation, request, kwargs)
    if unknown:
        accepted = ", ".join(sorted(documented)) or "none"
        return problem_response(
            status=400,
            detail=f"Unknown parameter(s): {', '.join(sorted(unknown))}. "
            f"This endpoint accepts: {accepted}.",
        )
    if not request.user.is_authenticated and foreign_site_requested(request):
        return problem_response(
            status=400,
            detail="Anonymous readers can only read the site they address: leave out 'site'.",
        )
    if request.user.is_authenticated and request.method not in SAFE_METHODS:
        return bad_page_action(request, operation, kwargs)
    return None


def only_search_words(request: HttpRequest) -> None:
    """Hand the view a search of plain words (``check_request`` refused one without any)."""
    if request.GET.get("search"):
        query = request.GET.copy()
        query["search"] = search_text(query["search"])
        request.GET = query


def _as_bad_request(response: HttpResponse) -> HttpResponse:
    """Wagtail answers a bad query with 422; for a read that is a 400 (unless the problem is
    with the response, which is ours)."""
    problem = json.loads(response.content)
    if any(error.get("loc", [""])[:1] == ["response"] for error in problem.get("errors") or []):
        return response
    problem.update(status=400, title="Bad Request")
    return HttpResponse(json.dumps(problem), status=400, content_type=response["Content-Type"])


def strict(view):
    """Wrap a v3 view as described in the module docstring."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        with concurrency.one_writer(request) as may_write:
            if not may_write:
                return concurrency.busy("Too many changes at once: try again in a moment.")
            return concurrency.database_errors(lambda: handle(request, *args, **kwargs))

    def handle(request: HttpRequest, *args, **kwargs):
        # v3 acts for a bearer token's user, never the session's (as Wagtail's own auth does).
        request.user = AnonymousUser()
        if request.headers.get("Authorization"):
            BearerTokenAuth()(request)
        problem = check_request(request, kwargs)
        if problem is not None:
            return problem
        only_search_words(request)
        operation = _operation(request) or {}
        operation_id = operation.get("operationId", "")
        # A clinical reviewer publishing through the API records a review (governance.reviews).
        with publishing_as(request.user if request.user.is_authenticated else None):
            response = concurrency.guarded_page_write(
                request, operation_id, kwargs, lambda: view(request, *args, **kwargs)
            )
        if (
            request.method in SAFE_METHODS
            and response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
        ):
            return _as_bad_request(response)
        concurrency.add_etag(request, operation_id, response)
        return response

    wrapper.csrf_exempt = True
    return wrapper


def v3_urls():
    """Wagtail's v3 URL patterns, each view made strict and the OpenAPI document fixed."""
    limit_anonymous_media()
    patterns, app_name, namespace = api.urls
    wrapped = []
    for pattern in patterns:
        view = pattern.callback
        if pattern.name == "openapi-json":
            view = api.docs_decorator(openapi_json)
        wrapped.append(
            URLPattern(pattern.pattern, strict(view), pattern.default_args, pattern.name)
        )
    return wrapped, app_name, namespace
