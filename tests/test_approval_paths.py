"""Approve, approve with comment, request changes and resubmit outside the page editor.

A reviewer acts on a guide from the dashboard's "Awaiting your review" panel through Wagtail's
workflow action view (``wagtailadmin_pages:workflow_action``), as its buttons do:

* "Approve" posts a plain form (CSRF token and ``next``, the page the reviewer is on) and is
  redirected back there;
* "Approve with comment" and "Request changes" open a dialog (an XHR GET of the same URL) whose
  form is posted by XHR and answered with JSON ``{"step": "success", "redirect": next}``.

Each path runs with the reviewer coming from the dashboard and from the page listing (the
treatments index), which only changes ``next``: Wagtail 8's page listing has no workflow buttons
of its own. Whatever the path, approving publishes the reviewed revision for patients and
records exactly one clinical review of it, with the comment (if any) as its scope note.
Resubmitting after changes were requested goes through the page editor, the only place Wagtail
offers it.
"""

import html
import re

from django.test import Client
from django.urls import reverse

from wagtail.models import Page, TaskState, WorkflowState

import pytest

from articles.models import TreatmentPage
from governance.models import ClinicalReview
from tests.admin_posts import edit_post_data
from tests.factories import TreatmentPageFactory
from tests.review_flow import SUBMIT, every_kind_of_block, in_progress, post_edit

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
SCOPE_NOTE = "Checked the steps against the clinic's protocol."
CHANGES = "Please add how long the redness lasts."
ROUTES = ["dashboard", "page listing"]


@pytest.fixture(params=ROUTES)
def route(request, team) -> str:
    """The admin page the reviewer acts from; the workflow action sends them back there."""
    if request.param == "dashboard":
        return reverse("wagtailadmin_home")
    return reverse("wagtailadmin_explore", args=[team["index"].pk])


@pytest.fixture
def guide(team):
    return TreatmentPageFactory(
        parent=team["index"], title="Dermaplaning", body=every_kind_of_block(), live=False
    )


def submit(client, team, guide) -> int:
    """The editor submits the guide from the page editor; returns the submitted revision's id."""
    post_edit(client, team["editor"], guide, SUBMIT)
    assert in_progress(guide) is not None
    return Page.objects.get(pk=guide.pk).latest_revision_id


def action_url(client, reviewer, guide, route: str, action: str, label: str) -> str:
    """The reviewer opens ``route`` and finds the guide there; returns the URL the dashboard's
    button for ``label`` posts to (the same URL whichever admin page they act from)."""
    task_state = in_progress(guide).current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, action, task_state.pk])
    client.force_login(reviewer)
    page = client.get(route)
    assert page.status_code == 200
    assert "Dermaplaning" in page.content.decode()

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    buttons = re.findall(
        r'<button data-workflow-action-url="([^"]+)"[^>]*>([^<]+)</button>', dashboard
    )
    assert (url, label) in [(html.unescape(u), text.strip()) for u, text in buttons]
    return url


def approve(client, reviewer, guide, route: str) -> None:
    """The "Approve" button: the dashboard's script posts a form with the CSRF token and
    ``next``, and the reviewer is redirected there."""
    url = action_url(client, reviewer, guide, route, "approve", "Approve")
    response = client.post(url, {"next": f"http://testserver{route}"})
    assert response.status_code == 302
    assert response.url == f"http://testserver{route}"


def act_in_dialog(client, reviewer, guide, route: str, action: str, label: str, comment: str):
    """The "Approve with comment" and "Request changes" buttons: the dialog (its form fetched
    by XHR), then its form posted by XHR. Returns the dialog's HTML."""
    url = action_url(client, reviewer, guide, route, action, label)
    dialog = client.get(url, **XHR)
    assert dialog.status_code == 200
    assert dialog.json()["step"] == "action"
    form = dialog.json()["html"]
    assert f'action="{url}"' in form and 'name="comment"' in form

    response = client.post(url, {"comment": comment, "next": f"http://testserver{route}"}, **XHR)
    assert response.status_code == 200
    assert response.json() == {"step": "success", "redirect": f"http://testserver{route}"}
    return form


def expect_live_with_one_review(guide, revision_id: int, scope_note: str) -> None:
    """Live at the approved revision, exactly one review of it, and patients can read it."""
    guide = TreatmentPage.objects.get(pk=guide.pk)
    assert guide.live and not guide.has_unpublished_changes
    assert in_progress(guide) is None
    assert guide.live_revision_id == revision_id, "approving must publish the reviewed revision"
    assert guide.latest_revision_id == revision_id, "approving saves no new revision"
    reviews = ClinicalReview.objects.filter(page=guide)
    assert [(r.revision_id, r.scope_note, r.method) for r in reviews] == [
        (revision_id, scope_note, ClinicalReview.Method.WORKFLOW)
    ]
    assert guide.review_status.review == reviews.get()

    response = Client().get(guide.url)  # an anonymous patient
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1" in content and "Dermaplaning" in content
    assert "A gentle treatment." in content
    assert "Reviewed by Dr Rita Reviewer, MD" in content


def test_approve(client, team, guide, route):
    submitted = submit(client, team, guide)
    approve(client, team["reviewer"], guide, route)
    expect_live_with_one_review(guide, submitted, scope_note="")


def test_approve_with_comment(client, team, guide, route):
    submitted = submit(client, team, guide)
    form = act_in_dialog(
        client, team["reviewer"], guide, route, "approve", "Approve with comment", SCOPE_NOTE
    )
    assert "Scope of your review (optional)" in form
    expect_live_with_one_review(guide, submitted, scope_note=SCOPE_NOTE)


def test_request_changes_then_resubmit_then_approve(client, team, guide, route):
    submit(client, team, guide)
    act_in_dialog(client, team["reviewer"], guide, route, "reject", "Request changes", CHANGES)

    guide.refresh_from_db()
    assert not guide.live
    assert not ClinicalReview.objects.filter(page=guide).exists()
    assert Client().get(guide.url).status_code == 404
    state = WorkflowState.objects.get(object_id=str(guide.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.status == TaskState.STATUS_REJECTED
    assert state.current_task_state.comment == CHANGES
    # The editor is told on their dashboard, and the comment is in the guide's history.
    client.force_login(team["editor"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert re.search(r"Changes requested at\s+Clinical review", dashboard)
    history = client.get(reverse("wagtailadmin_pages:history", args=[guide.pk])).content.decode()
    assert CHANGES in html.unescape(history)

    # The editor fixes it in the page editor and resubmits: the same workflow resumes.
    data = edit_post_data(guide, **SUBMIT)
    data["body-1-value-steps-1-value-title"] = "Treat gently, for about 20 minutes"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
    assert response.status_code == 302
    resubmitted = Page.objects.get(pk=guide.pk).latest_revision_id
    assert in_progress(guide).pk == state.pk

    act_in_dialog(
        client, team["reviewer"], guide, route, "approve", "Approve with comment", SCOPE_NOTE
    )
    expect_live_with_one_review(guide, resubmitted, scope_note=SCOPE_NOTE)
    assert "Treat gently, for about 20 minutes" in Client().get(guide.url).content.decode()


def test_a_second_approve_of_the_same_task_changes_nothing(client, team, guide, route):
    """Two reviewers (or one, from a stale dashboard) approve the same task: one publish, one
    review; the second is told the guide is no longer awaiting review."""
    submitted = submit(client, team, guide)
    url = action_url(client, team["reviewer"], guide, route, "approve", "Approve")
    client.post(url, {"next": f"http://testserver{route}"})
    response = client.post(url, {"next": f"http://testserver{route}"}, follow=True)
    assert "is not awaiting clinical review" in response.content.decode()
    expect_live_with_one_review(guide, submitted, scope_note="")
