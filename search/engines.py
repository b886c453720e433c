"""Where a guide search runs: PostgreSQL's full-text engine, or Wagtail's search backend.

Both answer the same two questions, so a results page costs the same few queries whether 10 or
10,000 guides match: which guides, best first, from the ``start``-th to the ``stop``-th
(:meth:`~GuideSearch.ranked_ids`), and those guides with a snippet each
(:meth:`~GuideSearch.guides`).

On PostgreSQL (:class:`PostgresGuideSearch`) both are asked of Wagtail's own search index
(``wagtailsearch_indexentry``: per guide a ``title`` and a ``body`` tsvector, each with a GIN
index; the body holds the summary, the body and the skin concerns) and ranked as Wagtail's
database backend ranks them: ``ts_rank`` with its weights, the title's rank times its length
factor ``title_norm``, plus the body's. What differs from going through Wagtail's backend:

* **The text search configuration is named** in the query (the one the guides of the search's
  language were indexed with, accents ignored: see :mod:`search.backend`), so
  PostgreSQL reads and stems the search once per query, and can estimate how many guides it
  matches. Without it (as Wagtail's backend writes it) ``to_tsquery`` is run again for every
  guide looked at, which costs more than the ranking itself.
* **Which guides match** is asked of each tsvector as it is stored. Wagtail's backend matches
  ``title || body``: a new tsvector built for every guide on every search, which no index covers
  (modelsearch's model mentions a GIN index on it that no migration creates). Here a guide
  matches if its title or its body has all the words; or, when the words are split between the
  two, if the title has one of them and ``title || body`` has them all (rare, and only then is
  that tsvector built). Same guides as Wagtail's backend.
* Only ids are read to rank; only the page's guides are then loaded, without their body.
* Snippets are PostgreSQL's ``ts_headline`` over the guide's stored plain text
  (``TreatmentPage.plain_text``), for those guides only: the first line (paragraph, list item)
  with all the words, as when Python built them (see :class:`LineHeadline`).

Anywhere else (SQLite's FTS5 in development, or an Elasticsearch/OpenSearch backend)
:class:`WagtailGuideSearch` asks Wagtail's search backend, and snippets are built in Python from
the same stored plain text.
"""

import functools
import operator
from typing import Protocol

from django.contrib.postgres.search import SearchConfig, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.utils.safestring import mark_safe

from wagtail.search.backends import get_search_backend

from articles.models import TreatmentPage

from .query import GuideQuery
from .snippets import HIGHLIGHT_END, HIGHLIGHT_START, from_headline, highlight

#: ``ts_headline`` settings: the matched words between two control characters (see
#: search/snippets.py), in a passage of 10 to 25 words of the line.
HEADLINE_OPTIONS = {
    "StartSel": HIGHLIGHT_START,
    "StopSel": HIGHLIGHT_END,
    "MaxWords": 25,
    "MinWords": 10,
    "MaxFragments": 1,
}
#: ``translate()`` arguments for the headline's input: ``<``, ``>`` and ``&`` become placeholders
#: (the headline parser would drop anything that looks like a tag), and the marker characters and
#: the placeholders themselves are removed from the text (see search/snippets.py).
HEADLINE_SWAP = ("<>&" + HIGHLIGHT_START + HIGHLIGHT_END + "\x04\x05\x06", "\x04\x05\x06")


class LineHeadline(Func):
    """``ts_headline`` of the first line of ``text`` that matches ``query`` (NULL if none does).

    A guide's plain text has one paragraph, list item or heading per line, so this is the
    sentence-sized passage patients saw before; and PostgreSQL parses the text only up to that
    line, where ``ts_headline`` over the whole text parses all of it (about 1 ms a guide).
    """

    output_field = TextField()

    def __init__(self, text, query, *, config: str):
        super().__init__(text, query, SearchConfig.from_parameter(config))

    def as_sql(self, compiler, connection, **extra_context):
        text, query, config = (compiler.compile(part) for part in self.get_source_expressions())
        options = ", ".join(
            connection.ops.compose_sql(f"{name}=%s", [value])
            for name, value in HEADLINE_OPTIONS.items()
        )
        # Only the SQL Django compiled from our own expressions; every value is a parameter.
        sql = (
            f"(SELECT ts_headline({config[0]}, line, {query[0]}, %s)"  # noqa: S608
            f" FROM regexp_split_to_table({text[0]}, E'\\n') AS line"
            f" WHERE to_tsvector({config[0]}, line) @@ {query[0]} LIMIT 1)"
        )
        params = [*config[1], *query[1], options, *text[1], *config[1], *query[1]]
        return sql, params


class GuideSearch(Protocol):
    def ranked_ids(self, start: int, stop: int) -> list[int]: ...

    def guides(self, ids: list[int], snippets: dict | None = None) -> list[TreatmentPage]: ...


def with_kept_snippets(found, ids: list[int], snippets: dict) -> list[TreatmentPage]:
    """The guides of ``ids`` that ``found`` holds, in that order, each with its kept snippet (HTML
    escaped by :mod:`search.snippets` when it was made)."""
    guides = in_order(found, ids)
    for guide in guides:
        guide.snippet = mark_safe(snippets[guide.pk])  # noqa: S308 - escaped when it was made
    return guides


def guide_search(guides, query: GuideQuery) -> GuideSearch:
    """The search for ``query`` among ``guides`` (a TreatmentPage queryset), on this database."""
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        from .backend import LanguageSearchBackend, text_search_config

        backend = get_search_backend()
        if isinstance(backend, LanguageSearchBackend):
            config = backend._config or text_search_config(query.language)
            return PostgresGuideSearch(guides, query, config=config)
        if isinstance(backend, PostgresSearchBackend):
            config = backend.config or database_text_search_config()
            return PostgresGuideSearch(guides, query, config=config)
    return WagtailGuideSearch(guides, query)


_DATABASE_CONFIGS: dict[tuple, str] = {}


def database_text_search_config() -> str:
    """The text search configuration Wagtail indexes with when none is set: the database's
    default (``pg_catalog.english`` on most). Looked up once per database and process."""
    key = tuple(connection.settings_dict.get(name) for name in ("HOST", "PORT", "NAME"))
    if key not in _DATABASE_CONFIGS:
        with connection.cursor() as cursor:
            cursor.execute("SHOW default_text_search_config")
            _DATABASE_CONFIGS[key] = cursor.fetchone()[0]
    return _DATABASE_CONFIGS[key]


def in_order(guides, ids: list[int]) -> list[TreatmentPage]:
    by_pk = {guide.pk: guide for guide in guides}
    return [by_pk[pk] for pk in ids if pk in by_pk]


class PostgresGuideSearch:
    """PostgreSQL full-text search on Wagtail's index table (see the module's docstring)."""

    def __init__(self, guides, query: GuideQuery, config: str):
        self.guides_queryset = guides
        self.query = query
        self.config = config

    def words_query(self, text: str, search_type: str = "plain") -> SearchQuery:
        """All the words of ``text`` ("plain") or ``text`` as a phrase, stemmed as indexed."""
        return SearchQuery(text, search_type=search_type, config=self.config)

    @functools.cached_property
    def tsquery(self) -> SearchQuery:
        """All the patient's words, or any of the glossary terms as a phrase."""
        phrases = [self.words_query(phrase, "phrase") for phrase in self.query.phrases]
        return functools.reduce(operator.or_, phrases, self.words_query(self.query.words))

    @functools.cached_property
    def any_word(self) -> SearchQuery:
        """Any one word of the search (of the patient's or of the terms')."""
        words = [*self.query.words.split(), *" ".join(self.query.phrases).split()]
        return functools.reduce(operator.or_, map(self.words_query, dict.fromkeys(words)))

    def ranked_ids(self, start: int, stop: int) -> list[int]:
        from modelsearch.backends.database.postgres.weights import get_sql_weights

        tsquery, weights = self.tsquery, get_sql_weights()
        title, body = F("index_entries__title"), F("index_entries__body")
        title_rank = SearchRank(title, tsquery, weights=weights) * F("index_entries__title_norm")
        matches = (
            self.guides_queryset.annotate(
                search_title=title,
                search_body=body,
                search_document=CombinedExpression(title, "||", body),
            )
            .filter(
                Q(search_title=tsquery)
                | Q(search_body=tsquery)
                # In this order: the cheap test first, ``title || body`` built only if it passes.
                | (Q(search_title=self.any_word) & Q(search_document=tsquery))
            )
            .annotate(search_rank=title_rank + SearchRank(body, tsquery, weights=weights))
            .order_by("-search_rank", "-pk")
        )
        return list(matches.values_list("pk", flat=True)[start:stop])

    def guides(self, ids: list[int], snippets: dict | None = None) -> list[TreatmentPage]:
        """The guides of ``ids`` (the live, public ones), each with its snippet: ``snippets``
        (guide id -> HTML) when kept from an earlier search, else PostgreSQL's headline."""
        if not ids:
            return []
        unread = self.guides_queryset.filter(pk__in=ids).defer_streamfields().defer("plain_text")
        if snippets is not None and set(ids) <= snippets.keys():
            return with_kept_snippets(unread, ids, snippets)
        text = Func(
            F("plain_text"),
            Value(HEADLINE_SWAP[0]),
            Value(HEADLINE_SWAP[1]),
            function="translate",
            output_field=TextField(),
        )
        # The first line with all the words, else the first with any (the old Python snippet
        # was the sentence with the most of them).
        headline = Coalesce(
            LineHeadline(text, self.tsquery, config=self.config),
            LineHeadline(text, self.any_word, config=self.config),
        )
        guides = in_order(unread.annotate(search_headline=headline), ids)
        for guide in guides:
            guide.snippet = from_headline(guide.search_headline)
        return guides


class WagtailGuideSearch:
    """Wagtail's search backend (SQLite FTS5 in development), snippets built in Python."""

    def __init__(self, guides, query: GuideQuery):
        self.guides_queryset = guides
        self.query = query

    def ranked_ids(self, start: int, stop: int) -> list[int]:
        results = self.guides_queryset.only("pk").search(self.query.wagtail_query())
        return [guide.pk for guide in results[start:stop]]

    def guides(self, ids: list[int], snippets: dict | None = None) -> list[TreatmentPage]:
        if not ids:
            return []
        found = self.guides_queryset.filter(pk__in=ids).defer_streamfields()
        if snippets is not None and set(ids) <= snippets.keys():
            return with_kept_snippets(found.defer("plain_text"), ids, snippets)
        guides = in_order(found, ids)
        words = self.query.marked_words()
        for guide in guides:
            guide.snippet = highlight(guide.plain_text, words)
        return guides
