"""Shared fixtures: a real page tree (home → treatments index) in the test database."""

import pytest

from tests.factories import build_site


@pytest.fixture
def site_tree(db):
    """(home, index): the pages every patient-facing test needs."""
    return build_site()


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
