"""Recording clinical reviews and keeping each guide's review status in step with what is live."""

from django.db import transaction

from wagtail.models import Page

from .models import ClinicalReview, ClinicianProfile, ReviewStatus

DEFAULT_INTERVAL_MONTHS = 12
REVIEWERS_GROUP = "Clinical reviewers"


def is_clinical_reviewer(user) -> bool:
    """True for members of the Clinical reviewers group (superusers are not clinicians)."""
    return bool(
        user and user.is_authenticated and user.groups.filter(name=REVIEWERS_GROUP).exists()
    )


@transaction.atomic
def record_review(
    page: Page,
    user=None,
    *,
    reviewer: ClinicianProfile | None = None,
    scope_note: str = "",
    method: str = ClinicalReview.Method.WORKFLOW,
    revision=None,
    reviewed_at=None,
) -> ClinicalReview:
    """Record that ``user`` (or the clinician ``reviewer``) approved the page's latest revision
    (or ``revision``).

    The latest revision is the one that gets published when a workflow finishes, so it is the
    version the reviewer saw and approved, including any edits they made while reviewing.
    """
    page = page.specific
    revision = revision or page.get_latest_revision()
    review = ClinicalReview(
        page=page,
        revision=revision,
        reviewer=reviewer or ClinicianProfile.for_user(user),
        user=user,
        scope_note=scope_note or "",
        method=method,
    )
    if reviewed_at is not None:
        review.reviewed_at = reviewed_at
    review.save()
    refresh_review_status(page)
    return review


def refresh_review_status(page: Page) -> ReviewStatus:
    """Point the page's review status at the review of its live version, and work out when the
    next review is due. A page whose live version was never reviewed gets no due date."""
    page = page.specific
    reviews = ClinicalReview.objects.filter(page=page).select_related("reviewer")
    # Read the live version from the database: publishing updates its own copy of the page.
    live_revision_id = Page.objects.filter(pk=page.pk).values_list("live_revision_id", flat=True)[0]
    current = reviews.filter(revision_id=live_revision_id).first() if live_revision_id else None
    interval = getattr(page, "review_interval_months", None) or DEFAULT_INTERVAL_MONTHS
    status, _created = ReviewStatus.objects.get_or_create(page=page)
    status.review = current
    status.last_review = reviews.first()
    status.next_review_due = ReviewStatus.due_date(current, interval) if current else None
    status.save()
    return status


def review_status(page: Page) -> ReviewStatus | None:
    """The page's review status, or None if it has never been published or reviewed: with the
    review and its clinician, in one query (every guide page shows them)."""
    return ReviewStatus.objects.select_related("review__reviewer").filter(page_id=page.pk).first()
