"""Typed API fields for guides (the same output in v2 and v3).

Wagtail's v3 schema generator types an ``APIField(serializer=...)`` from the serializer's
return annotation, so each field here declares exactly what consumers get.
"""

import datetime
from typing import Literal

from rest_framework.fields import Field
from typing_extensions import TypedDict


class Reviewer(TypedDict):
    """The clinician who approved the version patients see."""

    name: str
    credentials: str
    role: str


class ReviewInfo(TypedDict):
    """Clinical review of the live version. ``overdue`` is true when the version patients see
    was never reviewed, was changed since, or its review has run out."""

    state: Literal["current", "due_soon", "overdue", "changed", "never"]
    overdue: bool
    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None
    reviewed_by: Reviewer | None


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


class ReviewInfoField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> ReviewInfo:
        return value


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
