"""Concurrent edits through v3 are never silently lost: a page carries its revision as an ETag and
a write based on an old version is refused (parallel writes: tests/test_api_concurrency.py)."""

import json
from unittest import mock

from django.db import OperationalError, connection

from articles.models import TreatmentPage
from tests.api_content import WriteTestCase


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
