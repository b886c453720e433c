"""Property-based run of schemathesis against v3: anonymously, and with editors' and clinical
reviewers' tokens.

Hypothesis generates parameters from the OpenAPI document, valid ones and invalid ones (which
must be rejected). Read anonymously, the public read endpoints must answer as documented
(status, content type and schema) and never with a server error. A valid-looking id of a page
that does not exist (or is not public), as in ``?child_of=250``, is a 400 by design, so
"schema-valid data is accepted" is not checked.

With a token, every operation (writes and actions included) is called with a few examples:
whatever it is sent, it must never answer with a server error. Writes happen in the test's
transaction and are rolled back.
"""

import os

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction

from wagtail.models import APIToken

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api_content import APIContent

# A quick, repeatable run in CI; SCHEMATHESIS_EXAMPLES=500 explores further (random each time).
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "15"))
# With a token every operation is called (60 of them), so fewer examples each.
TOKEN_EXAMPLES = int(os.environ.get("SCHEMATHESIS_TOKEN_EXAMPLES", "3"))

pytestmark = pytest.mark.django_db


def is_public_read(ctx) -> bool:
    definition = ctx.operation.definition.raw
    return ctx.operation.method.upper() == "GET" and {} in definition.get("security", [{}])


def can_be_called(operation) -> bool:
    """False for the snippet operations no snippet model offers (drafts, revisions): Wagtail
    documents their ``type`` as the empty string, which no address can carry."""
    parameters = operation.definition.raw.get("parameters", [])
    return not any(p["in"] == "path" and p["schema"].get("const") == "" for p in parameters)


@pytest.fixture(scope="module")
def module_content(django_db_setup, django_db_blocker):
    """The API tests' site, built once for the module in a transaction rolled back after its last
    test (as ``demo_site`` is); each test's writes are undone after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield APIContent()
        transaction.set_rollback(True)


@pytest.fixture
def content(module_content, db):
    return module_content


@pytest.fixture
def full_schema(content):
    """Every v3 operation, served by the WSGI app over the test database."""
    # As Django's test client does: the end of a request must not close the test's database
    # connection (and with it the test's transaction, on PostgreSQL).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v3/openapi.json", get_wsgi_application())
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def schema(full_schema):
    """The public read operations."""
    return full_schema.include(is_public_read)


def run(operation, mode, max_examples: int, check) -> str | None:
    """Hypothesis's examples of ``operation`` in ``mode`` through ``check``; a failure's text."""

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize="SCHEMATHESIS_EXAMPLES" not in os.environ,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def examples(case):
        check(case)

    try:
        examples()
    except (Exception, BaseExceptionGroup) as error:  # schemathesis's FailureGroup
        return f"{operation.label} ({mode.value}): {error}"
    return None


def test_public_read_endpoints_honour_their_documented_contract(schema):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.definition.raw["operationId"] for op in operations} >= {
        "pages_list",
        "pages_find",
        "pages_detail",
        "guides_list",
        "preview_detail",
        "images_list",
    }
    failures = [
        run(
            operation,
            mode,
            EXAMPLES,
            lambda case: case.call_and_validate(excluded_checks=[positive_data_acceptance]),
        )
        for operation in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    ]
    assert not any(failures), "\n\n".join(filter(None, failures))


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_no_operation_is_a_server_error_with_a_token(full_schema, content, role):
    token = APIToken.create_token(user=getattr(content, role), name="schemathesis")[1]
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in full_schema.get_all_operations()]
    operations = [operation for operation in operations if can_be_called(operation)]
    assert {op.definition.raw["operationId"] for op in operations} >= {
        "pages_create",
        "pages_update",
        "pages_delete",
        "pages_actions_copy",
        "pages_actions_move",
        "snippets_create",
        "snippets_detail",
        "images_create",
    }

    def check(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])

    failures = [
        run(operation, mode, TOKEN_EXAMPLES, check)
        for operation in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    ]
    assert not any(failures), "\n\n".join(filter(None, failures))
