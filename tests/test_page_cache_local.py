"""Each app process keeps a copy of the cached pages it serves (pagecache/store.py, "A copy in
each process"): a hit costs one round trip to the cache instead of two, and the copy is never
served after the page was purged, after the cache was emptied, or for longer than it may be."""

import pytest

from articles.models import TreatmentPage
from pagecache import store
from tests.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(site_tree):
    _home, index = site_tree
    return TreatmentPageFactory(parent=index, title="Needling", summary="Tiny needles.")


@pytest.fixture
def entry_reads(monkeypatch):
    """The page entries read from the cache itself (not from this process's copies)."""
    reads = []
    cache = store._cache()
    real = cache.get

    def get(key, *args, **kwargs):
        if str(key).startswith("pagecache:page:"):
            reads.append(key)
        return real(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", get)
    return reads


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.headers["X-Page-Cache"], response.content.decode()


def test_a_page_served_again_is_read_from_the_cache_once(client, guide, entry_reads):
    assert served(client, guide.url)[0] == "miss"
    for _ in range(3):
        assert served(client, guide.url)[0] == "hit"
    assert len(entry_reads) == 1


def test_a_purge_reaches_the_copies_at_once(client, guide):
    served(client, guide.url)
    assert served(client, guide.url)[0] == "hit"
    page = TreatmentPage.objects.get(pk=guide.pk)
    page.title = "Microneedling"
    page.save_revision().publish()

    state, html = served(client, guide.url)
    assert state == "miss" and "Microneedling" in html


def test_an_emptied_cache_never_brings_back_a_copy_from_before(client, guide):
    """Emptied (or restarted empty), the cache's generations are back to their defaults, so the
    page's key is what it was: a copy is served only after the check that catches up with such a
    cache (its copy of the database's version is gone) and renews every generation."""
    store._cache().clear()  # as a new, empty cache: every generation at its default
    served(client, guide.url)
    assert "Tiny needles." in served(client, guide.url)[1]  # a hit: copied in this process

    store._cache().clear()
    TreatmentPage.objects.filter(pk=guide.pk).update(summary="Changed while nobody purged.")
    assert served(client, guide.url)[0] == "miss"
    state, html = served(client, guide.url)
    assert state == "hit" and "Changed while nobody purged." in html


def test_a_copy_is_kept_no_longer_than_the_version_check_interval(
    client, guide, entry_reads, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(store.LOCAL_ENTRIES, "clock", lambda: now[0])
    served(client, guide.url)
    served(client, guide.url)
    reads = len(entry_reads)
    now[0] += store.LOCAL_ENTRIES.seconds - 1
    assert served(client, guide.url)[0] == "hit"
    assert len(entry_reads) == reads  # still this process's copy
    now[0] += 2
    assert served(client, guide.url)[0] == "hit"
    assert len(entry_reads) == reads + 1  # read from the cache again


def test_a_process_keeps_only_the_most_recent_pages():
    copies = store.LocalEntries(size=2, seconds=60)
    for name in ("a", "b", "c"):
        copies.put(name, {"content": name})
    assert copies.get("a") is None
    assert copies.get("c") == {"content": "c"}
    copies.get("b")
    copies.put("d", {"content": "d"})
    assert copies.get("b") == {"content": "b"} and copies.get("c") is None  # least recent out
