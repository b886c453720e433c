"""Import a read article as a draft treatment guide, and write the report for the editor.

The guide is saved as a draft revision, exactly as if an editor had pressed "Save draft": it is
never published, and it goes through Clinical review like any other guide.
"""

import logging
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from wagtail.blocks import StreamValue

from articles.models import TreatmentIndexPage, TreatmentPage
from articles.readability import flesch_kincaid_grade, split_sentences, words

from .building import BUILDERS, body_block, rich_text, section_label, to_do
from .document import ArticleError, Paragraph, ParsedArticle
from .flags import flag_lines
from .mapping import PlannedSection, plan_sections
from .parsing import FORMAT_LABELS
from .report import FlaggedLine, ImportReport, SectionPlacement

logger = logging.getLogger(__name__)

SUMMARY_MAX_CHARS = 400
TITLE_MAX_CHARS = 255


@dataclass
class GuidePlan:
    """Everything needed to create the draft: its title, summary, body and the report."""

    title: str
    summary: str
    body: list[dict]
    report: ImportReport


@dataclass
class ImportResult:
    page: TreatmentPage
    report: ImportReport


def grade_of(lines: list[str]) -> tuple[float, int]:
    """(Flesch-Kincaid grade, word count) of some lines of text."""
    text = "\n".join(lines)
    return flesch_kincaid_grade(text), len(words(text))


def first_sentences(text: str, max_chars: int = SUMMARY_MAX_CHARS) -> str:
    """As many whole sentences from the start of ``text`` as fit in ``max_chars``."""
    summary = ""
    for sentence in split_sentences(text):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > max_chars:
            break
        summary = candidate
    if not summary:
        summary = text[: max_chars - 1].rsplit(" ", 1)[0] + "…"
    return summary


SUMMARY_MIN_WORDS = 5  # shorter paragraphs are captions or labels, not a summary


def summary_for(article: ParsedArticle) -> tuple[str, str]:
    """A first draft of "In short", from the first real paragraph, and where it came from."""
    for section in article.sections:
        for piece in section.content:
            if isinstance(piece, Paragraph) and len(words(piece.text)) >= SUMMARY_MIN_WORDS:
                where = f"“{section.heading}”" if section.heading else "the introduction"
                return first_sentences(piece.text), where
    return "", ""


def guide_title(article: ParsedArticle, title: str, source_name: str) -> tuple[str, str]:
    """The guide's title and, if it is a guess, a note saying so."""
    if title.strip():
        return title.strip()[:TITLE_MAX_CHARS], ""
    if article.title:
        return article.title[:TITLE_MAX_CHARS], ""
    stem = PurePath(source_name).stem.replace("-", " ").replace("_", " ").strip()
    if stem:
        note = "The article has no title: the guide is named after the file. Change it."
        return stem.capitalize()[:TITLE_MAX_CHARS], note
    return "Imported article", "The article has no title: give the guide one."


def placements_for(planned: PlannedSection, label: str, notes: list[str]) -> list[SectionPlacement]:
    rows = []
    for index, source in enumerate(planned.sources):
        grade, count = grade_of(source.lines())
        row_notes = list(notes) if index == 0 else []
        if index and planned.block_type == "faqs" and source.heading.endswith("?"):
            row_notes.append("A question in the FAQs.")
        elif source.heading and any(s.heading for s in planned.sources[:index]):
            row_notes.append(f"Added to the {label} section above: a guide has one.")
        rows.append(
            SectionPlacement(
                source_heading=source.heading,
                section=label,
                block_type=planned.block_type,
                grade=grade,
                words=count,
                notes=row_notes,
            )
        )
    return rows


def plan_guide(article: ParsedArticle, *, source_name: str = "", title: str = "") -> GuidePlan:
    """Work out the draft guide for an article, and the report, without saving anything."""
    guide_name, title_note = guide_title(article, title, source_name)
    summary, summary_from = summary_for(article)
    # The article as a reader meets it: title and headings included.
    all_lines = [article.title] if article.title else []
    for section in article.sections:
        all_lines.extend(
            [section.heading, *section.lines()] if section.heading else section.lines()
        )
    grade, count = grade_of(all_lines)
    report = ImportReport(
        source_name=source_name or "Pasted text",
        source_format=FORMAT_LABELS.get(article.source_format, article.source_format),
        title=guide_name,
        grade=grade,
        words=count,
        summary_from=summary_from,
        notes=[*article.notes, *([title_note] if title_note else [])],
        left_out=list(article.left_out),
        links=[(link.text, link.url) for link in article.links],
    )
    if not article.has_headings:
        report.notes.append(
            "The article has no headings, so all of its text is in the Overview. "
            "Split it into the right sections."
        )

    body: list[dict] = []
    for planned in plan_sections(article):
        built = BUILDERS[planned.block_type](planned)
        label = section_label(planned.block_type)
        body.append({"type": planned.block_type, "value": built.value})
        if built.overflow:
            body.append({"type": "text", "value": rich_text(built.overflow)})
        report.placements.extend(placements_for(planned, label, built.notes))
        report.to_do.extend(to_do(planned.block_type, built.value))
        if planned.block_type != "references":
            for source in planned.sources:
                report.flagged.extend(
                    FlaggedLine(
                        text=flag.text,
                        reasons=list(flag.reasons),
                        section=label,
                        source_heading=source.heading,
                    )
                    for flag in flag_lines(source.lines())
                )
    if summary:
        first = f"In short: rewrite it in plain words (it is copied from {summary_from})."
    else:
        first = "In short: write two or three plain sentences about the treatment."
    report.to_do.insert(0, first)
    report.to_do.append("Submit the guide for Clinical review when it is ready.")
    return GuidePlan(title=guide_name, summary=summary, body=body, report=report)


def validate_draft_body(raw: list[dict]) -> StreamValue:
    """The body as the admin would accept it for a draft (required fields may still be empty,
    but every length limit and format holds)."""
    block = body_block()
    value = block.to_python(raw)
    block.defer_required_validation()
    try:
        return block.clean(value)
    except ValidationError as error:
        logger.exception("Imported guide body failed validation")
        raise ArticleError(
            "The article could not be turned into a guide that the editor accepts. "
            "Paste its text instead, or ask a developer to look at the file."
        ) from error
    finally:
        block.restore_deferred_validation()


def unique_slug(parent: TreatmentIndexPage, title: str) -> str:
    base = slugify(title)[:80].strip("-") or "imported-article"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def can_import_into(user, parent: TreatmentIndexPage) -> bool:
    """True if ``user`` may add a guide under this treatments index."""
    return TreatmentPage.can_create_at(parent) and (
        parent.permissions_for_user(user).can_add_subpage()
    )


def import_article(
    article: ParsedArticle,
    *,
    parent: TreatmentIndexPage,
    user=None,
    title: str = "",
    source_name: str = "",
) -> ImportResult:
    """Create a draft guide under ``parent`` from ``article`` and return it with its report.

    ``user`` (if given) must be allowed to add guides there; the draft is theirs. Raises
    ``ArticleError`` if the article cannot become a guide.
    """
    if user is not None and not can_import_into(user, parent):
        raise PermissionDenied("You can't add guides here.")
    plan = plan_guide(article, source_name=source_name, title=title)
    body = validate_draft_body(plan.body)
    with transaction.atomic():
        page = TreatmentPage(
            title=plan.title,
            slug=unique_slug(parent, plan.title),
            summary=plan.summary,
            body=body,
            live=False,
            has_unpublished_changes=True,
            owner=user,
        )
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True, clean=False)
    return ImportResult(page=page, report=plan.report)
