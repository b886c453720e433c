"""The v3 OpenAPI document, made valid and complete.

Wagtail 8.0.1's generated document fails validation and leaves StreamFields untyped.
:func:`openapi_document` fixes both: anonymous access becomes an empty security requirement,
each StreamField placeholder becomes the block components built from the block definitions,
every operation documents its problem (RFC 7807) responses, and page operations document
``ETag`` and ``If-Match`` (see ``concurrency``).
"""

import json
from functools import cache

from django.core.serializers.json import DjangoJSONEncoder

from wagtail.api.v3.api import api
from wagtail.api.v3.errors import PROBLEM_JSON, ProblemDetail

from .block_schemas import REF_TEMPLATE, BlockSchemas
from .concurrency import NOT_PAGE_WRITES
from .field_schemas import PLACEHOLDER, stream_blocks

ANONYMOUS_SCHEME = "AllowAnonymous"
INFO = {
    "title": "Patient guides API",
    "description": (
        "Plain-language treatment guides, typed block by block. Read without a token; write "
        "drafts with a bearer token. Guide: /docs/api.md in the project repository."
    ),
}


@cache
def openapi_document() -> dict:
    """The fixed document as plain JSON data (built once per process: only code changes it)."""
    document = fix_document(dict(api.get_openapi_schema()))
    return json.loads(json.dumps(document, cls=DjangoJSONEncoder))  # lazy texts to strings


def fix_document(document: dict) -> dict:
    document["info"] = {**document["info"], **INFO}
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    _anonymous_access(document, components)
    builders = {False: BlockSchemas(), True: BlockSchemas(write=True)}
    _replace_placeholders(document, builders)
    for builder in builders.values():
        for name, schema in builder.components.items():
            schemas.setdefault(name, schema)
    _problem_responses(document, schemas)
    _site_on_page_detail(document)
    _page_versions(document)
    return document


def operations(document: dict):
    """(path, method, operation) for every operation in the document."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield path, method, operation


def _anonymous_access(document: dict, components: dict) -> None:
    """``{"type": "http"}`` with no scheme is invalid; an empty requirement means anonymous."""
    components.get("securitySchemes", {}).pop(ANONYMOUS_SCHEME, None)
    for _path, _method, operation in operations(document):
        if "security" in operation:
            operation["security"] = [
                {} if ANONYMOUS_SCHEME in requirement else requirement
                for requirement in operation["security"]
            ]


def _replace_placeholders(node, builders: dict[bool, BlockSchemas]) -> None:
    if isinstance(node, dict):
        if PLACEHOLDER in node:
            block, write = stream_blocks[node.pop(PLACEHOLDER)]
            node.pop("type", None)
            node.update(builders[write].ref(block))
        for value in node.values():
            _replace_placeholders(value, builders)
    elif isinstance(node, list):
        for value in node:
            _replace_placeholders(value, builders)


def _problem_responses(document: dict, schemas: dict) -> None:
    schemas.setdefault("ProblemDetail", ProblemDetail.model_json_schema(ref_template=REF_TEMPLATE))
    problem = {
        "description": "A problem: status, title and detail, and the errors for a 400 or 422.",
        "content": {PROBLEM_JSON: {"schema": {"$ref": REF_TEMPLATE.format(model="ProblemDetail")}}},
    }
    for path, method, operation in operations(document):
        responses = operation["responses"]
        if method == "get" and operation.get("parameters"):
            responses.setdefault("400", {**problem, "description": "Unknown or bad parameters."})
        if "{" in path or operation["operationId"].endswith("_find"):
            responses.setdefault("404", {**problem, "description": "Not found, or not public."})
        if operation["operationId"].endswith("_find"):
            responses.setdefault("302", {"description": "Redirects to the detail address."})
        responses.setdefault("default", problem)


def _site_on_page_detail(document: dict) -> None:
    """Page detail honours ``site`` (the find endpoint redirects with it); say so."""
    for _path, _method, operation in operations(document):
        if operation["operationId"] == "pages_detail":
            operation.setdefault("parameters", []).append(
                {
                    "in": "query",
                    "name": "site",
                    "required": False,
                    "schema": {"type": "string"},
                    "description": "Hostname (and :port) of the site; anonymous readers may "
                    "only name the site they are addressing.",
                }
            )


ETAG_HEADER = {
    "ETag": {
        "description": "The page's revision: its latest one with a token, its live one without. "
        "Send it back in If-Match to change the page only if nobody else has.",
        "schema": {"type": "string"},
    }
}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag of the page as you read it: the write is refused (412) if the "
    "page has changed since. Without it, writes to one page are applied one after the other.",
}


def _page_versions(document: dict) -> None:
    """ETag on page details and page writes' answers; If-Match and 412 on page writes."""
    for path, method, operation in operations(document):
        operation_id = operation["operationId"]
        if not operation_id.startswith("pages_") or operation_id in NOT_PAGE_WRITES:
            continue
        for status, response in operation["responses"].items():
            if str(status) in ("200", "201"):  # ninja's keys are numbers
                response.setdefault("headers", {}).update(ETAG_HEADER)
        if method == "get" or "{page_id}" not in path:
            continue
        operation.setdefault("parameters", []).append(IF_MATCH)
        operation["responses"].setdefault(
            "412",
            {
                **operation["responses"]["default"],
                "description": "The page changed since the version named in If-Match.",
            },
        )
