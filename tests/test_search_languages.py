"""Search in the patient's language: /search/ searches the English guides, /es/search/ the
Spanish ones, never the other; accents never matter ("peeling quimico" finds "peeling químico",
"acné" finds "acne"); the glossary's words patients use work in each language; snippets mark
the words found, accents or not; kept results are kept per language.

Runs on SQLite and on PostgreSQL (Spanish guides indexed with Spanish rules there): run it with
DATABASE_URL set for both.
"""

import re

from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

import pytest

from glossary.models import GlossaryTerm
from search.backend import text_search_config
from search.snippets import highlight
from tests.factories import TreatmentPageFactory, build_site
from tests.shared_data import SharedData, fresh_page
from tests.test_search import MAX_QUERIES, snippets, titles
from tests.translations import published_in_spanish, spanish_languages, speak_spanish

pytestmark = pytest.mark.django_db


def search(client, query: str, language: str = "en") -> str:
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def make_peels() -> tuple[int, int]:
    _home, index = build_site()
    english = TreatmentPageFactory(
        parent=index,
        title="Chemical peel",
        summary="Peeling skin after a chemical peel is normal. It can help with acne marks.",
    )
    with spanish_languages():
        spanish = published_in_spanish(
            english,
            django_settings,
            title="Peeling químico",
            summary="El peeling químico quita la piel muerta. Ayuda con las cicatrices de acné.",
        )
    return english.pk, spanish.pk


@pytest.fixture(scope="module")
def shared_peels(django_db_setup, django_db_blocker):
    """The primary keys of ``peels``, built once per module (tests/shared_data.py)."""
    yield from SharedData().build(django_db_blocker, make_peels)


@pytest.fixture
def peels(shared_peels, settings, db):
    """A chemical peel guide in English and its Spanish translation, both live. The site speaks
    Spanish for the test (``settings``)."""
    speak_spanish(settings)
    return tuple(fresh_page(pk) for pk in shared_peels)


def test_each_language_searches_only_its_own_guides(client, peels):
    assert titles(search(client, "peeling")) == ["Chemical peel"]
    assert titles(search(client, "peeling", "es")) == ["Peeling químico"]
    assert titles(search(client, "chemical", "es")) == []
    assert titles(search(client, "piel muerta")) == []


def test_accents_never_matter(client, peels):
    assert titles(search(client, "peeling quimico", "es")) == ["Peeling químico"]
    assert titles(search(client, "cicatrices de acne", "es")) == ["Peeling químico"]
    assert titles(search(client, "PEELING QUÍMICO", "es")) == ["Peeling químico"]
    assert titles(search(client, "acné")) == ["Chemical peel"]  # the English text says "acne"


def test_spanish_words_are_stemmed_by_spanish_rules_on_postgresql(client, peels):
    """PostgreSQL reads Spanish guides with Spanish rules: "quitar" finds "quita" (the English
    rules keep them apart). SQLite (development) matches words as written."""
    found = titles(search(client, "quitar piel", "es"))
    assert found == (["Peeling químico"] if connection.vendor == "postgresql" else [])
    assert titles(search(client, "quita piel", "es")) == ["Peeling químico"]


def test_snippets_mark_the_words_found_accents_or_not(client, peels):
    [snippet] = snippets(search(client, "cicatrices de acne", "es"))
    assert "<mark>cicatrices</mark>" in snippet and "<mark>acné</mark>" in snippet


def test_spanish_patient_words_find_the_spanish_guides(client, peels):
    locale = Locale.objects.get(language_code="es")
    GlossaryTerm.objects.create(
        term="Acne scars", slug="acne-scars", explanation="Marks acne leaves.", patient_words=""
    )
    GlossaryTerm.objects.create(
        term="Cicatrices de acné",
        slug="cicatrices-de-acne",
        explanation="Marcas que deja el acné.",
        patient_words="marcas de acné, hoyitos",
        locale=locale,
    )
    html = search(client, "marcas de acne", "es")
    assert titles(html) == ["Peeling químico"]
    assert "Cicatrices de acné" in html  # "Also showing results for"
    assert titles(search(client, "hoyitos")) == []  # a Spanish patient word, not an English one


def test_kept_results_are_kept_per_language(client, peels):
    assert titles(search(client, "peeling")) == ["Chemical peel"]  # kept for English
    assert titles(search(client, "peeling", "es")) == ["Peeling químico"]
    assert titles(search(client, "peeling")) == ["Chemical peel"]


def test_search_as_you_type_suggests_titles_in_the_language(client, peels):
    spanish = client.get("/es/search/suggest/", {"q": "peel"}).json()["suggestions"]
    english = client.get("/search/suggest/", {"q": "peel"}).json()["suggestions"]
    assert [s["title"] for s in spanish] == ["Peeling químico"]
    assert spanish[0]["url"].startswith("/es/")
    assert [s["title"] for s in english] == ["Chemical peel"]


def test_a_spanish_search_costs_the_same_few_queries(client, peels):
    search(client, "algo", "es")  # once-per-process and per-purge lookups
    with CaptureQueriesContext(connection) as queries:
        search(client, "peeling quimico", "es")
    assert len(queries.captured_queries) <= MAX_QUERIES


def test_the_spanish_search_page_is_in_spanish_markup(client, peels):
    html = search(client, "peeling", "es")
    assert re.search(r'<a href="/es/treatments/[^"]+">Peeling químico</a>', html)


@pytest.mark.parametrize(
    ("language", "config"),
    [("en", "portal_english"), ("es", "portal_spanish"), ("es-mx", "portal_spanish"),
     ("vi", "portal_simple"), (None, "portal_english")],
)  # fmt: skip
def test_each_language_has_its_text_search_rules(language, config):
    assert text_search_config(language) == config


def test_python_snippets_mark_words_accents_or_not():
    html = highlight("El peeling químico & más.", ["quimico", "mas"])
    assert html == "El peeling <mark>químico</mark> &amp; <mark>más</mark>."
