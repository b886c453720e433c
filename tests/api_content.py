"""The API tests' shared content: a site with a guide that uses every block, a draft, a private
guide and a second site; the OpenAPI contract check; bearer-token helpers for writes."""

import datetime
import re

from django.contrib.auth.models import Group
from django.test import TestCase

from wagtail.models import APIToken, Page, PageViewRestriction, Site

import time_machine
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from articles.blocks import GuideBodyBlock
from governance.models import ClinicianProfile
from governance.reviews import REVIEWERS_GROUP, record_review
from governance.roles import EDITORS_GROUP, setup_roles
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
from tests.factories import make_image as factories_make_image

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
    """The API tests' picture, large enough for every rendition the API offers."""
    return factories_make_image("Cheek", size=(1200, 800), name="api-test.png")


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


def without_block_keys(data):
    """``data`` with the rich text editor's paragraph keys taken out of any HTML."""
    if isinstance(data, dict):
        return {key: without_block_keys(value) for key, value in data.items()}
    if isinstance(data, list):
        return [without_block_keys(value) for value in data]
    if isinstance(data, str):
        return re.sub(r' data-block-key="\w+"', "", data)
    return data


class WriteTestCase(APITestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor_token = APIToken.create_token(user=cls.content.editor, name="cms")[1]
        cls.reviewer_token = APIToken.create_token(user=cls.content.reviewer, name="cms")[1]

    def send(self, method: str, url: str, data: dict, token: str):
        return getattr(self.client, method)(
            url, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )

    def create(self, token: str, **fields):
        data = {
            "meta": {"type": "articles.TreatmentPage", "parent_id": self.content.index.pk},
            "title": "Dermaplaning",
            "summary": "A small blade removes dead skin.",
            **fields,
        }
        return self.send("post", "/api/v3/pages/", data, token)

    def read_draft(self, page_id: int, token: str) -> dict:
        url = f"/api/v3/pages/{page_id}/?version=draft"
        return self.get_json(url, Authorization=f"Bearer {token}")
