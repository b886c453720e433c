"""Property-based run of schemathesis against the public read endpoints of v3.

Hypothesis generates parameters from the OpenAPI document, valid ones and invalid ones (which
must be rejected); every response must be documented, with the documented content type and
schema, and never a server error. A valid-looking id of a page that does not exist (or is not
public), as in ``?child_of=250``, is a 400 by design, so "schema-valid data is accepted" is not
checked.
"""

import os

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.test_api import APIContent

# A quick, repeatable run in CI; SCHEMATHESIS_EXAMPLES=500 explores further (random each time).
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "15"))

pytestmark = pytest.mark.django_db


def is_public_read(ctx) -> bool:
    definition = ctx.operation.definition.raw
    return ctx.operation.method.upper() == "GET" and {} in definition.get("security", [{}])


@pytest.fixture
def schema(db):
    """The public read operations, served by the WSGI app over the test database."""
    APIContent()
    # As Django's test client does: the end of a request must not close the test's database
    # connection (and with it the test's transaction, on PostgreSQL).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v3/openapi.json", get_wsgi_application()
        ).include(is_public_read)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


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
    failures = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize="SCHEMATHESIS_EXAMPLES" not in os.environ,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                case.call_and_validate(excluded_checks=[positive_data_acceptance])

            try:
                check()
            except Exception as error:
                failures.append(f"{operation.label} ({mode.value}): {error}")
    assert not failures, "\n\n".join(failures)
