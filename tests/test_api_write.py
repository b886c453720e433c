"""Writing through v3 with bearer tokens: editors write drafts, clinical reviewers publish (and
that records a clinical review), and what was read can be written back unchanged."""

import json

from django.forms import modelform_factory

from wagtail.actions import action_registry
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.models import Page
from wagtail.utils.forms import FormValidationError

import pytest

from articles.models import SkinConcern, TreatmentPage
from governance.models import ClinicalReview
from tests.api_content import WriteTestCase, assert_valid, without_block_keys


class TestEditorsWriteDrafts(WriteTestCase):
    def test_a_guide_with_every_section_reads_back_identically(self):
        # Everything as read from the API (images and saved questions inlined), sent back as is.
        original = self.get_json(f"/api/v3/pages/{self.content.guide.pk}/")
        response = self.create(
            self.editor_token,
            body=original["body"],
            concerns=original["concerns"],
            hero_image_id=original["hero_image"]["id"],
            hero_image_alt=original["hero_image_alt"],
        )
        assert response.status_code == 201, response.content.decode()[:3000]
        page = TreatmentPage.objects.get(pk=response.json()["id"])
        assert not page.live
        copy = self.read_draft(page.pk, self.editor_token)
        assert_valid("TreatmentPageSchema", copy)
        # The same, block ids included, but for the keys the rich text editor gives paragraphs
        # (new ones on each save).
        assert without_block_keys(copy["body"]) == original["body"]
        assert copy["concerns"] == original["concerns"]
        assert copy["hero_image"] == original["hero_image"]
        assert copy["sources"] == original["sources"]
        # Sent back again, it does not change.
        response = self.send("patch", f"/api/v3/pages/{page.pk}/", copy, self.editor_token)
        assert response.status_code == 200, response.content.decode()[:3000]
        again = self.read_draft(page.pk, self.editor_token)
        assert without_block_keys(again["body"]) == without_block_keys(copy["body"])

    def test_plain_ids_work_too(self):
        body = [
            {
                "type": "image",
                "value": {"image": self.content.image.pk, "alt_text": "A cheek", "caption": ""},
            },
            {
                "type": "faqs",
                "value": {
                    "heading": "Questions",
                    "questions": [{"type": "saved_question", "value": self.content.faq.pk}],
                },
            },
        ]
        response = self.create(self.editor_token, body=body, concerns=[self.content.acne.pk])
        assert response.status_code == 201, response.content.decode()[:3000]
        data = response.json()
        assert data["body"][0]["value"]["image"]["id"] == self.content.image.pk
        faq = data["body"][1]["value"]["questions"][0]["value"]
        assert faq["question"] == "How long does it take?"
        assert [c["slug"] for c in data["concerns"]] == ["acne-scars"]

    def test_editors_edit_drafts_without_touching_the_live_guide(self):
        guide = self.content.guide
        response = self.send(
            "patch", f"/api/v3/pages/{guide.pk}/", {"summary": "Changed."}, self.editor_token
        )
        assert response.status_code == 200, response.content
        assert self.read_draft(guide.pk, self.editor_token)["summary"] == "Changed."
        public = self.get_json(f"/api/v3/pages/{guide.pk}/")
        assert public["summary"] == "Tiny needles help skin renew."
        assert public["body"]  # body untouched by a partial update

    def test_editors_cannot_publish_through_the_api(self):
        draft = self.content.draft
        publish = {"meta": {"action": "publish"}, "summary": "Publish me."}
        patch = self.send("patch", f"/api/v3/pages/{draft.pk}/", publish, self.editor_token)
        action = self.send(
            "post", f"/api/v3/pages/{draft.pk}/actions/publish/", {}, self.editor_token
        )
        created = self.create(self.editor_token, meta={
            "type": "articles.TreatmentPage",
            "parent_id": self.content.index.pk,
            "action": "publish",
        })  # fmt: skip
        assert (patch.status_code, action.status_code, created.status_code) == (403, 403, 403)
        draft.refresh_from_db()
        assert not draft.live
        assert not TreatmentPage.objects.filter(slug="dermaplaning", live=True).exists()

    def test_anonymous_writes_are_refused(self):
        response = self.client.patch(
            f"/api/v3/pages/{self.content.draft.pk}/", {"title": "x"}, "application/json"
        )
        assert response.status_code == 401


class TestReviewersPublish(WriteTestCase):
    def test_publishing_records_a_clinical_review_of_that_revision(self):
        draft = self.content.draft
        response = self.send(
            "patch",
            f"/api/v3/pages/{draft.pk}/",
            {"meta": {"action": "publish"}, "summary": "Checked."},
            self.reviewer_token,
        )
        assert response.status_code == 200, response.content.decode()[:2000]
        draft.refresh_from_db()
        assert draft.live
        review = ClinicalReview.objects.get(page=draft)
        assert review.method == ClinicalReview.Method.PUBLISHED
        assert review.revision_id == draft.live_revision_id
        assert review.reviewer.name == "Dr Rita Reviewer"
        assert response.json()["review_info"]["state"] == "current"
        public = self.get_json(f"/api/v3/pages/{draft.pk}/")
        assert public["review_info"]["reviewed_by"]["name"] == "Dr Rita Reviewer"

    def test_the_publish_action_records_a_review_too(self):
        draft = self.content.draft
        url = f"/api/v3/pages/{draft.pk}/actions/publish/"
        response = self.send("post", url, {}, self.reviewer_token)
        assert response.status_code == 200, response.content.decode()[:2000]
        assert ClinicalReview.objects.filter(page=draft, method="published").count() == 1

    def test_publishing_checks_the_guide_like_the_admin(self):
        body = [{"type": "procedure", "value": {"heading": "Steps", "steps": []}}]
        response = self.create(
            self.reviewer_token,
            body=body,
            meta={
                "type": "articles.TreatmentPage",
                "parent_id": self.content.index.pk,
                "action": "publish",
            },
        )
        assert response.status_code == 422, response.content
        assert not TreatmentPage.objects.filter(slug="dermaplaning").exists()


class TestBadInput(WriteTestCase):
    def test_wrong_shapes_are_validation_errors_never_server_errors(self):
        for body in [
            "not a list",
            [1],
            [{"type": "no_such_block", "value": {}}],
            [{"type": "text"}],
            [{"type": "benefits", "value": "not an object"}],
            [{"type": "benefits", "value": {"benefits": "not a list"}}],
            [{"type": "image", "value": {"image": "abc"}}],
            [{"type": "image", "value": {"image": 999999}}],
            [{"type": "text", "value": 5}],
        ]:
            response = self.create(self.editor_token, body=body)
            assert response.status_code == 422, (body, response.content[:500])
            assert response["Content-Type"] == "application/problem+json"

    def problem(self, method: str, url: str, data=None, status: int = 404) -> str:
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {self.editor_token}"}
        if data is not None:
            kwargs.update(data=json.dumps(data), content_type="application/json")
        response = getattr(self.client, method)(url, **kwargs)
        assert response.status_code == status, (method, url, response.content[:500])
        assert response["Content-Type"] == "application/problem+json"
        return response.json()["detail"]

    def test_ids_that_cannot_exist_are_404_never_server_errors(self):
        for method, url, data in [
            ("get", "/api/v3/pages/abc/", None),
            ("patch", "/api/v3/pages/abc/", {"title": "x"}),
            ("delete", "/api/v3/pages/abc/", None),
            ("post", "/api/v3/pages/abc/actions/publish/", {}),
            ("get", "/api/v3/pages/abc/revisions/", None),
            ("get", "/api/v3/snippets/articles.SkinConcern/abc/", None),
            ("patch", "/api/v3/snippets/articles.SkinConcern/abc/", {}),
            ("delete", "/api/v3/snippets/articles.SkinConcern/abc/", None),
            ("get", "/api/v3/snippets/articles.SkinConcern/99999999999999999999/", None),
        ]:
            detail = self.problem(method, url, data)
            assert detail.startswith("Not found"), detail
        detail = self.problem(
            "get", "/api/v3/snippets/articles.SkinConcern/?translation_of=abc", status=400
        )
        assert "translation_of" in detail

    def test_the_root_page_cannot_be_copied_aliased_or_given_siblings(self):
        root = Page.get_first_root_node()
        guide = self.content.guide
        count = Page.objects.count()
        for url, data, message in [
            (f"/api/v3/pages/{root.pk}/actions/copy/", {}, "cannot be copied"),
            (f"/api/v3/pages/{root.pk}/actions/create_alias/", {}, "cannot have an alias"),
            (
                f"/api/v3/pages/{guide.pk}/actions/move/",
                {"destination_id": root.pk},
                "cannot go beside the root page",
            ),
        ]:
            assert message in self.problem("post", url, data, status=422)
        assert Page.objects.count() == count
        assert Page.objects.get(pk=guide.pk).get_parent().pk == self.content.index.pk

    def test_snippets_are_validated_like_the_admin(self):
        # Skin concerns have no drafts: a nameless one is refused, every time.
        url = "/api/v3/snippets/articles.SkinConcern/"
        count = SkinConcern.objects.count()
        for _attempt in range(2):
            response = self.send("post", url, {}, self.editor_token)
            assert response.status_code == 422, response.content
            assert response["Content-Type"] == "application/problem+json"
            locs = {tuple(error["loc"]) for error in response.json()["errors"]}
            assert {("name",), ("slug",)} <= locs
        assert SkinConcern.objects.count() == count

    def test_a_duplicate_snippet_is_a_validation_error_not_a_server_error(self):
        # The model's unique (slug, locale) pair is checked too, which a model form leaves out.
        form_class = modelform_factory(
            SkinConcern, form=WagtailAdminModelForm, fields=["name", "slug"]
        )
        form = form_class(data={"name": "Acne scars again", "slug": "acne-scars"})
        action_class = action_registry.get_action_class(SkinConcern, "create")
        with pytest.raises(FormValidationError) as raised:
            action_class(form.instance, user=self.content.editor, form=form).execute(
                skip_permission_checks=True
            )
        assert [path for path, _messages in raised.value.loc_errors] == [("slug",)]
        assert SkinConcern.objects.filter(slug="acne-scars").count() == 1
