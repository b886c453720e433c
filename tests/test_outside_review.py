"""A clinician without an admin login reviews a guide through an emailed link: they read the
exact version as patients will see it, then approve it (which publishes a guide waiting in
clinical review, with their name as reviewer) or ask for changes. A link works once, for one
version, until it expires or is cancelled; made-up links get nothing."""

import datetime
import re

from django.conf import settings
from django.core import mail
from django.urls import reverse

from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

import pytest
import time_machine

from governance.models import ClinicalReview, ClinicianProfile, OutsideReviewLink
from tests.conftest import make_roles
from tests.factories import TreatmentPageFactory
from tests.review_flow import SUBMIT, in_progress, post_edit
from tests.shared_data import built_once, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def roles_site(django_db_setup, django_db_blocker):
    """The clinic team and site of ``make_roles``, built once for this module
    (tests/shared_data.py)."""
    with built_once(django_db_blocker):
        yield make_roles()


@pytest.fixture
def roles(db, roles_site):
    """The clinic team of the review tests (see ``make_roles``), read fresh per test."""
    return fresh(roles_site)


LINK = re.compile(r"http://testserver(/review/[A-Za-z0-9_-]+/)")


@pytest.fixture
def omar(db):
    return ClinicianProfile.objects.create(
        name="Dr Omar Outside", credentials="MD", email="omar@example.org"
    )


def send(client, user, page, clinician, note="") -> str:
    """Send a review link from the guide's admin page; the path the email gives."""
    client.force_login(user)
    before = len(mail.outbox)
    response = client.post(
        reverse("outside_review_links", args=[page.pk]),
        {"clinician": clinician.pk, "note": note},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(mail.outbox) == before + 1
    client.logout()
    return LINK.search(mail.outbox[-1].body).group(1)


def submitted_and_sent(client, roles, draft, clinician) -> str:
    post_edit(client, roles["editor"], draft, SUBMIT)
    assert in_progress(draft) is not None
    return send(client, roles["reviewer"], draft, clinician)


def refused(response) -> bool:
    """Wagtail's admin answers a forbidden page with a redirect to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def history(page) -> list[str]:
    return list(
        PageLogEntry.objects.filter(page=page)
        .filter(action__startswith="governance.outside_review.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_reviewer_emails_a_link_to_the_latest_version(client, roles, draft, omar):
    path = send(client, roles["reviewer"], draft, omar, note="Please check the aftercare.")

    email = mail.outbox[-1]
    assert email.to == ["omar@example.org"]
    assert "Dermaplaning" in email.subject
    assert "Rita Reviewer" in email.body
    assert "Please check the aftercare." in email.body
    assert f"http://testserver{path}" in email.body
    link = OutsideReviewLink.objects.get()
    assert link.revision == Page.objects.get(pk=draft.pk).latest_revision
    assert link.clinician == omar
    assert link.created_by == roles["reviewer"]
    # Only the hash is kept: the address's secret is nowhere in the database.
    token = path.split("/")[2]
    assert len(token) >= 43
    assert token not in link.token_hash
    assert history(draft) == ["governance.outside_review.sent"]


def test_editors_cannot_send_links_reviewers_and_admins_can(client, roles, draft, omar):
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    links_url = reverse("outside_review_links", args=[draft.pk])

    client.force_login(roles["editor"])
    assert links_url not in client.get(edit_url).content.decode()
    assert refused(client.get(links_url))
    assert refused(client.post(links_url, {"clinician": omar.pk}))
    assert mail.outbox == []

    client.force_login(roles["reviewer"])
    assert links_url in client.get(edit_url).content.decode()
    send(client, roles["admin"], draft, omar)
    assert OutsideReviewLink.objects.get().created_by == roles["admin"]


def test_only_clinicians_without_a_login_and_with_an_email_can_be_chosen(client, roles, draft):
    ClinicianProfile.objects.create(name="Dr No Email")
    client.force_login(roles["reviewer"])
    page = client.get(reverse("outside_review_links", args=[draft.pk])).content.decode()
    assert "Dr No Email" not in page
    assert "Dr Rita Reviewer" not in page  # she has an admin login: she approves there


def test_the_clinician_reads_the_version_as_patients_will_without_a_session(
    client, roles, draft, omar
):
    draft.summary = "A draft summary only the reviewer may see."
    draft.save_revision(user=roles["editor"])
    path = send(client, roles["reviewer"], draft, omar)

    response = client.get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Dermaplaning</h1>" in page
    assert "A draft summary only the reviewer may see." in page
    assert "Approve this version" in page and "Request changes" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "script-src 'self';" in response["Content-Security-Policy"]
    assert history(draft) == ["governance.outside_review.sent", "governance.outside_review.opened"]

    # The draft is not reachable any other way.
    assert client.get("/treatments/dermaplaning/").status_code == 404
    assert "A draft summary" not in client.get("/treatments/").content.decode()


def test_approving_publishes_the_guide_with_the_clinician_as_reviewer(client, roles, draft, omar):
    path = submitted_and_sent(client, roles, draft, omar)
    link = OutsideReviewLink.objects.get()

    response = client.post(path, {"decision": "approve", "comment": "Checked every section."})

    assert response.status_code == 200
    assert "You approved" in response.content.decode()
    review = ClinicalReview.objects.get(page=draft)
    assert review.revision == link.revision
    assert review.reviewer == omar
    assert review.user is None
    assert review.method == ClinicalReview.Method.OUTSIDE_LINK
    assert review.scope_note == "Checked every section."
    guide = Page.objects.get(pk=draft.pk)
    assert guide.live
    assert guide.live_revision == link.revision
    assert in_progress(guide) is None
    task = TaskState.objects.get(workflow_state__object_id=str(draft.pk))
    assert task.status == TaskState.STATUS_APPROVED
    live = client.get(guide.url).content.decode()
    assert "Reviewed by Dr Omar Outside, MD" in live
    assert history(draft)[-1] == "governance.outside_review.approved"


def test_approving_a_guide_not_in_review_records_the_review_only(client, roles, draft, omar):
    path = send(client, roles["reviewer"], draft, omar)

    client.post(path, {"decision": "approve", "comment": ""})

    assert ClinicalReview.objects.get(page=draft).reviewer == omar
    assert not Page.objects.get(pk=draft.pk).live


def test_requesting_changes_sends_the_guide_back_with_the_comment(client, roles, draft, omar):
    path = submitted_and_sent(client, roles, draft, omar)

    refused = client.post(path, {"decision": "changes", "comment": "  "})
    assert refused.status_code == 400
    assert "Say what needs to change" in refused.content.decode()
    assert OutsideReviewLink.objects.get().used_at is None

    response = client.post(path, {"decision": "changes", "comment": "Add the sun warning."})

    assert response.status_code == 200
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task = state.task_states.get()
    assert task.status == TaskState.STATUS_REJECTED
    assert task.comment == "Add the sun warning."
    assert not Page.objects.get(pk=draft.pk).live
    assert not ClinicalReview.objects.exists()
    client.force_login(roles["editor"])
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "Dr Omar Outside asked for changes" in editor_page
    assert "Add the sun warning." in editor_page
    assert history(draft)[-1] == "governance.outside_review.changes_requested"


def test_a_used_link_cannot_be_used_again(client, roles, draft, omar):
    path = submitted_and_sent(client, roles, draft, omar)
    client.post(path, {"decision": "approve", "comment": ""})

    again = client.get(path)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert "Approve this version" not in again.content.decode()
    assert client.post(path, {"decision": "approve"}).status_code == 410
    assert ClinicalReview.objects.count() == 1
    assert history(draft)[-2:] == ["governance.outside_review.refused"] * 2


def test_an_expired_link_is_refused(client, roles, draft, omar):
    path = send(client, roles["reviewer"], draft, omar)
    later = datetime.timedelta(days=settings.OUTSIDE_REVIEW_LINK_DAYS, minutes=1)

    with time_machine.travel(OutsideReviewLink.objects.get().created_at + later):
        opened = client.get(path)
        posted = client.post(path, {"decision": "approve"})

    assert opened.status_code == 410
    assert "This review link has expired" in opened.content.decode()
    assert posted.status_code == 410
    assert not ClinicalReview.objects.exists()
    assert history(draft)[-1] == "governance.outside_review.refused"
    entry = PageLogEntry.objects.filter(page=draft).latest("pk")
    assert entry.data["reason"] == "expired"


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # one character changed
        lambda token: token[:-2],  # cut short
        lambda token: token + "x",
        lambda token: "x" * 43,  # right shape, made up
        lambda token: "<script>alert(1)<" + token,
    ],
)
def test_a_forged_or_tampered_link_gets_nothing(client, roles, draft, omar, forge):
    token = send(client, roles["reviewer"], draft, omar).split("/")[2]
    path = f"/review/{forge(token)}/"

    opened = client.get(path)
    posted = client.post(path, {"decision": "approve", "comment": ""})

    assert opened.status_code == 404
    assert "This review link does not work" in opened.content.decode()
    assert "<script>alert" not in opened.content.decode()
    assert "Dermaplaning" not in opened.content.decode()
    assert posted.status_code == 404
    assert not ClinicalReview.objects.exists()
    assert OutsideReviewLink.objects.get().used_at is None


def test_a_cancelled_link_is_refused(client, roles, draft, omar):
    path = send(client, roles["reviewer"], draft, omar)
    link = OutsideReviewLink.objects.get()
    client.force_login(roles["editor"])
    cancel_url = reverse("outside_review_revoke", args=[draft.pk, link.pk])
    assert refused(client.post(cancel_url))

    client.force_login(roles["reviewer"])
    assert client.post(cancel_url).status_code == 302
    client.logout()

    opened = client.get(path)
    assert opened.status_code == 410
    assert "This review link was cancelled" in opened.content.decode()
    assert client.post(path, {"decision": "approve"}).status_code == 410
    assert not ClinicalReview.objects.exists()
    assert "governance.outside_review.revoked" in history(draft)


def test_a_link_to_an_older_version_says_the_guide_changed(client, roles, draft, omar):
    path = submitted_and_sent(client, roles, draft, omar)
    guide = Page.objects.get(pk=draft.pk).specific
    guide.summary = "Edited after the link was sent."
    guide.save_revision(user=roles["reviewer"])

    opened = client.get(path)
    posted = client.post(path, {"decision": "approve", "comment": ""})

    assert opened.status_code == 410
    assert "This guide changed after the link was sent" in opened.content.decode()
    assert "Approve this version" not in opened.content.decode()
    assert posted.status_code == 410
    assert not ClinicalReview.objects.exists()
    assert not Page.objects.get(pk=draft.pk).live


def test_nothing_from_the_link_reaches_patients_or_the_page_cache(client, roles, omar):
    guide = TreatmentPageFactory(parent=roles["index"], title="Chemical peel")
    live_url = guide.url
    client.get(live_url)  # the live page, cached for patients
    guide.summary = "Unapproved new wording."
    guide.save_revision(user=roles["editor"])
    path = send(client, roles["reviewer"], guide, omar)

    first = client.get(path)
    second = client.get(path)

    assert "Unapproved new wording." in first.content.decode()
    assert "Unapproved new wording." in second.content.decode()
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert "no-store" in second["Cache-Control"]
    patient = client.get(live_url)
    assert patient.status_code == 200
    assert "Unapproved new wording." not in patient.content.decode()


def test_every_use_shows_in_the_guide_history(client, roles, draft, omar):
    path = submitted_and_sent(client, roles, draft, omar)
    client.get(path)
    client.post(path, {"decision": "approve", "comment": "All sections."})
    client.get(path)

    client.force_login(roles["reviewer"])
    page = client.get(reverse("wagtailadmin_pages:history", args=[draft.pk])).content.decode()
    assert "Review link sent to Dr Omar Outside, MD" in page
    assert "Review link opened by Dr Omar Outside, MD" in page
    assert "Approved by Dr Omar Outside, MD through a review link" in page
    assert "refused: it was already used" in page
