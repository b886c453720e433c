"""A short passage of each result, with the searched words marked: always escaped.

A guide's text is never trusted as HTML, even after PostgreSQL has picked the passage: an editor
may well write "<script>" in a guide about something else entirely. PostgreSQL's ``ts_headline``
marks the matched words with two control characters that no guide contains (they are removed
from its input), and it would drop anything that looks like an HTML tag, so ``<``, ``>`` and
``&`` reach it as three other control characters (see ``search.engines.HEADLINE_SWAP``).
:func:`from_headline` escapes the whole passage, then turns those characters back into ``&lt;``,
``&gt;``, ``&amp;``, ``<mark>`` and ``</mark>``.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.readability import split_sentences
from portal.search_text import fold_accents

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
#: After escaping: the placeholders for ``<``, ``>`` and ``&``, then the markers.
HEADLINE_HTML = {
    "\x04": "&lt;",
    "\x05": "&gt;",
    "\x06": "&amp;",
    HIGHLIGHT_START: "<mark>",
    HIGHLIGHT_END: "</mark>",
}
SNIPPET_WORDS = 30
#: Control characters (not tabs or line breaks): never shown, whatever a guide's text holds.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def from_headline(headline: str | None) -> SafeString | str:
    """A ``ts_headline`` passage as safe HTML; "" when it marks no word (nothing to show)."""
    if not headline or HIGHLIGHT_START not in headline:
        return ""
    html = escape(" ".join(headline.split()))
    for placeholder, replacement in HEADLINE_HTML.items():
        html = html.replace(placeholder, replacement)
    html = CONTROL_CHARACTERS.sub("", html)
    return mark_safe(html)  # noqa: S308 - escaped above; only our own markup put back


def highlight(text: str, words: list[str]) -> SafeString | str:
    """The sentence of ``text`` that matches the most search words, escaped and shortened,
    with the matching words in <mark>, accents or not ("quimico" marks "químico"); without
    PostgreSQL, e.g. on SQLite in development."""
    if not words or not text:
        return ""
    folded_words = [fold_accents(word) for word in words]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, folded_words)) + r")", re.IGNORECASE)
    best, best_score = "", 0
    for sentence in split_sentences(CONTROL_CHARACTERS.sub("", text)):
        score = len({match.lower() for match in pattern.findall(fold_accents(sentence))})
        if score > best_score:
            best, best_score = sentence, score
    if not best:
        return ""
    parts = best.split()
    if len(parts) > SNIPPET_WORDS:
        best = " ".join(parts[:SNIPPET_WORDS]) + "…"
    # Marked before escaping, so a searched word never lands inside an entity ("&amp;"). The
    # folded sentence has the same length: its matches are the places to mark in ``best``.
    html, last = [], 0
    for match in pattern.finditer(fold_accents(best)):
        html.append(escape(best[last : match.start()]))
        html.append(f"<mark>{escape(best[match.start() : match.end()])}</mark>")
        last = match.end()
    html.append(escape(best[last:]))
    return mark_safe("".join(html))  # noqa: S308 - every piece is escaped
