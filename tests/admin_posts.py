"""The exact POST the Wagtail page editor sends, built from what the editor would show.

The admin builds a StreamField's inputs in JavaScript from each block's *form state*
(``block.get_form_state(value)``) and posts them back untouched when nobody types. These helpers
do the same in Python, for every block type, so that tests can drive the real edit view
(approve, request changes, save) on any guide exactly as a person clicking a button would.
"""

from django.db import models
from django.forms.models import model_to_dict

from wagtail import blocks
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def _field_state_to_post(value) -> str | list[str] | None:
    """A leaf input's value as the browser posts it (None means the input is left out)."""
    if isinstance(value, list | tuple):  # a select: its chosen option(s)
        return [str(item) for item in value]
    if value is None:
        return ""
    if value is True:
        return "on"
    if value is False:
        return None  # an unticked checkbox is not posted at all
    if isinstance(value, dict):  # choosers post the chosen object's id from a hidden input
        return str(value["id"])
    return str(value)


def block_post_data(block: blocks.Block, state, prefix: str) -> dict:
    """Form data for one block's form state under ``prefix``, as the admin's JS posts it."""
    data: dict = {}
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for number, child in enumerate(state):
            child_prefix = f"{prefix}-{number}"
            data[f"{child_prefix}-type"] = child["type"]
            data[f"{child_prefix}-deleted"] = ""
            data[f"{child_prefix}-order"] = str(number)
            data[f"{child_prefix}-id"] = child.get("id") or ""
            data.update(
                block_post_data(
                    block.child_blocks[child["type"]], child["value"], f"{child_prefix}-value"
                )
            )
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for number, child in enumerate(state):
            child_prefix = f"{prefix}-{number}"
            data[f"{child_prefix}-deleted"] = ""
            data[f"{child_prefix}-order"] = str(number)
            data[f"{child_prefix}-id"] = child.get("id") or ""
            data.update(block_post_data(block.child_block, child["value"], f"{child_prefix}-value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            data.update(block_post_data(child_block, state.get(name), f"{prefix}-{name}"))
    else:
        posted = _field_state_to_post(state)
        if posted is not None:
            data[prefix] = posted
    return data


def stream_post_data(page: Page, field_name: str = "body") -> dict:
    """A StreamField of ``page`` exactly as the editor posts it when nobody changed it."""
    stream_block = page._meta.get_field(field_name).stream_block
    value = getattr(page, field_name)
    return block_post_data(stream_block, stream_block.get_form_state(value), field_name)


def edit_post_data(page: Page, **actions: str) -> dict:
    """The whole edit form of ``page`` (its latest revision) as the editor posts it untouched.

    Ordinary fields take their values from the page's admin form, StreamFields go through
    :func:`stream_post_data`, and ``actions`` adds the button pressed (e.g.
    ``{"action-workflow-action": "true", "workflow-action-name": "approve"}``).
    """
    page = page.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form: WagtailAdminPageForm = form_class(instance=page, for_user=None)
    data: dict = {}
    stream_fields = {
        field.name for field in page._meta.get_fields() if isinstance(field, StreamField)
    }
    initial = model_to_dict(page)
    for name in form.fields:
        if name in stream_fields:
            data.update(stream_post_data(page, name))
            continue
        value = form[name].value()
        if value is None:
            value = initial.get(name)
        if isinstance(value, models.Model):
            value = value.pk
        if isinstance(value, list | tuple):
            data[name] = [str(getattr(item, "pk", item)) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    for name in form.formsets:
        data[f"{name}-TOTAL_FORMS"] = "0"
        data[f"{name}-INITIAL_FORMS"] = "0"
        data[f"{name}-MIN_NUM_FORMS"] = "0"
        data[f"{name}-MAX_NUM_FORMS"] = "1000"
    data.update(actions)
    return data


# --- Forms typed out by hand (the add form, or a few chosen fields) ---------------------------


def list_block(items: list) -> dict:
    """ListBlock form data, as the admin's JavaScript posts it."""
    data = {"count": str(len(items))}
    for number, item in enumerate(items):
        data[str(number)] = {"value": item, "deleted": "", "order": str(number), "id": ""}
    return data


def guide_form(body: list, concerns: tuple = (), **fields) -> dict:
    """The add/edit form of a treatment guide as an editor would submit it."""
    data = nested_form_data(
        {
            "title": "Dermaplaning",
            "slug": "dermaplaning",
            "summary": "A small blade removes dead skin and fine hair.",
            "session_time": "30 minutes",
            "sessions_needed": "",
            "recovery_time": "None",
            "numbing": "",
            "results_timeline": "Right away",
            "hero_image_alt": "",
            "review_interval_months": "12",
            "body": streamfield(body),
            "comments": inline_formset([]),
            "clinical_codes": inline_formset([]),
            **fields,
        }
    )
    data["concerns"] = [str(concern.pk) for concern in concerns]  # ticked boxes
    return data


def procedure(step_titles: list[str]) -> tuple:
    steps = [
        {
            "title": t,
            "text": f"{t} happens.",
            "duration": "",
            "image": {"image": "", "alt_text": ""},
        }
        for t in step_titles
    ]
    return (
        "procedure",
        {"heading": "What happens", "intro": "", "steps": list_block(steps), "total_time": ""},
    )
