"""A guide's computed facts as API consumers get them (the same output in v2 and v3).

Wagtail's v3 schema generator types an ``APIField(serializer=...)`` from the serializer's
return annotation, so each field here declares exactly what consumers get.
"""

from typing import Literal

from rest_framework.fields import Field
from typing_extensions import TypedDict


class Source(TypedDict):
    """One numbered source of the guide; sections cite it by ``number``."""

    number: int
    title: str
    authors: str
    publication: str
    year: int | None
    url: str
    doi: str
    pmid: str


class SourcesField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> list[Source]:
        # A draft's empty reference fields may be None: they read as empty text.
        return [
            {key: "" if item is None and key != "year" else item for key, item in source.items()}
            for source in value
        ]


class ReadingGradeField(Field):
    """US school grade (Flesch-Kincaid) of an English guide as a number, e.g. 6.5; null for a
    guide in another language (see ``reading_level``)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> float | None:
        return None if value is None else float(value)


class ReadingLevel(TypedDict):
    """How easy the guide is to read, in its language's measure: a US school grade for English
    (lower is easier; target 8 or lower), INFLESZ reading ease for Spanish (0-100, higher is
    easier; target 65 or more)."""

    measure: Literal["flesch_kincaid_grade", "inflesz"]
    score: float
    target: float
    meets_target: bool


class ReadingLevelField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> ReadingLevel | None:
        return value


class Translation(TypedDict):
    """The same guide in another language (live and public; a draft translation is never
    listed)."""

    id: int
    locale: str
    title: str
    html_url: str
    detail_url: str


#: Where :func:`prefetch_translations` leaves a guide's translations for :class:`TranslationsField`.
PREFETCHED_TRANSLATIONS = "_api_translations"


def live_translations(pages) -> dict[str, list]:
    """Translation key -> the live, public pages with that key (each with its locale), in one
    query for all of ``pages``."""
    from wagtail.models import Page

    keys = {page.translation_key for page in pages}
    found: dict[str, list] = {str(key): [] for key in keys}
    translations = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("id", "title", "url_path", "path", "depth", "translation_key", "locale")
        .order_by("locale__language_code", "pk")
    )
    for translation in translations:
        found[str(translation.translation_key)].append(translation)
    return found


def prefetch_translations(pages) -> None:
    """Load the translations of all of ``pages`` at once (the API's lists)."""
    found = live_translations(pages)
    for page in pages:
        setattr(page, PREFETCHED_TRANSLATIONS, found[str(page.translation_key)])


def translation_item(page) -> Translation:
    from django.conf import settings
    from django.urls import reverse

    path = reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page.pk})
    return {
        "id": page.pk,
        "locale": page.locale.language_code,
        "title": page.title,
        "html_url": page.get_full_url() or "",
        "detail_url": settings.WAGTAILAPI_BASE_URL.rstrip("/") + path,
    }


class TranslationsField(Field):
    """The guide's live, public translations into other languages (``detail_url`` is v3's)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, value) -> list[Translation]:
        pages = getattr(value, PREFETCHED_TRANSLATIONS, None)
        if pages is None:
            pages = live_translations([value])[str(value.translation_key)]
        return [translation_item(page) for page in pages if page.pk != value.pk]
