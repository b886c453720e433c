"""Review links for clinicians outside the CMS: send one, find it from its secret, approve or
request changes through it, revoke it. Every step goes in the guide's history.

A link's secret is 256 random bits, sent only in the email; the database keeps its SHA-256 hash,
so a copy of the database holds no working link. A link works once, until it expires
(``OUTSIDE_REVIEW_LINK_DAYS``), is revoked, or the guide gets a newer version.
"""

import datetime
import hashlib
import hmac
import logging
import re
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page, TaskState, WorkflowState

from .models import (
    ClinicalReview,
    ClinicalReviewTask,
    ClinicianProfile,
    OutsideReviewLink,
    language_refusal,
    record_review,
)
from .reviews import is_clinical_reviewer

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32  # 256 bits: far beyond guessing
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # what secrets.token_urlsafe(32) gives
LANGUAGE = "language"  # why a link's approval is refused: the clinician does not review in it

SENT = "governance.outside_review.sent"
OPENED = "governance.outside_review.opened"
APPROVED = "governance.outside_review.approved"
CHANGES_REQUESTED = "governance.outside_review.changes_requested"
REFUSED = "governance.outside_review.refused"
REVOKED = "governance.outside_review.revoked"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def can_send_links(user, page: Page) -> bool:
    """Clinical reviewers who may publish the guide, and site administrators. Editors may not:
    they cannot approve guides, so they cannot ask someone else to approve one for them."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return is_clinical_reviewer(user) and page.permissions_for_user(user).can_publish()


def outside_clinicians(page: Page | None = None):
    """Clinicians a link can go to: an email address and no admin login, and, for ``page``, who
    review in the guide's language."""
    clinicians = ClinicianProfile.objects.filter(user__isnull=True).exclude(email="")
    if page is None:
        return clinicians
    readers = [c.pk for c in clinicians if not language_refusal(page, clinician=c)]
    return clinicians.filter(pk__in=readers)


def log_link(link: OutsideReviewLink, action: str, user=None, **data) -> None:
    log(
        instance=link.page.specific,
        action=action,
        user=user,
        revision=link.revision,
        data={"clinician": link.clinician.display_name, "link_id": link.pk, **data},
    )


def link_address(token: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("outside_review", args=[token])


@transaction.atomic
def send_link(page: Page, clinician: ClinicianProfile, sender, note: str = "") -> str:
    """Make a link to the guide's latest version for ``clinician``, email it, and return it."""
    page = page.specific
    if not can_send_links(sender, page):
        raise PermissionDenied
    refusal = language_refusal(page, clinician=clinician)
    if refusal:
        raise PermissionDenied(refusal)
    revision = page.get_latest_revision()
    if revision is None:
        revision = page.save_revision(user=sender)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = OutsideReviewLink.objects.create(
        page=page,
        revision=revision,
        clinician=clinician,
        token_hash=token_hash(token),
        created_by=sender,
        expires_at=timezone.now() + datetime.timedelta(days=settings.OUTSIDE_REVIEW_LINK_DAYS),
    )
    address = link_address(token)
    context = {
        "link": link,
        "guide": page,
        "sender": sender.get_full_name() or sender.get_username(),
        "address": address,
        "note": note,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    send_mail(
        subject=render_to_string("governance/outside_review/email_subject.txt", context).strip(),
        message=render_to_string("governance/outside_review/email.txt", context),
        from_email=None,
        recipient_list=[clinician.email],
    )
    log_link(link, SENT, user=sender, expires=link.expires_at.isoformat())
    return address


def find_link(token: str) -> OutsideReviewLink | None:
    """The link this secret opens, or None for anything made up or mistyped."""
    if not isinstance(token, str) or not TOKEN_SHAPE.match(token):
        return None
    wanted = token_hash(token)
    link = (
        OutsideReviewLink.objects.select_related("page", "revision", "clinician")
        .filter(token_hash=wanted)
        .first()
    )
    if link is None or not hmac.compare_digest(link.token_hash, wanted):
        return None
    return link


def refuse(link: OutsideReviewLink, reason: str) -> None:
    log_link(link, REFUSED, reason=reason)


def waiting_task_state(link: OutsideReviewLink) -> TaskState | None:
    """The clinical review task of this exact version, if the guide is waiting in it."""
    state = link.page.current_workflow_state
    in_review = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    current = state.current_task_state if in_review else None
    if (
        current is None
        or current.status != TaskState.STATUS_IN_PROGRESS
        or current.revision_id != link.revision_id
        or not isinstance(current.task.specific, ClinicalReviewTask)
    ):
        return None
    return current


@transaction.atomic
def answer(link: OutsideReviewLink, approve: bool, comment: str) -> OutsideReviewLink:
    """Record the clinician's answer: approve (a review of the link's version, and the waiting
    task approved, which publishes the guide) or request changes (the task sent back to the
    editor with the comment). The link is used up either way."""
    link = OutsideReviewLink.objects.select_for_update().get(pk=link.pk)
    if link.state != "open":
        raise PermissionDenied(link.state)
    if approve and language_refusal(link.page, clinician=link.clinician):
        raise PermissionDenied(LANGUAGE)  # their languages changed after the link was sent
    task_state = waiting_task_state(link)
    link.used_at = timezone.now()
    link.comment = comment
    link.task_state = task_state
    if approve:
        link.outcome = OutsideReviewLink.Outcome.APPROVED
        link.save()
        record_review(
            link.page,
            None,
            reviewer=link.clinician,
            scope_note=comment,
            method=ClinicalReview.Method.OUTSIDE_LINK,
            revision=link.revision,
        )
        log_link(link, APPROVED, comment=comment)
        if task_state is not None:
            task_state.approve(user=None, comment=comment)
    else:
        link.outcome = OutsideReviewLink.Outcome.CHANGES_REQUESTED
        link.save()
        log_link(link, CHANGES_REQUESTED, comment=comment)
        if task_state is not None:
            task_state.reject(user=None, comment=comment)
    return link


def revoke(link: OutsideReviewLink, user) -> None:
    if not can_send_links(user, link.page):
        raise PermissionDenied
    if link.used_at or link.revoked_at:
        return
    link.revoked_at = timezone.now()
    link.revoked_by = user
    link.save(update_fields=["revoked_at", "revoked_by"])
    log_link(link, REVOKED, user=user)


def outside_reviewer_name(task_state: TaskState) -> str:
    """The outside clinician who answered this task through a link, or ''."""
    link = OutsideReviewLink.objects.filter(task_state=task_state).select_related("clinician")
    found = link.first()
    return found.clinician.name if found else ""
