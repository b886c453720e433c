"""The headless API as consumers read it: typed, documented JSON for every block (v3 and v2).

The OpenAPI document is the contract: every block's JSON in a guide that uses them all is
validated against the document's own component for it.
"""

import datetime
import io
import json

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase

from wagtail.models import Page, PageViewRestriction, Site

import pytest
import time_machine
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from articles.blocks import GuideBodyBlock
from governance.models import ClinicianProfile
from governance.reviews import REVIEWERS_GROUP, record_review
from governance.roles import EDITORS_GROUP, setup_roles
from headless.block_schemas import UNTYPED
from headless.openapi import openapi_document
from tests.factories import (
    FAQFactory,
    HomePageFactory,
    SkinConcernFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    UserFactory,
    build_site,
    stream,
)

# --- Content with every block, shared by the API tests ------------------------------------------


def every_block(image_id: int, faq_ids: list[int]) -> list[tuple[str, dict]]:
    """A guide body that uses every block type (raw values, as the database stores them)."""
    return [
        (
            "overview",
            {
                "heading": "What it is",
                "text": '<p>Tiny needles. See <a href="https://www.aad.org/">the AAD</a>.</p>',
                "sources": "1",
            },
        ),
        (
            "benefits",
            {
                "heading": "What it can help with",
                "intro": "It can help with:",
                "benefits": [{"title": "Acne scars", "description": "Scars look softer."}],
                "sources": "1, 2",
            },
        ),
        (
            "suitability",
            {
                "heading": "Is it right for me?",
                "suits": ["You have acne scars"],
                "not_suitable": ["You are pregnant"],
                "note": "Ask your doctor.",
                "sources": "",
            },
        ),
        (
            "preparation",
            {
                "heading": "Getting ready",
                "intro": "",
                "items": [{"when": "1 week before", "text": "Stop retinol."}],
                "sources": "",
            },
        ),
        (
            "procedure",
            {
                "heading": "What happens",
                "intro": "",
                "steps": [
                    {
                        "title": "Numbing",
                        "text": "Cream goes on.",
                        "duration": "20 minutes",
                        "image": {
                            "image": image_id,
                            "alt_text": "A nurse puts cream on a cheek",
                            "decorative": False,
                            "caption": "",
                        },
                    },
                    {
                        "title": "Treatment",
                        "text": "A pen moves over the skin.",
                        "duration": "",
                        "image": {
                            "image": None,
                            "alt_text": "",
                            "decorative": False,
                            "caption": "",
                        },
                    },
                ],
                "total_time": "1 hour",
                "sources": "",
            },
        ),
        (
            "risks",
            {
                "heading": "Risks",
                "intro": "",
                "common": [{"name": "Redness", "description": "For 1 to 3 days."}],
                "rare": [{"name": "Infection", "description": "Rare."}],
                "sources": "2",
            },
        ),
        (
            "aftercare",
            {
                "heading": "Afterwards",
                "intro": "",
                "timeline": [{"period": "First 24 hours", "instructions": ["Cool water only."]}],
                "dos": ["Use sunscreen"],
                "donts": ["No make-up for a day"],
                "sources": "",
            },
        ),
        (
            "warning_signs",
            {
                "heading": "Get help today",
                "urgency": "urgent",
                "intro": "Call us if you have:",
                "items": ["A fever"],
                "action": "Call the clinic.",
                "sources": "",
            },
        ),
        (
            "warning_signs",
            {
                "heading": "Emergency",
                "urgency": "emergency",
                "intro": "",
                "items": ["Swelling of the lips"],
                "action": "Call 911.",
                "sources": "",
            },
        ),
        (
            "results",
            {
                "heading": "Results",
                "text": "<p>Slowly, over weeks.</p>",
                "milestones": [{"when": "After 4 weeks", "what": "Smoother skin."}],
                "maintenance": "",
                "sources": "",
            },
        ),
        (
            "choosing_provider",
            {
                "heading": "Choosing a provider",
                "intro": "",
                "checklist": ["They are licensed"],
                "questions": ["How many have you done?"],
                "sources": "",
            },
        ),
        (
            "faqs",
            {
                "heading": "Questions",
                "questions": [
                    {"type": "question", "value": {"question": "Hurt?", "answer": "<p>A bit.</p>"}},
                    *({"type": "saved_question", "value": faq_id} for faq_id in faq_ids),
                ],
                "sources": "",
            },
        ),
        (
            "references",
            {
                "heading": "Sources",
                "references": [
                    {
                        "title": "Microneedling: a review",
                        "source": "Smith J",
                        "publication": "J Skin",
                        "year": 2021,
                        "url": "",
                        "doi": "10.1111/jocd.12345",
                        "pmid": "",
                    },
                    {
                        "title": "Microneedling",
                        "source": "American Academy of Dermatology",
                        "publication": "",
                        "year": None,
                        "url": "https://www.aad.org/",
                        "doi": "",
                        "pmid": "31234567",
                    },
                ],
            },
        ),
        ("text", "<p>More to know.</p>"),
        (
            "callout",
            {"tone": "tip", "heading": "Bring questions", "text": "<p>Write them down.</p>"},
        ),
        (
            "image",
            {
                "image": image_id,
                "alt_text": "Skin after 4 weeks",
                "decorative": False,
                "caption": "!",
            },
        ),
    ]


def make_image():
    import io

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), "#005a8c").save(buffer, format="PNG")
    image = get_image_model()(title="Cheek")
    image.file.save("api-test.png", ImageFile(buffer, name="api-test.png"), save=False)
    image.save()
    return image


class APIContent:
    """A site with a complete, reviewed guide, a draft, a private guide and a second site."""

    def __init__(self):
        self.home, self.index = build_site()
        setup_roles(self.home, self.index)
        self.acne = SkinConcernFactory(name="Acne scars", slug="acne-scars")
        self.lines = SkinConcernFactory(name="Fine lines", slug="fine-lines")
        self.image = make_image()
        self.faq = FAQFactory(question="How long does it take?", answer="<p>An hour.</p>")
        self.faq_draft = FAQFactory(question="A secret question?", live=False)
        self.editor = UserFactory(username="eddie")
        self.editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
        self.reviewer = UserFactory(username="rita", first_name="Rita", last_name="Reviewer")
        self.reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
        ClinicianProfile.objects.create(
            user=self.reviewer, name="Dr Rita Reviewer", credentials="MD", role="Dermatologist"
        )
        with time_machine.travel(datetime.datetime(2026, 1, 10, 9, tzinfo=datetime.UTC)):
            self.guide = TreatmentPageFactory(
                parent=self.index,
                title="Microneedling",
                slug="microneedling",
                summary="Tiny needles help skin renew.",
                hero_image=self.image,
                hero_image_alt="A microneedling pen",
                concerns=[self.acne],
                body=stream(*every_block(self.image.pk, [self.faq.pk, self.faq_draft.pk])),
            )
        record_review(self.guide, self.reviewer, reviewed_at=self.guide.last_published_at)
        with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)):
            self.peel = TreatmentPageFactory(
                parent=self.index,
                title="Chemical peel",
                slug="chemical-peel",
                summary="An acid solution removes the top layer of skin.",
                concerns=[self.lines],
            )
        self.draft = TreatmentPageFactory(
            parent=self.index, title="Secret laser", slug="secret-laser", live=False
        )
        self.private = TreatmentPageFactory(
            parent=self.index, title="Staff only peel", slug="staff-only-peel"
        )
        PageViewRestriction.objects.create(
            page=self.private, restriction_type=PageViewRestriction.LOGIN
        )
        # A second site, on another host, with its own guide.
        other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-home")
        Site.objects.create(hostname="other.example", port=80, root_page=other_home)
        other_index = TreatmentIndexPageFactory(parent=other_home, slug="other-treatments")
        self.foreign = TreatmentPageFactory(
            parent=other_index, title="Other clinic laser", slug="other-laser"
        )


# --- Contract helpers -----------------------------------------------------------------------------


def schema_validator(component: str) -> Draft202012Validator:
    """Validates JSON against ``#/components/schemas/<component>`` of our OpenAPI document."""
    document = openapi_document()
    registry = Registry().with_resource(
        "urn:openapi", Resource.from_contents(document, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"urn:openapi#/components/schemas/{component}"}, registry=registry
    )


def assert_valid(component: str, instance) -> None:
    errors = sorted(schema_validator(component).iter_errors(instance), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def block_component(block_type: str) -> str:
    return GuideBodyBlock().child_blocks[block_type].__class__.__name__


class APITestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.content = APIContent()

    def get_json(self, url: str, status: int = 200, **headers) -> dict:
        response = self.client.get(url, headers=headers)
        assert response.status_code == status, response.content.decode()[:1000]
        return response.json()


# --- The OpenAPI document -----------------------------------------------------------------------


def test_openapi_document_validates_and_is_served(client, db):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate_openapi(document)
    assert "AllowAnonymous" not in document["components"].get("securitySchemes", {})
    assert document["info"]["title"] == "Patient guides API"
    assert client.get("/api/v3/docs/").status_code == 200


def test_every_block_type_has_a_typed_schema():
    schemas = openapi_document()["components"]["schemas"]
    body = schemas["TreatmentPageSchema"]["properties"]["body"]
    assert body["$ref"] == "#/components/schemas/GuideBodyBlock"
    mapping = schemas["GuideBodyBlock"]["items"]["discriminator"]["mapping"]
    assert set(mapping) == set(GuideBodyBlock().child_blocks)
    for block_type, block in GuideBodyBlock().child_blocks.items():
        schema = schemas[type(block).__name__]
        assert schema.get("type") in ("object", "string"), block_type
        if schema["type"] == "object":
            assert schema["additionalProperties"] is False
            assert set(schema["properties"]) >= set(block.child_blocks)
    aftercare = schemas["AftercareBlock"]["properties"]
    assert aftercare["timeline"]["items"] == {"$ref": "#/components/schemas/AftercarePeriodBlock"}
    assert aftercare["health_aspect"]["const"] == "SelfCareHealthAspect"
    urgency = schemas["WarningSignsBlock"]["properties"]["urgency"]["enum"]
    assert set(urgency) >= {"non_urgent", "urgent", "emergency"}
    assert UNTYPED not in json.dumps(openapi_document())
    # Writes are typed too, and accept what was read.
    write_body = schemas["TreatmentPageCreateSchema"]["properties"]["body"]
    assert write_body["$ref"] == "#/components/schemas/GuideBodyBlockInput"


# --- Reading a guide (v3) -----------------------------------------------------------------------


class TestGuideJSON(APITestCase):
    def setUp(self):
        self.data = self.get_json(f"/api/v3/pages/{self.content.guide.pk}/")
        self.body = self.data["body"]

    def blocks(self, block_type: str) -> list[dict]:
        return [item["value"] for item in self.body if item["type"] == block_type]

    def test_the_whole_guide_matches_the_openapi_schema(self):
        assert_valid("TreatmentPageSchema", self.data)

    def test_each_block_matches_its_own_component(self):
        assert {item["type"] for item in self.body} == set(GuideBodyBlock().child_blocks)
        for item in self.body:
            assert_valid(f"GuideBodyBlock_{item['type']}", item)
            assert_valid(block_component(item["type"]), item["value"])

    def test_sections_carry_their_health_aspect_and_citations(self):
        sections = [item for item in self.body if isinstance(item["value"], dict)]
        aspects = {item["type"]: item["value"].get("health_aspect") for item in sections}
        assert aspects["benefits"] == "BenefitsHealthAspect"
        assert aspects["aftercare"] == "SelfCareHealthAspect"
        assert aspects["warning_signs"] == "MedicalHelpUrgentHealthAspect"
        assert aspects["procedure"] == "HowItWorksHealthAspect"
        assert self.blocks("benefits")[0]["citations"] == [1, 2]
        assert [s["number"] for s in self.data["sources"]] == [1, 2]
        assert self.data["sources"][1]["url"] == "https://www.aad.org/"

    def test_lists_and_nested_values(self):
        assert self.blocks("benefits")[0]["benefits"] == [
            {"title": "Acne scars", "description": "Scars look softer."}
        ]
        timeline = self.blocks("aftercare")[0]["timeline"]
        assert timeline == [{"period": "First 24 hours", "instructions": ["Cool water only."]}]
        cards = [(card["urgency"], card["urgency_label"]) for card in self.blocks("warning_signs")]
        assert cards == [("urgent", "Urgent advice"), ("emergency", "Emergency")]
        assert [s["title"] for s in self.blocks("procedure")[0]["steps"]] == [
            "Numbing",
            "Treatment",
        ]

    def test_rich_text_is_html_with_working_links(self):
        overview = self.blocks("overview")[0]
        assert overview["text"].startswith("<p>Tiny needles.")
        assert 'href="https://www.aad.org/"' in overview["text"]
        assert self.blocks("text")[0] == "<p>More to know.</p>"

    def test_saved_questions_are_inlined_only_while_published(self):
        questions = self.blocks("faqs")[0]["questions"]
        assert [q["type"] for q in questions] == ["question", "saved_question"]
        assert questions[1]["value"] == {
            "id": self.content.faq.pk,
            "question": "How long does it take?",
            "answer": "<p>An hour.</p>",
        }
        assert "secret" not in json.dumps(self.data).lower()

    def test_images_come_with_webp_renditions_and_alt_text(self):
        image_block = self.blocks("image")[0]
        assert image_block["alt_text"] == "Skin after 4 weeks"
        image = image_block["image"]
        assert image["id"] == self.content.image.pk
        assert set(image["renditions"]) == {"small", "medium", "large"}
        small = image["renditions"]["small"]
        assert small["url"].startswith("http") and small["url"].endswith(".webp")
        assert small["width"] == 480
        step_image = self.blocks("procedure")[0]["steps"][0]["image"]
        assert step_image["image"]["id"] == self.content.image.pk
        assert self.data["hero_image"]["renditions"]["large"]["width"] == 1200
        assert self.data["hero_image_alt"] == "A microneedling pen"

    def test_concerns_review_and_reading_grade(self):
        assert [(c["name"], c["slug"]) for c in self.data["concerns"]] == [
            ("Acne scars", "acne-scars")
        ]
        review = self.data["review_info"]
        assert review["reviewed_by"]["name"] == "Dr Rita Reviewer"
        assert review["last_reviewed"] == "2026-01-10"
        assert isinstance(self.data["reading_grade"], float)

    def test_rich_text_format_can_be_chosen(self):
        data = self.get_json(f"/api/v3/pages/{self.content.guide.pk}/?rich_text_format=markdown")
        text = next(item["value"] for item in data["body"] if item["type"] == "text")
        assert text.strip() == "More to know."


@pytest.mark.django_db
def test_the_demo_guides_match_the_schema(client):
    """The demo content (as a newcomer's site has it) keeps to the published contract."""
    call_command("load_initial_data", stdout=io.StringIO())
    feed = client.get("/api/v3/guides/?limit=50").json()
    assert feed["count"] >= 3
    assert_valid("PagedTreatmentPageSchema", feed)


# --- v2 -----------------------------------------------------------------------------------------


class TestV2(APITestCase):
    def test_v2_pages_images_documents_and_the_same_block_output(self):
        guide = self.content.guide
        v2 = self.get_json(f"/api/v2/pages/{guide.pk}/")
        v3 = self.get_json(f"/api/v3/pages/{guide.pk}/")
        assert v2["body"] == v3["body"]
        assert v2["review_info"] == v3["review_info"]
        assert v2["sources"] == v3["sources"]
        assert self.get_json("/api/v2/images/")["meta"]["total_count"] == 1
        assert self.get_json("/api/v2/documents/")["meta"]["total_count"] == 0

    def titles(self, query: str) -> list[str]:
        url = f"/api/v2/pages/?type=articles.TreatmentPage&{query}"
        return [page["title"] for page in self.get_json(url)["items"]]

    def test_v2_filters_by_concern_and_update_time(self):
        assert self.titles("concern=acne-scars") == ["Microneedling"]
        assert self.titles("updated_since=2026-02-01T00:00:00Z") == ["Chemical peel"]
        assert self.titles("search=needles") == ["Microneedling"]

    def test_v2_rejects_unknown_and_bad_parameters(self):
        self.get_json("/api/v2/pages/?colour=blue", status=400)
        self.get_json("/api/v2/pages/?concern=nope", status=400)
        self.get_json("/api/v2/pages/?updated_since=yesterday", status=400)
        self.get_json("/api/v2/pages/?updated_since=2026-13-45", status=400)
        self.get_json("/api/v2/pages/?search=%20%20", status=400)
        self.get_json("/api/v2/images/?search=%00", status=400)
        self.get_json("/api/v2/pages/?child_of=99999999999999999999", status=400)
        self.get_json("/api/v2/pages/99999999999999999999/", status=404)
        # Each a server error once: an id that is not a number, a search without words.
        for url, message in [
            ("/api/v2/pages/find/?id=abc", "id: expected a whole number"),
            ("/api/v2/pages/find/?id=", "id: expected a whole number"),
            ("/api/v2/pages/?search=%22", "search: Type at least one word"),
            ("/api/v2/images/?search=%22%22", "search: Type at least one word"),
            ("/api/v2/documents/?search=%22", "search: Type at least one word"),
        ]:
            assert self.get_json(url, status=400)["message"].startswith(message), url
