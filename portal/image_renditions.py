"""Images as API consumers get them: a few WebP renditions with absolute addresses."""

from typing_extensions import TypedDict

# Fit within the box, never enlarged; WebP is supported by every current browser and app toolkit.
RENDITIONS = {
    "small": "max-480x480|format-webp",
    "medium": "max-960x960|format-webp",
    "large": "max-1600x1600|format-webp",
}


class Rendition(TypedDict):
    """One resized copy of the image, in WebP."""

    url: str
    width: int
    height: int


class Renditions(TypedDict):
    """Sizes to choose from (480, 960 and 1600 pixels at most); null if the file is missing."""

    small: Rendition | None
    medium: Rendition | None
    large: Rendition | None


class ImageWithRenditions(TypedDict):
    """An image from the library. Alt text comes with the block or page that shows it."""

    id: int
    title: str
    width: int
    height: int
    renditions: Renditions


def image_representation(image, context: dict | None = None) -> ImageWithRenditions | None:
    """The image with its renditions, or None for no image."""
    # Imported here: blocks import this module while Django is still loading models.
    from wagtail.api.v2.utils import get_full_url
    from wagtail.images.models import SourceImageIOError

    if image is None:
        return None
    request = (context or {}).get("request")
    try:
        made = image.get_renditions(*RENDITIONS.values())
    except SourceImageIOError:
        made = {}
    renditions = {}
    for size, spec in RENDITIONS.items():
        rendition = made.get(spec)
        url = rendition.url if rendition else ""
        if url.startswith("/") and request is not None:
            url = get_full_url(request, url)
        renditions[size] = (
            Rendition(url=url, width=rendition.width, height=rendition.height)
            if rendition
            else None
        )
    return ImageWithRenditions(
        id=image.pk,
        title=image.title,
        width=image.width,
        height=image.height,
        renditions=Renditions(**renditions),
    )
