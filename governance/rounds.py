"""Rounds of clinical review: what the reviewer asked for, and what changed since.

A reviewer who requests changes leaves a comment on the task; the editor edits and resubmits,
and the same review resumes with a new task for the new version. These helpers find the last
request for changes so the editor sees the comment and the reviewer sees the difference.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.models import Page, TaskState, WorkflowState

from .models import ClinicianProfile


def last_request_for_changes(workflow_state: WorkflowState | None) -> TaskState | None:
    """The most recent 'changes requested' in this review, or None."""
    if workflow_state is None:
        return None
    return (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by", "revision")
        .order_by("-finished_at", "-pk")
        .first()
    )


def changes_requested(page: Page) -> TaskState | None:
    """The request for changes the editor still has to act on, if the guide is waiting on one."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return last_request_for_changes(state)


def back_after_changes(page: Page) -> TaskState | None:
    """The earlier request for changes, if the guide is in review again after one."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    return last_request_for_changes(state)


def changes_since_url(page: Page, request_for_changes: TaskState) -> str:
    """Wagtail's compare view: the version the reviewer sent back against the latest one."""
    if request_for_changes.revision_id is None:
        return ""
    return reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[page.pk, request_for_changes.revision_id, "latest"],
    )


def reviewer_name(user) -> str:
    """'Dr Rita Reviewer' (from Clinicians), else the admin user's name."""
    if user is None:
        return ""
    profile = ClinicianProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile.name
    return user.get_full_name() or user.get_username()


def when(task_state: TaskState) -> str:
    """'November 30, 2026'"""
    moment = task_state.finished_at or task_state.started_at
    return date_format(timezone.localtime(moment), "F j, Y") if moment else ""
