"""Reading plain text, as clinics paste it: headings on their own lines, lists written as
"1. Title: text" or "- text", paragraphs separated by blank lines.

Plain text has no markup, so headings are recognised by their shape (a short line on its own,
with no full stop at the end). The report shows every heading found, so an editor can see at a
glance if a line was taken for a heading by mistake.
"""

import re

from .document import Document, Element, Heading, ListItems, Paragraph

# "1. ", "2) ", "(3) " at the start of a line.
ORDERED_ITEM_RE = re.compile(r"^\s*\(?\d{1,3}[.)]\s+(?P<text>\S.*)$")
# "- ", "* ", "• " and similar bullets at the start of a line.
BULLET_ITEM_RE = re.compile(r"^\s*[-*•‣◦–—]\s+(?P<text>\S.*)$")  # noqa: RUF001

HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100
# A heading at the top of a block of lines (not on its own) must be shorter still.
LEADING_HEADING_MAX_WORDS = 8


def tidy(text: str) -> str:
    """One line of text with single spaces."""
    return " ".join(text.split())


def list_item(line: str) -> tuple[bool, str] | None:
    """(ordered, text) if ``line`` is a list item, else None."""
    match = ORDERED_ITEM_RE.match(line)
    if match:
        return True, tidy(match["text"])
    match = BULLET_ITEM_RE.match(line)
    if match:
        return False, tidy(match["text"])
    return None


def looks_like_heading(line: str, *, max_words: int = HEADING_MAX_WORDS) -> bool:
    """True for a short line that starts with a capital or digit and does not end a sentence.

    A question ("What is microneedling?") counts; a line ending in ".", "!", ":" or ";" does not,
    and neither does a list item.
    """
    text = tidy(line)
    if not text or len(text) > HEADING_MAX_CHARS or list_item(line):
        return False
    if len(text.split()) > max_words:
        return False
    if text[-1] in ".,;:!" or text.endswith("..."):
        return False
    return text[0].isupper() or text[0].isdigit()


def _is_wrapped_paragraph_below(first: str, second: str) -> bool:
    """A heading is much shorter than the line under it; the first line of a wrapped paragraph
    is not."""
    return len(tidy(first)) < 0.6 * len(tidy(second))


def block_elements(lines: list[str], *, find_headings: bool = True) -> list[Element]:
    """Headings, paragraphs and lists in one block of lines (text between two blank lines).

    Lines of a paragraph are joined (text is often wrapped at a fixed width); an indented line
    under a list item continues that item.
    """
    lines = [line.rstrip() for line in lines if line.strip()]
    if not lines:
        return []
    if find_headings and len(lines) == 1 and looks_like_heading(lines[0]):
        return [Heading(tidy(lines[0]))]

    elements: list[Element] = []
    if (
        find_headings
        and looks_like_heading(lines[0], max_words=LEADING_HEADING_MAX_WORDS)
        and (list_item(lines[1]) or _is_wrapped_paragraph_below(lines[0], lines[1]))
    ):
        elements.append(Heading(tidy(lines[0])))
        lines = lines[1:]

    paragraph: list[str] = []
    items: list[str] = []
    ordered = False

    def flush_paragraph() -> None:
        if paragraph:
            elements.append(Paragraph(tidy(" ".join(paragraph))))
            paragraph.clear()

    def flush_list() -> None:
        if items:
            elements.append(ListItems(tuple(items), ordered=ordered))
            items.clear()

    for line in lines:
        item = list_item(line)
        if item is not None:
            flush_paragraph()
            if items and item[0] != ordered:
                flush_list()
            ordered = item[0]
            items.append(item[1])
        elif items and line[:1].isspace():
            items[-1] = tidy(f"{items[-1]} {line}")
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return elements


def read_text(text: str) -> Document:
    """Read a plain-text article. Its first line is the title if it looks like a heading and
    more text follows."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])

    elements: list[Element] = []
    for block in blocks:
        elements.extend(block_elements(block))

    document = Document(elements=elements)
    if len(elements) > 1 and isinstance(elements[0], Heading):
        document.title = elements.pop(0).text
    return document
