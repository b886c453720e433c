"""A new editor opens the "new guide" form in the real admin: a short list of folded sections, not
a page of every input. Submitting with some sections half done says, once and at the top of the
body, what each still needs; "Go to the first error" shows it clear of the sticky footer; the
untouched sections are simply left out once the rest is done."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import section_labels

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EDITOR, PASSWORD = "eddie", "a-long-staff-password"
DESKTOP = {"width": 1280, "height": 900}
SECTIONS = section_labels()


@pytest.fixture
def new_guide_form(site, new_page) -> Page:
    """An editor, signed in through the login form, on the form for a new guide."""
    from django.contrib.auth.models import Group

    from governance.roles import EDITORS_GROUP, setup_roles
    from tests.factories import UserFactory

    home, index = site
    setup_roles(home, index)
    editor = UserFactory(username=EDITOR, first_name="Eddie", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))

    page = new_page(viewport=DESKTOP, reduced_motion="reduce")
    page.goto("/admin/")
    page.get_by_label("Username").fill(EDITOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/add/articles/treatmentpage/{index.pk}/")
    admin_ready(page)
    return page


def admin_ready(page: Page) -> None:
    """Wagtail's scripts have run (its <body> gets the class "ready")."""
    expect(page.locator("body")).to_have_class(re.compile(r"(^|\s)ready(\s|$)"))


def section(page: Page, label: str) -> Locator:
    heading = page.get_by_role("heading", name=re.compile(rf"^{re.escape(label)}(?!\w)"))
    return heading.locator("xpath=ancestor::section[1]")


def toggle(part: Locator) -> Locator:
    return part.get_by_role("button", name="Toggle section").first


def open_section(page: Page, label: str) -> Locator:
    part = section(page, label)
    if toggle(part).get_attribute("aria-expanded") == "false":
        toggle(part).click()
    expect(toggle(part)).to_have_attribute("aria-expanded", "true")
    return part


def test_a_new_guide_is_a_short_list_of_folded_sections(new_guide_form):
    page = new_guide_form
    for label in SECTIONS:
        expect(toggle(section(page, label))).to_have_attribute("aria-expanded", "false")
    # Nothing inside the sections shows until the editor opens one.
    expect(page.get_by_role("textbox", name=re.compile(r"^Heading"))).to_have_count(0)

    procedure = open_section(page, "Procedure steps")
    expect(procedure.get_by_role("textbox", name=re.compile(r"^Title"))).to_be_visible()
    # A step's picture is optional: it stays folded until asked for.
    picture = section(page, "Image (optional)")
    expect(toggle(picture)).to_have_attribute("aria-expanded", "false")
    expect(picture.get_by_role("textbox", name=re.compile(r"^Alt text"))).to_be_hidden()
    toggle(picture).click()
    expect(picture.get_by_role("textbox", name=re.compile(r"^Alt text"))).to_be_visible()


# True once the focused element has stayed put for a frame, fully above the sticky footer.
SETTLED_ABOVE_THE_FOOTER = """() => {
    const box = document.activeElement.getBoundingClientRect();
    const footer = [...document.querySelectorAll("footer")]
        .find((element) => element.textContent.includes("Save draft"));
    const settled = window.lastFocusedTop === box.top;
    window.lastFocusedTop = box.top;
    return settled && box.top > 0 && box.bottom <= footer.getBoundingClientRect().top;
}"""


# True once a hidden form field (where Draftail keeps a rich text's value) holds the text.
SAVED_TO_THE_FORM = """(text) => [...document.querySelectorAll("input[type=hidden]")]
    .some((field) => field.value.includes(text))"""


def submit(page: Page) -> None:
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Clinical review").click()


def test_what_is_missing_is_said_once_then_empty_sections_are_left_out(new_guide_form):
    from articles.models import TreatmentPage

    page = new_guide_form
    page.get_by_placeholder("Page title").fill("Dermaplaning")
    page.get_by_role("textbox", name="In short").fill("A soft blade removes dead skin.")
    overview = open_section(page, "Overview")
    text = overview.locator("[contenteditable='true'][role='textbox']").last
    text.click()
    expect(text).to_be_focused()  # the rich text editor is ready for typing
    page.keyboard.type("A small blade removes dead skin and fine hair.")
    expect(text).to_contain_text("A small blade removes dead skin and fine hair.")
    # Draftail copies what was typed into the form a moment later (its save interval): a
    # person never clicks Submit that fast, a test must wait for it.
    page.wait_for_function(SAVED_TO_THE_FORM, arg="A small blade removes dead skin")
    procedure = open_section(page, "Procedure steps")
    procedure.get_by_role("textbox", name=re.compile(r"^Title")).first.fill("Cleansing")

    submit(page)
    admin_ready(page)

    summary = page.locator(".help-critical")
    expect(summary.first).to_have_text("Almost there: one part of the guide still needs something.")
    expect(summary.nth(1)).to_have_text(
        "Procedure steps: Step 1: Fill in 'Text'. Add at least two steps so patients know what "
        "to expect, in order."
    )
    expect(summary.nth(2)).to_contain_text("These empty parts will be left out: Benefits")
    # One "required" message, on the step's text: none for the ten sections never opened.
    expect(page.get_by_text("This field is required.")).to_have_count(1)
    expect(toggle(section(page, "Procedure steps"))).to_have_attribute("aria-expanded", "true")
    expect(toggle(section(page, "Benefits"))).to_have_attribute("aria-expanded", "false")

    page.get_by_role("button", name="Go to the first error").click()
    expect(summary.first).to_be_focused()
    # Once the page stops scrolling, it is in view, clear of the sticky "Save draft" footer.
    page.wait_for_function(SETTLED_ABOVE_THE_FOOTER)

    procedure = section(page, "Procedure steps")
    procedure.get_by_role("textbox", name=re.compile(r"^Text\*?$")).first.fill(
        "Your skin is cleaned."
    )
    procedure.get_by_role("button", name="Add", exact=True).last.click()
    titles = procedure.get_by_role("textbox", name=re.compile(r"^Title"))
    expect(titles).to_have_count(2)
    titles.nth(1).fill("Scraping")
    procedure.get_by_role("textbox", name=re.compile(r"^Text\*?$")).nth(1).fill("A blade glides.")
    submit(page)

    left_out = page.get_by_role("status").filter(has_text="Left out 10 empty sections")
    expect(left_out).to_have_count(1)
    guide = TreatmentPage.objects.get(title="Dermaplaning")
    body = guide.get_latest_revision_as_object().body
    assert [child.block_type for child in body] == ["overview", "procedure"]
