"""Site search at scale: a results page costs the same few queries however many guides match,
pages without counting every match, and snippets mark the searched words and stay escaped.

Runs on SQLite (Wagtail's FTS5 backend, snippets in Python) and on PostgreSQL (full-text search
on Wagtail's index table, snippets from ts_headline): run it with DATABASE_URL set for both.
"""

import re

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from articles.models import TreatmentPage
from search.pagination import COUNTED, PER_PAGE, page_number
from search.snippets import from_headline, highlight
from tests.factories import TreatmentPageFactory, build_site, bulk_guides, stream

pytestmark = pytest.mark.django_db

#: Most queries a results page may cost (glossary, page privacy, ranking, the page's guides, the
#: site; on PostgreSQL the text search configuration once per process).
MAX_QUERIES = 6


def overview(text: str) -> tuple:
    return ("overview", {"heading": "What it is", "text": text, "sources": ""})


def snippets(html: str) -> list[str]:
    return re.findall(r'<p class="card__snippet">(.*?)</p>', html, re.S)


def titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="card__title"><a href="[^"]*">([^<]*)</a>', html)


def search(client, query: str, **params):
    return client.get(reverse("search"), {"q": query, **params}).content.decode()


class TestManyMatches(TestCase):
    """200 guides match "laser", 10 match "peel"."""

    @classmethod
    def setUpTestData(cls):
        _home, index = build_site()
        body = stream(overview("<p>Light therapy for the skin, in short sessions.</p>"))
        bulk_guides(index, [f"Laser {n:03}" for n in range(200)], summary="Laser light.", body=body)
        bulk_guides(index, [f"Peel {n:02}" for n in range(10)], summary="A peel.")

    def queries_for(self, query: str, **params) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("search"), {"q": query, **params})
        assert response.status_code == 200
        return [captured["sql"] for captured in queries.captured_queries]

    def test_a_results_page_costs_the_same_few_queries_for_10_or_200_matches(self):
        self.client.get(reverse("search"), {"q": "warm up"})  # once-per-process lookups
        ten, two_hundred = self.queries_for("peel"), self.queries_for("laser")
        later_page = self.queries_for("laser", page="15")
        assert len(ten) == len(two_hundred) == len(later_page) <= MAX_QUERIES, (
            ten,
            two_hundred,
        )

    def test_matches_are_never_counted(self):
        for sql in self.queries_for("laser") + self.queries_for("laser", page="15"):
            assert "COUNT(" not in sql.upper(), sql

    def test_a_large_result_set_pages_with_previous_and_next_and_no_total(self):
        first = search(self.client, "laser")
        assert f"More than {COUNTED} guides found" in first
        assert 'rel="next"' in first and 'rel="prev"' not in first
        assert "Page 1" in first and "Page 1 of" not in first
        assert len(titles(first)) == PER_PAGE

        beyond_counted = search(self.client, "laser", page="11")  # results 101 to 110
        assert 'rel="prev"' in beyond_counted and 'rel="next"' in beyond_counted
        assert "page=10" in beyond_counted and "page=12" in beyond_counted
        assert '<ol class="cards search-results" start="101">' in beyond_counted

        last = search(self.client, "laser", page="20")
        assert len(titles(last)) == PER_PAGE
        assert 'rel="prev"' in last and 'rel="next"' not in last

        past_the_end = search(self.client, "laser", page="21")
        assert titles(past_the_end) == []
        assert "There are no more guides" in past_the_end

    def test_every_match_is_on_exactly_one_page(self):
        seen = []
        for number in range(1, 21):
            seen += titles(search(self.client, "laser", page=str(number)))
        assert len(seen) == 200 and len(set(seen)) == 200

    def test_a_small_result_set_is_counted_and_numbered(self):
        html = search(self.client, "peel")
        assert "10 guides found" in html and 'class="pagination"' not in html


def test_a_page_past_the_end_of_a_short_list_shows_its_last_page(client, site_tree):
    _home, index = site_tree
    for number in range(12):
        TreatmentPageFactory(parent=index, title=f"Laser {number:02}", summary="Laser light.")
    html = search(client, "laser", page="15")
    assert "12 guides found" in html and "Page 2 of 2" in html and len(titles(html)) == 2
    assert "No guides match those words" in search(client, "qqqzzz", page="15")


@pytest.mark.parametrize(
    ("value", "number"),
    [(None, 1), ("", 1), ("2", 2), ("0", 1), ("-3", 1), ("two", 1), ("9" * 30, 1000)],
)
def test_page_number_is_always_a_sensible_page(value, number):
    assert page_number(value) == number


# --- Snippets ---------------------------------------------------------------------------------

HOSTILE = (
    "<p>Peels &lt;script&gt;alert(1)&lt;/script&gt; remove dead skin &lt;img src=x "
    'onerror=alert(2)&gt; \x02fake\x03 \x04 &amp;amp; "quoted".</p>'
)


def test_snippets_mark_the_searched_words_and_escape_everything_else(client, site_tree):
    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Peels", body=stream(overview(HOSTILE)))

    html = search(client, "dead skin")

    [snippet] = snippets(html)
    assert "<mark>dead</mark> <mark>skin</mark>" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0  # no other markup at all
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "&lt;img src=x onerror=alert(2)&gt;" in snippet
    assert "&amp;amp;" in snippet  # the text "&amp;" as written, not an entity
    assert not re.search(r"[\x00-\x08]", html)
    assert "<script>alert" not in html and "<img src=x" not in html


def test_the_snippet_is_the_line_with_the_searched_words(client, site_tree):
    _home, index = site_tree
    body = stream(
        overview("<p>Nothing to see here.</p><p>Wear sunscreen every day after a peel.</p>")
    )
    TreatmentPageFactory(parent=index, title="Peels", summary="About peels.", body=body)
    [snippet] = snippets(search(client, "sunscreen"))
    assert snippet.startswith("Wear <mark>sunscreen</mark> every day")
    assert "Nothing to see" not in snippet


def test_a_guide_matched_by_its_title_alone_has_no_snippet(client, site_tree):
    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Dermaplaning")
    html = search(client, "dermaplaning")
    assert titles(html) == ["Dermaplaning"] and snippets(html) == []


def test_words_split_between_title_and_text_still_find_the_guide(client, site_tree):
    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Dermaplaning", summary="Removes fine hair.")
    assert titles(search(client, "dermaplaning hair")) == ["Dermaplaning"]


def test_snippets_show_only_the_published_text(client, site_tree):
    _home, index = site_tree
    guide = TreatmentPageFactory(parent=index, title="Peels", summary="Peels renew skin.")
    guide.summary = "Peels renew skin. Draftword in progress."
    guide.save_revision()  # a draft: not published

    assert TreatmentPage.objects.get(pk=guide.pk).plain_text.startswith("Peels renew skin.")
    assert "Draftword" not in search(client, "renew")
    guide.get_latest_revision().publish()
    assert "Draftword" in TreatmentPage.objects.get(pk=guide.pk).plain_text


def test_from_headline_escapes_and_keeps_only_its_own_marks():
    html = from_headline('a \x02dead\x03 \x04b\x05 \x06 <i>x</i> "q"')
    assert html == "a <mark>dead</mark> &lt;b&gt; &amp; &lt;i&gt;x&lt;/i&gt; &quot;q&quot;"
    assert from_headline("no marked word") == ""
    assert from_headline(None) == ""


def test_python_snippets_never_mark_inside_an_escaped_character():
    html = highlight("Tom & Jerry use amp creams.", ["amp"])
    assert html == "Tom &amp; Jerry use <mark>amp</mark> creams."


def test_the_stored_text_is_filled_in_for_existing_guides(site_tree):
    from importlib import import_module

    from django.apps import apps

    _home, index = site_tree
    guide = TreatmentPageFactory(parent=index, summary="Summary words.")
    TreatmentPage.objects.filter(pk=guide.pk).update(plain_text="")
    migration = import_module("articles.migrations.0005_treatmentpage_plain_text")
    migration.fill_plain_text(apps, None)
    assert TreatmentPage.objects.get(pk=guide.pk).plain_text.startswith("Summary words.")


# --- Kept results (search/cache.py) ---------------------------------------------------------


def ranking_queries(client, query: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("search"), {"q": query}).status_code == 200
    return [
        captured["sql"]
        for captured in queries.captured_queries
        if "indexentry" in captured["sql"].lower()
    ]


def test_a_repeated_search_is_not_ranked_again(client, site_tree):
    """Ranking is what grows with the library: the first results of a search are kept until the
    next publish, so asking again costs no ranking (nor the glossary's patient words)."""
    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Peel", summary="A gentle peel.")
    assert ranking_queries(client, "peel")
    with CaptureQueriesContext(connection) as queries:
        html = search(client, "peel")
    assert titles(html) == ["Peel"]
    sql = " ".join(captured["sql"].lower() for captured in queries.captured_queries)
    assert "indexentry" not in sql and "glossary" not in sql


def test_a_repeated_search_keeps_its_snippets_until_the_next_publish(client, site_tree):
    """A page of results keeps its snippets (they read each guide's text) as it keeps its
    ranking: asking again does not read the guides' text; publishing brings the new words."""
    _home, index = site_tree
    guide = TreatmentPageFactory(parent=index, title="Peel", summary="A gentle peel for skin.")
    assert "gentle <mark>peel</mark>" in search(client, "peel")
    TreatmentPage.objects.filter(pk=guide.pk).update(plain_text="A strong peel, not read.")

    with CaptureQueriesContext(connection) as queries:
        html = search(client, "peel")
    assert "gentle <mark>peel</mark>" in html and "strong" not in html
    assert not any("plain_text" in captured["sql"] for captured in queries.captured_queries)

    guide = TreatmentPage.objects.get(pk=guide.pk)
    guide.summary = "A new peel for dry skin."
    guide.save_revision().publish()
    assert "<mark>peel</mark> for dry skin" in search(client, "peel")


def test_publishing_and_unpublishing_renew_kept_results(client, site_tree):
    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Peel one", summary="A peel.")
    assert titles(search(client, "peel")) == ["Peel one"]
    second = TreatmentPageFactory(parent=index, title="Peel two", summary="A peel.")
    second.save_revision().publish()
    assert sorted(titles(search(client, "peel"))) == ["Peel one", "Peel two"]
    second.unpublish()
    assert titles(search(client, "peel")) == ["Peel one"]


def test_kept_results_never_show_a_guide_made_private_even_without_a_purge(client, site_tree):
    """A guide made private renews every kept result (a purge of everything); and even if that
    purge were lost, the page's guides are loaded from the live, public guides only."""
    from wagtail.models import PageViewRestriction

    from pagecache import store

    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Peel open", summary="A peel.")
    secret = TreatmentPageFactory(parent=index, title="Peel secret", summary="A peel.")
    assert sorted(titles(search(client, "peel"))) == ["Peel open", "Peel secret"]
    with store.muted():
        PageViewRestriction.objects.create(page=secret, restriction_type="login")
    html = search(client, "peel")
    assert "Peel secret" not in html and titles(html) == ["Peel open"]


def test_no_results_are_kept_when_search_caching_is_off(client, site_tree, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Peel", summary="A gentle peel.")
    assert ranking_queries(client, "peel") and ranking_queries(client, "peel")
