"""The API in each language: ``?locale=es`` lists the Spanish guides (v2 and v3, with search and
the change feed), an unknown language is a 400 that names the known ones, and each guide lists
its live, public translations (never a draft), in bulk for a list and typed in the OpenAPI
document."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

import pytest

from articles.models import TreatmentPage
from tests.factories import TreatmentPageFactory, build_site
from tests.shared_data import SharedData, fresh_page
from tests.translations import in_spanish, published_in_spanish, spanish_languages, speak_spanish

pytestmark = pytest.mark.django_db

V3_GUIDES = "/api/v3/guides/"
V2_PAGES = "/api/v2/pages/"
GUIDE_TYPE = "articles.TreatmentPage"


def get(client, url: str, status: int = 200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content.decode()[:500]
    return response.json()


def titles(items: list[dict]) -> list[str]:
    return sorted(item["title"] for item in items)


SHARED = SharedData()


@pytest.fixture
def site_tree(db):
    """A site of the test's own, for the test that needs other guides than ``guides`` (it comes
    before the first test that uses them)."""
    return SHARED.own_site()


def make_guides() -> tuple[int, int, int]:
    _home, index = build_site()
    peel = TreatmentPageFactory(parent=index, title="Chemical peel", summary="A chemical peel.")
    with spanish_languages():
        peel_es = published_in_spanish(
            peel,
            django_settings,
            title="Peeling químico",
            summary="El peeling químico quita la piel.",
        )
        needling = TreatmentPageFactory(parent=index, title="Microneedling", summary="Needles.")
        in_spanish(needling, django_settings, title="Microagujas (borrador)")
    return peel.pk, peel_es.pk, needling.pk


@pytest.fixture(scope="module")
def shared_guides(django_db_setup, django_db_blocker):
    """The primary keys of ``guides``, built once per module (tests/shared_data.py)."""
    yield from SHARED.build(django_db_blocker, make_guides)


@pytest.fixture
def guides(shared_guides, settings, db):
    """A chemical peel guide in English and Spanish; microneedling in English with a Spanish
    draft only. The site speaks Spanish for the test (``settings``)."""
    speak_spanish(settings)
    return tuple(fresh_page(pk) for pk in shared_guides)


def test_a_page_of_the_feed_costs_the_same_queries_with_translations(client, site_tree, settings):
    _home, index = site_tree
    for number in range(6):
        guide = TreatmentPageFactory(parent=index, title=f"Guide {number}", summary="A guide.")
        published_in_spanish(guide, settings, title=f"Guía {number}")

    def queries(url: str) -> int:
        get(client, url)  # warm caches (site root paths, content types)
        with CaptureQueriesContext(connection) as captured:
            items = get(client, url)["items"]
        assert items and all(item["translations"] for item in items)
        return len(captured)

    for url in (V3_GUIDES + "?locale=es", V3_GUIDES, V2_PAGES + f"?type={GUIDE_TYPE}&fields=*"):
        separator = "&" if "?" in url else "?"
        assert queries(f"{url}{separator}limit=2") == queries(f"{url}{separator}limit=6"), url


def test_locale_lists_the_guides_in_one_language(client, guides):
    assert titles(get(client, V3_GUIDES, locale="es")["items"]) == ["Peeling químico"]
    assert titles(get(client, V3_GUIDES, locale="en")["items"]) == [
        "Chemical peel",
        "Microneedling",
    ]
    assert titles(get(client, V2_PAGES, type=GUIDE_TYPE, locale="es")["items"]) == [
        "Peeling químico"
    ]
    pages = get(client, "/api/v3/pages/", type="articles.TreatmentPage", locale="es")
    assert titles(pages["items"]) == ["Peeling químico"]


@pytest.mark.parametrize(
    "url",
    [V3_GUIDES, "/api/v3/pages/", "/api/v2/pages/", "/api/v3/pages/?type=articles.TreatmentPage"],
)
def test_an_unknown_locale_is_a_400_that_names_the_known_ones(client, guides, url):
    response = client.get(url, {"locale": "fr"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "'fr'" in text and "en, es" in text


def test_a_search_in_a_language_finds_its_guides_accents_or_not(client, guides):
    for url in (V3_GUIDES, V2_PAGES):
        params = {"type": GUIDE_TYPE} if url == V2_PAGES else {}
        found = get(client, url, locale="es", search="quimico", **params)["items"]
        assert titles(found) == ["Peeling químico"]
        assert get(client, url, locale="en", search="quimico", **params)["items"] == []


def test_the_feed_lists_what_changed_in_one_language(client, guides):
    _peel, peel_es, _needling = guides
    long_ago = timezone.now() - datetime.timedelta(days=30)
    TreatmentPage.objects.exclude(pk=peel_es.pk).update(last_published_at=long_ago)
    since = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    changed = get(client, V3_GUIDES, locale="es", updated_since=since, order="last_published_at")
    assert titles(changed["items"]) == ["Peeling químico"]
    TreatmentPage.objects.filter(pk=peel_es.pk).update(last_published_at=long_ago)
    assert get(client, V3_GUIDES, locale="es", updated_since=since)["items"] == []
    v2 = get(client, V2_PAGES, type=GUIDE_TYPE, locale="es", updated_since=since)
    assert v2["items"] == []


def test_each_guide_lists_its_live_translations(client, guides):
    peel, peel_es, needling = guides
    [spanish] = get(client, f"/api/v3/pages/{peel.pk}/")["translations"]
    assert spanish["id"] == peel_es.pk
    assert spanish["locale"] == "es" and spanish["title"] == "Peeling químico"
    assert spanish["html_url"].endswith(f"/es/treatments/{peel_es.slug}/")
    assert spanish["detail_url"].endswith(f"/api/v3/pages/{peel_es.pk}/")
    assert get(client, urlsplit(spanish["detail_url"]).path)["title"] == "Peeling químico"

    [english] = get(client, f"/api/v3/pages/{peel_es.pk}/")["translations"]
    assert (english["id"], english["locale"]) == (peel.pk, "en")
    assert not english["html_url"].endswith(f"/es/treatments/{peel.slug}/")

    # A draft translation is never listed, nor one made private.
    assert get(client, f"/api/v3/pages/{needling.pk}/")["translations"] == []
    v2 = get(client, f"/api/v2/pages/{peel.pk}/")
    assert [t["title"] for t in v2["translations"]] == ["Peeling químico"]


def test_a_private_translation_is_never_listed(client, guides):
    from wagtail.models import PageViewRestriction

    peel, peel_es, _needling = guides
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=peel_es.pk), restriction_type="login"
    )
    assert get(client, f"/api/v3/pages/{peel.pk}/")["translations"] == []


def test_the_feed_shows_the_same_translations_as_each_detail(client, guides):
    for url in (V3_GUIDES, f"{V3_GUIDES}?locale=es"):
        for item in get(client, url)["items"]:
            detail = get(client, f"/api/v3/pages/{item['id']}/")
            assert item["translations"] == detail["translations"], item["title"]


def test_the_openapi_document_describes_locale_and_translations(client, db):
    document = get(client, "/api/v3/openapi.json")
    parameters = document["paths"]["/api/v3/guides/"]["get"]["parameters"]
    assert "locale" in {parameter["name"] for parameter in parameters}
    schemas = document["components"]["schemas"]
    guide = next(
        schema
        for name, schema in schemas.items()
        if "translations" in schema.get("properties", {})
        and "reading_grade" in schema["properties"]
    )
    translations = guide["properties"]["translations"]
    text = str(translations) + str(
        {name: schemas[name] for name in schemas if "Translation" in name}
    )
    for field in ("locale", "title", "html_url", "detail_url"):
        assert field in text
