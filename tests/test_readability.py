"""Reading-grade tools in ``articles.readability``, checked on small texts worked out by hand."""

from types import SimpleNamespace

import pytest

from articles.blocks import GuideBodyBlock
from articles.blocks.sections import (
    ProcedureStepsBlock,
    ReferenceBlock,
    RisksBlock,
    WarningSignsBlock,
)
from articles.readability import (
    count_syllables,
    flesch_kincaid_grade,
    guide_text,
    plain_text_from_block,
    split_sentences,
    words,
)
from tests.factories import steps

# --- words ---------------------------------------------------------------------------------------


def test_words_keep_contractions_hyphens_numbers_and_abbreviations_whole():
    assert words("Don't pick at scabs: wait 1.5 days, e.g. until Friday.") == [
        "Don't",
        "pick",
        "at",
        "scabs",
        "wait",
        "1.5",
        "days",
        "e.g",
        "until",
        "Friday",
    ]


def test_words_join_digits_across_a_comma_but_split_listed_words():
    assert words("It costs 1,000 dollars, more or less.") == [
        "It",
        "costs",
        "1,000",
        "dollars",
        "more",
        "or",
        "less",
    ]
    assert words("red,sore") == ["red", "sore"]


def test_words_leave_out_punctuation_and_symbols():
    assert words("- (see below) -- ... !") == ["see", "below"]
    assert words("") == []


# --- split_sentences -----------------------------------------------------------------------------


def test_sentences_end_at_full_stops_question_and_exclamation_marks():
    assert split_sentences("Wash gently. Does it hurt? Call us now!") == [
        "Wash gently.",
        "Does it hurt?",
        "Call us now!",
    ]


def test_every_line_is_a_sentence_and_list_markers_are_dropped():
    text = "Avoid the sun. Use e.g. a hat!\n- Wash gently\n- Use SPF 30\n2. Rest"
    assert split_sentences(text) == [
        "Avoid the sun.",
        "Use e.g. a hat!",
        "Wash gently",
        "Use SPF 30",
        "Rest",
    ]


def test_abbreviations_decimals_and_small_letters_do_not_end_a_sentence():
    assert split_sentences("See Dr. Lee in 1.5 weeks. It takes approx. two days.") == [
        "See Dr. Lee in 1.5 weeks.",
        "It takes approx. two days.",
    ]
    assert split_sentences("Visit aad.org for more. Then rest.") == [
        "Visit aad.org for more.",
        "Then rest.",
    ]


def test_pieces_without_words_are_dropped():
    assert split_sentences("\n\n- \n...\nDone.\n") == ["Done."]
    assert split_sentences("") == []


# --- count_syllables -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("skin", 1),
        ("make", 1),  # silent final e
        ("simple", 2),  # but "-le" is said
        ("liked", 1),  # silent "-ed"
        ("treated", 2),  # "-ed" said after t
        ("needed", 2),  # ... and after d
        ("makes", 1),  # silent "-es"
        ("uses", 2),  # "-es" said after s
        ("washes", 2),
        ("changes", 2),
        ("people", 2),  # known word
        ("area", 3),  # known word
        ("hyaluronic", 5),  # known word
        ("period", 3),  # "io" said as two
        ("station", 2),  # but not in "-tion"
        ("sometimes", 2),
        ("elastin", 3),
        ("swelling", 2),
        ("collagen", 3),
        ("sunscreen", 2),
        ("microneedling", 4),
        ("Microdermabrasion", 6),
        ("exfoliates", 4),
        ("superficial", 4),
    ],
)
def test_syllables_of_plain_words(word, expected):
    assert count_syllables(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("make-up", 2),  # parts add up
        ("don't", 1),  # apostrophe ignored
        ("don’t", 1),  # noqa: RUF001 - a curly apostrophe counts the same
        ("didn't", 2),  # "n't" after a consonant is a syllable
        ("24", 1),  # numbers in digits count 1
        ("1.5", 1),
        ("3rd", 1),
        ("SPF", 3),  # read letter by letter
        ("LED", 3),
        ("UVs", 2),  # "U-Vs"
        ("e.g.", 2),
        ("", 0),
    ],
)
def test_syllables_of_special_words(word, expected):
    assert count_syllables(word) == expected


def test_every_real_word_has_at_least_one_syllable():
    assert all(count_syllables(word) >= 1 for word in ["a", "I", "hmm", "rhythm", "30+"])


# --- flesch_kincaid_grade ------------------------------------------------------------------------


def test_grade_of_a_short_plain_sentence():
    # 5 words, 1 sentence, 7 syllables (col-la-gen 3 + 4 x 1):
    # 0.39 * 5 + 11.8 * 7 / 5 - 15.59 = 2.88
    assert flesch_kincaid_grade("Collagen helps your skin heal.") == 2.9


def test_grade_of_a_sentence_full_of_long_words():
    # 5 words, 1 sentence, 20 syllables (6 + 4 + 4 + 4 + 2):
    # 0.39 * 5 + 11.8 * 20 / 5 - 15.59 = 33.56
    assert (
        flesch_kincaid_grade("Microdermabrasion exfoliates superficial epidermal layers.") == 33.6
    )


def test_grade_counts_each_list_item_as_a_sentence():
    # 13 words, 3 sentences, 18 syllables:
    # 0.39 * 13 / 3 + 11.8 * 18 / 13 - 15.59 = 2.44
    text = "Redness often fades in a few days.\n- Use gentle products\n- Avoid the sun"
    assert flesch_kincaid_grade(text) == 2.4


def test_longer_sentences_raise_the_grade():
    short = "Your skin may look red. It fades in a few days. Use a mild cream."
    joined = "Your skin may look red, it fades in a few days, and you use a mild cream."
    assert flesch_kincaid_grade(joined) > flesch_kincaid_grade(short)


def test_grade_is_never_below_zero_and_empty_text_scores_zero():
    assert flesch_kincaid_grade("The cat sat on the mat.") == 0.0  # the formula gives -1.45
    assert flesch_kincaid_grade("") == 0.0
    assert flesch_kincaid_grade("...\n- \n") == 0.0


# --- plain_text_from_block -----------------------------------------------------------------------


def test_rich_text_becomes_one_line_per_paragraph_and_list_item():
    block = GuideBodyBlock().child_blocks["text"]
    value = block.to_python(
        "<p>Wash <b>gently</b> &amp; pat dry.</p><ul><li>Use sunscreen</li>"
        "<li>Don&#x27;t   pick</li></ul>"
    )
    assert (
        plain_text_from_block(block, value) == "Wash gently & pat dry.\nUse sunscreen\nDon't pick"
    )


def test_a_section_gives_its_text_fields_in_order_and_skips_empty_ones():
    block = RisksBlock()
    value = block.to_python(
        {
            "heading": "Risks",
            "intro": "",
            "common": [{"name": "Redness", "description": "Fades in 2 days."}],
            "rare": [{"name": "Infection", "description": ""}],
        }
    )
    assert plain_text_from_block(block, value) == "Risks\nRedness\nFades in 2 days.\nInfection"


def test_choices_and_images_are_not_prose():
    warning = WarningSignsBlock()
    value = warning.to_python(
        {
            "heading": "Get help",
            "urgency": "emergency",
            "intro": "",
            "items": ["Trouble breathing"],
            "action": "Call 911.",
        }
    )
    assert plain_text_from_block(warning, value) == "Get help\nTrouble breathing\nCall 911."

    procedure = ProcedureStepsBlock()
    value = procedure.to_python(
        {"heading": "Steps", "intro": "", "steps": steps("Clean"), "total_time": "1 hour"}
    )
    assert plain_text_from_block(procedure, value) == "Steps\nClean\nClean happens.\n1 hour"


def test_citation_details_are_left_out():
    block = ReferenceBlock()
    value = block.to_python(
        {
            "title": "Microneedling: a review",
            "source": "Smith J, Lee K",
            "publication": "Journal of Skin Care",
            "year": 2021,
            "url": "https://example.com/review",
            "doi": "10.1111/jocd.12345",
            "pmid": "31234567",
        }
    )
    assert plain_text_from_block(block, value) == "Microneedling: a review"


def test_a_saved_question_gives_its_question_and_answer():
    block = GuideBodyBlock().child_blocks["faqs"].child_blocks["questions"]
    saved_block = block.child_blocks["saved_question"]
    faq = SimpleNamespace(question="Will it hurt?", answer="<p>A little.</p><p>Not for long.</p>")
    assert plain_text_from_block(saved_block, faq) == "Will it hurt?\nA little.\nNot for long."
    assert plain_text_from_block(saved_block, SimpleNamespace()) == ""


def test_nothing_gives_no_text():
    assert plain_text_from_block(RisksBlock(), None) == ""


# --- guide_text ----------------------------------------------------------------------------------


def guide(summary: str, *body: tuple[str, dict]) -> SimpleNamespace:
    """A stand-in for a TreatmentPage: guide_text only reads its summary and body."""
    stream_block = GuideBodyBlock()
    raw = [{"type": block_type, "value": value} for block_type, value in body]
    return SimpleNamespace(summary=summary, body=stream_block.to_python(raw))


def test_guide_text_is_the_summary_then_the_body_without_the_sources():
    page = guide(
        "A peel   removes old skin.",
        ("overview", {"heading": "What it is", "text": "<p>A mild acid.</p>"}),
        ("callout", {"tone": "tip", "heading": "", "text": "<p>Bring a hat.</p>"}),
        ("references", {"heading": "Sources", "references": [{"title": "A study"}]}),
    )
    assert guide_text(page) == "A peel removes old skin.\nWhat it is\nA mild acid.\nBring a hat."


def test_guide_text_of_an_empty_guide_is_empty():
    assert guide_text(guide("")) == ""
    assert guide_text(SimpleNamespace(summary=None, body=None)) == ""
