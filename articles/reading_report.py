"""A reading-level report for editors: the guide's grade, each section's grade, and what to fix.

It advises and never blocks publishing: a grade is a rough measure of sentence and word length.
"""

from collections import Counter
from dataclasses import dataclass, field

from .blocks import SectionBlock
from .readability import (
    TARGET_GRADE,
    count_syllables,
    flesch_kincaid_grade,
    guide_text,
    plain_text_from_block,
    split_sentences,
    words,
)

LONG_SENTENCE_WORDS = 20
HARD_WORD_SYLLABLES = 4


@dataclass
class SectionGrade:
    heading: str
    grade: float
    word_count: int

    @property
    def meets_target(self) -> bool:
        return self.grade <= TARGET_GRADE


@dataclass
class ReadingReport:
    grade: float
    word_count: int
    sections: list[SectionGrade] = field(default_factory=list)
    long_sentences: list[tuple[int, str]] = field(default_factory=list)
    hard_words: list[tuple[str, int]] = field(default_factory=list)
    target: float = TARGET_GRADE

    @property
    def meets_target(self) -> bool:
        return self.grade <= self.target


def reading_report(page, *, sentences: int = 5, hard_words: int = 10) -> ReadingReport:
    """Grade ``page`` (a treatment guide) and point at its longest sentences and hardest words."""
    text = guide_text(page)
    word_list = words(text)
    report = ReadingReport(grade=flesch_kincaid_grade(text), word_count=len(word_list))

    for child in page.body or []:
        if not isinstance(child.block, SectionBlock) or child.block_type == "references":
            continue
        section_text = plain_text_from_block(child.block, child.value)
        if words(section_text):
            report.sections.append(
                SectionGrade(
                    heading=child.value.get("heading") or child.block.label,
                    grade=flesch_kincaid_grade(section_text),
                    word_count=len(words(section_text)),
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
        if word.isalpha() and not word.isupper() and count_syllables(word) >= HARD_WORD_SYLLABLES
    )
    report.hard_words = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:hard_words]
    return report
