"""Anonymous pages come from the cache without the database, and are never stale after a change."""

import datetime
import os

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from articles.models import TreatmentPage
from governance.reviews import record_review
from home.models import UrgentHelpSettings
from tests.factories import (
    FAQFactory,
    SkinConcernFactory,
    TreatmentPageFactory,
    UserFactory,
    steps,
    stream,
)
from tests.test_patient_experience import AFTERCARE

pytestmark = pytest.mark.django_db(transaction=False)


def get(client, url, **params):
    response = client.get(url, params)
    return response, response.headers.get("X-Page-Cache"), response.content.decode()


def faq_section(*faqs):
    return (
        "faqs",
        {
            "heading": "Questions",
            "sources": "",
            "questions": [{"type": "saved_question", "value": faq.pk} for faq in faqs],
        },
    )


@pytest.fixture
def guides(site_tree):
    _home, index = site_tree
    acne = SkinConcernFactory(name="Acne")
    faq = FAQFactory(question="Does it hurt?", answer="<p>A little.</p>")
    return {
        "index": index,
        "acne": acne,
        "faq": faq,
        "needling": TreatmentPageFactory(
            parent=index,
            title="Needling",
            concerns=[acne],
            body=stream(faq_section(faq), AFTERCARE),
        ),
        "led": TreatmentPageFactory(parent=index, title="LED"),
    }


def test_second_visit_is_served_from_the_cache_without_the_database(client, guides):
    url = guides["needling"].url
    first, state, _html = get(client, url)
    assert state == "miss"
    with CaptureQueriesContext(connection) as queries:
        second, state, html = get(client, url)
    assert state == "hit"
    assert len(queries) == 0
    assert second.content == first.content and "Needling" in html
    assert "public" in second["Cache-Control"]


def test_staff_are_never_served_or_stored_in_the_cache(client, guides):
    url = guides["needling"].url
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for _ in range(2):
        response, state, _html = get(client, url)
        assert state is None
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    client.logout()
    _response, state, _html = get(client, url)
    assert state == "miss"  # the staff view was never stored


def test_private_pages_are_not_cached(client, guides):
    PageViewRestriction.objects.create(page=guides["led"], restriction_type="login")
    for _ in range(2):
        response, state, _html = get(client, guides["led"].url)
        assert response.status_code == 302 and state == "miss"


def test_filtered_index_is_cached_per_concern(client, guides):
    get(client, "/treatments/", concern="acne")
    _response, state, html = get(client, "/treatments/", concern="acne")
    assert state == "hit" and "Needling" in html and "LED" not in html
    assert get(client, "/treatments/")[1] == "miss"


def test_unknown_parameters_bypass_the_cache(client, guides):
    get(client, guides["needling"].url, utm_source="x")
    _response, state, _html = get(client, guides["needling"].url, utm_source="x")
    assert state is None


def test_publishing_a_change_purges_the_guide_its_index_and_home(client, guides):
    needling = guides["needling"]
    for url in (needling.url, "/treatments/", "/"):
        get(client, url)
        assert get(client, url)[1] == "hit"
    get(client, guides["led"].url)

    revision = TreatmentPage.objects.get(pk=needling.pk)
    revision.title = "Microneedling"
    revision.save_revision().publish()

    for url in (needling.url, "/treatments/"):
        _response, state, html = get(client, url)
        assert state == "miss" and "Microneedling" in html, url
    assert get(client, guides["led"].url)[1] == "hit"  # unrelated guide untouched


def test_unpublishing_removes_the_guide_from_cached_pages(client, guides):
    get(client, "/treatments/")
    TreatmentPage.objects.get(pk=guides["needling"].pk).unpublish()
    _response, _state, html = get(client, "/treatments/")
    assert "Needling" not in html
    assert client.get(guides["needling"].url).status_code == 404


def test_publishing_a_shared_faq_purges_only_guides_that_use_it(client, guides):
    get(client, guides["needling"].url)
    get(client, guides["led"].url)
    faq = guides["faq"]
    faq.answer = "<p>Hardly at all.</p>"
    faq.save_revision().publish()

    _response, state, html = get(client, guides["needling"].url)
    assert state == "miss" and "Hardly at all." in html
    assert get(client, guides["led"].url)[1] == "hit"


def test_renaming_a_concern_purges_pages_that_show_it(client, guides):
    for url in (guides["needling"].url, "/", guides["led"].url):
        get(client, url)
    guides["acne"].name = "Acne scars"
    guides["acne"].save()
    assert "Acne scars" in get(client, guides["needling"].url)[2]
    assert "Acne scars" in get(client, "/")[2]
    assert get(client, guides["led"].url)[1] == "hit"


def test_changing_the_urgent_notice_purges_every_page(client, guides, site_tree):
    home, _index = site_tree
    for url in (guides["needling"].url, guides["led"].url, "/"):
        get(client, url)
    notice = UrgentHelpSettings.for_site(home.get_site())
    notice.message = "<p>Call 911 now.</p>"
    notice.save()
    for url in (guides["needling"].url, guides["led"].url, "/"):
        _response, state, html = get(client, url)
        assert state == "miss" and "Call 911 now." in html


def test_a_new_review_shows_at_once(client, guides):
    get(client, guides["led"].url)
    record_review(guides["led"], UserFactory(first_name="Ana", last_name="Ruiz"))
    _response, state, html = get(client, guides["led"].url)
    assert state == "miss" and "Reviewed by Ana Ruiz" in html


def test_cache_lasts_no_longer_than_until_the_review_falls_due(guides):
    guide = guides["led"]
    reviewer = UserFactory()
    record_review(
        guide,
        reviewer,
        reviewed_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=364),
    )
    guide = TreatmentPage.objects.get(pk=guide.pk)
    assert guide.page_cache_seconds() <= 2 * 24 * 3600


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6390/0",  # nothing listens here: Redis is "down"
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.1,
                "SOCKET_TIMEOUT": 0.1,
            },
        }
    }
)
def test_a_redis_outage_means_uncached_pages_not_errors(client, guides):
    for url in (guides["needling"].url, "/treatments/", "/"):
        response, state, _html = get(client, url)
        assert response.status_code == 200 and state == "miss"


REAL_REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REAL_REDIS,
            "KEY_PREFIX": "portal-test",
        }
    }
)
def test_pages_are_stored_in_redis(client, guides):
    """Production's cache: a real Redis (CI and the development machines run one locally)."""
    from django_redis import get_redis_connection

    get_redis_connection("default").flushdb()
    get(client, guides["needling"].url)
    keys = get_redis_connection("default").keys("*pagecache:page:*")
    assert keys
    assert get(client, guides["needling"].url)[1] == "hit"


def miss_queries(client, site_tree, count: int) -> int:
    _home, index = site_tree
    faqs = [FAQFactory() for _ in range(count)]
    guide = TreatmentPageFactory(
        parent=index,
        title=f"Long guide {count}",
        body=stream(
            (
                "procedure",
                {
                    "heading": "Steps",
                    "intro": "",
                    "total_time": "",
                    "sources": "",
                    "steps": steps(*[f"Step {n}" for n in range(count)]),
                },
            ),
            faq_section(*faqs),
        ),
    )
    client.get(guide.url, {"concern": ""})  # warm Wagtail's own lookups (site, locale)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(guide.url, {"feedback": "x"})  # an address not cached yet
    html = response.content.decode()
    assert response.headers["X-Page-Cache"] == "miss"
    assert f"Step {count - 1}" in html and html.count("<details") == count
    return len(queries)


def test_guide_queries_do_not_grow_with_its_length(client, site_tree):
    """A cache miss costs the same few queries for 5 or 50 FAQs and steps."""
    short, long = miss_queries(client, site_tree, 5), miss_queries(client, site_tree, 50)
    assert short == long
    assert long <= 25


# --- Privacy ------------------------------------------------------------------------------------


def make_private(admin_client, page) -> None:
    """Staff set "Private, accessible to logged-in users" in the page's privacy dialog."""
    from django.urls import reverse

    response = admin_client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), {"restriction_type": "login"}
    )
    assert response.status_code == 200, response.content.decode()[:500]
    assert PageViewRestriction.objects.filter(page=page).exists()


def warm(client, *urls) -> None:
    for url in urls:
        get(client, url)
        assert get(client, url)[1] == "hit", url


def is_hidden_from_patients(client, guide, elsewhere: list[str]) -> None:
    for url in (guide.url, guide.url + "aftercare/"):
        response, state, _html = get(client, url)
        assert response.status_code == 302 and "/login" in response["Location"], url
        assert state != "hit"
    for url in elsewhere:
        response, _state, html = get(client, url)
        assert response.status_code == 200
        assert guide.title not in html, url


def test_a_page_made_private_leaves_the_cache_everywhere(client, admin_client, guides):
    acne = guides["acne"]
    other = TreatmentPageFactory(parent=guides["index"], title="Peel", concerns=[acne])
    needling = guides["needling"]
    warm(client, needling.url, needling.url + "aftercare/", guides["index"].url, other.url)
    warm(client, guides["index"].url + "?concern=acne")
    assert "Needling" in get(client, other.url)[2]  # listed under "Related guides"

    make_private(admin_client, needling)

    is_hidden_from_patients(
        client, needling, [guides["index"].url, guides["index"].url + "?concern=acne", other.url]
    )


def test_a_section_made_private_hides_every_guide_below_it(client, admin_client, guides):
    needling, led = guides["needling"], guides["led"]
    warm(client, needling.url, needling.url + "aftercare/", led.url, guides["index"].url)

    make_private(admin_client, guides["index"])

    is_hidden_from_patients(client, needling, ["/"])
    is_hidden_from_patients(client, led, ["/"])
    response, state, _html = get(client, guides["index"].url)
    assert response.status_code == 302 and state != "hit"


def test_making_a_page_public_again_shows_it_at_once(client, admin_client, guides):
    needling = guides["needling"]
    make_private(admin_client, needling)
    warm(client, guides["index"].url)
    assert "Needling" not in get(client, guides["index"].url)[2]

    PageViewRestriction.objects.filter(page=needling).delete()

    assert "Needling" in get(client, guides["index"].url)[2]
    assert get(client, needling.url)[0].status_code == 200


def test_restricting_a_collection_purges_the_cache(client, guides):
    from wagtail.models import Collection, CollectionViewRestriction

    warm(client, guides["needling"].url)
    CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(), restriction_type="login"
    )
    assert get(client, guides["needling"].url)[1] == "miss"
