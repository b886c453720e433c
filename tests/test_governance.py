"""Clinical review: editors submit, clinical reviewers approve, patients see who checked what."""

import datetime
import io

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowState

import pytest
import time_machine

from articles.models import TreatmentPage
from governance.dates import add_months
from governance.models import ClinicalReview
from governance.reviews import record_review
from governance.roles import EDITORS_GROUP, WORKFLOW_NAME, setup_roles
from tests.admin_posts import guide_form, procedure
from tests.conftest import make_roles
from tests.factories import TreatmentPageFactory
from tests.review_flow import act, edit_form, submit_for_review
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


# --- Roles -------------------------------------------------------------------------------------


def test_setup_roles_is_repeatable_and_replaces_the_default_workflow(roles):
    assert setup_roles(roles["home"], roles["index"]) == []
    assert not Workflow.objects.get(name="Moderators approval").active
    assert roles["index"].get_workflow().name == WORKFLOW_NAME
    draft = TreatmentPageFactory(parent=roles["index"], live=False)
    assert draft.get_workflow().name == WORKFLOW_NAME


def test_editors_hold_no_publish_permission_anywhere(roles):
    editors = Group.objects.get(name=EDITORS_GROUP)
    assert not GroupPagePermission.objects.filter(
        group=editors, permission__codename="publish_page"
    ).exists()
    assert not editors.permissions.filter(codename__startswith="publish_").exists()
    page = TreatmentPageFactory(parent=roles["index"], live=False)
    perms = page.permissions_for_user(roles["editor"])
    assert perms.can_edit() and not perms.can_publish()
    assert page.permissions_for_user(roles["reviewer"]).can_publish()


def test_editor_cannot_publish_through_the_edit_form(client, roles, draft):
    client.force_login(roles["editor"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        edit_form(draft, **{"action-publish": "1"}),
    )
    draft.refresh_from_db()
    assert not draft.live


def test_editor_cannot_publish_a_new_guide_from_the_add_form(client, roles):
    client.force_login(roles["editor"])
    data = guide_form([procedure(["One", "Two"])])
    data["action-publish"] = "1"
    client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "treatmentpage", roles["index"].pk]),
        data,
    )
    guide = TreatmentPage.objects.get(slug="dermaplaning")
    assert not guide.live
    assert not guide.live_revision_id


def test_editor_cannot_publish_with_the_bulk_action(client, roles, draft):
    client.force_login(roles["editor"])
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={draft.pk}"
    )
    client.post(url, {"include_descendants": ""})
    draft.refresh_from_db()
    assert not draft.live


# --- Workflow end to end ------------------------------------------------------------------------


def test_editor_submits_reviewer_approves_and_the_review_is_recorded(client, roles, draft):
    from django.core import mail

    state = submit_for_review(client, roles["editor"], draft)
    assert state.workflow.name == WORKFLOW_NAME
    # The notification tells the reviewer, by name, that a guide is waiting, in the clinic's words.
    to_reviewer = [m for m in mail.outbox if roles["reviewer"].email in m.to]
    assert [m.subject for m in to_reviewer] == ['Waiting for your clinical review: "Dermaplaning"']
    assert to_reviewer[0].body.startswith("Hello Rita,")
    assert "moderation" not in to_reviewer[0].body

    # The reviewer sees the task on their dashboard.
    client.force_login(roles["reviewer"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard and "Dermaplaning" in dashboard

    act(client, roles["reviewer"], draft, "approve", comment="Checked every section.")

    draft.refresh_from_db()
    assert draft.live
    review = ClinicalReview.objects.get(page=draft)
    assert review.reviewer.user == roles["reviewer"]
    assert review.revision_id == draft.live_revision_id
    assert review.scope_note == "Checked every section."
    assert draft.review_status.review == review

    html = client.get(draft.url).content.decode()
    today = datetime.date.today()
    assert f'Page last reviewed: <time datetime="{today:%Y-%m-%d}">' in html
    assert f"{add_months(today, 12):%B} {add_months(today, 12).day}, " in html
    assert "Reviewed by Dr Rita Reviewer, MD, FAAD (Dermatologist)" in html
    assert "due for review" not in html


def test_reviewer_rejects_with_a_comment_and_nothing_goes_live(client, roles, draft):
    submit_for_review(client, roles["editor"], draft)
    act(client, roles["reviewer"], draft, "reject", comment="Add the rare risks.")

    draft.refresh_from_db()
    assert not draft.live
    assert not ClinicalReview.objects.exists()
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Add the rare risks."


def test_editor_cannot_approve_their_own_submission(client, roles, draft):
    submit_for_review(client, roles["editor"], draft)
    response = act(client, roles["editor"], draft, "approve")
    assert response.status_code in (302, 403)
    draft.refresh_from_db()
    assert not draft.live
    assert not ClinicalReview.objects.exists()


def test_a_change_published_without_review_does_not_keep_the_old_review(client, roles, draft):
    submit_for_review(client, roles["editor"], draft)
    act(client, roles["reviewer"], draft, "approve")
    draft.refresh_from_db()

    # A superuser (not a clinician) publishes an edit directly, skipping the workflow.
    client.force_login(roles["admin"])
    form = edit_form(draft, **{"action-publish": "1"})
    form["summary"] = "New, unreviewed wording."
    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), form)

    draft.refresh_from_db()
    assert draft.summary == "New, unreviewed wording."
    assert draft.review_status.review is None
    assert draft.review_status.state == "changed"
    html = client.get(draft.url).content.decode()
    assert "This page is due for review." in html
    assert "has not been checked by a clinician yet" in html


def test_editing_after_approval_keeps_patients_on_the_reviewed_version(client, roles, draft):
    submit_for_review(client, roles["editor"], draft)
    act(client, roles["reviewer"], draft, "approve")
    draft.refresh_from_db()
    reviewed_revision = draft.live_revision_id

    state = submit_for_review(client, roles["editor"], draft)  # a second round for the edit
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    draft.refresh_from_db()
    assert draft.live_revision_id == reviewed_revision
    assert draft.review_status.state == "current"


def test_a_reviewer_publishing_directly_records_a_review(client, roles, draft):
    client.force_login(roles["reviewer"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        edit_form(draft, **{"action-publish": "1"}),
    )
    draft.refresh_from_db()
    assert draft.live
    review = ClinicalReview.objects.get(page=draft)
    assert review.method == ClinicalReview.Method.PUBLISHED
    assert review.revision_id == draft.live_revision_id


# --- Dates and the overdue notice ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ((2026, 3, 15), 12, (2027, 3, 15)),
        ((2026, 1, 31), 1, (2026, 2, 28)),
        ((2024, 2, 29), 12, (2025, 2, 28)),
        ((2026, 11, 30), 3, (2027, 2, 28)),
        ((2027, 11, 30), 3, (2028, 2, 29)),
        ((2026, 12, 1), 24, (2028, 12, 1)),
    ],
)
def test_next_review_date_adds_calendar_months(start, months, expected):
    assert add_months(datetime.date(*start), months) == datetime.date(*expected)


@pytest.fixture
def reviewed_guide(roles):
    guide = TreatmentPageFactory(parent=roles["index"], title="Peels", review_interval_months=6)
    with time_machine.travel(datetime.datetime(2026, 1, 10, 12, tzinfo=datetime.UTC)):
        record_review(guide, roles["reviewer"], revision=guide.live_revision)
    return guide


def test_review_states_follow_the_calendar(reviewed_guide):
    status = reviewed_guide.review_status
    assert status.next_review_due == datetime.date(2026, 7, 10)
    moments = {
        (2026, 5, 1): "current",
        (2026, 6, 15): "due_soon",
        (2026, 7, 10): "due_soon",
        (2026, 7, 11): "overdue",
    }
    for day, state in moments.items():
        with time_machine.travel(datetime.datetime(*day, 12, tzinfo=datetime.UTC)):
            assert status.state == state, day


def test_overdue_guide_stays_online_with_a_clear_notice(client, reviewed_guide):
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        html = client.get(reviewed_guide.url).content.decode()
    assert "due for review" not in html
    assert 'Next review due: <time datetime="2026-07-10">July 10, 2026</time>' in html

    # The cached copy expires by the due date (see test_page_cache); Redis keeps its own clock,
    # which time travel cannot move, so drop the cached copy as its expiry would.
    from django.core.cache import cache

    cache.clear()
    with time_machine.travel(datetime.datetime(2026, 8, 1, 12, tzinfo=datetime.UTC)):
        response = client.get(reviewed_guide.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This page is due for review." in html
    assert "A clinician last checked it on January 10, 2026." in html


def test_review_interval_has_sensible_bounds(roles):
    guide = TreatmentPageFactory(parent=roles["index"], live=False)
    for months, ok in [(2, False), (3, True), (24, True), (36, False)]:
        guide.review_interval_months = months
        if ok:
            guide.full_clean()
        else:
            with pytest.raises(Exception, match="months"):
                guide.full_clean()


# --- The report and the dashboard --------------------------------------------------------------


def test_report_is_staff_only(client, roles):
    response = client.get(reverse("guide_reviews_report"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- Reading level in the editor -----------------------------------------------------------------


def test_editor_sees_reading_grade_per_section(client, roles):
    guide = TreatmentPageFactory(parent=roles["index"], title="Grading")
    client.force_login(roles["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    assert "Reading level" in html
    assert f"<strong>{guide.reading_grade}</strong> (target: 8.0 or lower)" in html
    assert "What happens" in html[html.index("data-reading-level") :]


def test_reading_grade_is_stored_on_save(roles):
    guide = TreatmentPageFactory(parent=roles["index"])
    easy = guide.reading_grade
    guide.summary = (
        "Comprehensive dermatological rejuvenation methodologies necessitate "
        "considerable interdisciplinary consultation and individualized evaluation."
    )
    guide.save()
    guide.refresh_from_db()
    assert guide.reading_grade > easy + 3


def test_setup_roles_command_reports_once(roles):
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    assert "already in place" in out.getvalue()
    assert Page.objects.filter(pk=roles["index"].pk).exists()


def test_setup_roles_takes_back_a_publish_permission_given_to_editors_by_mistake(roles):
    from django.contrib.auth.models import Permission

    editors = Group.objects.get(name=EDITORS_GROUP)
    GroupPagePermission.objects.create(
        group=editors,
        page=roles["index"],
        permission=Permission.objects.get(codename="publish_page"),
    )
    assert (
        TreatmentPageFactory(parent=roles["index"])
        .permissions_for_user(roles["editor"])
        .can_publish()
    )

    changes = setup_roles(roles["home"], roles["index"])

    assert any("publish_page" in change for change in changes)
    editor = type(roles["editor"]).objects.get(pk=roles["editor"].pk)  # no cached permissions
    page = TreatmentPageFactory(parent=roles["index"], live=False)
    assert not page.permissions_for_user(editor).can_publish()
