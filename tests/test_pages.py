"""What patients see when they browse: home, the A-Z index, the concern filter, guides, search."""

import itertools
import re

from wagtail.models import PageViewRestriction

import pytest

from articles.blocks import STANDARD_SECTIONS
from articles.models import TreatmentIndexPage, TreatmentPage
from home.models import HomePage, HomePageFeaturedGuide, UrgentHelpSettings
from tests.factories import (
    FAQFactory,
    SkinConcernFactory,
    TreatmentPageFactory,
    build_site,
    bulk_guides,
    preview_guide_body,
    steps,
    stream,
)
from tests.shared_data import built_once, fresh

pytestmark = pytest.mark.django_db


def h1s(html: str) -> list[str]:
    return re.findall(r"<h1[\s>]", html)


# --- Page tree rules ---------------------------------------------------------------------------


def test_guides_live_only_under_the_treatments_index():
    assert TreatmentPage.allowed_parent_page_models() == [TreatmentIndexPage]
    assert TreatmentPage.allowed_subpage_models() == []
    assert TreatmentIndexPage.allowed_parent_page_models() == [HomePage]
    assert TreatmentIndexPage.allowed_subpage_models() == [TreatmentPage]


def test_a_home_page_holds_one_treatments_index(site_tree):
    home, _index = site_tree
    assert not TreatmentIndexPage.can_create_at(home)
    assert not HomePage.can_create_at(home)


# --- Home --------------------------------------------------------------------------------------


def test_home_shows_featured_published_guides_concerns_search_and_urgent_help(client, site_tree):
    home, index = site_tree
    acne = SkinConcernFactory(name="Acne scars")
    live = TreatmentPageFactory(parent=index, title="Microneedling", concerns=[acne])
    draft = TreatmentPageFactory(parent=index, title="Secret laser", live=False)
    home.featured_guides = [
        HomePageFeaturedGuide(guide=live),
        HomePageFeaturedGuide(guide=draft),
    ]
    home.save_revision().publish()
    notice = UrgentHelpSettings.for_site(home.get_site())
    notice.message = "<p>Call 911 if you cannot breathe.</p>"
    notice.clinic_phone = "555-0100"
    notice.save()

    html = client.get("/").content.decode()

    assert len(h1s(html)) == 1
    assert "Microneedling" in html
    assert "Secret laser" not in html
    assert "Acne scars" in html and "?concern=acne-scars" in html
    assert 'role="search"' in html and 'name="q"' in html
    assert "Call 911 if you cannot breathe." in html
    assert 'href="tel:5550100"' in html


# --- Treatments index and the concern filter -------------------------------------------------


@pytest.fixture(scope="module")
def guides_site(django_db_setup, django_db_blocker):
    """The site of the ``guides`` tests, built once for this module (tests/shared_data.py)."""
    with built_once(django_db_blocker):
        _home, index = build_site()
        acne = SkinConcernFactory(name="Acne scars")
        lines = SkinConcernFactory(name="Fine lines")
        yield {
            "index": index,
            "acne": acne,
            "lines": lines,
            "peel": TreatmentPageFactory(parent=index, title="Chemical peels", concerns=[acne]),
            "needling": TreatmentPageFactory(
                parent=index, title="Microneedling", concerns=[acne, lines]
            ),
            "led": TreatmentPageFactory(parent=index, title="LED light therapy", concerns=[lines]),
            "draft": TreatmentPageFactory(
                parent=index, title="Draft dermabrasion", concerns=[acne], live=False
            ),
        }


@pytest.fixture
def guides(db, guides_site):
    """Three published guides (two concerns) and a draft on a site, read fresh per test."""
    return fresh(guides_site)


def test_index_lists_published_guides_a_to_z(client, guides):
    html = client.get("/treatments/").content.decode()
    positions = [html.index(title) for title in ("Chemical peels", "LED light", "Microneedling")]
    assert positions == sorted(positions)
    assert "Draft dermabrasion" not in html
    assert len(h1s(html)) == 1


def test_index_hides_guides_behind_a_login(client, guides):
    PageViewRestriction.objects.create(page=guides["led"], restriction_type="login")
    html = client.get("/treatments/").content.decode()
    assert "LED light therapy" not in html
    assert "Microneedling" in html


def test_concern_filter_shows_only_matching_guides(client, guides):
    response = client.get("/treatments/", {"concern": "fine-lines"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Microneedling" in html and "LED light therapy" in html
    assert "Chemical peels" not in html
    # The chosen concern stays selected so the patient sees what they filtered by.
    assert re.search(r'<option value="fine-lines"\s+selected', html)


def test_unknown_concern_is_a_clear_404_not_an_empty_list(client, guides):
    response = client.get("/treatments/", {"concern": "<b>no-such-thing</b>"})
    html = response.content.decode()
    assert response.status_code == 404
    assert "have a skin concern called" in html
    assert "&lt;b&gt;no-such-thing&lt;/b&gt;" in html  # echoed back escaped
    assert "Chemical peels" not in html


def test_letter_bar_jumps_to_a_letter_and_keeps_the_concern(client, guides):
    html = client.get("/treatments/").content.decode()
    bar = html[html.index('class="letter-nav"') :]
    bar = bar[: bar.index("</nav>")]
    assert 'href="?letter=m"' in bar and 'href="?letter=c"' in bar
    assert 'href="?letter=z"' not in bar  # no guide starts with Z: not a link

    m = client.get("/treatments/", {"letter": "m"}).content.decode()
    assert "Microneedling" in m and "Chemical peels" not in m and "LED light" not in m
    assert "1 guide starting with M." in m

    both = client.get("/treatments/", {"concern": "fine-lines", "letter": "l"}).content.decode()
    assert "LED light therapy" in both and "Microneedling" not in both
    assert 'href="?concern=fine-lines&amp;letter=m"' in both  # the bar keeps the filter

    # Made-up values lead to the real page (so they can't make the cache render again).
    for params, target in [
        ({"letter": "<script>"}, "/treatments/"),
        ({"letter": "z"}, "/treatments/"),  # no guide starts with Z
        ({"letter": "M"}, "/treatments/?letter=m"),
        ({"letter": "m", "page": "1"}, "/treatments/?letter=m"),
        ({"page": "9"}, "/treatments/"),
        ({"page": "abc", "concern": "fine-lines"}, "/treatments/?concern=fine-lines"),
    ]:
        response = client.get("/treatments/", params)
        assert (response.status_code, response["Location"]) == (302, target), params


def index_queries(client, params=None) -> int:
    """Queries for one uncached render of the index (not served from the page cache)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/treatments/", params or {}).status_code == 200
    return len(queries)


def test_a_big_library_comes_a_page_at_a_time_in_the_same_number_of_queries(client, site_tree):
    from articles.models import GUIDES_PER_PAGE

    _home, index = site_tree
    acne = SkinConcernFactory(name="Acne")
    for number in range(10):
        TreatmentPageFactory(parent=index, title=f"Guide {number:03d}", concerns=[acne])
    index_queries(client)  # the first request of a process looks up a few things once
    small = index_queries(client)
    small_letter = index_queries(client, {"letter": "g", "concern": "acne"})
    bulk_guides(
        index, [f"Guide {n:03d}" for n in range(10, 200)], summary="Plain words.", concerns=[acne]
    )
    assert index_queries(client) == small
    assert index_queries(client, {"letter": "g", "concern": "acne"}) == small_letter

    first = client.get("/treatments/").content.decode()
    assert first.count('class="card"') == GUIDES_PER_PAGE
    assert "200 guides, A to Z." in first and "Page 1 of 5" in first
    assert 'href="?page=2" rel="next"' in first
    last = client.get("/treatments/", {"page": "5"}).content.decode()
    assert "Guide 199" in last and "Guide 000" not in last
    assert 'href="?page=4" rel="prev"' in last
    assert client.get("/treatments/", {"page": "6"})["Location"] == "/treatments/"


def test_an_index_miss_loads_no_list_until_the_next_publish(client, guides):
    """The letters, concerns, order of the guides and the page's cards are kept until the next
    publish (or other page purge): a miss of the index (its entry expired, another variant)
    reads none of the guides. Publishing, unpublishing and privacy renew them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pagecache import store

    index = guides["index"]
    assert "Microneedling" in client.get(index.url).content.decode()
    store.purge_paths([index.url])  # as when its entry expires: nothing was published
    with CaptureQueriesContext(connection) as queries:
        html = client.get(index.url).content.decode()
    assert "3 guides, A to Z." in html and "Microneedling" in html
    sql = " ".join(captured["sql"] for captured in queries.captured_queries)
    assert "articles_treatmentpage" not in sql and "articles_skinconcern" not in sql

    new = TreatmentPageFactory(parent=index, title="Aqua peel", concerns=[guides["acne"]])
    html = client.get(index.url).content.decode()
    assert "Aqua peel" in html and "4 guides, A to Z." in html and 'href="?letter=a"' in html
    new.unpublish()
    html = client.get(index.url).content.decode()
    assert "Aqua peel" not in html and "3 guides, A to Z." in html
    PageViewRestriction.objects.create(page=guides["led"], restriction_type="login")
    html = client.get(index.url).content.decode()
    assert "LED light therapy" not in html and "2 guides, A to Z." in html
    assert 'href="?letter=l"' not in html


# --- A guide -----------------------------------------------------------------------------------


@pytest.fixture
def full_guide(site_tree):
    _home, index = site_tree
    faq = FAQFactory(question="Can I wear make-up?", answer="<p>Wait 24 hours.</p>")
    return TreatmentPageFactory(
        parent=index,
        title="Microneedling",
        summary="Tiny needles help skin make collagen.",
        session_time="About 1 hour",
        recovery_time="1 to 3 days",
        concerns=[SkinConcernFactory(name="Acne scars")],
        body=stream(
            ("overview", {"heading": "What it is", "text": "<p>Tiny needles.</p>"}),
            (
                "benefits",
                {
                    "heading": "What it can help with",
                    "intro": "",
                    "benefits": [{"title": "Softer scars", "description": ""}],
                },
            ),
            (
                "procedure",
                {
                    "heading": "What happens",
                    "intro": "",
                    "steps": steps("Numbing", "Needling", "Calming"),
                    "total_time": "",
                },
            ),
            (
                "warning_signs",
                {
                    "heading": "When to get help",
                    "urgency": "emergency",
                    "intro": "",
                    "items": ["Your lips swell"],
                    "action": "Call 911.",
                },
            ),
            (
                "faqs",
                {
                    "heading": "Questions people ask",
                    "questions": [
                        {
                            "type": "question",
                            "value": {"question": "Does it hurt?", "answer": "<p>A little.</p>"},
                        },
                        {"type": "saved_question", "value": faq.pk},
                    ],
                },
            ),
        ),
    )


def test_guide_reads_top_to_bottom_for_a_patient(client, full_guide):
    response = client.get(full_guide.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert len(h1s(html)) == 1
    assert "Tiny needles help skin make collagen." in html  # In short
    assert "About 1 hour" in html and "1 to 3 days" in html  # At a glance
    assert "Acne scars" in html
    # Contents list links to each section.
    contents = html[html.index('class="contents"') :]
    for heading in ("What it is", "What it can help with", "What happens", "When to get help"):
        assert heading in contents
    assert re.search(r'<ol class="steps[^"]*"', html)
    assert html.index("Numbing") < html.index("Needling") < html.index("Calming")
    assert "Emergency" in html and "Call 911." in html
    assert html.count("<details") == 2
    assert "Can I wear make-up?" in html
    # Breadcrumbs lead back to the index.
    assert 'aria-label="Breadcrumb"' in html and 'href="/treatments/"' in html


def test_guide_headings_never_skip_a_level(client, full_guide):
    html = client.get(full_guide.url).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_a_guide_with_every_section_shows_each_in_order_under_its_heading(client, site_tree):
    """Every standard section and a callout, each holding its block's preview value."""
    _home, index = site_tree
    guide = TreatmentPageFactory(parent=index, title="Everything", body=preview_guide_body())
    response = client.get(guide.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert len(guide.contents) >= len(STANDARD_SECTIONS)
    places = [html.index(f'id="{item["anchor"]}"') for item in guide.contents]
    assert places == sorted(places)
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_draft_guide_is_not_served(client, site_tree):
    _home, index = site_tree
    draft = TreatmentPageFactory(parent=index, title="Unreviewed", live=False)
    assert client.get("/treatments/unreviewed/").status_code == 404
    assert draft.pk


def test_unpublished_changes_stay_private(client, full_guide):
    full_guide.summary = "DRAFT WORDING"
    full_guide.save_revision()  # saved, not published
    html = client.get(full_guide.url).content.decode()
    assert "DRAFT WORDING" not in html
    assert "Tiny needles help skin make collagen." in html


def test_guide_page_uses_a_small_constant_number_of_queries(
    client, full_guide, django_assert_max_num_queries
):
    client.get(full_guide.url)  # warm caches such as the site root
    with django_assert_max_num_queries(25):
        client.get(full_guide.url)


# --- Search ------------------------------------------------------------------------------------


def test_search_finds_published_guides_by_body_text_and_hides_drafts(client, guides):
    TreatmentPageFactory(
        parent=guides["index"],
        title="Dermaplaning",
        summary="A blade gently removes fine hair.",
        body=stream(("overview", {"heading": "What it is", "text": "<p>Peach fuzz goes.</p>"})),
    )
    TreatmentPageFactory(
        parent=guides["index"],
        title="Hidden fuzz",
        body=stream(("overview", {"heading": "x", "text": "<p>Peach fuzz too.</p>"})),
        live=False,
    )

    html = client.get("/search/", {"q": "fuzz"}).content.decode()

    assert "Dermaplaning" in html
    assert "Hidden fuzz" not in html


def test_search_without_matches_says_so(client, guides):
    response = client.get("/search/", {"q": "zzzzqqq"})
    assert response.status_code == 200
    assert "0 guides found" in response.content.decode()


def test_overlong_search_is_a_clear_400(client, guides):
    response = client.get("/search/", {"q": "a" * 201})
    assert response.status_code == 400
    assert "fewer words" in response.content.decode()


@pytest.mark.parametrize("page_number", ["999", "abc", "-1"])
def test_odd_search_page_numbers_do_not_break_search(client, guides, page_number):
    response = client.get("/search/", {"q": "Microneedling", "page": page_number})
    assert response.status_code == 200


# --- Errors ------------------------------------------------------------------------------------


def test_missing_page_gets_a_friendly_404(client, site_tree):
    response = client.get("/no-such-guide/")
    html = response.content.decode()
    assert response.status_code == 404
    assert len(h1s(html)) == 1
    assert "Page not found" in html
    assert 'href="/treatments/"' in html  # a way back to the guides


def test_favicon_ico_is_served_without_a_page_lookup(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert len(queries) == 0
