"""A cap on uncached work per process (portal/limits.py): with every slot taken, a request that
needs real work waits, then gets "busy, try again" (503 + Retry-After); cached pages, static
files and the admin are served all the same, and a slot is given back whatever happens."""

from django.test import RequestFactory

import pytest

from portal import limits
from tests.factories import TreatmentPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_slot(settings):
    """One slot per process and a tiny wait; yields a function that takes the slot."""
    settings.UNCACHED_WORK_PER_PROCESS = 1
    settings.UNCACHED_WORK_WAIT_SECONDS = 0.01
    semaphore = limits.slots(1)
    held = []

    def take():
        assert semaphore.acquire(blocking=False), "the slot should be free"
        held.append(semaphore)

    yield take
    for semaphore in held:
        semaphore.release()


@pytest.fixture
def guide(site_tree):
    _home, index = site_tree
    return TreatmentPageFactory(parent=index, title="Needling")


def assert_busy(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]


def test_with_the_slot_taken_uncached_work_gets_busy_and_retry_after(client, guide, one_slot):
    assert client.get(guide.url).status_code == 200  # a miss while the slot is free: served
    one_slot()
    search = client.get("/search/", {"q": "needling"})
    assert_busy(search)
    assert "Many people are reading the guides just now" in search.content.decode()
    api = client.get("/api/v3/guides/")
    assert_busy(api)
    assert api["Content-Type"] == "application/problem+json"
    assert api.json()["status"] == 503


def test_cached_pages_and_static_files_never_wait_for_a_slot(client, guide, one_slot):
    assert client.get(guide.url)["X-Page-Cache"] == "miss"  # now cached
    one_slot()
    cached = client.get(guide.url)
    assert cached.status_code == 200 and cached["X-Page-Cache"] == "hit"
    static = client.get("/static/css/portal.css")
    assert static.status_code == 200
    static.close()
    assert_busy(client.get("/search/", {"q": "needling"}))  # while uncached work is refused


def test_staff_admin_is_never_held_or_refused(client, guide, one_slot):
    one_slot()
    assert client.get("/admin/login/").status_code == 200
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{guide.pk}/edit/").status_code == 200
    assert_busy(client.get("/search/", {"q": "needling"}))  # the public site is limited


def test_the_slot_is_given_back_after_an_exception(settings, one_slot):
    settings.UNCACHED_WORK_PER_PROCESS = 1

    def broken_view(request):
        raise RuntimeError("a bug in a view")

    middleware = limits.UncachedWorkLimitMiddleware(broken_view)
    request = RequestFactory().get("/search/")
    for _ in range(3):
        with pytest.raises(RuntimeError):
            middleware(request)
    one_slot()  # free again (the fixture asserts it)
    assert_busy(limits.UncachedWorkLimitMiddleware(broken_view)(request))  # and held when taken


def test_the_busy_page_speaks_the_language_of_its_address(client, guide, one_slot):
    """It is answered before Django picks the request's language: it must not take the language
    the process's previous request left behind."""
    client.get("/es/")  # a Spanish visitor before: Spanish stays active in this thread
    one_slot()

    english = client.get("/search/", {"q": "needling"})
    spanish = client.get("/es/search/", {"q": "agujas"})

    assert_busy(english)
    assert "Many people are reading the guides just now" in english.content.decode()
    assert '<html lang="en"' in english.content.decode()
    assert_busy(spanish)
    assert '<html lang="es"' in spanish.content.decode()
    assert "Many people are reading" not in spanish.content.decode()
