"""The guide's admin form: it knows when an editor really changed something.

Wagtail saves a new revision before a workflow action whenever the form "has changed", and with
``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` a new revision restarts the review instead of
publishing. Django decides "changed" from the raw posted text, so an untouched guide looks
changed: an optional number posts ``""`` where the saved guide holds ``None`` (``"2018"`` where
it holds ``2018``), and the body's default (the standard sections) is a callable. So a reviewer's
Approve in the editor would restart the review (wagtail/wagtail#13563). Here a StreamField counts
as changed only if the body *as it would be saved* differs from the saved one, for every block
type.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockField

from .blocks.stream import left_out


class SavedBodyComparisonMixin:
    """Counts a StreamField as changed only when its saved form (prepared JSON) differs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.block_fields().values():
            # A callable default would make Django post and compare a hidden initial copy.
            field.show_hidden_initial = False

    def block_fields(self) -> dict[str, BlockField]:
        return {name: f for name, f in self.fields.items() if isinstance(f, BlockField)}

    @cached_property
    def changed_data(self) -> list[str]:
        changed = super().changed_data
        return [
            name
            for name in changed
            if name not in self.block_fields() or self.block_value_changed(name)
        ]

    def block_value_changed(self, name: str) -> bool:
        field = self.block_fields()[name]
        cleaned_data = getattr(self, "cleaned_data", {})
        initial_value = self.get_initial_for_field(field, name)
        leaves_out = getattr(field.block, "leaves_out_something", None)
        if (
            leaves_out
            and not getattr(field, "is_deferred_validation", False)
            and leaves_out(field.block.normalize(initial_value))
        ):
            return True  # submitting leaves out empty parts, so what is saved changes
        try:
            initial = field.clean(initial_value)
            posted = cleaned_data[name] if name in cleaned_data else field.clean(self[name].data)
        except ValidationError:
            return True  # not valid as it stands, so it can't be the saved body
        return as_saved(field.block, initial) != as_saved(field.block, posted)


# Rich text remembers which paragraph is which (for comments) with keys that the editor makes up
# afresh for text saved elsewhere (demo content, the API); they are not content.
BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def as_saved(block: blocks.Block, value):
    """A value as it would be stored, in a form that compares equal when patients see no change.

    Each leaf is the block's prepared (JSON) value after the block's own cleaning, so ``""`` and
    ``None`` for an empty optional number, or ``"2018"`` and ``2018``, compare equal.
    """
    if isinstance(block, blocks.StreamBlock):
        return [(child.block_type, child.id, as_saved(child.block, child.value)) for child in value]
    if isinstance(block, blocks.ListBlock):
        children = value.bound_blocks if hasattr(value, "bound_blocks") else value
        return [
            (
                getattr(child, "id", None),
                as_saved(block.child_block, getattr(child, "value", child)),
            )
            for child in children
        ]
    if isinstance(block, blocks.StructBlock):
        return {
            name: as_saved(child, value.get(name)) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return BLOCK_KEY.sub("", block.get_prep_value(value) or "")
    return block.get_prep_value(value)


class TreatmentPageForm(SavedBodyComparisonMixin, WagtailAdminPageForm):
    """The guide's edit form (see the module docstring for why it compares saved bodies).

    On submit and publish the body leaves out the sections the editor left empty; the guide
    remembers which (``left_out_parts``) so the admin can say so once (articles.wagtail_hooks).
    """

    def clean(self):
        cleaned_data = super().clean()
        field = self.fields.get("body")
        if (
            field is not None
            and "body" in cleaned_data
            and not getattr(field, "is_deferred_validation", False)
        ):
            self.instance.left_out_parts = left_out(self["body"].data)
        return cleaned_data
