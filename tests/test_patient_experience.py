"""Finding, reading, printing and trusting a guide: search, glossary, feedback, handouts, SEO."""

import json
import re

from django.core.cache import cache
from django.urls import reverse

import pytest

from articles.models import TreatmentPage
from feedback.models import GuideFeedback
from glossary.models import GlossaryPage, GlossaryTerm
from governance.reviews import record_review
from tests.factories import (
    AFTERCARE,
    WARNING,
    FAQFactory,
    SkinConcernFactory,
    TreatmentPageFactory,
    UserFactory,
    build_site,
    steps,
    stream,
)
from tests.shared_data import built_once, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def plain_site(django_db_setup, django_db_blocker):
    """Home and the treatments index (``build_site``), built once for this module
    (tests/shared_data.py)."""
    with built_once(django_db_blocker):
        home, index = build_site()
        yield {"home": home, "index": index}


@pytest.fixture
def site_tree(db, plain_site):
    """(home, index): the pages every patient-facing test needs, read fresh per test."""
    pages = fresh(plain_site)
    return pages["home"], pages["index"]


def overview(text: str, heading: str = "What it is") -> tuple:
    return ("overview", {"heading": heading, "text": text, "sources": ""})


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def glossary(site_tree):
    home, _index = site_tree
    page = GlossaryPage(title="Word list", slug="word-list", intro="Words explained.")
    home.add_child(instance=page)
    page.save_revision().publish()
    terms = [
        GlossaryTerm.objects.create(
            term="Collagen", slug="collagen", explanation="A protein that keeps skin <firm>."
        ),
        GlossaryTerm.objects.create(
            term="Acne scars",
            slug="acne-scars",
            explanation="Marks left after acne.",
            other_forms="acne scar",
            patient_words="acne marks, pock marks",
        ),
    ]
    return page, terms


# --- Search ------------------------------------------------------------------------------------


def test_everyday_words_find_guides_through_the_glossary(client, site_tree, glossary):
    _home, index = site_tree
    TreatmentPageFactory(
        parent=index,
        title="Microneedling",
        body=stream(overview("<p>It can help acne scars look softer.</p>")),
    )
    TreatmentPageFactory(parent=index, title="Facials", body=stream(overview("<p>Relaxing.</p>")))

    html = client.get(reverse("search"), {"q": "acne marks"}).content.decode()

    assert "Microneedling" in html and "Facials" not in html
    assert "Also showing results for: Acne scars" in html
    assert "help <mark>acne</mark> <mark>scars</mark> look softer" in html


def test_snippets_are_escaped(client, site_tree):
    _home, index = site_tree
    TreatmentPageFactory(
        parent=index,
        title="Peels",
        body=stream(
            overview("<p>Peels &lt;script&gt;alert(1)&lt;/script&gt; remove dead skin.</p>")
        ),
    )
    html = client.get(reverse("search"), {"q": "dead skin"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "<mark>dead</mark> <mark>skin</mark>" in html


def test_no_results_suggests_concerns(client, site_tree):
    _home, index = site_tree
    TreatmentPageFactory(parent=index, concerns=[SkinConcernFactory(name="Fine lines")])
    html = client.get(reverse("search"), {"q": "qqqzzz"}).content.decode()
    assert "No guides match those words" in html
    assert "Or browse by skin concern" in html and "?concern=fine-lines" in html


def test_results_are_paginated(client, site_tree):
    _home, index = site_tree
    for number in range(12):
        TreatmentPageFactory(parent=index, title=f"Laser {number:02}", summary="Laser light.")
    first = client.get(reverse("search"), {"q": "laser"}).content.decode()
    second = client.get(reverse("search"), {"q": "laser", "page": "2"}).content.decode()
    assert "12 guides found" in first and "Page 1 of 2" in first and 'rel="next"' in first
    assert first.count('class="card"') == 10 and second.count('class="card"') == 2


def test_suggestions_offer_published_titles_only(client, site_tree):
    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Microneedling")
    TreatmentPageFactory(parent=index, title="Microblading draft", live=False)
    data = client.get(reverse("search_suggest"), {"q": "micro"}).json()
    assert [item["title"] for item in data["suggestions"]] == ["Microneedling"]
    assert client.get(reverse("search_suggest"), {"q": "m"}).json()["suggestions"] == []


# --- Glossary ----------------------------------------------------------------------------------


def test_first_use_of_a_term_is_explained_and_linked(client, site_tree, glossary):
    _home, index = site_tree
    guide = TreatmentPageFactory(
        parent=index,
        body=stream(
            overview("<p>Collagen keeps skin firm. More collagen helps acne scar healing.</p>"),
            overview('<p><a href="/x/">collagen link</a></p>', heading="Collagen facts"),
        ),
    )
    html = client.get(guide.url).content.decode()
    assert html.count('class="term"') == 2
    assert (
        '<a class="term__word" href="/word-list/#collagen" aria-describedby="term-collagen">'
        "Collagen</a>"
    ) in html
    assert "A protein that keeps skin &lt;firm&gt;." in html  # explanation escaped
    assert 'href="/word-list/#acne-scars"' in html and ">acne scar</a>" in html
    assert '<h2 class="section__title" id="collagen-facts-title">Collagen facts</h2>' in html


def test_glossary_page_lists_terms_a_to_z(client, glossary):
    page, _terms = glossary
    html = client.get(page.url).content.decode()
    assert html.index("Acne scars") < html.index("Collagen")
    assert '<div class="glossary__item" id="collagen">' in html
    assert "<dfn>Collagen</dfn>" in html
    assert "Also called: acne marks, pock marks" in html
    assert html.count("<h1") == 1


def test_no_glossary_page_means_no_term_links(client, site_tree):
    _home, index = site_tree
    GlossaryTerm.objects.create(term="Collagen", slug="collagen", explanation="A protein.")
    guide = TreatmentPageFactory(parent=index, body=stream(overview("<p>Collagen.</p>")))
    assert 'class="term"' not in client.get(guide.url).content.decode()


# --- Was this page helpful? ---------------------------------------------------------------------


@pytest.fixture
def guide(site_tree):
    _home, index = site_tree
    return TreatmentPageFactory(parent=index, title="Peels")


def test_feedback_works_without_javascript(client, guide):
    page_html = client.get(guide.url).content.decode()
    assert f'action="/feedback/{guide.pk}/"' in page_html and "Was this page helpful?" in page_html

    response = client.post(
        reverse("feedback", args=[guide.pk]), {"helpful": "no", "comment": "Too long."}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{guide.url}?feedback=thanks#feedback"
    answer = GuideFeedback.objects.get()
    assert (answer.page_id, answer.helpful, answer.comment) == (guide.pk, False, "Too long.")
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback" in thanks


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose yes or no."),
        ({"helpful": "maybe"}, "Select a valid choice"),
        ({"helpful": "yes", "comment": "x" * 501}, "under 500 letters"),
    ],
)
def test_bad_feedback_gets_a_clear_400(client, guide, data, message):
    response = client.post(reverse("feedback", args=[guide.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not GuideFeedback.objects.exists()


def test_feedback_is_rate_limited(client, guide):
    url = reverse("feedback", args=[guide.pk])
    codes = [client.post(url, {"helpful": "yes"}).status_code for _ in range(7)]
    assert codes == [302] * 5 + [429] * 2
    assert GuideFeedback.objects.count() == 5


def test_bots_filling_the_hidden_field_are_ignored(client, guide):
    response = client.post(
        reverse("feedback", args=[guide.pk]), {"helpful": "yes", "website": "http://spam"}
    )
    assert response.status_code == 302
    assert not GuideFeedback.objects.exists()


def test_feedback_only_for_published_pages_and_only_by_post(client, site_tree):
    _home, index = site_tree
    draft = TreatmentPageFactory(parent=index, live=False)
    assert client.post(reverse("feedback", args=[draft.pk]), {"helpful": "yes"}).status_code == 404
    assert client.get(reverse("feedback", args=[draft.pk])).status_code == 405


def test_staff_see_feedback_per_guide(client, guide):
    for helpful, comment in [(True, ""), (True, "Clear"), (False, "Confusing")]:
        GuideFeedback.objects.create(page=guide, helpful=helpful, comment=comment)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("guide_feedback_report"), {"export": "csv"})
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[1] == "Peels,2,1,67,2"
    detail = client.get(reverse("guide_feedback_comments", args=[guide.pk])).content.decode()
    assert "Confusing" in detail and "Clear" in detail


# --- Related guides, handouts, structured data ---------------------------------------------------


def test_related_guides_share_a_concern(client, site_tree):
    _home, index = site_tree
    acne, lines = SkinConcernFactory(name="Acne"), SkinConcernFactory(name="Lines")
    guide = TreatmentPageFactory(parent=index, title="Needling", concerns=[acne, lines])
    TreatmentPageFactory(parent=index, title="Peels", concerns=[acne, lines])
    TreatmentPageFactory(parent=index, title="Laser", concerns=[lines])
    TreatmentPageFactory(parent=index, title="Hidden", concerns=[acne], live=False)
    TreatmentPageFactory(parent=index, title="Massage")
    assert [g.title for g in guide.related_guides] == ["Peels", "Laser"]
    html = client.get(guide.url).content.decode()
    related = html[html.index('id="related-title"') :]
    assert "Peels" in related and "Hidden" not in related and "Massage" not in related


def test_related_guides_never_show_a_private_guide_or_one_unpublished_since(client, site_tree):
    from wagtail.models import PageViewRestriction

    _home, index = site_tree
    acne = SkinConcernFactory(name="Acne")
    guide = TreatmentPageFactory(parent=index, title="Needling", concerns=[acne])
    private = TreatmentPageFactory(parent=index, title="Peels", concerns=[acne])
    gone = TreatmentPageFactory(parent=index, title="Laser", concerns=[acne])
    TreatmentPageFactory(parent=index, title="Masks", concerns=[acne])
    html = client.get(guide.url).content.decode()
    assert all(title in html for title in ("Peels", "Laser", "Masks"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    gone.unpublish()
    related = client.get(guide.url).content.decode()
    related = related[related.index('id="related-title"') :]
    assert "Masks" in related and "Peels" not in related and "Laser" not in related
    fresh = TreatmentPage.objects.get(pk=guide.pk)
    assert [g.title for g in fresh.related_guides] == ["Masks"]


def test_aftercare_handout_prints_on_its_own_with_a_qr_code(client, site_tree):
    _home, index = site_tree
    guide = TreatmentPageFactory(
        parent=index,
        title="Needling",
        body=stream(overview("<p>Tiny needles.</p>"), AFTERCARE, WARNING),
    )
    page_html = client.get(guide.url).content.decode()
    assert f'href="{guide.url}aftercare/"' in page_html
    response = client.get(f"{guide.url}aftercare/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wash with cool water" in html and "Call the clinic." in html
    assert "Tiny needles." not in html
    assert '<svg role="img"' in html and "QR code" in html
    assert guide.full_url in html


def test_guide_without_aftercare_has_no_handout(client, guide):
    assert client.get(f"{guide.url}aftercare/").status_code == 404


def json_ld_blocks(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in found]


def test_guide_describes_itself_to_search_engines(client, site_tree):
    _home, index = site_tree
    faq = FAQFactory(question="Can I wear make-up?", answer="<p>After 24 hours.</p>")
    guide = TreatmentPageFactory(
        parent=index,
        title="Needling",
        summary="Tiny needles </script><script>alert(1)</script> help skin.",
        body=stream(
            (
                "preparation",
                {
                    "heading": "Getting ready",
                    "intro": "",
                    "sources": "",
                    "items": [{"when": "1 week before", "text": "Stop retinol."}],
                },
            ),
            (
                "procedure",
                {
                    "heading": "What happens",
                    "intro": "",
                    "total_time": "",
                    "sources": "",
                    "steps": steps("Numbing", "Needling"),
                },
            ),
            AFTERCARE,
            (
                "faqs",
                {
                    "heading": "Questions",
                    "sources": "",
                    "questions": [{"type": "saved_question", "value": faq.pk}],
                },
            ),
        ),
    )
    reviewer = UserFactory(first_name="Ana", last_name="Ruiz")
    record_review(guide, reviewer)
    html = client.get(guide.url).content.decode()

    assert "</script><script>alert(1)" not in html
    page_data, faq_data = json_ld_blocks(html)
    assert page_data["@type"] == "MedicalWebPage"
    assert page_data["description"] == guide.summary  # intact once parsed
    assert page_data["lastReviewed"] == guide.review_info["last_reviewed"]
    assert page_data["reviewedBy"] == {"@type": "Person", "name": "Ana Ruiz"}
    procedure = page_data["about"]
    assert procedure["@type"] == "MedicalProcedure"
    assert "Stop retinol." in procedure["preparation"]
    assert "Numbing" in procedure["howPerformed"] and "Needling" in procedure["howPerformed"]
    assert "Wash with cool water" in procedure["followup"]
    assert faq_data["@type"] == "FAQPage"
    assert faq_data["mainEntity"][0]["name"] == "Can I wear make-up?"
    assert faq_data["mainEntity"][0]["acceptedAnswer"]["text"] == "<p>After 24 hours.</p>"

    assert f'<link rel="canonical" href="{guide.full_url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="description" content="Tiny needles &lt;/script&gt;' in html


def test_sitemap_and_robots(client, site_tree):
    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Peels")
    TreatmentPageFactory(parent=index, title="Secret", live=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/treatments/peels/" in sitemap and "/treatments/secret/" not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
