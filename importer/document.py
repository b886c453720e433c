"""What an article is made of once it has been read, whatever its file format.

Every reader (plain text, Markdown, HTML, Word) produces the same few pieces: headings,
paragraphs and lists. ``parsing.group_sections`` then cuts them into sections, one per heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ArticleError(ValueError):
    """An article that cannot be imported. The message is shown to the editor as it is."""


@dataclass(frozen=True)
class Heading:
    """A heading line. Level 1 is the biggest (an HTML ``h1`` or Word's "Heading 1")."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class ListItems:
    """A numbered (``ordered``) or bulleted list, one string per item."""

    items: tuple[str, ...]
    ordered: bool = False


Element = Heading | Paragraph | ListItems


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass
class Document:
    """What a reader found in a file, in reading order, before it is cut into sections."""

    elements: list[Element] = field(default_factory=list)
    # A title the format marks as such (Word's "Title" style, the first line of a plain text).
    title: str = ""
    links: list[Link] = field(default_factory=list)
    # Things that could not be brought into a guide, described for the editor ("2 pictures").
    left_out: list[str] = field(default_factory=list)
    # Anything else the editor should know about how the file was read.
    notes: list[str] = field(default_factory=list)


@dataclass
class SourceSection:
    """One heading of the article and everything under it. The text before the first heading
    (an introduction) has an empty heading. Smaller headings inside a section stay in
    ``content`` as ``Heading`` pieces."""

    heading: str
    content: list[Element] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The section's words, one paragraph, list item or small heading per line."""
        return content_lines(self.content)


@dataclass
class ParsedArticle:
    title: str
    sections: list[SourceSection]
    source_format: str
    links: list[Link] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def has_headings(self) -> bool:
        return any(section.heading for section in self.sections)


def content_lines(content: list[Element]) -> list[str]:
    lines: list[str] = []
    for piece in content:
        if isinstance(piece, ListItems):
            lines.extend(piece.items)
        else:
            lines.append(piece.text)
    return [line for line in lines if line]
