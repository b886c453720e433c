"""benchmarks/seed.py writes guides in bulk, not through add_child and publish: what it leaves
must still be real Wagtail pages: a valid tree, live, with revisions and history, reviewed,
searchable, in the reference index, and editable afterwards."""

import importlib.util
from pathlib import Path

from wagtail.models import Page, PageLogEntry, ReferenceIndex

import pytest

from articles.models import TreatmentPage

SEED = Path(__file__).resolve().parent.parent / "benchmarks" / "seed.py"

pytestmark = pytest.mark.django_db


def load_seed():
    spec = importlib.util.spec_from_file_location("bench_seed", SEED)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def references(page) -> set:
    return set(
        ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
            "to_content_type_id", "to_object_id", "content_path"
        )
    )


def test_seeded_guides_are_live_reviewed_searchable_pages_in_a_valid_tree(client):
    seed = load_seed()
    # Batches of 12: three transactions, the last one partial, paths carried across them.
    added, _seconds = seed.seed(30, batch=12)
    assert added == 30
    # A rerun adds only what is missing, after the guides already there.
    added, _seconds = seed.seed(33, batch=12)
    assert added == 3

    assert Page.find_problems() == ([], [], [], [], [])
    template = TreatmentPage.objects.get(slug=seed.TEMPLATE_SLUG)
    index = template.get_parent()
    guides = list(TreatmentPage.objects.filter(slug__startswith=seed.SLUG_PREFIX))
    assert len(guides) == 33
    assert index.get_children().count() == index.numchild == 33 + 4
    assert len({guide.path for guide in guides}) == 33

    for guide in guides:
        assert guide.live and not guide.has_unpublished_changes
        assert guide.url_path == f"{index.url_path}{guide.slug}/"
        assert guide.live_revision_id == guide.latest_revision_id is not None
        assert guide.live_revision.as_object().title == guide.title
        assert guide.review_status.state == "current"
        assert guide.review_status.review.revision_id == guide.live_revision_id
        assert set(guide.concerns.all()) == set(template.concerns.all())
        assert guide.plain_text == template.plain_text
        assert guide.reading_grade == template.reading_grade
        assert references(guide) == references(template)
        history = PageLogEntry.objects.filter(page=guide).values_list("action", flat=True)
        assert set(history) == {"wagtail.create", "wagtail.publish"}

    seventeen = next(g for g in guides if g.slug == f"{seed.SLUG_PREFIX}0017")
    page = client.get(seventeen.url)
    assert page.status_code == 200
    assert seventeen.title in page.text
    assert "Reviewed" in page.text or "reviewed" in page.text
    found = client.get("/search/", {"q": "0017"})
    assert seventeen.title in found.text
    assert list(TreatmentPage.objects.live().search("0017")) == [seventeen]

    # Editors can carry on: edit and publish a seeded guide, add a guide beside them.
    seventeen.title = "Seventeen, edited"
    seventeen.save_revision().publish()
    index.add_child(
        instance=TreatmentPage(title="A new guide", slug="a-new-guide", summary="New.", body=[])
    )
    assert Page.find_problems() == ([], [], [], [], [])
    assert "Seventeen, edited" in client.get(seventeen.url).text
    assert client.get("/treatments/a-new-guide/").status_code == 200
