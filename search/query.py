"""What a patient typed, turned into a search: its words, plus the glossary terms they stand for.

"acne marks" also searches "acne scars" because the glossary term "Acne scars" lists "acne
marks" among its words patients use. Only words ever reach a search backend
(:func:`portal.search_text.search_text`): a stray quote or bracket must never break a query.
"""

import re
from dataclasses import dataclass, field

from wagtail.search.query import Or, Phrase, PlainText

from glossary.models import GlossaryTerm
from pagecache.sitewide import remember
from portal.search_text import search_text

MAX_QUERY_LENGTH = 200
#: Words shorter than this are searched but not marked in snippets ("of", "to").
MARKED_WORD_LENGTH = 3


def clean_query(value: str) -> str:
    """What the patient typed, without control characters (PostgreSQL refuses NUL)."""
    return "".join(ch for ch in value if ch.isprintable() or ch == " ").strip()


@dataclass(frozen=True)
class GuideQuery:
    """A search for guides: all of ``words``, or any one of the glossary ``terms``, as phrases."""

    words: str
    terms: list[str] = field(default_factory=list)

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


def build_query(query: str) -> GuideQuery:
    """The search for ``query``: its words and the glossary terms its everyday words stand for.

    The glossary's patient words come from the cache (:func:`patient_words`). ``query`` must
    have words.
    """
    words = search_text(query)
    lowered = f" {words.lower()} "
    terms = [
        term
        for term, everyday in patient_words()
        if any(f" {word} " in lowered for word in everyday)
    ]
    return GuideQuery(words, terms)


def patient_words() -> list[tuple[str, list[str]]]:
    """Each glossary term with the everyday words it stands for, as searched: one query per
    site-wide purge (every change to a glossary term purges everything: glossary/purges.py)."""

    def build():
        terms = GlossaryTerm.objects.exclude(patient_words="").only("term", "patient_words")
        return [
            (
                term.term,
                [word for word in map(str.lower, map(search_text, term.search_words)) if word],
            )
            for term in terms
        ]

    return remember("search:patient-words", build)
