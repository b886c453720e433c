"""The review facts of a reviewed page as API consumers get them (the same in v2 and v3).

Wagtail's v3 schema generator types an ``APIField(serializer=...)`` from the serializer's
return annotation, so the field declares exactly what consumers get.
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


class TranslationInfo(TypedDict):
    """For a translated guide: the guide it was translated from, and whether that guide's text
    changed since (``out_of_date``: patients are told, and pointed to the source guide)."""

    source_locale: str
    source_id: int
    source_url: str
    out_of_date: bool
    changed_texts: int
    source_changed_at: datetime.date | None


class ReviewInfo(TypedDict):
    """Clinical review of the live version. ``overdue`` is true when the version patients see
    was never reviewed, was changed since, or its review has run out."""

    state: Literal["current", "due_soon", "overdue", "changed", "never"]
    overdue: bool
    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None
    reviewed_by: Reviewer | None
    translation: TranslationInfo | None


class ReviewInfoField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> ReviewInfo:
        return value
