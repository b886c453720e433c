"""A reading-level report for editors: the guide's score, each section's score, and what to fix.

English guides get a US school grade (Flesch-Kincaid), Spanish ones an INFLESZ reading ease
(Szigriszt-Pazos), each with its own target (``readability.measure_for``). It advises and never
blocks publishing: a score is a rough measure of sentence and word length.
"""

from collections import Counter
from dataclasses import dataclass, field

from .blocks import SectionBlock
from .readability import (
    FLESCH_KINCAID,
    Measure,
    guide_text,
    measure_for,
    plain_text_from_block,
    split_sentences,
    words,
)

LONG_SENTENCE_WORDS = 20


@dataclass
class SectionGrade:
    heading: str
    grade: float
    word_count: int
    measure: Measure = FLESCH_KINCAID

    @property
    def meets_target(self) -> bool:
        return self.measure.meets_target(self.grade)


@dataclass
class ReadingReport:
    grade: float
    word_count: int
    sections: list[SectionGrade] = field(default_factory=list)
    long_sentences: list[tuple[int, str]] = field(default_factory=list)
    hard_words: list[tuple[str, int]] = field(default_factory=list)
    measure: Measure = FLESCH_KINCAID

    @property
    def target(self) -> float:
        return self.measure.target

    @property
    def meets_target(self) -> bool:
        return self.measure.meets_target(self.grade)


def reading_report(page, *, sentences: int = 5, hard_words: int = 10) -> ReadingReport:
    """Score ``page`` (a treatment guide) with the measure for its language, and point at its
    longest sentences and hardest words."""
    measure = measure_for(page.locale.language_code)
    text = guide_text(page)
    word_list = words(text)
    report = ReadingReport(grade=measure.score(text), word_count=len(word_list), measure=measure)

    for child in page.body or []:
        if not isinstance(child.block, SectionBlock) or child.block_type == "references":
            continue
        section_text = plain_text_from_block(child.block, child.value)
        if words(section_text):
            report.sections.append(
                SectionGrade(
                    heading=child.value.get("heading") or child.block.label,
                    grade=measure.score(section_text),
                    word_count=len(words(section_text)),
                    measure=measure,
                )
            )

    by_length = sorted(
        ((len(words(sentence)), sentence) for sentence in split_sentences(text)), reverse=True
    )
    report.long_sentences = [item for item in by_length if item[0] > LONG_SENTENCE_WORDS][
        :sentences
    ]

    counts = Counter(
        word.lower()
        for word in word_list
        if word.isalpha()
        and not word.isupper()
        and measure.count_syllables(word) >= measure.long_word_syllables
    )
    report.hard_words = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:hard_words]
    return report
