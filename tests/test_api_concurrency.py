"""Concurrent edits through v3 are never silently lost: ETag / If-Match, serialised writes.

The parallel tests send real requests from several threads to the live server (each request
on its own database connection on PostgreSQL); they pass on SQLite too, where writes queue
for the database's single writer instead of failing with "database is locked".
"""

import json
import threading
import urllib.error
import urllib.request
from unittest import mock

from django.db import OperationalError, connection

from wagtail.models import APIToken

import pytest

from articles.models import TreatmentPage
from tests.api_content import APIContent, WriteTestCase

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


class TestIfMatch(WriteTestCase):
    def url(self, suffix: str = "") -> str:
        return f"/api/v3/pages/{self.content.guide.pk}/{suffix}"

    def read(self, token: str | None = None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.client.get(self.url(), headers=headers)
        assert response.status_code == 200
        return response

    def write(self, method: str, url: str, data=None, if_match: str | None = None):
        headers = {"Authorization": f"Bearer {self.editor_token}"}
        if if_match is not None:
            headers["If-Match"] = if_match
        body = json.dumps(data if data is not None else {})
        return self.client.generic(
            method, url, body, content_type="application/json", headers=headers
        )

    def test_a_page_detail_carries_its_revision_as_etag(self):
        guide = TreatmentPage.objects.get(pk=self.content.guide.pk)
        assert self.read(self.editor_token)["ETag"] == f'"{guide.latest_revision_id}"'
        # Anonymous readers get the revision they read: the live one.
        guide.save_revision()  # a newer draft
        assert self.read()["ETag"] == f'"{guide.live_revision_id}"'
        assert self.read(self.editor_token)["ETag"] == f'"{guide.latest_revision_id}"'

    def test_a_write_with_the_current_etag_goes_through_and_answers_the_new_one(self):
        version = self.read(self.editor_token)["ETag"]
        response = self.write("PATCH", self.url(), {"summary": "First."}, if_match=version)
        assert response.status_code == 200, response.content
        latest = TreatmentPage.objects.get(pk=self.content.guide.pk).latest_revision_id
        assert response["ETag"] == f'"{latest}"' != version
        assert self.write("PATCH", self.url(), {"summary": "Any."}, if_match="*").status_code == 200

    def test_a_write_based_on_an_old_version_is_refused_with_412(self):
        old = self.read(self.editor_token)["ETag"]
        response = self.write("PATCH", self.url(), {"summary": "Theirs."}, if_match=old)
        assert response.status_code == 200
        for method, url, data in [
            ("PATCH", self.url(), {"summary": "Mine."}),
            ("DELETE", self.url(), None),
            ("POST", self.url("actions/unpublish/"), {}),
        ]:
            response = self.write(method, url, data, if_match=old)
            assert response.status_code == 412, (method, url, response.content)
            assert response["Content-Type"] == "application/problem+json"
            problem = response.json()
            assert problem["title"] == "Precondition Failed"
            assert "Someone else changed this page" in problem["detail"]
            assert "Fetch it again" in problem["detail"]
        guide = TreatmentPage.objects.get(pk=self.content.guide.pk)
        assert guide.live
        assert guide.get_latest_revision_as_object().summary == "Theirs."

    def test_a_busy_database_is_a_503_with_retry_after_not_a_500(self):
        if connection.vendor == "sqlite":
            error = OperationalError("database is locked")
        else:  # PostgreSQL's lock timeout
            error = OperationalError("canceling statement due to lock timeout")
            error.__cause__ = type("LockNotAvailable", (Exception,), {"sqlstate": "55P03"})()
        with mock.patch("wagtail.api.v3.routers.pages.build_page_update_form", side_effect=error):
            response = self.write("PATCH", self.url(), {"summary": "Busy."})
        assert response.status_code == 503
        assert response["Content-Type"] == "application/problem+json"
        assert response["Retry-After"] == "1"
        assert "try again" in response.json()["detail"]
