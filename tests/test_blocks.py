"""Guide blocks: the validation editors meet and the HTML patients get."""

from django.core.exceptions import ValidationError

from wagtail.blocks.struct_block import StructBlockValidationError

import pytest

from articles.blocks import (
    STANDARD_SECTIONS,
    AftercareBlock,
    BenefitsBlock,
    CalloutBlock,
    FAQBlock,
    GuideBodyBlock,
    ImageBlock,
    ProcedureStepsBlock,
    ReferencesBlock,
    SectionBlock,
    WarningSignsBlock,
    standard_guide_body,
)
from tests.factories import FAQFactory, steps

BODY = GuideBodyBlock()


def clean(block, raw):
    """Run a block's validation on raw (JSON-style) data, as the admin form does on publish."""
    return block.clean(block.to_python(raw))


def field_errors(excinfo) -> dict[str, str]:
    return {name: " ".join(err.messages) for name, err in excinfo.value.block_errors.items()}


# --- Validation -------------------------------------------------------------------------------


def test_procedure_needs_two_steps_and_says_so_on_the_steps_field():
    block = ProcedureStepsBlock()
    raw = {"heading": "What happens", "steps": steps("Numbing"), "intro": "", "total_time": ""}
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, raw)
    assert "at least two steps" in field_errors(excinfo)["steps"]

    raw["steps"] = steps("Numbing", "Treatment")
    assert len(clean(block, raw)["steps"]) == 2


def test_unfinished_procedure_can_still_be_saved_as_a_draft():
    block = ProcedureStepsBlock()
    block.defer_required_validation()
    try:
        cleaned = clean(block, {"heading": "What happens", "steps": steps("Numbing")})
    finally:
        block.restore_deferred_validation()
    assert len(cleaned["steps"]) == 1


def test_warning_signs_card_needs_a_sign():
    block = WarningSignsBlock()
    raw = {"heading": "When to get help", "urgency": "urgent", "items": [], "action": "Call us."}
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, raw)
    assert "at least one warning sign" in field_errors(excinfo)["items"]


@pytest.mark.django_db
def test_image_needs_alt_text_unless_decorative(django_image):
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, {"image": django_image.pk, "alt_text": "", "decorative": False})
    assert "Describe the image" in field_errors(excinfo)["alt_text"]

    assert clean(block, {"image": django_image.pk, "alt_text": "", "decorative": True})
    assert clean(block, {"image": django_image.pk, "alt_text": "A pen", "decorative": False})


@pytest.mark.django_db
def test_step_image_follows_the_same_alt_text_rule(django_image):
    block = ProcedureStepsBlock()
    bad_steps = steps("Numbing", "Treatment")
    bad_steps[1]["image"] = {"image": django_image.pk, "alt_text": "", "decorative": False}
    with pytest.raises(ValidationError):
        clean(block, {"heading": "What happens", "steps": bad_steps})


def test_a_guide_has_at_most_one_faq_section():
    faq = {
        "heading": "Questions",
        "questions": [{"type": "question", "value": {"question": "Q?", "answer": "<p>A</p>"}}],
    }
    with pytest.raises(ValidationError) as excinfo:
        clean(BODY, [{"type": "faqs", "value": faq}, {"type": "faqs", "value": faq}])
    assert "FAQs" in str(excinfo.value.as_json_data())


def test_several_warning_cards_are_allowed():
    card = {"heading": "Get help", "urgency": "urgent", "items": ["Fever"], "action": "Call us."}
    value = clean(BODY, [{"type": "warning_signs", "value": card}] * 2)
    assert len(value) == 2


def test_reference_doi_must_look_like_a_doi():
    block = ReferencesBlock()
    ref = {"title": "A study", "source": "Lee K", "doi": "not-a-doi", "pmid": "", "url": ""}
    with pytest.raises(ValidationError):
        clean(block, {"heading": "Sources", "references": [ref]})
    ref["doi"] = "10.4103/2229-5178.185494"
    assert clean(block, {"heading": "Sources", "references": [ref]})


def test_benefits_section_needs_a_benefit():
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(BenefitsBlock(), {"heading": "Benefits", "benefits": []})
    assert "benefits" in field_errors(excinfo)


# --- The editor's starting point -----------------------------------------------------------------


def test_new_guide_starts_with_standard_sections_in_order():
    body = standard_guide_body()
    assert [child.block_type for child in body] == STANDARD_SECTIONS
    assert len({child.id for child in body}) == len(STANDARD_SECTIONS), "each has its own id"
    headings = [child.value["heading"] for child in body]
    assert all(headings), "every preset section has a heading ready"
    assert headings[0] == "What it is"


def test_every_block_has_editor_help_icon_template_and_preview():
    for name, block in BODY.child_blocks.items():
        meta = block.meta
        assert meta.icon and meta.icon != "placeholder", name
        assert meta.template.startswith("blocks/"), name
        assert meta.help_text and meta.description, name
        assert hasattr(meta, "preview_value"), name
        assert block.label, name
        if name in STANDARD_SECTIONS:
            assert isinstance(block, SectionBlock), name
            assert str(meta.group) == "Guide sections", name


# --- Rendering --------------------------------------------------------------------------------


def render(block, raw, **context):
    return block.render(block.to_python(raw), context=context)


def test_steps_render_as_an_ordered_list_with_anchor():
    html = render(
        ProcedureStepsBlock(),
        {"heading": "What happens", "steps": steps("Numbing", "Treatment"), "total_time": "1 hour"},
        anchor="what-happens",
    )
    assert '<section class="section section--procedure" id="what-happens"' in html
    assert '<h2 class="section__title" id="what-happens-title">What happens</h2>' in html
    assert html.index("<ol") < html.index("Numbing") < html.index("Treatment") < html.index("</ol>")
    assert "In all: 1 hour" in html


def test_warning_card_shows_urgency_and_action():
    html = render(
        WarningSignsBlock(),
        {
            "heading": "Call 911",
            "urgency": "emergency",
            "items": ["Swollen lips"],
            "action": "Call 911 now.",
        },
    )
    assert "care-card--emergency" in html
    assert "Emergency" in html and "Swollen lips" in html and "Call 911 now." in html


def test_aftercare_renders_timeline_and_do_dont_lists():
    html = render(
        AftercareBlock(),
        {
            "heading": "Aftercare",
            "timeline": [{"period": "First day", "instructions": ["Rinse with cool water"]}],
            "dos": ["Wear sunscreen"],
            "donts": ["Don't pick at your skin"],
        },
    )
    assert "First day" in html and "Rinse with cool water" in html
    assert 'class="do-list"' in html and "Wear sunscreen" in html
    assert 'class="dont-list"' in html and "Don&#x27;t pick at your skin" in html


@pytest.mark.django_db
def test_faq_shows_written_and_published_shared_questions_only():
    shared = FAQFactory(question="Is it safe?", answer="<p>Mostly, yes.</p>")
    hidden = FAQFactory(question="Secret draft?", live=False)
    html = render(
        FAQBlock(),
        {
            "heading": "Questions",
            "questions": [
                {
                    "type": "question",
                    "value": {"question": "Does it hurt?", "answer": "<p>A little.</p>"},
                },
                {"type": "saved_question", "value": shared.pk},
                {"type": "saved_question", "value": hidden.pk},
            ],
        },
    )
    assert html.count("<details") == 2
    assert "<summary>Does it hurt?</summary>" in html
    assert "<summary>Is it safe?</summary>" in html and "Mostly, yes." in html
    assert "Secret draft?" not in html


def test_references_are_numbered_with_doi_and_pubmed_links():
    html = render(
        ReferencesBlock(),
        {
            "heading": "Sources",
            "references": [
                {
                    "title": "Microneedling review",
                    "source": "Singh A",
                    "year": 2016,
                    "doi": "10.4103/2229-5178.185494",
                    "pmid": "27559512",
                    "url": "",
                }
            ],
        },
    )
    assert '<ol class="references">' in html
    assert 'href="https://doi.org/10.4103/2229-5178.185494"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/27559512/"' in html
    assert "Singh A. (2016)." in html


def test_callout_label_comes_from_tone():
    html = render(CalloutBlock(), {"tone": "important", "heading": "Sample", "text": "<p>Hi</p>"})
    assert "callout--important" in html and "Important: Sample" in html


def test_text_in_blocks_is_escaped():
    html = render(
        BenefitsBlock(),
        {
            "heading": "<script>alert(1)</script>",
            "benefits": [{"title": "<img src=x onerror=alert(1)>", "description": ""}],
        },
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_every_block_renders_its_preview():
    for name, block in BODY.child_blocks.items():
        if name == "image":
            continue  # needs an image in the library; covered in test_image_block_renders
        html = block.render(block.get_preview_value())
        assert html.strip(), name
