"""Filling the guide's section blocks from an article's paragraphs and lists.

Each builder takes the content planned for one section and returns the block's value (as the
database stores it), notes for the editor, and any content that does not fit the block. That
content goes into a Text block straight after the section, so nothing is lost.

Lists map onto the sections' list fields; list items written "Title: text" give an item's title
and its description. The values respect every field's length limit and are valid for a draft;
what a section still needs before it can be published is listed in the report's to-do list.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import escape

from articles.blocks import GuideBodyBlock
from articles.blocks.sections import (
    AftercarePeriodBlock,
    PreparationItemBlock,
    ProcedureStepBlock,
    QuestionAnswerBlock,
    ReferenceBlock,
    WarningSignsBlock,
)

from .document import Element, Heading, ListItems, Paragraph
from .mapping import MergedHeading, PlannedSection

# "Reduction of scars: Helps improve..." -> ("Reduction of scars", "Helps improve...")
TITLED_ITEM_RE = re.compile(r"^(?P<title>[^:]{2,}?)\s*:\s+(?P<text>\S.*)$")
TITLE_MAX_WORDS = 12
# Aftercare: instructions that say what not to do go in the "Don't" list.
DONT_RE = re.compile(r"^(?:avoid|don[’']?t|do not|never|no\b|stop|skip|refrain)", re.IGNORECASE)  # noqa: RUF001
# Suitability: lines about who should not have the treatment.
NOT_SUITABLE_RE = re.compile(
    r"\b(?:not|avoid|shouldn[’']?t|unless|pregnan\w*|breast-?feeding|infection|allerg\w*)\b",  # noqa: RUF001
    re.IGNORECASE,
)
# Preparation: "1 week before: stop retinol" -> when "1 week before".
WHEN_RE = re.compile(
    r"\b(?:before|day|days|week|weeks|hour|hours|morning|night|month|months)\b", re.IGNORECASE
)
QUESTION_PREFIX_RE = re.compile(r"^(?:q(?:uestion)?\s*[:.]\s*)", re.IGNORECASE)
ANSWER_PREFIX_RE = re.compile(r"^(?:a(?:nswer)?\s*[:.]\s*)", re.IGNORECASE)
URL_RE = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+?)(?=[.,;]?(?:\s|$))")
PMID_RE = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.IGNORECASE)
YEAR_RE = re.compile(r"\b(19\d{2}|20\d{2})\b")


def limit(block: type, name: str) -> int:
    """The most characters the guide's ``block`` accepts in its ``name`` field: the importer
    never builds a value an editor could not save, and follows the blocks when they change."""
    return block.base_blocks[name].field.max_length


STEP_TITLE_CHARS = limit(ProcedureStepBlock, "title")
WHEN_CHARS = limit(PreparationItemBlock, "when")
PERIOD_CHARS = limit(AftercarePeriodBlock, "period")
QUESTION_CHARS = limit(QuestionAnswerBlock, "question")
SIGNS_INTRO_CHARS = limit(WarningSignsBlock, "intro")
REFERENCE_TITLE_CHARS = limit(ReferenceBlock, "title")
DOI_CHARS = limit(ReferenceBlock, "doi")
URL_CHARS = 200  # longer addresses in an article are almost always tracking links
LINE_CHARS = 250  # a one-line list item (articles.blocks.sections.line_list)
EMPTY_IMAGE = {"image": None, "alt_text": "", "decorative": False, "caption": ""}


def body_block() -> GuideBodyBlock:
    """The guide body's block, as the treatment guide model defines it."""
    from articles.models import TreatmentPage

    return TreatmentPage._meta.get_field("body").stream_block


def section_label(block_type: str) -> str:
    """The section's name as editors see it in the block picker ("Procedure steps")."""
    return str(body_block().child_blocks[block_type].label)


def default_heading(block_type: str) -> str:
    """The portal's standard heading for a section ("What it can help with")."""
    return str(body_block().child_blocks[block_type].child_blocks["heading"].get_default())


@dataclass
class BuiltSection:
    value: dict | str
    notes: list[str] = field(default_factory=list)
    overflow: list[Element] = field(default_factory=list)


# --- Helpers ------------------------------------------------------------------------------------


def rich_text(content: list[Element], *, numbered_lists: bool = True) -> str:
    """Rich text (Wagtail's stored HTML) with only the features guide text allows: paragraphs,
    bold for small headings, and lists."""
    parts = []
    for piece in content:
        if isinstance(piece, Heading):
            parts.append(f"<p><b>{escape(piece.text)}</b></p>")
        elif isinstance(piece, Paragraph):
            parts.append(f"<p>{escape(piece.text)}</p>")
        elif isinstance(piece, ListItems) and piece.items:
            tag = "ol" if piece.ordered and numbered_lists else "ul"
            items = "".join(f"<li>{escape(item)}</li>" for item in piece.items)
            parts.append(f"<{tag}>{items}</{tag}>")
    return "".join(parts)


@dataclass
class Parts:
    """A section's content split the way list sections use it."""

    lead: list[str] = field(default_factory=list)  # paragraphs before the first list
    items: list[str] = field(default_factory=list)  # every list item, in order
    rest: list[Element] = field(default_factory=list)  # other text after the first list


def split_parts(content: list[Element]) -> Parts:
    parts = Parts()
    for piece in content:
        if isinstance(piece, ListItems):
            parts.items.extend(piece.items)
        elif isinstance(piece, MergedHeading):
            continue  # the report says which headings were merged
        elif not parts.items and not parts.rest:
            parts.lead.append(piece.text)
        else:
            parts.rest.append(piece)
    return parts


def split_title(item: str, max_chars: int) -> tuple[str, str]:
    """("Title", "description") from "Title: description". An item with no short title before a
    colon keeps all its words in the description, under a title cut from its first words."""
    match = TITLED_ITEM_RE.match(item)
    if match:
        title = match["title"].strip()
        if len(title) <= max_chars and len(title.split()) <= TITLE_MAX_WORDS:
            return title, match["text"].strip()
    if len(item) <= max_chars:
        return item.rstrip("."), ""
    words = item[: max_chars - 1].rsplit(" ", 1)[0]
    return f"{words}…", item


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def fit_lines(items: list[str], max_chars: int) -> tuple[list[str], list[str]]:
    """Items short enough for a one-line field, and those that are not."""
    fits = [item for item in items if len(item) <= max_chars]
    too_long = [item for item in items if len(item) > max_chars]
    return fits, too_long


def too_long_note(count: int, max_chars: int) -> str:
    return (
        f"{count} item(s) were longer than {max_chars} characters, too long for one line: "
        "they are in a Text block under this section. Shorten them and move them in."
    )


def rest_note() -> str:
    return (
        "Text that came after the list is in a Text block under this section: move it or delete it."
    )


def with_overflow(
    built: BuiltSection,
    rest: list[Element],
    too_long: Sequence[str] = (),
    max_chars: int = LINE_CHARS,
) -> BuiltSection:
    """Put what did not fit the section (text after its lists, over-long lines) below it."""
    if too_long:
        built.overflow.append(ListItems(tuple(too_long)))
        built.notes.append(too_long_note(len(too_long), max_chars))
    if rest:
        built.overflow.extend(rest)
        built.notes.append(rest_note())
    return built


def no_list_note(what: str) -> str:
    return f"No list was found here, so the text is in the introduction. Turn it into {what}."


# --- Builders -----------------------------------------------------------------------------------


def build_overview(planned: PlannedSection) -> BuiltSection:
    return BuiltSection(
        {"heading": default_heading("overview"), "text": rich_text(planned.content)}
    )


def build_results(planned: PlannedSection) -> BuiltSection:
    return BuiltSection(
        {
            "heading": default_heading("results"),
            "text": rich_text(planned.content),
            "milestones": [],
            "maintenance": "",
        }
    )


def build_text(planned: PlannedSection) -> BuiltSection:
    heading = [Heading(planned.headings[0])] if planned.headings else []
    return BuiltSection(rich_text([*heading, *planned.content]))


def build_benefits(planned: PlannedSection) -> BuiltSection:
    parts = split_parts(planned.content)
    benefits = []
    for item in parts.items:
        title, description = split_title(item, 100)
        benefits.append({"title": title, "description": description})
    built = BuiltSection(
        {
            "heading": default_heading("benefits"),
            "intro": join_paragraphs(parts.lead),
            "benefits": benefits,
        }
    )
    if not benefits:
        built.notes.append(no_list_note("benefit items"))
    return with_overflow(built, parts.rest)


def build_procedure(planned: PlannedSection) -> BuiltSection:
    parts = split_parts(planned.content)
    steps = []
    untitled = 0
    for number, item in enumerate(parts.items, start=1):
        match = TITLED_ITEM_RE.match(item)
        if (
            match
            and len(match["title"]) <= STEP_TITLE_CHARS
            and len(match["title"].split()) <= TITLE_MAX_WORDS
        ):
            title, text = match["title"].strip(), match["text"].strip()
        else:
            title, text = f"Step {number}", item
            untitled += 1
        steps.append({"title": title, "text": text, "duration": "", "image": EMPTY_IMAGE})
    built = BuiltSection(
        {
            "heading": default_heading("procedure"),
            "intro": join_paragraphs(parts.lead),
            "steps": steps,
            "total_time": "",
        }
    )
    if not steps:
        built.notes.append(no_list_note("numbered steps"))
    if untitled:
        built.notes.append(f"{untitled} step(s) had no title: they are called 'Step 1' and so on.")
    return with_overflow(built, parts.rest)


def build_suitability(planned: PlannedSection) -> BuiltSection:
    parts = split_parts(planned.content)
    fits, too_long = fit_lines(parts.items, LINE_CHARS)
    suits = [item for item in fits if not NOT_SUITABLE_RE.search(item)]
    not_suitable = [item for item in fits if NOT_SUITABLE_RE.search(item)]
    built = BuiltSection(
        {
            "heading": default_heading("suitability"),
            "suits": suits,
            "not_suitable": not_suitable,
            "note": join_paragraphs(parts.lead),
        }
    )
    if fits:
        built.notes.append("Check each line is in the right list: 'Suits' or 'Not suitable'.")
    else:
        built.notes.append("No list was found here, so the text is in the closing note.")
    return with_overflow(built, parts.rest, too_long)


def build_preparation(planned: PlannedSection) -> BuiltSection:
    parts = split_parts(planned.content)
    fits, too_long = fit_lines(parts.items, LINE_CHARS)
    items = []
    for item in fits:
        match = TITLED_ITEM_RE.match(item)
        if match and len(match["title"]) <= WHEN_CHARS and WHEN_RE.search(match["title"]):
            items.append({"when": match["title"].strip(), "text": match["text"].strip()})
        else:
            items.append({"when": "", "text": item})
    built = BuiltSection(
        {
            "heading": default_heading("preparation"),
            "intro": join_paragraphs(parts.lead),
            "items": items,
        }
    )
    if not parts.items:
        built.notes.append(no_list_note("things to do"))
    return with_overflow(built, parts.rest, too_long)


def build_risks(planned: PlannedSection) -> BuiltSection:
    parts = split_parts(planned.content)
    common = []
    for item in parts.items:
        name, description = split_title(item, 100)
        common.append({"name": name, "description": description})
    built = BuiltSection(
        {
            "heading": default_heading("risks"),
            "intro": join_paragraphs(parts.lead),
            "common": common,
            "rare": [],
        }
    )
    if common:
        built.notes.append("Every item is under 'Common side effects': move rare ones down.")
    else:
        built.notes.append(no_list_note("side effects"))
    return with_overflow(built, parts.rest)


def build_aftercare(planned: PlannedSection) -> BuiltSection:
    """A list under a small heading ("First 24 hours") becomes a time period on the timeline;
    other list items go into the Do and Don't lists."""
    intro: list[str] = []
    timeline: list[dict] = []
    dos: list[str] = []
    donts: list[str] = []
    too_long: list[str] = []
    rest: list[Element] = []
    period = ""
    for piece in planned.content:
        if isinstance(piece, MergedHeading):
            period = ""
        elif isinstance(piece, Heading):
            period = piece.text
        elif isinstance(piece, ListItems):
            fits, long_items = fit_lines(list(piece.items), LINE_CHARS)
            too_long.extend(long_items)
            if period and len(period) <= PERIOD_CHARS and fits:
                timeline.append({"period": period, "instructions": fits})
            else:
                donts.extend(item for item in fits if DONT_RE.match(item))
                dos.extend(item for item in fits if not DONT_RE.match(item))
            period = ""
        elif not (timeline or dos or donts or rest):
            intro.extend([period, piece.text] if period else [piece.text])
            period = ""
        else:
            rest.extend([Heading(period), piece] if period else [piece])
            period = ""
    if period:
        rest.append(Heading(period))
    built = BuiltSection(
        {
            "heading": default_heading("aftercare"),
            "intro": join_paragraphs(intro),
            "timeline": timeline,
            "dos": dos,
            "donts": donts,
        }
    )
    if not (timeline or dos or donts):
        built.notes.append(
            "No list was found here, so the text is in the introduction. Turn it into a "
            "timeline ('First 24 hours'...) with Do and Don't lists."
        )
    elif dos or donts:
        built.notes.append("List items were sorted into Do and Don't: check them.")
    return with_overflow(built, rest, too_long)


def build_warning_signs(planned: PlannedSection) -> BuiltSection:
    """A lead-in ending in ":" introduces the signs; other paragraphs say what to do."""
    parts = split_parts(planned.content)
    fits, too_long = fit_lines(parts.items, LINE_CHARS)
    lead = list(parts.lead)
    intro = ""
    if lead and len(lead[0]) <= SIGNS_INTRO_CHARS and lead[0].endswith(":"):
        intro = lead.pop(0)
    after = [piece.text for piece in parts.rest if isinstance(piece, Paragraph)]
    rest = [piece for piece in parts.rest if not isinstance(piece, Paragraph)]
    built = BuiltSection(
        {
            "heading": default_heading("warning_signs"),
            "urgency": "urgent",
            "intro": intro,
            "items": fits,
            "action": join_paragraphs([*lead, *after]),
        },
        notes=["The card is set to 'Urgent': check how urgent these signs are."],
    )
    return with_overflow(built, rest, too_long)


def build_choosing_provider(planned: PlannedSection) -> BuiltSection:
    parts = split_parts(planned.content)
    fits, too_long = fit_lines(parts.items, LINE_CHARS)
    built = BuiltSection(
        {
            "heading": default_heading("choosing_provider"),
            "intro": join_paragraphs(parts.lead),
            "checklist": [item for item in fits if not item.endswith("?")],
            "questions": [item for item in fits if item.endswith("?")],
        }
    )
    if not parts.items:
        built.notes.append(no_list_note("checklist lines"))
    return with_overflow(built, parts.rest, too_long)


def build_faqs(planned: PlannedSection) -> BuiltSection:
    """Questions are small headings or paragraphs that end with "?"; what follows is the
    answer. Numbered lists in answers become bulleted (answers allow bullets only)."""
    questions: list[dict] = []
    before_first: list[Element] = []
    answer: list[Element] = []
    question = ""

    def finish() -> None:
        if question:
            value = {"question": question, "answer": rich_text(answer, numbered_lists=False)}
            questions.append({"type": "question", "value": value})

    for piece in planned.content:
        text = QUESTION_PREFIX_RE.sub("", piece.text) if not isinstance(piece, ListItems) else ""
        if isinstance(piece, MergedHeading):
            continue
        if text.endswith("?") and len(text) <= QUESTION_CHARS and not isinstance(piece, ListItems):
            finish()
            question, answer = text, []
        elif question:
            if isinstance(piece, Paragraph):
                answer.append(Paragraph(ANSWER_PREFIX_RE.sub("", piece.text)))
            else:
                answer.append(piece)
        else:
            before_first.append(piece)
    finish()
    built = BuiltSection({"heading": default_heading("faqs"), "questions": questions})
    if not questions:
        built.notes.append("No questions (lines ending in '?') were found: the text is below.")
    if before_first:
        built.overflow.extend(before_first)
        if questions:
            built.notes.append("Text before the first question is in a Text block below.")
    return built


def parse_reference(text: str) -> dict:
    """A reference from one line: its title, and the web address, DOI, PubMed ID and year
    found in it. Authors are left for the editor (they cannot be told apart reliably)."""
    url = ""
    for candidate in URL_RE.findall(text):
        address = candidate.rstrip(".,;")
        try:
            URLValidator()(address)
        except ValidationError:
            continue
        url = address
        break
    doi = DOI_RE.search(text)
    pmid = PMID_RE.search(text)
    year = YEAR_RE.search(text)
    title = " ".join(URL_RE.sub("", text).split()).strip(" .,;") or text
    return {
        "title": (
            title[: REFERENCE_TITLE_CHARS - 1] + "…"
            if len(title) > REFERENCE_TITLE_CHARS
            else title
        ),
        "source": "",
        "publication": "",
        "year": int(year.group(1)) if year else None,
        "url": url if len(url) <= URL_CHARS else "",
        "doi": doi.group(1) if doi and len(doi.group(1)) <= DOI_CHARS else "",
        "pmid": pmid.group(1) if pmid else "",
    }


def build_references(planned: PlannedSection) -> BuiltSection:
    lines = [
        line
        for piece in planned.content
        if not isinstance(piece, Heading)
        for line in (piece.items if isinstance(piece, ListItems) else [piece.text])
    ]
    references = [parse_reference(line) for line in lines]
    built = BuiltSection({"heading": default_heading("references"), "references": references})
    if references:
        built.notes.append(
            "Each line is one source: add its authors or organisation, and check the details."
        )
    long_titles = [line for line in lines if len(line) > REFERENCE_TITLE_CHARS]
    if long_titles:
        built.overflow.append(ListItems(tuple(long_titles)))
        built.notes.append("Sources with very long titles are also copied in full below.")
    return built


BUILDERS: dict[str, Callable[[PlannedSection], BuiltSection]] = {
    "overview": build_overview,
    "benefits": build_benefits,
    "suitability": build_suitability,
    "preparation": build_preparation,
    "procedure": build_procedure,
    "risks": build_risks,
    "aftercare": build_aftercare,
    "warning_signs": build_warning_signs,
    "results": build_results,
    "choosing_provider": build_choosing_provider,
    "faqs": build_faqs,
    "references": build_references,
    "text": build_text,
}


def to_do(block_type: str, value: dict | str) -> list[str]:
    """What a built section still needs before the guide can be published."""
    block = body_block().child_blocks[block_type]
    if block_type == "text":
        return []
    label = section_label(block_type)
    needed = []
    for name, (count, message) in getattr(block, "minimum_items", {}).items():
        if len([item for item in value.get(name) or [] if item]) < count:
            needed.append(f"{label}: {message}")
    if block_type in ("overview", "results") and not value.get("text"):
        needed.append(f"{label}: write the text.")
    if block_type == "procedure" and any(not step["text"] for step in value["steps"]):
        needed.append(f"{label}: say what happens in every step.")
    if block_type == "warning_signs" and not value.get("action"):
        needed.append(f"{label}: say exactly what to do and whom to call.")
    if block_type == "references" and any(not ref["source"] for ref in value["references"]):
        needed.append(f"{label}: add the authors or organisation of every source.")
    return needed
