"""Explain glossary terms where they first appear in a guide's text."""

import re

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from bs4 import BeautifulSoup, NavigableString

# Never mark a term inside these: links and buttons can't nest, headings and FAQ questions stay
# clean, and code or existing definitions are left alone.
SKIP_TAGS = frozenset(
    {
        "a",
        "button",
        "summary",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "script",
        "style",
        "code",
        "abbr",
        "dfn",
        "label",
        "title",
    }
)


def _skipped(node) -> bool:
    return any(parent.name in SKIP_TAGS for parent in node.parents if parent.name)


def term_markup(term, text: str, glossary_url: str) -> str:
    """The term as a link to the glossary, described by its explanation for screen readers."""
    tip_id = f"term-{term.slug}"
    return format_html(
        '<span class="term"><a class="term__word" href="{}#{}" aria-describedby="{}">{}</a>'
        '<span class="term__tip" role="tooltip" id="{}">{}</span></span>',
        glossary_url,
        term.slug,
        tip_id,
        text,
        tip_id,
        term.explanation,
    )


def explain_terms(html: str, terms, glossary_url: str = "") -> SafeString:
    """Mark the first use of each term (or one of its other forms) in already-rendered ``html``.

    Text is only ever split around a match: everything else is left exactly as it was, and the
    explanation and term text are escaped.
    """
    by_form = {form.lower(): term for term in terms for form in term.forms}
    if not html or not by_form:
        return mark_safe(html)  # noqa: S308 - already-rendered template output
    forms = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, forms)) + r")(?![\w-])", re.IGNORECASE
    )
    soup = BeautifulSoup(html, "html.parser")
    explained: set = set()
    for node in list(soup.find_all(string=True)):
        if not isinstance(node, NavigableString) or _skipped(node) or not node.strip():
            continue
        text, pieces, position = str(node), [], 0
        for match in pattern.finditer(text):
            term = by_form[match.group(1).lower()]
            if term.pk in explained:
                continue
            explained.add(term.pk)
            pieces.append(NavigableString(text[position : match.start()]))
            pieces.append(
                BeautifulSoup(term_markup(term, match.group(1), glossary_url), "html.parser")
            )
            position = match.end()
        if pieces:
            pieces.append(NavigableString(text[position:]))
            node.replace_with(*pieces)
        if len(explained) == len(terms):
            break
    return mark_safe(str(soup))  # noqa: S308 - original HTML plus escaped markup from format_html
