"""Demo guides read easily: grade 8 or lower overall, no hard sections, no very long sentences.

The guides come from the demo content (see ``tests.demo``) through ``load_initial_data``,
exactly as a new site gets them. Each failure message lists the grades, so an editor can see
which part to rewrite.
"""

from wagtail.models import Locale

import pytest

from articles.models import TreatmentPage
from articles.readability import (
    SKIPPED_STREAM_CHILDREN,
    TARGET_GRADE,
    flesch_kincaid_grade,
    guide_text,
    plain_text_from_block,
    split_sentences,
    words,
)
from tests.demo import demo_content

pytestmark = pytest.mark.django_db

MAX_GUIDE_GRADE = TARGET_GRADE
MAX_SECTION_GRADE = 9.0
MAX_SENTENCE_WORDS = 20


@pytest.fixture
def guides(demo_site) -> list[TreatmentPage]:
    """The English guides (the Spanish ones are measured in Spanish: test_demo_spanish.py)."""
    english = TreatmentPage.objects.live().filter(locale=Locale.get_default())
    return list(english.order_by("path"))


def section_grades(page: TreatmentPage) -> list[tuple[str, float]]:
    """(block type, grade) for each part of the body a patient reads, in order."""
    return [
        (child.block_type, flesch_kincaid_grade(plain_text_from_block(child.block, child.value)))
        for child in page.body
        if child.block_type not in SKIPPED_STREAM_CHILDREN
    ]


def test_every_demo_guide_is_loaded(guides):
    assert [g.slug for g in guides] == [data["slug"] for data in demo_content.GUIDES]


def test_every_demo_guide_reads_at_grade_8_or_lower(guides):
    grades = {page.title: flesch_kincaid_grade(guide_text(page)) for page in guides}
    report = ", ".join(f"{title}: {grade}" for title, grade in grades.items())
    assert all(grade <= MAX_GUIDE_GRADE for grade in grades.values()), (
        f"Guides above grade {MAX_GUIDE_GRADE}: {report}"
    )


def test_no_section_of_a_demo_guide_is_hard_to_read(guides):
    too_hard = []
    report = []
    for page in guides:
        grades = section_grades(page)
        report.append(f"{page.title}: " + ", ".join(f"{name} {grade}" for name, grade in grades))
        too_hard += [
            f"{page.title} / {name}" for name, grade in grades if grade > MAX_SECTION_GRADE
        ]
    assert not too_hard, f"Sections above grade {MAX_SECTION_GRADE}: {too_hard}\n" + "\n".join(
        report
    )


def test_no_sentence_in_a_demo_guide_is_very_long(guides):
    long_sentences = [
        f"{page.title}: {sentence!r} ({len(words(sentence))} words)"
        for page in guides
        for sentence in split_sentences(guide_text(page))
        if len(words(sentence)) > MAX_SENTENCE_WORDS
    ]
    assert not long_sentences, "\n".join(long_sentences)


def test_demo_guides_pass_the_checks_editors_face_on_publish(guides):
    # The command stores StreamField JSON directly, so run the block validation here:
    # required fields, max lengths and minimum numbers of items.
    for page in guides:
        page.full_clean()
        page.body.stream_block.clean(page.body)
