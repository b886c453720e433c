"""A reviewer's Approve publishes the guide, from every place Wagtail offers it, every time.

These tests post exactly what the page editor sends (``tests.admin_posts``): every block's form
state, untouched, plus the button pressed. A guide whose body is merely re-posted has not
changed, so approving it must publish the revision that was reviewed, and record one review.
"""

import json

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import APIToken, Page, WorkflowState
from wagtail.test.utils.form_data import rich_text

import pytest

from articles.models import TreatmentIndexPage, TreatmentPage
from governance.models import ClinicalReview
from tests.admin_posts import edit_post_data
from tests.factories import TreatmentPageFactory
from tests.review_flow import (
    APPROVE,
    REQUEST_CHANGES,
    SUBMIT,
    every_kind_of_block,
    in_progress,
    post_edit,
)

pytestmark = pytest.mark.django_db


def approve_in_editor_publishes(client, team, page) -> None:
    """Editor submits from the editor, reviewer approves from the editor: the guide is live."""
    earlier_reviews = list(ClinicalReview.objects.filter(page=page).values_list("pk", flat=True))
    post_edit(client, team["editor"], page, SUBMIT)
    submitted = Page.objects.get(pk=page.pk).latest_revision
    assert in_progress(page) is not None

    post_edit(client, team["reviewer"], page, APPROVE)

    page = Page.objects.get(pk=page.pk)
    assert page.live and not page.has_unpublished_changes
    assert in_progress(page) is None
    assert page.live_revision == submitted, "approving must publish the reviewed revision"
    assert page.latest_revision == submitted, "approving an untouched guide saves no new one"
    reviews = ClinicalReview.objects.filter(page=page).exclude(pk__in=earlier_reviews)
    assert [review.revision_id for review in reviews] == [submitted.pk]


def test_editor_posts_of_an_untouched_guide_are_not_changes(team):
    """The mechanism: Wagtail decides 'changed' from the body as it would be saved."""
    guide = TreatmentPageFactory(parent=team["index"], body=every_kind_of_block(), live=False)
    form_class = guide.get_edit_handler().get_form_class()
    form = form_class(
        edit_post_data(guide), instance=guide, parent_page=guide.get_parent(), for_user=None
    )
    assert form.is_valid(), form.errors
    assert form.changed_data == []

    # ...and a real change is still one.
    data = edit_post_data(guide)
    data["body-2-value-references-0-value-year"] = "2019"
    form = form_class(data, instance=guide, parent_page=guide.get_parent(), for_user=None)
    assert form.is_valid(), form.errors
    assert "body" in form.changed_data


def test_new_guide_form_does_not_count_its_standard_sections_as_a_change(team):
    """The body's default is a callable (the standard sections): not a change in itself."""
    form_class = TreatmentPage().get_edit_handler().get_form_class()
    assert form_class().fields["body"].show_hidden_initial is False


def test_approving_in_the_editor_publishes_a_guide_with_optional_numbers(client, team):
    guide = TreatmentPageFactory(parent=team["index"], body=every_kind_of_block(), live=False)
    approve_in_editor_publishes(client, team, guide)


def test_approving_in_the_editor_publishes_a_guide_made_in_the_admin(client, team):
    """A guide made with the add form starts with the standard sections, a blank reference
    included; the editor fills some, deletes the rest, saves, submits; the reviewer approves."""
    client.force_login(team["editor"])
    add_url = reverse(
        "wagtailadmin_pages:add", args=["articles", "treatmentpage", team["index"].pk]
    )
    new = TreatmentPage(title="Dermaplaning", slug="dermaplaning", summary="A small blade.")
    response = client.post(add_url, edit_post_data(new))  # Save draft, sections untouched
    assert response.status_code == 302, response.content.decode()[:3000]
    guide = TreatmentPage.objects.get(slug="dermaplaning")
    assert [child.block_type for child in guide.get_latest_revision_as_object().body][-1] == (
        "references"
    )

    data = edit_post_data(guide)
    kept = {"overview", "procedure", "references"}
    for number in range(int(data["body-count"])):
        if data[f"body-{number}-type"] not in kept:
            data[f"body-{number}-deleted"] = "1"
    overview, procedure, references = (
        next(f"body-{n}-value" for n in range(12) if data[f"body-{n}-type"] == kind)
        for kind in ("overview", "procedure", "references")
    )
    data[f"{overview}-text"] = rich_text("<p>A small blade removes dead skin.</p>")
    data[f"{procedure}-steps-count"] = "2"
    for step, title in enumerate(["Cleansing", "Gentle scraping"]):
        data[f"{procedure}-steps-{step}-deleted"] = ""
        data[f"{procedure}-steps-{step}-order"] = str(step)
        data.setdefault(f"{procedure}-steps-{step}-id", "")
        data[f"{procedure}-steps-{step}-value-title"] = title
        data[f"{procedure}-steps-{step}-value-text"] = f"{title} happens."
    data[f"{references}-references-0-value-title"] = "Dermaplaning"
    data[f"{references}-references-0-value-source"] = "American Academy of Dermatology"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    approve_in_editor_publishes(client, team, guide)


def test_approving_in_the_editor_publishes_the_demo_microneedling_guide(client, team):
    call_command("load_initial_data", verbosity=0)
    guide = TreatmentPage.objects.get(slug="microneedling")
    guide.save_revision(user=team["editor"])  # an edit, so the guide needs review again
    approve_in_editor_publishes(client, team, guide)


def test_approving_in_the_editor_publishes_a_guide_made_through_the_api(client, team):
    _token, secret = APIToken.create_token(user=team["editor"], name="cms")
    body = json.loads(every_kind_of_block())
    response = client.post(
        "/api/v3/pages/",
        {
            "meta": {"type": "articles.TreatmentPage", "parent_id": team["index"].pk},
            "title": "Made by the app",
            "slug": "made-by-the-app",
            "summary": "A guide written in another system.",
            "body": body,
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 201, response.content.decode()
    guide = TreatmentPage.objects.get(slug="made-by-the-app")
    approve_in_editor_publishes(client, team, guide)


def test_request_changes_in_the_editor_then_resubmit_and_approve(client, team):
    guide = TreatmentPageFactory(parent=team["index"], body=every_kind_of_block(), live=False)
    post_edit(client, team["editor"], guide, SUBMIT)
    post_edit(client, team["reviewer"], guide, REQUEST_CHANGES)
    guide.refresh_from_db()
    assert not guide.live
    assert not ClinicalReview.objects.filter(page=guide).exists()
    state = WorkflowState.objects.get(object_id=str(guide.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The editor fixes what the reviewer asked for and submits again: the same review resumes.
    client.force_login(team["editor"])
    data = edit_post_data(guide, **SUBMIT)
    data["body-1-value-steps-1-value-title"] = "Treat gently"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
    assert response.status_code == 302
    resubmitted = Page.objects.get(pk=guide.pk).latest_revision
    assert in_progress(guide).pk == state.pk

    post_edit(client, team["reviewer"], guide, APPROVE)
    guide = TreatmentPage.objects.get(pk=guide.pk)
    assert guide.live and guide.live_revision == resubmitted
    assert guide.body[1].value["steps"][1]["title"] == "Treat gently"
    assert [r.revision_id for r in ClinicalReview.objects.filter(page=guide)] == [resubmitted.pk]


def test_index_is_in_the_clinical_review_workflow(team):
    assert TreatmentIndexPage.objects.get().get_workflow().name == "Clinical review"


def test_approving_a_version_edited_since_records_no_review_until_it_publishes(client, team):
    """A reviewer's draft save after submission restarts the review: the approval of the older
    version publishes nothing, so it records nothing; approving the new version records one."""
    guide = TreatmentPageFactory(parent=team["index"], body=every_kind_of_block(), live=False)
    post_edit(client, team["editor"], guide, SUBMIT)
    guide.refresh_from_db()
    edited = guide.get_latest_revision_as_object()
    edited.summary = "A gentler summary."
    newer = edited.save_revision(user=team["reviewer"])

    state = in_progress(guide)
    client.force_login(team["reviewer"])
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[guide.pk, "approve", state.current_task_state.pk],
    )
    client.post(url, {"comment": ""})
    guide.refresh_from_db()
    assert not guide.live
    assert not ClinicalReview.objects.filter(page=guide).exists()

    state = in_progress(guide)
    assert state.current_task_state.revision == newer
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[guide.pk, "approve", state.current_task_state.pk],
    )
    client.post(url, {"comment": "Checked the new summary."})
    guide.refresh_from_db()
    assert guide.live and guide.live_revision == newer
    assert [r.revision_id for r in ClinicalReview.objects.filter(page=guide)] == [newer.pk]


def test_an_approval_that_fails_to_publish_records_no_review(client, team, monkeypatch):
    """The review is recorded with the approval that publishes: if publishing fails (a full disk,
    a lost database connection), the guide shows no review of a version patients never saw."""
    from wagtail.actions.publish_revision import PublishRevisionAction

    guide = TreatmentPageFactory(parent=team["index"], body=every_kind_of_block(), live=False)
    post_edit(client, team["editor"], guide, SUBMIT)
    task_state = in_progress(guide).current_task_state

    def fail(self, *args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(PublishRevisionAction, "execute", fail)
    with pytest.raises(OSError, match="No space"):
        task_state.task.specific.on_action(task_state, team["reviewer"], "approve", comment="OK")

    guide.refresh_from_db()
    assert not guide.live
    assert not ClinicalReview.objects.filter(page=guide).exists()
    assert in_progress(guide).current_task_state == task_state  # still waiting for approval
