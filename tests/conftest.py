"""Shared fixtures: a real page tree (home → treatments index) in the test database."""

import pytest

from tests.factories import build_site


@pytest.fixture
def site_tree(db):
    """(home, index): the pages every patient-facing test needs."""
    return build_site()


@pytest.fixture
def team(db):
    """The clinic team on a real site: an editor (Eddie) and a clinical reviewer (Rita, with a
    clinician profile), in the groups setup_roles makes, with the review workflow in place."""
    from django.contrib.auth.models import Group

    from governance.models import ClinicianProfile
    from governance.reviews import REVIEWERS_GROUP
    from governance.roles import EDITORS_GROUP, setup_roles
    from tests.factories import UserFactory

    home, index = build_site()
    setup_roles(home, index)
    editor = UserFactory(username="eddie", first_name="Eddie")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    reviewer = UserFactory(username="rita", first_name="Rita")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    ClinicianProfile.objects.create(user=reviewer, name="Dr Rita Reviewer", credentials="MD")
    return {"home": home, "index": index, "editor": editor, "reviewer": reviewer}


@pytest.fixture
def django_image(db):
    """A small real image in Wagtail's image library."""
    import io

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#005a8c").save(buffer, format="PNG")
    image = get_image_model()(title="Test image")
    image.file.save("test.png", ImageFile(buffer, name="test.png"), save=False)
    image.save()
    return image


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (Redis in CI, memory locally)."""
    from django.core.cache import cache

    cache.clear()
    yield
