"""What a patient typed, turned into a search: its words, plus the glossary terms they stand for.

"acne marks" also searches "acne scars" because the glossary term "Acne scars" lists "acne
marks" among its words patients use. Only words ever reach a search backend
(:func:`portal.search_text.search_text`): a stray quote or bracket must never break a query.

A search is in one language, the patient's (the page's address: /search/ or /es/search/): it
uses that language's glossary terms, and only that language's guides are searched
(:func:`search_locale_id`). Accents never matter ("marcas de acne" is "marcas de acné").
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.search.query import Or, Phrase, PlainText

from glossary.models import GlossaryTerm
from pagecache.sitewide import remember
from portal.search_text import fold_accents, search_text

MAX_QUERY_LENGTH = 200
#: Words shorter than this are searched but not marked in snippets ("of", "to").
MARKED_WORD_LENGTH = 3


def search_language() -> str:
    """The language searched in: the active one (from the address), as a content language."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def search_locale_id(language: str) -> int | None:
    """The id of ``language``'s locale (None if the site has no pages in it): one query per
    site-wide purge."""

    def build():
        return Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()

    return remember(f"search:locale:{language}", build)


def clean_query(value: str) -> str:
    """What the patient typed, without control characters (PostgreSQL refuses NUL)."""
    return "".join(ch for ch in value if ch.isprintable() or ch == " ").strip()


@dataclass(frozen=True)
class GuideQuery:
    """A search for guides in ``language``: all of ``words``, or any one of the glossary
    ``terms``, as phrases."""

    words: str
    terms: list[str] = field(default_factory=list)
    language: str = "en"

    @property
    def phrases(self) -> list[str]:
        """The glossary terms as plain words (the ones that have any)."""
        return [words for words in map(search_text, self.terms) if words]

    def wagtail_query(self) -> PlainText | Or:
        """The same search as a Wagtail search query, for any search backend."""
        query = PlainText(self.words, operator="and")
        if self.phrases:
            return Or([query, *map(Phrase, self.phrases)])
        return query

    def marked_words(self) -> list[str]:
        """Words to mark in a snippet: the patient's longer words and the terms' words."""
        typed = [word for word in self.words.split() if len(word) >= MARKED_WORD_LENGTH]
        return typed + [word for term in self.terms for word in re.findall(r"\w+", term)]


def build_query(query: str, language: str = "en") -> GuideQuery:
    """The search for ``query`` in ``language``: its words and the glossary terms (of that
    language) its everyday words stand for, accents or not.

    The glossary's patient words come from the cache (:func:`patient_words`). ``query`` must
    have words.
    """
    words = search_text(query)
    lowered = f" {fold_accents(words.lower())} "
    terms = [
        term
        for term, everyday in patient_words(language)
        if any(f" {word} " in lowered for word in everyday)
    ]
    return GuideQuery(words, terms, language)


def as_searched(words: str) -> str:
    """``words`` as :func:`build_query` compares them: plain words, lower case, no accents."""
    return fold_accents(search_text(words).lower())


def patient_words(language: str = "en") -> list[tuple[str, list[str]]]:
    """Each glossary term of ``language`` with the everyday words it stands for, as searched
    (lower case, no accents): one query per site-wide purge (every change to a glossary term
    purges everything: glossary/purges.py)."""

    def build():
        terms = (
            GlossaryTerm.objects.filter(locale__language_code=language)
            .exclude(patient_words="")
            .only("term", "patient_words")
        )
        return [
            (
                term.term,
                [word for word in map(as_searched, term.search_words) if word],
            )
            for term in terms
        ]

    return remember(f"search:patient-words:{language}", build)
