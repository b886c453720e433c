"""Who sees what through the API: anonymous readers get live, public pages of their own site
(and only the media those use), whatever the endpoint or parameter; v2 authenticates nobody;
strict parameters; tokens; headless preview."""

import base64
import datetime

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import RequestFactory
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import APIToken, Collection, CollectionViewRestriction

import time_machine

from articles.models import TreatmentPage
from tests.api_content import APITestCase, assert_valid, make_image
from tests.factories import TreatmentPageFactory, UserFactory, stream

HIDDEN = ("Secret laser", "Staff only peel", "Other clinic laser")


class TestAnonymousReaders(APITestCase):
    def titles(self, url: str) -> list[str]:
        data = self.get_json(url)
        return [item["title"] for item in data["items"]]

    def assert_hidden(self, url: str) -> None:
        titles = self.titles(url)
        assert not set(titles) & set(HIDDEN), (url, titles)

    def test_lists_searches_and_filters_show_only_live_public_pages_of_this_site(self):
        index = self.content.index.pk
        for url in [
            "/api/v3/pages/?limit=50",
            "/api/v3/pages/?type=articles.TreatmentPage",
            f"/api/v3/pages/?child_of={index}",
            f"/api/v3/pages/?descendant_of={self.content.home.pk}",
            "/api/v3/pages/?search=laser",
            "/api/v3/pages/?search=peel",
            "/api/v3/pages/?type=articles.TreatmentPage&slug=secret-laser",
            "/api/v3/guides/",
            "/api/v3/guides/?search=laser",
            "/api/v3/guides/?updated_since=2000-01-01T00:00:00Z",
            "/api/v2/pages/?limit=50",
            "/api/v2/pages/?type=articles.TreatmentPage&search=laser",
            f"/api/v2/pages/?child_of={index}",
            "/api/v2/pages/?type=articles.TreatmentPage&slug=secret-laser",
        ]:
            self.assert_hidden(url)
        assert self.titles("/api/v3/guides/") == ["Chemical peel", "Microneedling"]

    def test_details_and_find_are_404(self):
        for page in (self.content.draft, self.content.private, self.content.foreign):
            self.get_json(f"/api/v3/pages/{page.pk}/", status=404)
            self.get_json(f"/api/v3/pages/{page.pk}/?version=draft", status=404)
            self.get_json(f"/api/v3/pages/find/?id={page.pk}", status=404)
            self.get_json(f"/api/v2/pages/{page.pk}/", status=404)
            self.get_json(f"/api/v2/pages/find/?id={page.pk}", status=404)
        for path in ("/treatments/secret-laser/", "/treatments/staff-only-peel/"):
            self.get_json(f"/api/v3/pages/find/?html_path={path}", status=404)
            self.get_json(f"/api/v2/pages/find/?html_path={path}", status=404)

    def test_relative_filters_cannot_reach_hidden_pages(self):
        for page in (self.content.draft, self.content.private, self.content.foreign):
            self.get_json(f"/api/v3/pages/?child_of={page.pk}", status=400)
            self.get_json(f"/api/v3/pages/?ancestor_of={page.pk}", status=400)
            self.get_json(f"/api/v2/pages/?descendant_of={page.pk}", status=400)

    def test_another_site_cannot_be_named(self):
        for url in [
            "/api/v3/pages/?site=other.example",
            f"/api/v3/pages/{self.content.foreign.pk}/?site=other.example",
            "/api/v3/pages/find/?html_path=/other-treatments/other-laser/&site=other.example",
            "/api/v2/pages/?site=other.example",
            f"/api/v2/pages/{self.content.foreign.pk}/?site=other.example",
        ]:
            self.get_json(url, status=400)
        # Naming the site one addresses is harmless.
        assert self.get_json("/api/v3/pages/?site=localhost")["count"] > 0

    def test_a_newer_draft_stays_hidden_behind_the_live_version(self):
        guide = TreatmentPage.objects.get(pk=self.content.guide.pk)
        guide.title = "Microneedling (new draft)"
        guide.save_revision()
        for url in (
            f"/api/v3/pages/{guide.pk}/?version=draft",
            f"/api/v2/pages/{guide.pk}/",
        ):
            assert self.get_json(url)["title"] == "Microneedling"

    def test_a_staff_session_does_not_open_v3(self):
        self.client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
        self.get_json(f"/api/v3/pages/{self.content.draft.pk}/", status=404)
        assert self.get_json("/api/v3/guides/?search=secret")["count"] == 0

    def test_unpublished_saved_questions_never_show(self):
        data = self.get_json(f"/api/v3/pages/{self.content.guide.pk}/")
        assert "secret question" not in str(data).lower()


class TestStrictParameters(APITestCase):
    def problem(self, url: str, status: int = 400) -> str:
        response = self.client.get(url)
        assert response.status_code == status, response.content
        assert response["Content-Type"] == "application/problem+json"
        return response.json()["detail"]

    def test_unknown_parameters_are_a_400_that_lists_the_accepted_ones(self):
        detail = self.problem("/api/v3/pages/?fields=title")
        assert "fields" in detail and "child_of" in detail
        self.problem(f"/api/v3/pages/{self.content.guide.pk}/?colour=blue")
        self.problem("/api/v3/guides/?type=articles.TreatmentPage")
        self.problem("/api/v3/pages/?type=articles.TreatmentPage&no_such_field=1")

    def test_malformed_values_are_a_400_not_a_422_or_500(self):
        for url in [
            "/api/v3/pages/?limit=abc",
            "/api/v3/pages/?limit=1000",
            "/api/v3/pages/?order=path",
            "/api/v3/pages/?type=nope.Nope",
            "/api/v3/pages/?child_of=99999999999999999999",
            "/api/v3/pages/?search=%00",
            "/api/v3/documents/?search=%0D",
            "/api/v3/guides/?updated_since=0001-01-01T00:00:00%2B01:00",
            "/api/v3/guides/?updated_since=1700000000",
            "/api/v3/guides/?updated_since=yesterday",
            "/api/v3/guides/?concern=no-such-concern",
            "/api/v3/guides/?order=random",
            f"/api/v3/pages/{self.content.guide.pk}/?rich_text_format=pdf",
            "/api/v3/pages/find/?id=abc",
        ]:
            self.problem(url)
        self.problem("/api/v3/pages/99999999999999999999/", status=404)
        self.problem("/api/v3/pages/abc/", status=404)
        # A search without a word was a server error on SQLite (a stray quote broke its syntax).
        for endpoint in ("pages", "guides", "images", "documents"):
            detail = self.problem(f"/api/v3/{endpoint}/?search=%22")
            assert detail.startswith("search: Type at least one word"), detail

    def test_field_filters_and_known_parameters_still_work(self):
        data = self.get_json("/api/v3/pages/?type=articles.TreatmentPage&slug=microneedling")
        assert [item["id"] for item in data["items"]] == [self.content.guide.pk]
        data = self.get_json("/api/v3/pages/?type=articles.TreatmentPage&order=-title&limit=1")
        assert data["items"][0]["title"] == "Microneedling"


class TestGuidesFeed(APITestCase):
    def titles(self, query: str) -> list[str]:
        return [item["title"] for item in self.get_json(f"/api/v3/guides/?{query}")["items"]]

    def test_feed_filters_by_concern_update_time_and_search_with_ordering(self):
        assert self.titles("concern=acne-scars") == ["Microneedling"]
        assert self.titles("updated_since=2026-02-01T00:00:00Z") == ["Chemical peel"]
        assert self.titles("updated_since=2026-02-01") == ["Chemical peel"]
        assert self.titles("order=-last_published_at") == ["Chemical peel", "Microneedling"]
        assert self.titles("search=needles") == ["Microneedling"]
        assert self.titles("search=skin&concern=fine-lines") == ["Chemical peel"]

    def test_feed_items_are_whole_guides(self):
        item = self.get_json("/api/v3/guides/?concern=acne-scars")["items"][0]
        assert item["body"] and item["review_info"]["reviewed_by"]
        assert item["meta"]["type"] == "articles.TreatmentPage"


class TestTokens(APITestCase):
    def test_api_tokens_command_makes_a_token_that_reads_drafts(self):
        from io import StringIO

        out = StringIO()
        call_command("api_tokens", "create", "--user", "eddie", "--name", "app", stdout=out)
        token = next(word for word in out.getvalue().split() if word.startswith("wagtail_"))
        url = f"/api/v3/pages/{self.content.draft.pk}/?version=draft"
        assert self.get_json(url, Authorization=f"Bearer {token}")["title"] == "Secret laser"

    def test_a_revoked_or_wrong_token_is_anonymous_or_refused(self):
        instance, token = APIToken.create_token(user=self.content.editor, name="old")
        instance.revoke()
        url = f"/api/v3/pages/{self.content.draft.pk}/"
        self.get_json(url, status=404, Authorization=f"Bearer {token}")
        response = self.client.patch(
            url, {"title": "x"}, content_type="application/json", HTTP_AUTHORIZATION="Bearer no"
        )
        assert response.status_code == 401


class TestHeadlessPreview(APITestCase):
    def preview(self, page) -> tuple[str, str]:
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        response = page.make_preview_request(request, preview_mode="headless")
        assert response.status_code == 200
        html = response.content.decode()
        assert "/api/v3/preview/?content_type=articles.treatmentpage" in html
        return html.split("token=")[1].split('"')[0].replace("&amp;", "&"), html

    def test_the_headless_mode_hands_the_front_end_the_draft(self):
        draft = TreatmentPage.objects.get(pk=self.content.draft.pk)
        draft.summary = "Work in progress."
        token, _html = self.preview(draft)
        url = f"/api/v3/preview/?content_type=articles.treatmentpage&token={token}"
        data = self.get_json(url)
        assert data["title"] == "Secret laser"
        assert data["summary"] == "Work in progress."
        assert data["meta"]["type"] == "articles.TreatmentPage"

    def test_a_new_guide_previews_before_it_is_saved(self):
        index = self.content.index
        page = TreatmentPage(title="Brand new", slug="brand-new", summary="Not saved yet.")
        page.depth, page.path, page.locale = index.depth + 1, index.path + "ZZZZ", index.locale
        page.set_url_path(index)  # as the admin's preview of its add form does
        token, _html = self.preview(page)
        data = self.get_json(f"/api/v3/preview/?content_type=articles.treatmentpage&token={token}")
        assert (data["id"], data["title"]) == (0, "Brand new")
        assert data["body"]  # the standard, empty sections
        assert_valid("TreatmentPageSchema", data)

    def test_the_site_preview_still_works(self):
        response = self.content.guide.make_preview_request()
        assert response.status_code == 200
        assert b"Microneedling" in response.content

    def test_bad_or_old_tokens_show_nothing(self):
        token, _html = self.preview(TreatmentPage.objects.get(pk=self.content.draft.pk))
        base = "/api/v3/preview/?content_type=articles.treatmentpage&token="
        self.get_json(base + token[:-2] + "xx", status=404)
        self.get_json("/api/v3/preview/?content_type=wagtailcore.site&token=" + token, status=400)
        self.get_json("/api/v3/preview/?content_type=articles.treatmentpage", status=400)
        later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=2)
        with time_machine.travel(later):
            self.get_json(base + token, status=404)


class TestV2IsAnonymousOnly(APITestCase):
    def test_basic_auth_with_a_valid_password_opens_no_private_page(self):
        UserFactory(username="member", password="right-password")
        basic = "Basic " + base64.b64encode(b"member:right-password").decode()
        private = self.content.private
        self.get_json(f"/api/v2/pages/{private.pk}/", status=404, Authorization=basic)
        self.get_json(f"/api/v2/pages/find/?id={private.pk}", status=404, Authorization=basic)
        listed = self.get_json("/api/v2/pages/?limit=50", Authorization=basic)["items"]
        assert "Staff only peel" not in [item["title"] for item in listed]
        # Nor does a signed-in session (v2 is for public content, like v3 without a token).
        self.client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
        self.get_json(f"/api/v2/pages/{private.pk}/", status=404)


class TestAnonymousMedia(APITestCase):
    """Anonymous readers list only the images and documents that live public pages use."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        content = cls.content
        cls.draft_image = titled(make_image(), "Draft only")
        cls.unused_image = titled(make_image(), "Never used")
        staff_only = Collection.get_first_root_node().add_child(name="Staff only")
        CollectionViewRestriction.objects.create(collection=staff_only, restriction_type="login")
        cls.restricted_image = titled(make_image(), "Staff collection")
        cls.restricted_image.collection = staff_only
        cls.restricted_image.save()
        cls.live_leaflet = make_document("Live leaflet")
        cls.draft_leaflet = make_document("Draft leaflet")
        cls.unreleased = TreatmentPageFactory(
            parent=content.index,
            title="Unreleased laser",
            live=False,
            hero_image=cls.draft_image,
            body=stream(("text", leaflet_link(cls.draft_leaflet))),
        )
        TreatmentPageFactory(
            parent=content.index,
            title="Live guide with media",
            hero_image=cls.restricted_image,
            body=stream(("text", leaflet_link(cls.live_leaflet))),
        )

    def titles(self, url: str, **headers) -> set[str]:
        data = self.get_json(url, **headers)
        return {item["title"] for item in data["items"]}

    def test_media_only_drafts_use_is_not_listed_anonymously(self):
        for version in ("v2", "v3"):
            assert self.titles(f"/api/{version}/images/") == {"Cheek"}, version
            assert self.titles(f"/api/{version}/documents/") == {"Live leaflet"}, version
            self.get_json(f"/api/{version}/images/{self.draft_image.pk}/", status=404)
            self.get_json(f"/api/{version}/images/{self.restricted_image.pk}/", status=404)
            self.get_json(f"/api/{version}/documents/{self.draft_leaflet.pk}/", status=404)
        assert self.titles("/api/v3/images/?search=draft") == set()
        assert self.get_json(f"/api/v3/images/{self.content.image.pk}/")["title"] == "Cheek"

    def test_publishing_the_page_lists_its_media(self):
        self.unreleased.save_revision().publish()
        assert self.titles("/api/v3/images/") == {"Cheek", "Draft only"}
        assert self.titles("/api/v2/documents/") == {"Live leaflet", "Draft leaflet"}

    def test_a_token_sees_the_library(self):
        token = APIToken.create_token(user=self.content.editor, name="app")[1]
        titles = self.titles("/api/v3/images/", Authorization=f"Bearer {token}")
        assert titles >= {"Cheek", "Draft only", "Never used", "Staff collection"}


def titled(image, title: str):
    image.title = title
    image.save()
    return image


def make_document(title: str):
    document = get_document_model()(title=title)
    document.file.save(f"{slugify(title)}.txt", ContentFile(b"Aftercare leaflet"), save=False)
    document.save()
    return document


def leaflet_link(document) -> str:
    return f'<p>Read <a linktype="document" id="{document.pk}">the leaflet</a>.</p>'
