"""Clinical review in the real admin: an editor writes a guide and submits it, a clinical reviewer
sends it back with a comment or approves it (which publishes it and shows patients who checked it).

Everyone signs in through the login form, in their own browser context (their own cookies), and
uses the same buttons and dialogs staff use: the action menu next to "Save draft", the dashboard's
"Awaiting your review" panel, and the workflow action dialogs.

Wagtail binds its buttons (the action menu, the dashboard's row actions, the workflow dialogs)
from scripts that run once the page has loaded, and its admin pages load several large scripts
first. A click that lands before that does nothing, so after every navigation these tests wait
for the admin to say it is ready (``admin_ready``), never for a fixed time.
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import section_labels
from tests.browser.test_editor_publishes_guide import body_section, rich_text, type_rich_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EDITOR, REVIEWER, PASSWORD = "eddie", "rita", "a-long-staff-password"
GUIDE = "Dermaplaning"
SUMMARY = "A soft blade gently removes dead skin and fine hair from the face."
FIXED_SUMMARY = SUMMARY + " Small cuts are rare."
OVERVIEW = "A trained provider uses a sterile blade on clean, dry skin."
STEPS = ["Cleansing", "Gentle scraping"]
SCOPE_NOTE = "Checked the steps and the summary against the clinic's protocol."
CHANGES = "Please say in the summary that small cuts can happen, rarely."
DESKTOP = {"width": 1280, "height": 900}
# Sections a new guide starts with that this one doesn't use: the editor deletes them.
UNUSED = section_labels("Overview", "Procedure steps")


@pytest.fixture
def roles(site):
    """The Editors and Clinical reviewers groups with one member each and the Clinical review
    workflow on the treatments index."""
    from django.contrib.auth.models import Group

    from governance.models import ClinicianProfile
    from governance.reviews import REVIEWERS_GROUP
    from governance.roles import EDITORS_GROUP, setup_roles
    from tests.factories import UserFactory

    home, index = site
    setup_roles(home, index)
    editor = UserFactory(username=EDITOR, first_name="Eddie", last_name="Editor", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    reviewer = UserFactory(
        username=REVIEWER, first_name="Rita", last_name="Reviewer", password=PASSWORD
    )
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    ClinicianProfile.objects.create(user=reviewer, name="Dr Rita Reviewer", credentials="MD")
    return {"index": index, "editor": editor, "reviewer": reviewer}


def admin_ready(page: Page) -> None:
    """Wait until Wagtail's scripts have run on the admin page now shown (its <body> gets the
    class "ready" once they have). Call it once the new page is showing (its URL or heading)."""
    expect(page.locator("body")).to_have_class(re.compile(r"(^|\s)ready(\s|$)"))


def sign_in(new_page, username: str) -> Page:
    """A desktop-sized admin session in its own browser context, through the login form."""
    page = new_page(viewport=DESKTOP, reduced_motion="reduce")  # no animations to wait for
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))  # the dashboard
    admin_ready(page)
    return page


def action_menu(page: Page) -> Locator:
    """The actions next to "Save draft" at the foot of the edit form, with the dropdown open."""
    page.get_by_role("button", name="More actions").click()
    menu = page.locator("footer").filter(has=page.get_by_role("button", name="Save draft"))
    expect(menu).to_have_count(1)
    return menu


def expect_no_publish_button(page: Page, menu: Locator) -> None:
    """Editors are never offered "Publish", in the action menu or anywhere else on the page."""
    expect(menu.get_by_role("button", name=re.compile("publish", re.IGNORECASE))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile(r"^Publish\b"))).to_have_count(0)


def expect_status(page: Page, message: str | re.Pattern) -> None:
    expect(page.get_by_role("status").filter(has_text=message)).to_have_count(1)


def expect_listing(page: Page, index) -> None:
    """Back on the treatments listing, where Wagtail goes after a submit or a workflow action."""
    expect(page).to_have_url(re.compile(rf"/admin/pages/{index.pk}/$"))
    admin_ready(page)


def open_from_dashboard(page: Page) -> None:
    """The reviewer finds the guide waiting for them on the dashboard and opens it."""
    page.goto("/admin/")
    waiting = page.get_by_role("region", name="Awaiting your review")
    waiting.get_by_role("link", name=GUIDE).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(GUIDE)
    admin_ready(page)


def workflow_dialog(page: Page, action: re.Pattern) -> Locator:
    """Choose a workflow action from the action menu; returns the dialog asking for a comment."""
    action_menu(page).get_by_role("button", name=action).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    return dialog


def write_guide(page: Page, index) -> None:
    """Pages → Treatments → Add child page (a treatments index takes only treatment guides):
    the editor fills the summary, the overview and two procedure steps, and deletes the other
    standard sections a new guide starts with (left blank, their required fields would stop it)."""
    page.goto(f"/admin/pages/{index.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(index.title)
    page.get_by_role("link", name="Add child page").first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/articles/treatmentpage/"))
    admin_ready(page)

    page.get_by_placeholder("Page title").fill(GUIDE)
    page.get_by_role("textbox", name="In short").fill(SUMMARY)
    type_rich_text(page, rich_text(body_section(page, "Overview")), OVERVIEW)

    procedure = body_section(page, "Procedure steps")
    titles = procedure.get_by_role("textbox", name=re.compile(r"^Title"))
    texts = procedure.get_by_role("textbox", name=re.compile(r"^Text\*?$"))
    for count in range(titles.count(), len(STEPS)):  # the list starts with one empty step
        procedure.get_by_role("button", name="Add", exact=True).last.click()
        expect(titles).to_have_count(count + 1)
    for number, step in enumerate(STEPS):
        titles.nth(number).fill(step)
        texts.nth(number).fill(f"{step} takes a few minutes.")

    for label in UNUSED:
        body_section(page, label).get_by_role("button", name="Delete").first.click()
    for label in UNUSED:
        heading = page.get_by_role("heading", name=re.compile(rf"^{re.escape(label)}\b"))
        expect(heading).to_have_count(0)


def expect_reviewed_guide(new_page, guide, scope_note: str, revision_id: int) -> Page:
    """The guide is live at the reviewed revision with exactly one review record of it, and a
    patient (no admin session) gets the page, showing who checked it and when."""
    from governance.models import ClinicalReview

    guide.refresh_from_db()
    assert guide.live and not guide.has_unpublished_changes
    assert guide.live_revision_id == revision_id, "approving must publish the reviewed revision"
    assert guide.latest_revision_id == revision_id, "approving saves no new revision"
    reviews = list(ClinicalReview.objects.filter(page=guide))
    assert [(r.revision_id, r.scope_note) for r in reviews] == [(revision_id, scope_note)]
    assert reviews[0].reviewer.display_name == "Dr Rita Reviewer, MD"

    patient = new_page()  # no admin session, phone-sized
    response = patient.goto(guide.url)
    assert response.status == 200
    expect(patient.get_by_role("heading", level=1)).to_have_text(GUIDE)
    info = patient.locator(".review-info")
    expect(info).to_contain_text("Reviewed by Dr Rita Reviewer, MD")
    expect(info).to_contain_text(re.compile(r"Page last reviewed: \w+ \d+, \d{4}"))
    expect(info).to_contain_text(re.compile(r"Next review due: \w+ \d+, \d{4}"))
    expect(patient.get_by_text("This page is due for review.")).to_have_count(0)
    return patient


def test_guide_written_in_the_admin_goes_through_review_and_goes_live(new_page, roles):
    """Write → submit → changes requested (the editor sees why) → fix and resubmit → the
    reviewer approves in the page editor → live for patients, with one review record."""
    from wagtail.models import WorkflowState

    from articles.models import TreatmentPage
    from governance.models import ClinicalReview

    index = roles["index"]

    # The editor writes the guide and submits it straight from the new page's form.
    editor = sign_in(new_page, EDITOR)
    write_guide(editor, index)
    menu = action_menu(editor)
    expect_no_publish_button(editor, menu)
    menu.get_by_role("button", name="Submit to Clinical review").click()
    expect_listing(editor, index)
    # "created and sent", or "has been sent" if autosave already stored the draft.
    expect_status(
        editor,
        re.compile(rf"Page '{GUIDE}' (created and|has been) sent for clinical review\."),
    )
    guide = TreatmentPage.objects.get(title=GUIDE)
    assert not guide.live

    # The reviewer opens it from their dashboard and asks for a change.
    reviewer = sign_in(new_page, REVIEWER)
    open_from_dashboard(reviewer)
    expect(reviewer.get_by_role("textbox", name="In short")).to_have_value(SUMMARY)
    dialog = workflow_dialog(reviewer, re.compile(r"^Request changes"))
    dialog.get_by_role("textbox", name=re.compile(r"^Comment")).fill(CHANGES)
    dialog.get_by_role("button", name="Request changes").click()
    expect_listing(reviewer, index)

    guide.refresh_from_db()
    assert not guide.live
    assert not ClinicalReview.objects.filter(page=guide).exists()
    state = WorkflowState.objects.get(object_id=str(guide.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert new_page().goto(guide.url).status == 404  # patients can't see it yet

    # The editor's dashboard and edit page say changes were requested, and show the comment.
    editor.goto("/admin/")
    admin_ready(editor)
    expect(
        editor.get_by_text(re.compile(r"Changes requested at\s+Clinical review"))
    ).to_be_visible()
    editor.goto(f"/admin/pages/{guide.pk}/edit/")
    admin_ready(editor)
    editor.get_by_role("button", name="Toggle status").click()
    panel = editor.locator("[data-side-panel='status']")
    expect(panel).to_contain_text("Changes requested")
    panel.get_by_role("button", name="View details").click()
    status = editor.get_by_role("dialog")
    expect(status).to_contain_text(re.compile(r"Changes requested by Rita Reviewer"))
    expect(status).to_contain_text(CHANGES)
    editor.keyboard.press("Escape")
    expect(status).to_be_hidden()

    # They fix it and resubmit; they still can't publish.
    editor.get_by_role("textbox", name="In short").fill(FIXED_SUMMARY)
    menu = action_menu(editor)
    expect_no_publish_button(editor, menu)
    menu.get_by_role("button", name="Resubmit to Clinical review").click()
    expect_listing(editor, index)
    expect_status(editor, f"Page '{GUIDE}' has been sent for clinical review.")
    guide.refresh_from_db()
    resubmitted = guide.latest_revision_id
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # the same review, resumed

    # The reviewer sees the fix in the page editor and approves it there, with a scope note.
    open_from_dashboard(reviewer)
    expect(reviewer.get_by_role("textbox", name="In short")).to_have_value(FIXED_SUMMARY)
    dialog = workflow_dialog(reviewer, re.compile(r"^Approve with comment"))
    dialog.get_by_role("textbox", name="Scope of your review (optional)").fill(SCOPE_NOTE)
    dialog.get_by_role("button", name=re.compile(r"^Approve with comment")).click()
    expect_listing(reviewer, index)

    patient = expect_reviewed_guide(new_page, guide, SCOPE_NOTE, resubmitted)
    expect(patient.get_by_role("region", name="In short")).to_contain_text(FIXED_SUMMARY)
    expect(patient.get_by_text(OVERVIEW)).to_be_visible()
    steps = patient.get_by_role("region", name="What happens during treatment")
    expect(steps.get_by_role("list").get_by_role("heading")).to_have_text(STEPS)
    expect(patient.get_by_role("heading", name="Risks and side effects")).to_have_count(0)


def test_reviewer_approves_from_the_dashboard_and_patients_see_who_checked_it(new_page, roles):
    from tests.factories import TreatmentPageFactory

    guide = TreatmentPageFactory(
        parent=roles["index"], title=GUIDE, slug="dermaplaning", live=False
    )
    guide.get_workflow().start(guide, roles["editor"])  # submitting is covered above
    guide.refresh_from_db()
    submitted = guide.latest_revision_id

    reviewer = sign_in(new_page, REVIEWER)  # waits for the dashboard's scripts to run
    waiting = reviewer.get_by_role("region", name="Awaiting your review")
    row = waiting.get_by_role("row").filter(has=reviewer.get_by_role("link", name=GUIDE))
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve with comment").click()
    dialog = reviewer.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Scope of your review (optional)").fill(SCOPE_NOTE)
    dialog.get_by_role("button", name=re.compile(r"^Approve with comment")).click()
    # The dialog reloads the dashboard, which has nothing left to review.
    expect(waiting).to_have_count(0)
    admin_ready(reviewer)
    expect(waiting).to_have_count(0)

    expect_reviewed_guide(new_page, guide, SCOPE_NOTE, submitted)
