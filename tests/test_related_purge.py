"""Publishing a guide purges the guides whose "Related guides" show it, before the change or
after it, and no others: every other page stays cached (a library of 10,000 guides sharing a
concern no longer empties the cache, and the CDN, on each publish). A guide taken down or
retitled never stays linked from a cached page, nor does a picture whose file was replaced."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from articles.models import TreatmentPage, guides_listing
from tests.factories import SkinConcernFactory, TreatmentPageFactory, build_site, bulk_guides
from tests.shared_data import built_once, fresh

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.headers.get("X-Page-Cache"), response.content.decode()


def related_titles(html: str) -> str:
    """The part of a guide page that lists its related guides."""
    start = html.index("Related guides")
    return html[start : start + 3000]


@pytest.fixture(scope="module")
def library_built(django_db_setup, django_db_blocker):
    """Five acne guides (each lists the first three others A to Z: Alpha, Beta, Delta or
    Epsilon; Gamma is on nobody's list), one that also treats scars, a scars-only guide and one
    for redness: built once for the module (tests/shared_data.py)."""
    with built_once(django_db_blocker):
        _home, index = build_site()
        acne = SkinConcernFactory(name="Acne", slug="acne")
        scars = SkinConcernFactory(name="Scars", slug="scars")
        redness = SkinConcernFactory(name="Redness", slug="redness")
        guides = {
            title: TreatmentPageFactory(parent=index, title=title, concerns=concerns)
            for title, concerns in [
                ("Alpha", [acne, scars]),
                ("Beta", [acne]),
                ("Delta", [acne]),
                ("Epsilon", [acne]),
                ("Gamma", [acne]),
                ("Scar care", [scars]),
                ("Redness care", [redness]),
            ]
        }
        yield {"index": index, "acne": acne, "scars": scars}, guides


@pytest.fixture
def library(library_built, db):
    """The library as the database has it at the start of each test."""
    parts, guides = library_built
    return {**fresh(parts), "guides": fresh(guides)}


def warm(client, guides):
    for guide in guides.values():
        get(client, guide.url)
        assert get(client, guide.url)[0] == "hit", guide.title


def publish_change(guide, **changes) -> TreatmentPage:
    page = TreatmentPage.objects.get(pk=guide.pk)
    for name, value in changes.items():
        if name == "concerns":
            page.concerns.set(value)
        else:
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_a_guide_on_nobodys_list_purges_only_itself(client, library):
    guides = library["guides"]
    warm(client, guides)
    publish_change(guides["Gamma"], summary="Changed words.")

    assert get(client, guides["Gamma"].url)[0] == "miss"
    for title in ("Alpha", "Beta", "Delta", "Epsilon", "Scar care", "Redness care"):
        assert get(client, guides[title].url)[0] == "hit", title


def test_a_guide_that_moves_onto_lists_purges_the_guides_that_now_show_it(client, library):
    guides = library["guides"]
    warm(client, guides)
    publish_change(guides["Gamma"], title="Aardvark")

    for title in ("Alpha", "Beta", "Delta", "Epsilon"):
        state, html = get(client, guides[title].url)
        assert state == "miss" and "Aardvark" in related_titles(html), title
    assert get(client, guides["Redness care"].url)[0] == "hit"


def test_a_retitled_guide_is_never_shown_under_its_old_title(client, library):
    guides = library["guides"]
    warm(client, guides)
    publish_change(guides["Beta"], title="Zulu")

    for title in ("Alpha", "Delta", "Epsilon", "Gamma"):
        html = get(client, guides[title].url)[1]
        assert "Beta" not in related_titles(html), title
    assert "Gamma" in related_titles(get(client, guides["Alpha"].url)[1])  # moved up


def test_an_unpublished_guide_leaves_every_list_that_showed_it(client, library):
    guides = library["guides"]
    warm(client, guides)
    TreatmentPage.objects.get(pk=guides["Beta"].pk).unpublish()

    for title in ("Alpha", "Delta", "Epsilon", "Gamma"):
        state, html = get(client, guides[title].url)
        assert state == "miss" and "Beta" not in related_titles(html), title
    assert get(client, guides["Redness care"].url)[0] == "hit"


def test_a_deleted_guide_leaves_every_list_that_showed_it(client, library):
    guides = library["guides"]
    warm(client, guides)
    TreatmentPage.objects.get(pk=guides["Delta"].pk).delete()

    for title in ("Alpha", "Beta", "Epsilon", "Gamma"):
        assert "Delta" not in related_titles(get(client, guides[title].url)[1]), title


def test_a_concern_taken_off_purges_the_guides_that_shared_only_that_one(client, library):
    guides = library["guides"]
    warm(client, guides)
    assert "Alpha" in related_titles(get(client, guides["Scar care"].url)[1])

    publish_change(guides["Alpha"], concerns=[library["acne"]])

    state, html = get(client, guides["Scar care"].url)
    assert state == "miss" and "Alpha" not in html


def test_a_concern_added_purges_the_guides_that_now_list_it(client, library):
    guides = library["guides"]
    warm(client, guides)
    publish_change(guides["Redness care"], concerns=[library["scars"]])

    state, html = get(client, guides["Scar care"].url)
    assert state == "miss" and "Redness care" in related_titles(html)


def test_who_lists_a_guide_costs_the_same_queries_in_a_bigger_library(library):
    guides, index, acne = library["guides"], library["index"], library["acne"]
    with CaptureQueriesContext(connection) as small:
        assert guides_listing(guides["Beta"].pk) == {
            guides[title].pk for title in ("Alpha", "Delta", "Epsilon", "Gamma")
        }

    more = bulk_guides(index, [f"Zeta {n:03}" for n in range(60)], summary="More.", concerns=[acne])
    with CaptureQueriesContext(connection) as big:
        listing = guides_listing(guides["Beta"].pk)
    assert len(big) == len(small)
    assert {more[0].pk, guides["Gamma"].pk} <= listing
    assert guides["Scar care"].pk not in listing and guides["Redness care"].pk not in listing


# --- Images ---------------------------------------------------------------------------------


def test_a_new_file_for_an_image_purges_the_guides_that_show_it(client, library):
    """Wagtail deletes an image's old renditions when its file is replaced: a cached guide
    would show a broken picture."""
    from django.core.files.images import ImageFile

    from tests.factories import make_image

    guides = library["guides"]
    picture = make_image("Before and after")
    shown = publish_change(guides["Beta"], hero_image=picture, hero_image_alt="Skin after")
    warm(client, guides)
    old_html = get(client, shown.url)[1]

    replacement = make_image("Replacement", size=(80, 60), name="new.png")
    picture.file.save("new.png", ImageFile(replacement.file.open("rb"), name="new.png"))
    picture.renditions.all().delete()  # as Wagtail's image editor does with a new file

    state, html = get(client, shown.url)
    assert state == "miss"
    old_file = re.search(r"/media/images/(\w+)\.format-", old_html).group(1)
    assert old_file.startswith("test") and old_file not in html  # its renditions are gone
    assert re.search(r"/media/images/new\w*\.format-", html)
    assert get(client, guides["Alpha"].url)[0] == "hit"  # it does not show the picture


def test_deleting_an_image_purges_the_guides_that_show_it(client, library):
    from tests.factories import make_image

    guides = library["guides"]
    shown = publish_change(guides["Beta"], hero_image=make_image(), hero_image_alt="Skin")
    warm(client, guides)
    assert "Skin" in get(client, shown.url)[1]

    shown.hero_image.delete()
    state, html = get(client, shown.url)
    assert state == "miss" and 'alt="Skin"' not in html
