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
