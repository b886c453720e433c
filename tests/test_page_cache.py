"""Anonymous pages come from the cache without the database, and are never stale after a change."""

import datetime
import math
import uuid

from django.conf import settings as django_settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from articles.models import TreatmentIndexPage, TreatmentPage
from governance.reviews import record_review
from home.models import UrgentHelpSettings
from pagecache import store
from tests.factories import (
    AFTERCARE,
    WARNING,
    FAQFactory,
    SkinConcernFactory,
    TreatmentPageFactory,
    UserFactory,
    build_site,
    rename,
    steps,
    stream,
)
from tests.shared_data import built_once, fresh

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


@pytest.fixture(scope="module")
def guides_site(django_db_setup, django_db_blocker):
    """The site of the ``guides`` tests, built once for this module (tests/shared_data.py)."""
    with built_once(django_db_blocker):
        home, index = build_site()
        acne = SkinConcernFactory(name="Acne")
        faq = FAQFactory(question="Does it hurt?", answer="<p>A little.</p>")
        yield {
            "home": home,
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


@pytest.fixture
def guides(db, guides_site):
    """A site with two guides: Needling (concern Acne, a saved FAQ, aftercare) and LED, read
    fresh from the database for each test."""
    return fresh(guides_site)


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


def test_a_made_up_session_cookie_does_not_force_a_full_render(client, guides):
    url = guides["needling"].url
    warm(client, url)
    client.cookies["sessionid"] = uuid.uuid4().hex
    with CaptureQueriesContext(connection) as queries:
        assert get(client, url)[1] == "hit"
    assert len(queries) == 1  # looking the session up


def test_a_page_unlocked_with_its_password_is_never_cached_for_others(client, guides):
    from django.test import Client
    from django.urls import reverse

    led = guides["led"]
    restriction = PageViewRestriction.objects.create(
        page=led, restriction_type="password", password="s3cret"
    )
    unlock = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, led.pk])
    client.post(unlock, {"password": "s3cret", "return_url": led.url})
    for _ in range(2):
        response, _state, html = get(client, led.url)
        assert response.status_code == 200 and "LED" in html
    assert get(client, guides["needling"].url)[0].status_code == 200

    response, _state, html = get(Client(), led.url)  # someone else
    assert 'name="password"' in html and "A gentle treatment" not in html


def test_private_pages_are_not_cached(client, guides):
    PageViewRestriction.objects.create(page=guides["led"], restriction_type="login")
    for _ in range(2):
        response, state, _html = get(client, guides["led"].url)
        assert response.status_code == 302 and state == "miss"


def test_a_page_wagtail_marks_private_is_never_stored_even_when_shown(client, guides):
    """Wagtail marks the answer for every page with a view restriction "private, no-store", even
    when it lets the visitor in (here a restriction that lets everyone in): never stored."""
    PageViewRestriction.objects.create(page=guides["led"], restriction_type="none")
    for _ in range(2):
        response, state, html = get(client, guides["led"].url)
        assert response.status_code == 200 and state == "miss" and "LED" in html
        assert "no-store" in response["Cache-Control"]


def test_drafts_never_reach_the_cached_parts_of_a_guide(client, guides):
    """A preview renders the draft's parts (concerns, related guides...) but never keeps them."""
    needling = guides["needling"]
    dry_skin = SkinConcernFactory(name="Dry skin")
    TreatmentPageFactory(parent=guides["index"], title="Hydrafacial", concerns=[dry_skin])
    get(client, needling.url)
    draft = TreatmentPage.objects.get(pk=needling.pk)
    draft.concerns = [dry_skin]
    draft.title = "Needling (draft)"
    draft.save_revision()
    preview = draft.make_preview_request().content.decode()
    assert "Dry skin" in preview and "Hydrafacial" in preview

    _response, state, html = get(client, needling.url, feedback="thanks")
    assert state == "miss"
    assert "Acne" in html and "Dry skin" not in html and "Hydrafacial" not in html


def test_renaming_the_site_shows_at_once(client, guides):
    from wagtail.models import Site

    warm(client, guides["needling"].url, "/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Skin clinic guides"
    site.save()
    for url in (guides["needling"].url, "/"):
        _response, state, html = get(client, url)
        assert state == "miss" and "Skin clinic guides" in html, url


def test_filtered_index_is_cached_per_concern(client, guides):
    get(client, "/treatments/", concern="acne")
    _response, state, html = get(client, "/treatments/", concern="acne")
    assert state == "hit" and "Needling" in html and "LED" not in html
    assert get(client, "/treatments/")[1] == "miss"


# --- Query strings: the key holds only what the page uses -----------------------------------------


@pytest.fixture
def renders(monkeypatch):
    """The query parameters each guide or index render saw (empty: not rendered at all)."""
    seen = []
    for model in (TreatmentPage, TreatmentIndexPage):
        original = model.get_context

        def spy(self, request, *args, _original=original, **kwargs):
            seen.append(request.GET.dict())
            return _original(self, request, *args, **kwargs)

        monkeypatch.setattr(model, "get_context", spy)
    return seen


def test_shared_links_and_made_up_parameters_are_cache_hits(client, guides, renders):
    url = guides["needling"].url
    _response, state, plain = get(client, url)
    assert state == "miss" and renders == [{}]
    for params in (
        {"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": "spring"},
        {"fbclid": "IwAR0abc"},
        {"gclid": "Cj0KCQ"},
        {"x": uuid.uuid4().hex},
        {"x": uuid.uuid4().hex, "feedback": "no-such-value", "concern": "acne"},
    ):
        _response, state, html = get(client, url, **params)
        assert state == "hit" and html == plain, params
    assert renders == [{}]  # rendered once, for the plain address


def test_made_up_parameters_never_reach_the_page(client, guides, renders):
    url = guides["needling"].url
    _response, state, html = get(client, url, x="<b>bold</b>", utm_source="y", feedback="thanks")
    assert state == "miss" and renders == [{"feedback": "thanks"}]
    assert "<b>bold</b>" not in html and "utm_source" not in html
    # What was rendered is stored under the parameters the page used.
    assert get(client, url, feedback="thanks")[1] == "hit"
    assert get(client, url, feedback="thanks", x=uuid.uuid4().hex)[1] == "hit"
    assert len(renders) == 1


def test_parameters_a_page_uses_still_vary_it(client, guides, renders):
    index = guides["index"].url
    _response, state, both = get(client, index)
    assert "Needling" in both and "LED" in both
    _response, state, acne = get(client, index, concern="acne", utm_source="x")
    assert state == "miss" and "Needling" in acne and "LED" not in acne
    _response, state, html = get(client, index, concern="acne", gclid="y")
    assert state == "hit" and html == acne
    _response, state, html = get(client, index, letter="l")
    assert state == "miss" and "LED" in html and "Needling" not in html
    response, state, _html = get(client, index, concern="no-such-concern", x="1")
    assert response.status_code == 404 and state == "miss"  # a broken link stays a clear 404
    assert renders[-1] == {"concern": "no-such-concern"}

    guide = guides["needling"].url
    _response, _state, html = get(client, guide, feedback="thanks", fbclid="z")
    assert "Thank you for your feedback" in html
    assert "Thank you for your feedback" not in get(client, guide)[2]


def test_a_repeated_parameter_is_read_once_the_same_way(client, guides, renders):
    index = guides["index"].url
    client.get(index + "?concern=no-such-concern&concern=acne")
    assert renders == [{"concern": "acne"}]  # the last value, as request.GET.get gives
    _response, state, html = get(client, index, concern="acne")
    assert state == "hit" and "Needling" in html and "LED" not in html


def test_a_value_cannot_pose_as_two_parameters():
    """?letter=l%26page%3D2 renders letter "l", page 1: it must not be kept as page 2."""
    found = store.Lookup("localhost", "/treatments/", ("1", "1"), None)
    model = "articles.treatmentindexpage"
    assert found.entry_key(model, {"letter": "l&page=2"}) != found.entry_key(
        model, {"letter": "l", "page": "2"}
    )


def test_views_outside_the_page_cache_keep_their_parameters(client, guides):
    response = client.get("/search/", {"q": "Needling", "page": "1", "utm_source": "x"})
    html = response.content.decode()
    assert response.status_code == 200 and "Needling" in html
    assert response.headers.get("X-Page-Cache") == "miss"  # looked up, never stored
    assert client.get("/search/", {"q": "Needling"}).headers.get("X-Page-Cache") == "miss"


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


def test_a_guide_is_purged_at_each_of_its_own_addresses(guides):
    """Page.get_cached_paths(): the guide and its aftercare handout (the CDN gets the same)."""
    needling, index = guides["needling"], guides["index"]
    assert store.page_urls([needling]) == [needling.full_url, needling.full_url + "aftercare/"]
    assert store.page_urls([index]) == [index.full_url]


def test_publishing_a_guide_purges_its_handout(client, guides):
    handout = guides["needling"].url + "aftercare/"
    warm(client, handout)
    rename(guides["needling"], "Microneedling")
    _response, state, html = get(client, handout)
    assert state == "miss" and "Microneedling" in html


def test_deleting_a_guide_takes_it_off_cached_pages(client, guides):
    warm(client, guides["index"].url, "/")
    TreatmentPage.objects.get(pk=guides["needling"].pk).delete()
    _response, state, html = get(client, guides["index"].url)
    assert state == "miss" and "Needling" not in html
    assert client.get(guides["needling"].url).status_code == 404


def test_the_cache_app_leaves_purge_rules_to_the_content_apps():
    """pagecache imports no content app's models: each app purges in its own purges.py."""
    import ast
    from pathlib import Path

    import pagecache

    imported = set()
    for source in Path(pagecache.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
    assert not imported & {"articles", "feedback", "glossary", "governance", "home"}


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


def test_changing_the_urgent_notice_purges_every_page(client, guides):
    home = guides["home"]
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


def test_a_reviewer_renamed_shows_at_once(client, guides):
    record_review(guides["led"], UserFactory(first_name="Ana", last_name="Ruiz"))
    warm(client, guides["led"].url, guides["needling"].url)
    profile = guides["led"].specific.review.review.reviewer
    profile.name, profile.credentials = "Dr Ana Ruiz-Lopez", "MD"
    profile.save()
    _response, state, html = get(client, guides["led"].url, feedback="thanks")
    assert state == "miss" and "Reviewed by Dr Ana Ruiz-Lopez, MD" in html
    assert '"name": "Dr Ana Ruiz-Lopez"' in html  # in the structured data as well
    assert get(client, guides["needling"].url)[1] == "hit"  # reviewed by someone else


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


# Production's cache: a real Redis (CI and the development machines run one locally), with
# production's options (errors ignored, short timeouts), in this test process's own database.
REAL_REDIS = django_settings.TEST_REDIS_URL
REDIS_OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25}
REDIS_UP = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REAL_REDIS,
        "KEY_PREFIX": "portal-test",
        "OPTIONS": REDIS_OPTIONS,
    }
}
REDIS_DOWN = {
    "default": {
        **REDIS_UP["default"],
        "LOCATION": "redis://127.0.0.1:6390/0",  # nothing listens here
    }
}


@pytest.fixture
def redis(settings):
    """The page cache in the real Redis, emptied; this process has not read the cache version."""
    from django_redis import get_redis_connection

    settings.CACHES = REDIS_UP
    redis_db = get_redis_connection("default")
    redis_db.flushdb()
    store.KNOWN_VERSION.forget()
    yield redis_db
    store.KNOWN_VERSION.forget()


def cached_pages(redis) -> int:
    return len(redis.keys("*pagecache:page:*"))


def test_pages_are_stored_in_redis(client, guides, redis):
    get(client, guides["needling"].url)
    assert cached_pages(redis)
    with CaptureQueriesContext(connection) as queries:
        assert get(client, guides["needling"].url)[1] == "hit"
    assert len(queries) == 0


def test_publishing_while_redis_is_down_leaves_nothing_stale(
    client, guides, redis, settings, django_capture_on_commit_callbacks
):
    needling = guides["needling"]
    urls = [needling.url, needling.url + "aftercare/", "/treatments/", "/"]
    warm(client, *urls, guides["led"].url)

    settings.CACHES = REDIS_DOWN
    with django_capture_on_commit_callbacks(execute=True):
        rename(needling, "Microneedling")
    settings.CACHES = REDIS_UP  # back, with every page it held before
    assert cached_pages(redis) >= 5

    for url in urls:
        _response, state, html = get(client, url)
        assert state == "miss", url
        assert url == "/" or "Microneedling" in html, url
        assert get(client, url)[1] == "hit", url  # and cached again
    with CaptureQueriesContext(connection) as queries:
        assert get(client, guides["led"].url)[1] == "miss"  # purged with everything
        assert get(client, guides["led"].url)[1] == "hit"
    assert queries  # the miss; the hit after it needs none (test_pages_are_stored_in_redis)


def test_another_app_server_catches_up_too(
    client, guides, redis, settings, django_capture_on_commit_callbacks
):
    """A server that did not handle the publish learns of the missed purge from the database:
    on its next cache miss, or within PAGE_CACHE_VERSION_CHECK_SECONDS on a hit."""
    needling, led = guides["needling"], guides["led"]
    warm(client, needling.url)
    other_server = (store.KNOWN_VERSION.value, store.KNOWN_VERSION.read_at)

    settings.CACHES = REDIS_DOWN
    with django_capture_on_commit_callbacks(execute=True):
        rename(needling, "Microneedling")
    settings.CACHES = REDIS_UP

    # Its next miss (a page nobody asked for yet) reads the database's version.
    store.KNOWN_VERSION.value, store.KNOWN_VERSION.read_at = other_server
    assert get(client, led.url)[1] == "miss"
    _response, state, html = get(client, needling.url)
    assert state == "miss" and "Microneedling" in html

    # Or, serving only hits, once its copy of the version is older than the check interval.
    settings.CACHES = REDIS_DOWN
    with django_capture_on_commit_callbacks(execute=True):
        rename(needling, "Skin needling")
    settings.CACHES = REDIS_UP
    store.KNOWN_VERSION.value, store.KNOWN_VERSION.read_at = other_server[0], -math.inf
    _response, state, html = get(client, needling.url)
    assert state == "miss" and "Skin needling" in html


def test_a_new_address_after_a_missed_purge_is_rendered_fresh(
    client, guides, redis, settings, django_capture_on_commit_callbacks
):
    """Parts of a guide kept in Redis (its body, related guides...) from before a purge Redis
    missed are never used again: not even for an address of the guide nobody asked for yet."""
    needling = guides["needling"]
    get(client, guides["index"].url)  # a running site: the cache is up to date
    _response, state, html = get(client, needling.url)
    assert state == "miss" and "A little." in html  # its parts are kept now

    settings.CACHES = REDIS_DOWN
    with django_capture_on_commit_callbacks(execute=True):
        faq = guides["faq"]
        faq.answer = "<p>Not at all.</p>"
        faq.save_revision().publish()
    settings.CACHES = REDIS_UP  # back, with the old parts of the guide

    _response, state, html = get(client, needling.url, feedback="thanks")
    assert state == "miss" and "Not at all." in html and "A little." not in html
    _response, state, again = get(client, needling.url, feedback="thanks")
    assert state == "hit" and again == html


def test_a_purge_redis_takes_writes_nothing_to_the_database(client, guides, redis):
    from pagecache.models import CacheVersion

    warm(client, guides["needling"].url)
    rename(guides["needling"], "Microneedling")
    assert not CacheVersion.objects.exists()
    assert "Microneedling" in get(client, guides["needling"].url)[2]


def long_guide(index, count: int) -> TreatmentPage:
    """A guide with ``count`` steps, saved FAQs and warning-sign sections, aftercare and related
    guides (two other guides share its concern)."""
    acne = SkinConcernFactory(name=f"Acne {count}")
    for n in range(2):
        TreatmentPageFactory(parent=index, title=f"Related {count}-{n}", concerns=[acne])
    faqs = [FAQFactory() for _ in range(count)]
    warnings = [(WARNING[0], {**WARNING[1], "heading": f"Get help {n}"}) for n in range(count)]
    return TreatmentPageFactory(
        parent=index,
        title=f"Long guide {count}",
        concerns=[acne],
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
            AFTERCARE,
            *warnings,
        ),
    )


def miss_queries(client, site_tree, count: int, *, empty_cache: bool = False) -> int:
    """Queries for a cache miss of a guide with ``count`` FAQs, steps and sections: an address
    of the guide not cached yet (the common miss), or a cache emptied (a new or flushed Redis)."""
    from django.core.cache import cache

    _home, index = site_tree
    guide = long_guide(index, count)
    # Warm what a running site has already looked up: Wagtail's site and locale, the page cache's
    # version check, and what every page shows (navigation, notice, glossary terms).
    client.get(guide.url)
    client.get(index.url)
    if empty_cache:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(guide.url, {"feedback": "thanks"})  # an address not cached yet
    html = response.content.decode()
    assert response.headers["X-Page-Cache"] == "miss"
    assert f"Step {count - 1}" in html and html.count("<details") == count
    assert f"Get help {count - 1}" in html and f"Related {count}-1" in html
    assert "Thank you for your feedback" in html
    return len(queries)


def test_guide_queries_do_not_grow_with_its_length(client, site_tree):
    """A cache miss costs the same few queries for 5 or 50 FAQs, steps and sections: Wagtail's
    routing (the locale, the pages on the way, the guide) and view restrictions, the review, the
    page cache's version. The site, navigation, notice and glossary terms come from the cache
    (pagecache.sitewide), and so do the parts worked out once per published version of the guide
    (body, structured data, related guides, QR code: pagecache_tags)."""
    short, long = miss_queries(client, site_tree, 5), miss_queries(client, site_tree, 50)
    assert short == long
    assert long <= 10


def test_guide_queries_with_an_empty_cache_do_not_grow_with_its_length(client, site_tree):
    short = miss_queries(client, site_tree, 5, empty_cache=True)
    long = miss_queries(client, site_tree, 50, empty_cache=True)
    assert short == long


def test_a_guide_miss_after_its_purge_stays_within_10_queries(client, site_tree):
    """A purge of the guide's address (as publishing makes, as benchmarks/goals.py measures)
    renews its parts too: breadcrumbs and the concerns' links come from the pages routing found,
    the structured data's language from the kept locales, the concerns are read once, and the
    related guides are one query for their cards (which ones is kept per set of concerns)."""
    _home, index = site_tree
    guide = long_guide(index, 5)
    client.get(guide.url)
    client.get(index.url)
    store.purge_paths([guide.url])
    with CaptureQueriesContext(connection) as queries:
        html = client.get(guide.url).content.decode()
    assert "Related 5-0" in html and "Related 5-1" in html and "Get help 4" in html
    assert f'href="{index.url}?concern=acne-5"' in html
    assert len(queries) <= 10, [captured["sql"][:80] for captured in queries.captured_queries]


def test_the_explained_body_is_kept_per_published_version(client, site_tree, monkeypatch):
    """Marking glossary terms is done once per version: another address variant of the same
    guide (or the page's entry expiring) reuses it; a change to the guide makes it anew."""
    from glossary.models import GlossaryPage, GlossaryTerm
    from glossary.templatetags import glossary_tags

    markings = []
    real = glossary_tags.explain_terms
    monkeypatch.setattr(
        glossary_tags, "explain_terms", lambda *args: markings.append(1) or real(*args)
    )
    home, index = site_tree
    home.add_child(instance=GlossaryPage(title="Words", slug="words"))
    GlossaryTerm.objects.create(term="Collagen", slug="collagen", explanation="Skin protein.")
    faq = FAQFactory(question="Is collagen safe?", answer="<p>Yes, collagen is safe.</p>")
    guide = TreatmentPageFactory(parent=index, title="Needling", body=stream(faq_section(faq)))
    get(client, index.url)  # a running site has already checked its cache version

    html = get(client, guide.url)[2]
    thanks = get(client, guide.url, feedback="thanks")[2]
    body = html[html.index('class="guide__body"') : html.index('class="guide__footer"')]
    assert "Skin protein." in body  # the term is explained
    assert body in thanks
    assert len(markings) == 1

    faq.answer = "<p>Ask your clinic about collagen.</p>"
    faq.save_revision().publish()
    assert "Ask your clinic" in get(client, guide.url, feedback="thanks")[2]
    assert len(markings) == 2


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
