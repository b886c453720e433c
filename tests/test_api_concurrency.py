"""Concurrent edits through v3 are never silently lost: parallel writes are serialised (ETag and
If-Match, one request at a time: tests/test_api_if_match.py).

These tests send real requests from several threads to the live server (each request
on its own database connection on PostgreSQL); they pass on SQLite too, where writes queue
for the database's single writer instead of failing with "database is locked".
"""

import json
import threading
import urllib.error
import urllib.request

from wagtail.models import APIToken

import pytest

from articles.models import TreatmentPage
from tests.api_content import APIContent

#: Eight different fields of a guide, each changed by its own request.
FIELDS = [
    "title",
    "seo_title",
    "search_description",
    "summary",
    "session_time",
    "sessions_needed",
    "recovery_time",
    "numbing",
]
RETRYABLE = (409, 503)
#: Real transactions, seen by the live server's threads; the data migrations' rows (Wagtail's
#: root page, groups...) are put back after each test.
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def send(url: str, method: str, token: str, data: dict | None = None, **headers):
    """(status, headers, JSON body) of a request to the live server."""
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 - test server
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Content-Type", "application/json")
    for name, value in headers.items():
        request.add_header(name.replace("_", "-"), value)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.headers, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read() or b"null")


def in_parallel(calls) -> list:
    """Run the calls at the same moment, each in its own thread; their results in order."""
    results = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index, call):
        start.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def assert_clean_error(status: int, headers, body) -> None:
    assert status < 500 or status == 503, (status, body)
    assert headers["Content-Type"] == "application/problem+json"
    assert body["detail"]
    if status == 503:
        assert headers["Retry-After"]


@pytest.fixture
def guide_url(live_server):
    content = APIContent()
    token = APIToken.create_token(user=content.editor, name="app")[1]
    return f"{live_server.url}/api/v3/pages/{content.guide.pk}/", token, content.guide.pk


@live
def test_eight_parallel_patches_of_different_fields_all_survive(guide_url):
    url, token, page_id = guide_url

    def patch(field):
        def call():
            for _attempt in range(5):  # as a client does on 409/503 (Retry-After)
                status, headers, body = send(url, "PATCH", token, {field: f"New {field}"})
                if status not in RETRYABLE:
                    break
                assert_clean_error(status, headers, body)
            return status, headers, body

        return call

    results = in_parallel([patch(field) for field in FIELDS])

    for status, _headers, body in results:
        assert status == 200, (status, body)
    draft = TreatmentPage.objects.get(pk=page_id).get_latest_revision_as_object()
    assert {field: getattr(draft, field) for field in FIELDS} == {
        field: f"New {field}" for field in FIELDS
    }


@live
def test_parallel_writes_from_the_same_version_let_one_through_and_refuse_the_rest(guide_url):
    url, token, _page_id = guide_url
    status, headers, _body = send(url, "GET", token)
    assert status == 200
    version = headers["ETag"]

    results = in_parallel(
        [
            lambda field=field: send(url, "PATCH", token, {field: "Mine"}, If_Match=version)
            for field in FIELDS
        ]
    )

    statuses = sorted(status for status, _headers, _body in results)
    assert statuses == [200] + [412] * (len(FIELDS) - 1)
    for status, headers, body in results:
        if status == 412:
            assert_clean_error(status, headers, body)
            assert "Someone else changed this page" in body["detail"]
            assert headers["ETag"] != version
