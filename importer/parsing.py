"""From a file or pasted text to an article cut into sections: (heading, paragraphs and lists).

``parse_file`` and ``parse_pasted`` check what they are given and raise ``ArticleError`` with a
message for the editor when it cannot be read: an empty or oversized file, an unknown kind of
file, a file that is not what its name says, or one with no text in it.
"""

from pathlib import PurePath

from .document import (
    ArticleError,
    Document,
    Element,
    Heading,
    ListItems,
    ParsedArticle,
    SourceSection,
)
from .mapping import reconsider_title
from .plaintext import read_text
from .readers import read_docx, read_html, read_markdown

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILE_SIZE_LABEL = "5 MB"
MAX_PASTED_CHARS = 500_000

# File name endings we read, and how.
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}
FORMAT_LABELS = {"text": "plain text", "markdown": "Markdown", "html": "HTML", "docx": "Word"}
ACCEPTED_EXTENSIONS = ".html, .htm, .md, .txt or .docx"

# Control characters that never appear in a real text file (tab, line breaks, form feed do).
_CONTROL_CHARACTERS = {chr(code) for code in range(32)} - set("\t\n\r\f\v")


def file_format(filename: str) -> str:
    """The format a file name says the file is in, or ArticleError."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".doc":
        raise ArticleError(
            "Older Word files (.doc) can't be read. Open the file in Word and save it as a "
            ".docx file, then upload that."
        )
    if suffix not in FORMATS:
        raise ArticleError(
            f"“{PurePath(filename or '').name}” is not a kind of file we can read. "
            f"Upload a {ACCEPTED_EXTENSIONS} file, or paste the text."
        )
    return FORMATS[suffix]


def check_size(size: int) -> None:
    if size == 0:
        raise ArticleError("The file is empty. Check you chose the right file.")
    if size > MAX_FILE_BYTES:
        megabytes = size / (1024 * 1024)
        raise ArticleError(
            f"The file is {megabytes:.1f} MB; the most we can import is {MAX_FILE_SIZE_LABEL}. "
            "An article's text is far smaller: save it without pictures, or paste the text."
        )


def decode_text(data: bytes) -> str:
    """Text from a text file's bytes: UTF-8 (with or without a byte order mark), else Windows
    Latin-1 as older editors save it. A binary file (a picture, a PDF) is refused."""
    if b"\x00" in data[:8192]:
        raise ArticleError(
            "This file does not contain plain text (it may be a picture, PDF or other program "
            "file renamed). Upload the article as .html, .md, .txt or .docx, or paste its text."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    if sample and sum(char in _CONTROL_CHARACTERS for char in sample) > len(sample) // 20:
        raise ArticleError(
            "This file does not contain plain text (it may be a program file renamed). "
            "Upload the article as .html, .md, .txt or .docx, or paste its text."
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


MARKDOWN_HEADING_LEVELS = 6  # "#" to "######"


def sniff_format(text: str) -> str:
    """Pasted text may be HTML (copied from a page's source), Markdown or plain text."""
    start = text.lstrip()[:2000].lower()
    if start.startswith("<") and any(
        tag in start for tag in ("<p", "<h1", "<h2", "<h3", "<ul", "<ol", "<div", "<html", "<br")
    ):
        return "html"
    for line in text.splitlines():
        stripped = line.strip()
        if len(stripped) > len("****") and stripped.startswith("**") and stripped.endswith("**"):
            return "markdown"  # a "**Heading**" line
        if stripped.startswith("#"):
            marks = len(stripped) - len(stripped.lstrip("#"))
            if marks <= MARKDOWN_HEADING_LEVELS and stripped[marks : marks + 1] == " ":
                return "markdown"
    return "text"


def read(text: str, source_format: str) -> Document:
    if source_format == "html":
        return read_html(text)
    if source_format == "markdown":
        return read_markdown(text)
    return read_text(text)


def parse_file(data: bytes, filename: str) -> ParsedArticle:
    """Read an uploaded article file."""
    source_format = file_format(filename)
    check_size(len(data))
    if source_format == "docx":
        document = read_docx(data)
    else:
        text = decode_text(data)
        if not text.strip():
            raise ArticleError("The file has no text in it. Check you chose the right file.")
        if source_format == "text":
            source_format = sniff_format(text) if sniff_format(text) == "markdown" else "text"
        document = read(text, source_format)
    return group_sections(document, source_format)


def parse_pasted(text: str) -> ParsedArticle:
    """Read an article pasted into the import form."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError("Paste the article's text, or upload a file.")
    if len(text) > MAX_PASTED_CHARS:
        raise ArticleError(
            f"That is more text than one article ({len(text):,} characters; the most is "
            f"{MAX_PASTED_CHARS:,}). Import one article at a time."
        )
    source_format = sniff_format(text)
    return group_sections(read(text, source_format), source_format)


def merge_lists(elements: list[Element]) -> list[Element]:
    """Join lists that follow each other (for example one "1." paragraph per item)."""
    merged: list[Element] = []
    for element in elements:
        previous = merged[-1] if merged else None
        if (
            isinstance(element, ListItems)
            and isinstance(previous, ListItems)
            and previous.ordered == element.ordered
        ):
            merged[-1] = ListItems(previous.items + element.items, ordered=element.ordered)
        else:
            merged.append(element)
    return merged


def group_sections(document: Document, source_format: str) -> ParsedArticle:
    """Cut the article into sections at its main headings.

    The title is the one the format marks, else a single biggest heading at the top (an HTML
    ``h1`` or Markdown ``#``). The main headings are the biggest ones left; smaller headings stay
    inside their section. Text before the first main heading is the introduction.
    """
    elements = merge_lists(document.elements)
    title = document.title
    headings = [element for element in elements if isinstance(element, Heading)]
    if not title and len(headings) > 1:
        top = min(heading.level for heading in headings)
        at_top = [heading for heading in headings if heading.level == top]
        if len(at_top) == 1 and at_top[0] is headings[0]:
            title = at_top[0].text
            elements = [element for element in elements if element is not at_top[0]]
            headings = headings[1:]
    if not title and len(headings) == 1 and elements and elements[0] is headings[0]:
        title = headings[0].text
        elements = elements[1:]
        headings = []

    section_level = min((heading.level for heading in headings), default=1)
    sections: list[SourceSection] = [SourceSection(heading="")]
    for element in elements:
        if isinstance(element, Heading) and element.level <= section_level:
            sections.append(SourceSection(heading=element.text))
        else:
            sections[-1].content.append(element)
    if not sections[0].content:
        sections.pop(0)

    if not any(section.heading or section.content for section in sections):
        raise ArticleError(
            "We found no text in this article. If it is a scanned document or a picture, "
            "type or paste its text instead."
        )
    article = ParsedArticle(
        title=title,
        sections=sections,
        source_format=source_format,
        links=document.links,
        left_out=document.left_out,
        notes=document.notes,
    )
    reconsider_title(article)
    return article
