"""Who counts as a clinical reviewer, the rule that a reviewer who publishes directly records a
review, and the functions other apps use to record and read reviews.

Recording a review and refreshing a page's review status live next to the models they write
(``governance/models.py``: the review task records one when a reviewer approves); this module is
where the rest of the project imports them from.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .models import (
    DEFAULT_INTERVAL_MONTHS,
    ClinicalReview,
    ReviewedPage,
    language_refusal,
    record_review,
    refresh_review_status,
    review_status,
)

__all__ = [
    "DEFAULT_INTERVAL_MONTHS",
    "REVIEWERS_GROUP",
    "is_clinical_reviewer",
    "publishing_as",
    "record_direct_publish",
    "record_review",
    "refresh_review_status",
    "review_status",
]

REVIEWERS_GROUP = "Clinical reviewers"


def is_clinical_reviewer(user) -> bool:
    """True for members of the Clinical reviewers group (superusers are not clinicians)."""
    return bool(
        user and user.is_authenticated and user.groups.filter(name=REVIEWERS_GROUP).exists()
    )


def record_direct_publish(page, user, revision) -> ClinicalReview | None:
    """A clinical reviewer who publishes a reviewed page themselves is approving that version:
    record the review (once per version). Publishing in the admin and through the API both come
    here. A reviewer who does not review in the guide's language records no review (the admin
    refuses such a publish before it happens: ``refuse_publish_in_a_language_not_read``)."""
    if revision is None or not isinstance(page, ReviewedPage) or not is_clinical_reviewer(user):
        return None
    if language_refusal(page, user=user):
        return None
    if ClinicalReview.objects.filter(revision=revision).exists():
        return None
    return record_review(page, user, method=ClinicalReview.Method.PUBLISHED, revision=revision)


#: Who is publishing, on a path that runs no admin hooks (the API's writes): see
#: :func:`publishing_as` and ``governance/signals.py``.
publishing_user: ContextVar = ContextVar("publishing_user", default=None)


@contextmanager
def publishing_as(user) -> Iterator[None]:
    """Pages published inside this block are published by ``user`` (None: nobody signed in), so a
    clinical reviewer's direct publish records a review as it does in the admin."""
    token = publishing_user.set(user)
    try:
        yield
    finally:
        publishing_user.reset(token)
