"""The headless API as consumers read it: typed, documented JSON for every block (v3 and v2).

The OpenAPI document is the contract: every block's JSON in a guide that uses them all is
validated against the document's own component for it.
"""

import json

from openapi_spec_validator import validate as validate_openapi

from articles.blocks import GuideBodyBlock
from headless.block_schemas import UNTYPED
from headless.openapi import openapi_document
from tests.api_content import (
    APITestCase,
    assert_valid,
    block_component,
)

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
