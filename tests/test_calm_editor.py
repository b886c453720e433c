"""A calm editor for people who have never seen Wagtail: a new guide is a short list of folded
sections, empty sections are left out when it goes for review (and the editor is told which),
what is still missing is summed up once, a new page is only saved when asked, and a picture
brings its own description as alt text."""

import datetime
import html
import io
import json
import re
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import rich_text

import pytest
import time_machine

from articles.blocks import (
    STANDARD_SECTIONS,
    GuideBodyBlock,
    ImageBlock,
    ProcedureStepsBlock,
    standard_guide_body,
)
from articles.blocks.sections import ProcedureStepBlock
from articles.forms import TreatmentPageForm
from articles.models import TreatmentPage
from tests.admin_posts import edit_post_data
from tests.factories import TreatmentPageFactory, steps
from tests.review_flow import every_kind_of_block

pytestmark = pytest.mark.django_db

SUBMIT = {"action-submit": "1"}


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=["articles", "treatmentpage", index.pk])


def new_guide_form(**fields) -> dict:
    """The add form of a new guide exactly as the editor's browser posts it, untouched: title and
    summary filled in, every standard section as it starts."""
    page = TreatmentPage(title="Dermaplaning", slug="dermaplaning", summary="A small blade.")
    data = edit_post_data(page)
    data.update(fields)
    return data


def section_prefix(data: dict, block_type: str) -> str:
    number = next(n for n in range(int(data["body-count"])) if data[f"body-{n}-type"] == block_type)
    return f"body-{number}-value"


def fill_overview(data: dict) -> None:
    data[f"{section_prefix(data, 'overview')}-text"] = rich_text("<p>A blade scrapes.</p>")


def fill_steps(data: dict, *step_texts: tuple[str, str]) -> None:
    """Fill the procedure's steps: (title, text) pairs; the list grows to fit."""
    prefix = f"{section_prefix(data, 'procedure')}-steps"
    data[f"{prefix}-count"] = str(len(step_texts))
    for number, (title, text) in enumerate(step_texts):
        data[f"{prefix}-{number}-deleted"] = ""
        data[f"{prefix}-{number}-order"] = str(number)
        data.setdefault(f"{prefix}-{number}-id", "")
        data[f"{prefix}-{number}-value-title"] = title
        data[f"{prefix}-{number}-value-text"] = text


def body_errors(response) -> dict:
    """The body's errors as the admin's JavaScript receives them."""
    page = response.content.decode()
    match = re.search(r'<div id="body"[^>]*data-w-block-arguments-value="([^"]*)"', page)
    arguments = json.loads(html.unescape(match.group(1)))
    return arguments[1] if len(arguments) > 1 else {}


def messages_of(response) -> list[str]:
    """The messages at the top of the admin page, as plain text."""
    return [" ".join(str(message).split()) for message in response.context["messages"]]


# --- 1. A new guide is a short list of folded sections -------------------------------------------


def test_new_guide_sections_start_folded_each_with_its_own_panel(client, team):
    """The admin folds every section (the body's ``collapsed``) and names each section's panel
    after its id: without ids all twelve shared one panel and none could fold."""
    client.force_login(team["editor"])
    page = client.get(add_url(team["index"])).content.decode()
    body = re.search(
        r'<div id="body"[^>]*data-w-block-data-value="([^"]*)"[^>]*'
        r'data-w-block-arguments-value="([^"]*)"',
        page,
    )
    definition = json.loads(html.unescape(body.group(1)))
    state = json.loads(html.unescape(body.group(2)))[0]
    assert definition["_args"][-1]["collapsed"] is True
    assert [child["type"] for child in state] == STANDARD_SECTIONS
    ids = [child["id"] for child in state]
    assert all(ids) and len(set(ids)) == len(ids)


def test_a_steps_optional_picture_stays_folded_until_asked_for():
    assert ProcedureStepBlock().child_blocks["image"].meta.collapsed is True
    assert len({child.id for child in standard_guide_body()}) == len(STANDARD_SECTIONS)


# --- 2. Empty sections are left out, what is missing is said once -------------------------------


def test_untouched_sections_are_left_out_on_submit_with_one_message(client, team):
    client.force_login(team["editor"])
    data = new_guide_form(**SUBMIT)
    fill_overview(data)
    fill_steps(data, ("Cleansing", "Your skin is cleaned."), ("Scraping", "A blade glides."))

    response = client.post(add_url(team["index"]), data, follow=True)

    guide = TreatmentPage.objects.get(slug="dermaplaning")
    assert [child.block_type for child in guide.get_latest_revision_as_object().body] == [
        "overview",
        "procedure",
    ]
    assert WorkflowState.objects.filter(object_id=str(guide.pk)).exists()
    assert messages_of(response)[-1] == (
        "Left out 10 empty sections: Benefits, Who it suits, Preparation, Risks and side "
        "effects, Aftercare, Warning signs, Results and maintenance, Choosing a provider, FAQs, "
        "References. Add one back with a + button if this guide needs it."
    )


def test_a_draft_keeps_every_section_however_empty(client, team):
    client.force_login(team["editor"])
    response = client.post(add_url(team["index"]), new_guide_form(), follow=True)
    guide = TreatmentPage.objects.get(slug="dermaplaning")
    assert [c.block_type for c in guide.get_latest_revision_as_object().body] == STANDARD_SECTIONS
    assert not any("Left out" in message for message in messages_of(response))


def test_half_filled_sections_are_summed_up_once_with_citations_in_the_same_round(client, team):
    client.force_login(team["editor"])
    data = new_guide_form(**SUBMIT)
    fill_overview(data)
    fill_steps(data, ("Cleansing", ""))  # one step, and it has no text
    warning = section_prefix(data, "warning_signs")
    data[f"{warning}-items-0-value"] = "A fever"  # but no "What to do"
    data[f"{section_prefix(data, 'overview')}-sources"] = "2"  # and there is no Sources section

    response = client.post(add_url(team["index"]), data)

    assert response.status_code == 200
    assert not TreatmentPage.objects.filter(slug="dermaplaning").exists()
    errors = body_errors(response)
    summary = list(reversed(errors["messages"]))  # the admin shows them last-first
    assert summary == [
        "Almost there: 3 parts of the guide still need something.",
        "Overview: Add a Sources section before citing source numbers.",
        "Procedure steps: Step 1: Fill in 'Text'. Add at least two steps so patients know "
        "what to expect, in order.",
        "Warning signs: Fill in 'What to do'.",
        "These empty parts will be left out: Benefits, Who it suits, Preparation, Risks and "
        "side effects, Aftercare, Results and maintenance, Choosing a provider, FAQs, "
        "References. Fill them in if they apply.",
    ]
    # Field errors only where something is missing, none in the sections left untouched.
    assert json.dumps(errors).count("This field is required.") == 2
    assert set(errors["blockErrors"]) == {"0", "4", "7"}  # overview, procedure, warning signs


def test_errors_point_at_the_step_the_editor_sees_after_empty_ones_are_left_out():
    block = ProcedureStepsBlock()
    raw = {
        "heading": "What happens",
        "steps": [
            {"title": "", "text": "", "duration": "", "image": {}},  # empty: left out
            {"title": "Numbing", "text": "", "duration": "", "image": {}},
            {"title": "Treatment", "text": "A pen moves.", "duration": "", "image": {}},
        ],
    }
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(raw))
    assert list(excinfo.value.block_errors["steps"].block_errors) == [1]

    raw["steps"][1]["text"] = "Cream goes on."
    cleaned = block.clean(block.to_python(raw))
    assert [step["title"] for step in cleaned["steps"]] == ["Numbing", "Treatment"]


def test_a_guide_with_nothing_filled_in_says_so_plainly():
    body = GuideBodyBlock()
    with pytest.raises(ValidationError) as excinfo:
        body.clean(standard_guide_body())
    assert excinfo.value.non_block_errors.as_data()[0].messages == [
        "The guide has no content yet. Fill in the sections that apply to this treatment."
    ]


def test_approving_a_guide_saved_with_empty_sections_saves_it_without_them(team):
    """A body that submitting would shorten counts as changed, so Wagtail saves (and publishes)
    the shortened one rather than the stored one with its empty sections."""
    raw = GuideBodyBlock().get_prep_value(standard_guide_body())
    raw[0]["value"]["text"] = "<p>Gentle.</p>"
    raw[4]["value"]["steps"] = [
        {"type": "item", "value": step, "id": f"s{n}"}
        for n, step in enumerate(steps("Clean", "Treat"))
    ]
    body = json.dumps(raw, cls=DjangoJSONEncoder)
    guide = TreatmentPageFactory(parent=team["index"], body=body, live=False)
    form_class = guide.get_edit_handler().get_form_class()
    form = form_class(
        edit_post_data(guide), instance=guide, parent_page=guide.get_parent(), for_user=None
    )
    assert form.is_valid(), form.errors
    assert "body" in form.changed_data
    assert [child.block_type for child in form.cleaned_data["body"]] == ["overview", "procedure"]


# --- 3. A new page is saved when the editor asks, and abandoned ones are found -----------------


def edit_form_controllers(page_html: str) -> str:
    return re.search(r'<form\s+id="page-edit-form"[^>]*data-controller="([^"]*)"', page_html)[1]


def test_the_add_form_does_not_autosave_but_the_edit_form_does(client, team):
    client.force_login(team["editor"])
    add_page = client.get(add_url(team["index"])).content.decode()
    assert "w-autosave" not in edit_form_controllers(add_page)
    assert "w-autosave-indicator" not in add_page

    guide = TreatmentPageFactory(parent=team["index"], live=False)
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    assert "w-autosave" in edit_form_controllers(edit_page)


def title_only_draft(index, title: str, days_ago: int) -> TreatmentPage:
    """What the admin's autosave used to leave when someone typed a title and walked away."""
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    with time_machine.travel(moment, tick=False):
        page = TreatmentPage(title=title, slug=title.lower().replace(" ", "-"), summary="-")
        page.live = False
        index.add_child(instance=page)
        page.summary = ""  # saved as a draft, where "In short" may still be empty
        page.save_revision(clean=False)
        TreatmentPage.objects.filter(pk=page.pk).update(summary="")
    return page


def test_abandoned_drafts_are_listed_then_deleted_only_when_asked(team):
    index = team["index"]
    abandoned = title_only_draft(index, "Forgotten peel", days_ago=40)
    recent = title_only_draft(index, "Started today", days_ago=0)
    written = TreatmentPageFactory(parent=index, title="Half written", live=False)
    Page.objects.filter(pk=written.pk).update(
        latest_revision_created_at=timezone.now() - datetime.timedelta(days=90)
    )
    submitted = title_only_draft(index, "Sent for review", days_ago=40)
    index.get_workflow().start(submitted, team["editor"])

    out = io.StringIO()
    call_command("clean_abandoned_drafts", "--days", "30", stdout=out)
    assert f"#{abandoned.pk} 'Forgotten peel'" in out.getvalue()
    for kept in ("Started today", "Half written", "Sent for review"):
        assert kept not in out.getvalue()
    assert "Dry run: nothing deleted" in out.getvalue()
    assert Page.objects.filter(pk=abandoned.pk).exists()

    call_command("clean_abandoned_drafts", "--days", "30", "--delete", stdout=io.StringIO())
    assert not Page.objects.filter(pk=abandoned.pk).exists()
    assert Page.objects.filter(pk__in=[recent.pk, written.pk, submitted.pk]).count() == 3


def test_an_autosave_that_lands_after_submit_saves_nothing_and_warns_of_no_other_window(
    client, team
):
    """The editor types, then presses Submit while the last autosave is still on its way: the
    autosave passes Wagtail's check on arrival, then Submit's revision lands while it is being
    processed. It must not save a newer revision on top, or the reloaded page would say "You
    saved a new version in another window" when there is no other window."""
    editor = team["editor"]
    guide = TreatmentPageFactory(parent=team["index"], body=every_kind_of_block(), live=False)
    loaded = guide.save_revision(user=editor)
    client.force_login(editor)
    autosave = edit_post_data(guide)
    autosave.update(
        title="Dermaplaning, gently",
        loaded_revision_id=str(loaded.pk),
        loaded_revision_created_at=loaded.created_at.isoformat(),
    )

    submitted = []
    form_clean = TreatmentPageForm.clean

    def submit_lands_meanwhile(form):
        if not submitted:  # the button's save, made while the autosave is being processed
            page = TreatmentPage.objects.get(pk=guide.pk)
            submitted.append(page.save_revision(user=editor))
            team["index"].get_workflow().start(page, editor)
        return form_clean(form)

    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    with mock.patch.object(TreatmentPageForm, "clean", submit_lands_meanwhile):
        response = client.post(edit_url, autosave, HTTP_ACCEPT="application/json")

    assert response.json().get("error_code") == "invalid_revision", response.json()
    guide = TreatmentPage.objects.get(pk=guide.pk)
    assert guide.latest_revision == submitted[0]
    assert guide.get_latest_revision_as_object().title != "Dermaplaning, gently"

    # The page drawn after Submit knows the submitted revision; its ping finds nothing newer.
    ping = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", guide.pk, 0])
    response = client.post(
        ping,
        {
            "revision_id": submitted[0].pk,
            "revision_created_at": submitted[0].created_at.isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.json()["other_sessions"] == []
    assert "another window" not in response.json()["html"]


def test_an_autosave_based_on_the_latest_revision_still_saves(client, team):
    editor = team["editor"]
    guide = TreatmentPageFactory(parent=team["index"], body=every_kind_of_block(), live=False)
    loaded = guide.save_revision(user=editor)
    client.force_login(editor)
    autosave = edit_post_data(guide)
    autosave.update(
        title="Dermaplaning, gently",
        loaded_revision_id=str(loaded.pk),
        loaded_revision_created_at=loaded.created_at.isoformat(),
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    first = client.post(edit_url, autosave, HTTP_ACCEPT="application/json").json()
    assert first["success"] is True
    autosave.update(title="Dermaplaning, very gently", overwrite_revision_id=first["revision_id"])
    second = client.post(edit_url, autosave, HTTP_ACCEPT="application/json").json()
    assert second["success"] is True and second["revision_id"] == first["revision_id"]
    guide = TreatmentPage.objects.get(pk=guide.pk)
    assert guide.get_latest_revision_as_object().title == "Dermaplaning, very gently"


# --- 6. A picture brings its description as alt text ---------------------------------------------


def test_blank_alt_text_takes_the_pictures_description(django_image):
    django_image.description = "A gloved hand holding a microneedling pen"
    django_image.save()
    block = ImageBlock()

    cleaned = block.clean(block.to_python({"image": django_image.pk, "alt_text": ""}))
    assert cleaned["alt_text"] == "A gloved hand holding a microneedling pen"

    edited = block.clean(block.to_python({"image": django_image.pk, "alt_text": "A pen"}))
    assert edited["alt_text"] == "A pen"  # the editor's own words win

    # A draft saved before (alt text still blank) reads the description out loud too.
    page_html = block.render(block.to_python({"image": django_image.pk, "alt_text": ""}))
    assert 'alt="A gloved hand holding a microneedling pen"' in page_html


def test_a_picture_without_description_still_needs_alt_text(django_image):
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python({"image": django_image.pk, "alt_text": ""}))
    message = " ".join(excinfo.value.block_errors["alt_text"].messages)
    assert "Describe the image" in message and "image library" in message
    assert "image library" in str(block.child_blocks["alt_text"].field.help_text)
