"""Which standard guide section each heading of an article belongs to.

A heading is matched by the words in it ("Benefits of microneedling" → Benefits, "What to
expect after treatment" → Aftercare). The rules are tried in order and the first match wins, so
the more specific ones come first. A heading that matches no rule keeps its text in a Text block.
"""

import re
from dataclasses import dataclass, field

from .document import Element, Heading, ParsedArticle, SourceSection


def _rule(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


# (block type in the guide body, words that mark such a heading), most specific first.
SECTION_RULES: list[tuple[str, re.Pattern]] = [
    (
        "warning_signs",
        _rule(
            r"warning signs?|red flags?|when to (?:call|get help|seek|see|contact)"
            r"|seek (?:medical )?(?:help|advice|care)|get (?:medical )?help|emergenc"
        ),
    ),
    ("faqs", _rule(r"\bfaqs?\b|frequently asked|questions|\bq ?& ?a\b")),
    ("references", _rule(r"\breferences?\b|\bsources?\b|bibliography|citations|further reading")),
    (
        "results",
        _rule(
            r"\bresults?\b|maintenance|outcomes?|how long (?:do|does|will) .*\blast"
            r"|when will i see"
        ),
    ),
    (
        "aftercare",
        _rule(
            r"after ?care|\bafter\b|post[- ]?(?:treatment|procedure|care)|recovery|downtime"
            r"|healing|looking after"
        ),
    ),
    (
        "preparation",
        _rule(r"prepar|\bbefore\b|getting ready|get ready|pre[- ]?(?:treatment|procedure|care)"),
    ),
    (
        "suitability",
        _rule(
            r"suitab|candidates?\b|right for (?:me|you)|who (?:is it|it is|is this) for"
            r"|who (?:can|should|shouldn't|should not) (?:have|get|avoid)|contraindicat"
            r"|is it for me"
        ),
    ),
    (
        "risks",
        _rule(r"\brisks?\b|side[- ]?effects?|complications?|\bsafety\b|is it safe|dangers?"),
    ),
    (
        "choosing_provider",
        _rule(
            r"provider|practitioner|choos(?:e|ing) (?:a|an|the|your)\b|finding (?:a|the)\b"
            r"|who should (?:do|perform|give)"
        ),
    ),
    (
        "benefits",
        _rule(
            r"benefits?|advantages|\bpros\b|why (?:choose|have|get|consider)"
            r"|what (?:can|does) .*\b(?:treat|help|do)\b|what it (?:can )?(?:treats?|helps?)"
        ),
    ),
    (
        "procedure",
        _rule(
            r"procedure|what happens|\bsteps?\b|\bduring\b|how (?:is it|it is) (?:done|performed)"
            r"|\bprocess\b|on the day|your (?:appointment|session|treatment)\b"
        ),
    ),
    (
        "overview",
        _rule(
            r"^what (?:is|are)\b|overview|introduction|^about\b|how (?:does )?(?:it|.+) works?"
            r"|understanding|the basics|definition"
        ),
    ),
]

# Sections a guide has once; a second heading for one of these adds to the first.
REPEATABLE = {"warning_signs", "text"}


def match_section(heading: str) -> str | None:
    """The guide section a heading belongs to, or None (it then becomes a Text block)."""
    for block_type, pattern in SECTION_RULES:
        if pattern.search(heading):
            return block_type
    return None


@dataclass(frozen=True)
class MergedHeading(Heading):
    """A heading whose text was added to a section that an earlier heading started. Shown in
    bold in text sections, left out of list sections (the report says where it went)."""


@dataclass
class PlannedSection:
    """A section of the new guide and the parts of the article that fill it."""

    block_type: str
    sources: list[SourceSection] = field(default_factory=list)
    content: list[Element] = field(default_factory=list)

    @property
    def headings(self) -> list[str]:
        return [source.heading for source in self.sources if source.heading]


HEADING_LIKE_WORDS = 3  # "Benefits", "How it works": a section heading, not an article title


def reconsider_title(article: ParsedArticle) -> None:
    """An article may start straight with a section heading ("What is microneedling?",
    "Benefits") instead of a title: then that heading leads its section and the guide has no
    title yet. A longer title that only mentions a section ("Microneedling: benefits, risks and
    aftercare") stays the title."""
    title = article.title
    if (
        title
        and match_section(title)
        and (title.endswith("?") or len(title.split()) <= HEADING_LIKE_WORDS)
        and article.sections
        and not article.sections[0].heading
    ):
        article.sections[0].heading = title
        article.title = ""


def plan_sections(article: ParsedArticle) -> list[PlannedSection]:
    """Decide which guide section each part of the article goes into, in the article's order.

    The introduction goes into the Overview. Headings for a section the guide already has add
    their text to it. Inside the FAQs, every heading that asks a question is a question.
    """
    planned: list[PlannedSection] = []
    by_type: dict[str, PlannedSection] = {}

    for source in article.sections:
        current = planned[-1] if planned else None
        if current and current.block_type == "faqs" and source.heading.endswith("?"):
            current.sources.append(source)
            current.content.extend([Heading(source.heading, 3), *source.content])
            continue

        block_type = match_section(source.heading) if source.heading else "overview"
        if block_type is None:
            block_type = "text"
        target = by_type.get(block_type) if block_type not in REPEATABLE else None
        if target is None:
            target = PlannedSection(block_type)
            planned.append(target)
            by_type.setdefault(block_type, target)
        elif source.heading and target.headings:
            target.content.append(MergedHeading(source.heading, 3))
        target.sources.append(source)
        target.content.extend(source.content)
    return planned
