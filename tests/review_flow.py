"""Moving a guide through clinical review as staff do it: posting the page editor's buttons and
the workflow's actions, and reading the reviews report."""

import csv
import io

from django.urls import reverse

from wagtail.models import Page, WorkflowState

from articles.models import TreatmentPage
from tests.admin_posts import edit_post_data, guide_form, procedure
from tests.factories import steps, stream

APPROVE = {"action-workflow-action": "true", "workflow-action-name": "approve"}
REQUEST_CHANGES = {"action-workflow-action": "true", "workflow-action-name": "reject"}
SUBMIT = {"action-submit": "1"}
REFERENCE_WITHOUT_YEAR = {
    "title": "Microneedling",
    "source": "American Academy of Dermatology",
    "publication": "",
    "year": None,
    "url": "",
    "doi": "",
    "pmid": "",
}


def every_kind_of_block() -> str:
    """A guide body with optional numbers left empty, a year set, an empty list and blanks."""
    return stream(
        ("overview", {"heading": "What it is", "text": "<p>A gentle treatment.</p>"}),
        (
            "procedure",
            {"heading": "What happens", "intro": "", "steps": steps("Clean", "Treat")},
        ),
        (
            "references",
            {
                "heading": "Sources",
                "references": [
                    REFERENCE_WITHOUT_YEAR,
                    {**REFERENCE_WITHOUT_YEAR, "title": "Skin needling", "year": 2018},
                ],
            },
        ),
    )


def post_edit(client, user, page, actions: dict):
    client.force_login(user)
    page = Page.objects.get(pk=page.pk).specific
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_post_data(page, **actions)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def in_progress(page) -> WorkflowState | None:
    return WorkflowState.objects.filter(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).first()


def edit_form(page: TreatmentPage, **actions) -> dict:
    """The page's edit form as the admin posts it (body left as saved)."""
    data = guide_form(
        [procedure(["Cleansing", "Gentle scraping"])],
        title=page.title,
        slug=page.slug,
        summary=page.summary,
        review_interval_months="12",
    )
    data.update(actions)
    return data


def submit_for_review(client, user, page):
    client.force_login(user)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(page, **{"action-submit": "1"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )


def act(client, user, page, action, comment=""):
    state = WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    client.force_login(user)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk]
    )
    return client.post(url, {"comment": comment})


def report_rows(client, **params) -> list[dict]:
    response = client.get(reverse("guide_reviews_report"), {**params, "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))
