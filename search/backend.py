"""Wagtail's database search backend, with each page indexed by the rules of its own language.

Wagtail's PostgreSQL backend indexes every page with one text search configuration
(``SEARCH_CONFIG``, else the database's default, English). A Spanish guide indexed with English
rules is stemmed wrongly ("cicatrices" is not reduced as Spanish reduces it), and no
configuration ignores accents, so "peeling quimico" would miss "peeling químico".

:class:`LanguageSearchBackend` indexes each page with the configuration of its locale
(:func:`text_search_config`). The configurations are made by ``search/migrations/0001``: copies
of PostgreSQL's English and Spanish ones that first drop accents (the ``unaccent`` extension),
and an accent-free ``simple`` one for other languages and for search-as-you-type. The site search
(:mod:`search.engines`) names the configuration of the language it searches in; other searches
through Wagtail (the API, the admin) use that of the active language (English at ``/api/``).

On SQLite (development) Wagtail's FTS5 index already ignores accents (its ``unicode61``
tokenizer removes diacritics) and stems no language, so nothing changes there.
"""

import contextvars
from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language

#: Language -> text search configuration (made by search/migrations/0001).
TEXT_SEARCH_CONFIGS = {"en": "portal_english", "es": "portal_spanish"}
#: For any other language: words as written, accents dropped, no stemming.
OTHER_LANGUAGES_CONFIG = "portal_simple"

_indexing_language: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "indexing_language", default=None
)


def text_search_config(language: str | None) -> str:
    """The PostgreSQL text search configuration for ``language`` ("es-mx" reads as "es")."""
    code = (language or settings.LANGUAGE_CODE).lower()
    for candidate in (code, code.split("-")[0]):
        if candidate in TEXT_SEARCH_CONFIGS:
            return TEXT_SEARCH_CONFIGS[candidate]
    return OTHER_LANGUAGES_CONFIG


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    """On PostgreSQL, :class:`LanguageSearchBackend`; elsewhere Wagtail's database backend."""
    if connection.vendor == "postgresql":
        return LanguageSearchBackend(params)
    from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)


def _postgres_classes():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    return PostgresIndex, PostgresSearchBackend


PostgresIndex, PostgresSearchBackend = _postgres_classes()


class LanguageIndex(PostgresIndex):
    """Wagtail's PostgreSQL index, each object's vectors built with its language's rules."""

    def add_items(self, model, objs):
        from wagtail.models import Locale

        objs = list(objs)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_language = defaultdict(list)
        for obj in objs:
            by_language[languages.get(getattr(obj, "locale_id", None))].append(obj)
        for language, group in by_language.items():
            token = _indexing_language.set(language or settings.LANGUAGE_CODE)
            try:
                super().add_items(model, group)
            finally:
                _indexing_language.reset(token)


class LanguageSearchBackend(PostgresSearchBackend):
    """PostgreSQL full text with a configuration per language (see the module's docstring)."""

    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = OTHER_LANGUAGES_CONFIG  # as "simple", without accents

    @property
    def config(self) -> str:
        """The configuration of the object being indexed, else of the active language."""
        return self._config or text_search_config(_indexing_language.get() or get_language())

    @config.setter
    def config(self, value: str | None) -> None:
        self._config = value  # ``SEARCH_CONFIG``: one configuration for every language
