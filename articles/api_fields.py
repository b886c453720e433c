"""A guide's computed facts as API consumers get them (the same output in v2 and v3).

Wagtail's v3 schema generator types an ``APIField(serializer=...)`` from the serializer's
return annotation, so each field here declares exactly what consumers get.
"""

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
    """US school grade (Flesch-Kincaid) as a number, e.g. 6.5."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> float:
        return float(value)
