"""An editor writes a new treatment guide in Wagtail's admin and a patient reads it.

Everything goes through the real admin form (login form, StreamField editor, Draftail rich text),
as an editor would use it: fill the sections that apply, delete the ones that don't, publish.
"""

import re

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EDITOR, PASSWORD = "editor", "a-long-editor-password"

# A new guide starts with every standard section. This one fills in the overview, benefits,
# procedure steps and FAQs, and deletes the sections that don't apply:
UNUSED = [
    "Who it suits",
    "Preparation",
    "Risks and side effects",
    "Aftercare",
    "Warning signs",
    "Results and maintenance",
    "Choosing a provider",
    "References",
]


def body_section(page: Page, block_label: str) -> Locator:
    """A section of the guide body in the editor, found by the block type label editors see."""
    heading = page.get_by_role("heading", name=re.compile(rf"^{re.escape(block_label)}\b"))
    expect(heading).to_have_count(1)
    section = heading.locator("xpath=ancestor::section[1]")
    toggle = section.get_by_role("button", name="Toggle section").first
    if toggle.get_attribute("aria-expanded") == "false":  # sections may start collapsed
        toggle.click()
    return section


def rich_text(section: Locator) -> Locator:
    """The (last) Draftail editor inside a section: a contenteditable textbox."""
    return section.locator("[contenteditable='true'][role='textbox']").last


def type_rich_text(page: Page, editor: Locator, text: str) -> None:
    editor.click()
    expect(editor).to_be_focused()
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)
    # Draftail copies the text into its hidden form field after its save interval: wait for it
    # so a quick click on Publish sends it.
    page.wait_for_function(
        """(text) => [...document.querySelectorAll("input[type=hidden]")]
            .some((field) => field.value.includes(text))""",
        arg=text,
    )


def test_editor_publishes_a_guide_that_patients_can_read(page, new_page, site):
    _home, index = site
    get_user_model().objects.create_superuser(EDITOR, "editor@example.com", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})  # the admin on a desktop
    page.emulate_media(reduced_motion="reduce")  # no animations to wait for

    # Log in through the real form.
    page.goto("/admin/")
    page.get_by_label("Username").fill(EDITOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # Add a guide under the treatments index (the only page type allowed there).
    page.goto(f"/admin/pages/{index.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/articles/treatmentpage/"))

    page.get_by_placeholder("Page title").fill("Chemical peel")
    page.get_by_role("textbox", name="In short").fill(
        "A chemical peel removes the top layer of skin so new skin can grow."
    )
    page.get_by_role("textbox", name="Time per session").fill("30 minutes")
    page.get_by_role("textbox", name="Recovery time").fill("3 to 7 days")

    overview = body_section(page, "Overview")
    type_rich_text(page, rich_text(overview), "A liquid is painted on the skin.")

    benefits = body_section(page, "Benefits")
    benefits.get_by_role("textbox", name=re.compile(r"^Title")).first.fill("Smoother skin")
    benefits.get_by_role("textbox", name=re.compile(r"^Description")).first.fill(
        "Rough patches can feel softer."
    )

    procedure = body_section(page, "Procedure steps")
    step_titles = procedure.get_by_role("textbox", name=re.compile(r"^Title"))
    step_texts = procedure.get_by_role("textbox", name=re.compile(r"^Text\*?$"))
    for count in range(step_titles.count(), 2):  # the list starts with one empty step
        procedure.get_by_role("button", name="Add", exact=True).last.click()
        expect(step_titles).to_have_count(count + 1)
    step_titles.nth(0).fill("Cleaning")
    step_texts.nth(0).fill("Your skin is cleaned to remove oil.")
    step_titles.nth(1).fill("Applying the peel")
    step_texts.nth(1).fill("The liquid stays on for a few minutes, then is washed off.")

    faqs = body_section(page, "FAQs")
    faqs.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Question and answer").click()
    faqs.get_by_role("textbox", name=re.compile(r"^Question\*?$")).fill("Does it sting?")
    type_rich_text(page, rich_text(faqs), "It may sting for a minute or two.")

    # Sections that don't apply to this guide: an editor deletes them (left blank, their
    # required fields would stop the guide from being published).
    for label in UNUSED:
        body_section(page, label).get_by_role("button", name="Delete").first.click()
    for label in UNUSED:
        expect(
            page.get_by_role("heading", name=re.compile(rf"^{re.escape(label)}\b"))
        ).to_have_count(0)

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    # "created and published", or "has been published" when the admin's autosave has already
    # stored the new page as a draft while the editor was typing.
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"Page 'Chemical peel' (created and published|has been published)\.")
    )

    # A patient (no admin session) finds the guide from the list of treatments.
    patient = new_page()  # no admin session, phone-sized
    patient.goto("/treatments/")
    patient.get_by_role("link", name="Chemical peel").click()

    expect(patient.get_by_role("heading", level=1)).to_have_text("Chemical peel")
    expect(patient.get_by_role("region", name="In short")).to_contain_text(
        "A chemical peel removes the top layer of skin"
    )
    expect(patient.get_by_role("region", name="At a glance")).to_contain_text("30 minutes")
    expect(
        patient.get_by_role("region", name="What it can help with").get_by_role("listitem")
    ).to_have_text(["Smoother skin Rough patches can feel softer."])

    steps = patient.get_by_role("region", name="What happens during treatment").get_by_role("list")
    assert steps.evaluate("list => list.tagName") == "OL", "steps must be a numbered list"
    expect(steps.get_by_role("heading")).to_have_text(["Cleaning", "Applying the peel"])

    faq = patient.get_by_role("region", name="Questions people ask").locator("details")
    expect(faq).to_have_count(1)
    answer = faq.get_by_text("It may sting for a minute or two.")
    expect(answer).to_be_hidden()
    faq.get_by_text("Does it sting?").click()
    expect(faq).to_have_attribute("open", "")
    expect(answer).to_be_visible()

    # The deleted sections are not on the live page.
    expect(patient.get_by_role("heading", name="Risks and side effects")).to_have_count(0)
