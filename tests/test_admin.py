"""What staff editors get in the Wagtail admin: creating guides from the form, with clear errors."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text, streamfield

import pytest

from articles.models import TreatmentIndexPage, TreatmentPage
from home.models import HomePage
from tests.admin_posts import guide_form, list_block, procedure
from tests.factories import SkinConcernFactory, UserFactory, build_site

BENEFITS = (
    "benefits",
    {
        "heading": "What it can help with",
        "intro": "",
        "benefits": list_block(
            [{"title": "Smoother skin", "description": "Make-up goes on evenly."}]
        ),
    },
)


FAQS = (
    "faqs",
    {
        "heading": "Questions people ask",
        "questions": streamfield(
            [
                (
                    "question",
                    {"question": "Does hair grow back thicker?", "answer": rich_text("<p>No.</p>")},
                )
            ]
        ),
    },
)


class TestEditorsCreateGuides(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = build_site()
        cls.concern = SkinConcernFactory(name="Dull skin")

    def setUp(self):
        self.user = UserFactory(username="editor", is_staff=True, is_superuser=True)
        self.client.force_login(self.user)

    def test_guides_can_only_be_created_under_the_treatments_index(self):
        self.assertCanCreateAt(TreatmentIndexPage, TreatmentPage)
        self.assertCanNotCreateAt(HomePage, TreatmentPage)
        self.assertCanNotCreateAt(TreatmentPage, TreatmentPage)

    def test_editor_creates_a_guide_with_a_structured_body(self):
        data = guide_form(
            [BENEFITS, procedure(["Cleansing", "Gentle scraping"]), FAQS],
            concerns=[self.concern],
        )
        data["action-publish"] = "action-publish"
        self.assertCanCreate(self.index, TreatmentPage, data)

        guide = TreatmentPage.objects.get(slug="dermaplaning")
        assert guide.live
        assert [block.block_type for block in guide.body] == ["benefits", "procedure", "faqs"]
        assert [step["title"] for step in guide.body[1].value["steps"]] == [
            "Cleansing",
            "Gentle scraping",
        ]
        assert list(guide.concerns.all()) == [self.concern]

        html = self.client.get(guide.url).content.decode()
        assert "Smoother skin" in html and "Does hair grow back thicker?" in html

    def test_add_form_starts_with_the_standard_sections_in_order(self):
        response = self.client.get(f"/admin/pages/add/articles/treatmentpage/{self.index.pk}/")
        html = response.content.decode()
        assert response.status_code == 200
        positions = [
            html.index(f"&quot;type&quot;: &quot;{name}&quot;")
            for name in ("overview", "benefits", "procedure", "aftercare", "warning_signs", "faqs")
        ]
        assert positions == sorted(positions)

    def test_one_step_is_refused_with_a_message_on_the_steps_field(self):
        data = guide_form([procedure(["Only step"])])
        data["action-publish"] = "action-publish"
        response = self.client.post(
            f"/admin/pages/add/articles/treatmentpage/{self.index.pk}/", data
        )
        assert response.status_code == 200  # the form comes back with the editor's work in it
        assert not TreatmentPage.objects.filter(slug="dermaplaning").exists()
        html = response.content.decode()
        assert "The page could not be created due to validation errors" in html
        assert "Add at least two steps" in html
        assert "Only step" in html  # nothing the editor typed is lost

    def test_unfinished_guide_can_be_saved_as_a_draft(self):
        response = self.client.post(
            f"/admin/pages/add/articles/treatmentpage/{self.index.pk}/",
            guide_form([procedure(["Only step"])]),
        )
        assert response.status_code == 302
        guide = TreatmentPage.objects.get(slug="dermaplaning")
        assert not guide.live

    def test_second_faq_section_is_refused(self):
        data = guide_form([FAQS, FAQS])
        data["action-publish"] = "action-publish"
        response = self.client.post(
            f"/admin/pages/add/articles/treatmentpage/{self.index.pk}/", data
        )
        assert response.status_code == 200
        assert "FAQs: The maximum number of items is 1" in response.content.decode()


@pytest.mark.django_db
def test_block_picker_groups_sections_for_editors(client):
    _home, index = build_site()
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    html = client.get(f"/admin/pages/add/articles/treatmentpage/{index.pk}/").content.decode()
    assert "Guide sections" in html
    assert "General" in html
