"""Readers for HTML (beautifulsoup4), Markdown (markdown-it-py) and Word (python-docx) files.

Each returns a ``Document``: headings, paragraphs and lists in reading order, the links found,
and a note of anything that could not be brought across (pictures, videos, forms).
"""

import io
import re
import zipfile

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag
from docx import Document as open_docx
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from markdown_it import MarkdownIt

from .document import ArticleError, Document, Element, Heading, Link, ListItems, Paragraph
from .plaintext import block_elements, list_item, looks_like_heading, tidy

# --- HTML -----------------------------------------------------------------------------------

HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
# Never patient content: code, styling, and form controls.
IGNORED_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "button",
    "input",
    "select",
    "textarea",
]
# Embedded things that cannot become guide text; the report lists them.
EMBEDDED_TAGS = {
    "iframe": "embedded frame (for example a video)",
    "video": "video",
    "audio": "audio clip",
    "object": "embedded object",
    "embed": "embedded object",
    "svg": "drawing",
    "canvas": "drawing",
}
BLOCK_TAGS = {
    *HEADING_TAGS,
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
}
# Bold paragraphs used as headings rank below every real heading: they are the sections of an
# article with no real headings, and small headings inside the sections of one that has them.
BOLD_HEADING_LEVEL = 7
# Stands for a line break (<br>) until the text of a paragraph is split into lines.
LINE_BREAK = "\u2028"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class _HTMLWalker:
    def __init__(self) -> None:
        self.elements: list[Element] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        """Turn the text collected since the last block into paragraphs. Lines split by ``<br>``
        each become a paragraph, or a list item if typed as one ("1. ...", "- ...")."""
        text = "".join(self.buffer)
        self.buffer.clear()
        items: list[str] = []
        ordered = False
        for line in (tidy(line) for line in text.split(LINE_BREAK)):
            if not line:
                continue
            item = list_item(line)
            if item is not None and (not items or item[0] == ordered):
                ordered = item[0]
                items.append(item[1])
                continue
            if items:
                self.elements.append(ListItems(tuple(items), ordered=ordered))
                items = []
            if item is not None:
                ordered = item[0]
                items.append(item[1])
            else:
                self.elements.append(Paragraph(line))
        if items:
            self.elements.append(ListItems(tuple(items), ordered=ordered))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in HEADING_TAGS:
                self.flush()
                text = _text(child)
                if text:
                    self.elements.append(Heading(text, HEADING_TAGS[name]))
            elif name in ("ul", "ol"):
                self.flush()
                items = _list_items(child)
                if items:
                    self.elements.append(ListItems(tuple(items), ordered=name == "ol"))
            elif name == "table":
                self.flush()
                for row in child.find_all("tr"):
                    cells = [_text(cell) for cell in row.find_all(["td", "th"])]
                    line = " | ".join(cell for cell in cells if cell)
                    if line:
                        self.elements.append(Paragraph(line))
            elif name == "p" and (heading := _bold_heading(child)):
                self.flush()
                self.elements.append(Heading(heading, BOLD_HEADING_LEVEL))
            elif name in BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.buffer.append(child.get_text())
        self.flush()


def _bold_heading(paragraph: Tag) -> str:
    """The text of a paragraph that is all bold and shaped like a heading ("<p><b>Aftercare</b>
    </p>", as many blogs and Markdown "**Aftercare**" write headings), else ""."""
    parts = [
        part
        for part in paragraph.children
        if not (isinstance(part, NavigableString) and not part.strip())
    ]
    if len(parts) != 1 or not isinstance(parts[0], Tag) or parts[0].name not in ("b", "strong"):
        return ""
    text = _text(parts[0]).rstrip(":").strip()
    return text if looks_like_heading(text) else ""


def _text(tag: Tag) -> str:
    return tidy(tag.get_text(" ").replace(LINE_BREAK, " "))


def _list_items(list_tag: Tag) -> list[str]:
    """The items of a list; items of a list inside an item follow it, marked with a dash."""
    items: list[str] = []
    for li in list_tag.find_all("li", recursive=False):
        nested = li.find_all(["ul", "ol"])
        for inner in nested:
            inner.extract()
        text = _text(li)
        if text:
            items.append(text)
        for inner in nested:
            items.extend(f"– {item}" for item in _list_items(inner))  # noqa: RUF001
    return items


def _remove_embedded(root: Tag) -> list[str]:
    """Take pictures, videos and other embedded things out of the text, and describe them."""
    counts: dict[str, int] = {}
    for tag in root.find_all(list(EMBEDDED_TAGS)):
        if tag.parent is None:  # inside something already removed
            continue
        # Icons drawn in SVG are decoration; a drawing with a title or label is content.
        if tag.name != "svg" or tag.find("title") or tag.get("aria-label") or tag.get("role"):
            counts[EMBEDDED_TAGS[tag.name]] = counts.get(EMBEDDED_TAGS[tag.name], 0) + 1
        tag.decompose()
    left_out = [_plural(count, description) for description, count in counts.items()]

    images = root.find_all("img")
    if images:
        alts = [tidy(img.get("alt") or "") for img in images]
        described = "; ".join(f"“{alt}”" for alt in alts if alt)
        left_out.append(_plural(len(images), "picture") + (f" ({described})" if described else ""))
        for img in images:
            img.decompose()
    return left_out


def read_html(html: str) -> Document:
    """Read an HTML page or fragment. If the page has an ``<article>`` or ``<main>``, only that
    is read (menus, headers and footers of a blog page are not part of the article)."""
    soup = BeautifulSoup(html, "html.parser")
    document = Document()
    page_title = soup.find("title")
    page_title_text = tidy(page_title.get_text()) if page_title else ""
    for tag in soup.find_all(IGNORED_TAGS):
        tag.decompose()

    root = soup.find("article") or soup.find("main") or soup.body or soup
    outside_root = soup.body is not None and root is not soup.body and root is not soup
    if outside_root and tidy(soup.body.get_text(" ")) != tidy(root.get_text(" ")):
        document.notes.append(
            f"Only the page's <{root.name}> was read: its menus, header and footer were left out."
        )
    document.left_out.extend(_remove_embedded(root))
    for br in root.find_all("br"):
        br.replace_with(LINE_BREAK)
    if page_title_text and not root.find(list(HEADING_TAGS)):
        document.title = page_title_text

    for anchor in root.find_all("a", href=True):
        href = anchor["href"].strip()
        if href.startswith(("http://", "https://", "mailto:", "tel:", "www.")):
            document.links.append(Link(_text(anchor) or href, href))

    walker = _HTMLWalker()
    walker.walk(root)
    document.elements = walker.elements
    return document


# --- Markdown ---------------------------------------------------------------------------------

_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")


def read_markdown(text: str) -> Document:
    """Read a Markdown article: ``#`` headings, ``1.`` and ``-`` lists, paragraphs."""
    return read_html(_MARKDOWN.render(text))


# --- Word (.docx) -------------------------------------------------------------------------------

# A .docx is a zip file; refuse ones that would unpack to something enormous (a "zip bomb").
DOCX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
NOT_A_DOCX = (
    "This file is not a Word document we can read. Open it in Word (or another word processor) "
    "and save it again as a .docx file, or paste its text instead."
)
_HEADING_STYLE_RE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_docx_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ArticleError(NOT_A_DOCX) from error
    if "word/document.xml" not in names:
        raise ArticleError(NOT_A_DOCX)
    if unpacked > DOCX_MAX_UNPACKED_BYTES:
        raise ArticleError(
            "This Word document is too large to import. Split it into smaller documents."
        )


def _style_name(paragraph: DocxParagraph) -> str:
    try:
        return paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        return ""


def _numbering_format(document, paragraph: DocxParagraph) -> str | None:
    """The numbering ("decimal", "bullet"...) of a paragraph in a Word list, or None."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    try:
        num_id = num_pr.numId.val
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        numbering = document.part.numbering_part.element
        num = numbering.num_having_numId(num_id)
        abstract_id = num.abstractNumId.val
        formats = numbering.xpath(
            f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]'
            f'/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
        )
        return str(formats[0]) if formats else "bullet"
    except (KeyError, IndexError, AttributeError, NotImplementedError, ValueError):
        return "bullet"


def _is_bold(paragraph: DocxParagraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _table_rows(table: Table) -> list[Paragraph]:
    """A Word table as one line per row, its cells separated by " | "."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = tidy(cell.text)
            if text and text not in cells:  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(Paragraph(" | ".join(cells)))
    return rows


def read_docx(data: bytes) -> Document:
    """Read a Word document: heading styles (or, if it has none, short bold or heading-like
    lines) become headings, Word lists and typed "1." lists become lists, tables become lines."""
    _check_docx_zip(data)
    try:
        word = open_docx(io.BytesIO(data))
        blocks = list(word.iter_inner_content())
    except Exception as error:  # python-docx raises many kinds of error on a damaged file
        raise ArticleError(NOT_A_DOCX) from error

    document = Document()
    paragraphs = [block for block in blocks if isinstance(block, DocxParagraph)]
    styled_headings = any(
        _HEADING_STYLE_RE.match(_style_name(p)) or _style_name(p) == "Title" for p in paragraphs
    )
    elements: list[Element] = []
    items: list[str] = []
    ordered = False
    pictures = 0
    tables = 0

    def flush_list() -> None:
        if items:
            elements.append(ListItems(tuple(items), ordered=ordered))
            items.clear()

    for block in blocks:
        if isinstance(block, Table):
            flush_list()
            tables += 1
            elements.extend(_table_rows(block))
            continue

        pictures += len(block._p.findall(f".//{_W}drawing")) + len(block._p.findall(f".//{_W}pict"))
        document.links.extend(
            Link(tidy(hyperlink.text) or hyperlink.url, hyperlink.url)
            for hyperlink in block.hyperlinks
            if hyperlink.url
        )
        text = block.text.strip()
        if not text:
            continue
        style = _style_name(block)
        heading = _HEADING_STYLE_RE.match(style)
        number_format = _numbering_format(word, block)
        if style == "Title" and not document.title:
            flush_list()
            document.title = tidy(text)
        elif heading:
            flush_list()
            elements.append(Heading(tidy(text), int(heading.group(1))))
        elif number_format or style.startswith("List"):
            is_ordered = "Number" in style or number_format not in (None, "bullet", "none")
            if items and is_ordered != ordered:
                flush_list()
            ordered = is_ordered
            items.append(tidy(text))
        else:
            flush_list()
            lines = text.splitlines()
            if not styled_headings and _is_bold(block) and looks_like_heading(text.rstrip(":")):
                elements.append(Heading(tidy(text.rstrip(":"))))
            else:
                elements.extend(block_elements(lines, find_headings=not styled_headings))
    flush_list()

    if pictures:
        document.left_out.append(_plural(pictures, "picture"))
    if tables:
        document.notes.append(
            f"{_plural(tables, 'table')} came in as lines of text, cells separated by '|'."
        )
    document.elements = elements
    if not document.title and not styled_headings and elements:
        first = elements[0]
        if isinstance(first, Heading) and len(elements) > 1:
            document.title = elements.pop(0).text
    return document
