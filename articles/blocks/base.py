"""Shared building parts for guide blocks: the section base, item rules and rich text features."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError

from .validation import merge_struct_errors, remap_errors, without_blank_items

# Rich text stays simple on purpose: patients read plain words, editors can't break the layout.
SECTION_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]


class MinimumItemsMixin:
    """Checks that lists inside a block have enough items, with a message an editor understands.

    Set ``minimum_items = {"child_name": (count, "message")}`` on the block. Items left empty in
    a list or stream (the empty one each list starts with, say) are left out first, so they never
    count and never raise "This field is required."; the errors of every field and the missing
    items report together, in one round. All of this is skipped while an editor saves a draft, so
    unfinished work is never lost; it applies on submit and publish.
    """

    minimum_items: dict[str, tuple[int, str]] = {}

    def clean(self, value):
        if self.is_deferred_validation:
            return super().clean(value)
        value, kept = self.without_blank_items(value)
        error, cleaned = None, None
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as e:
            error = e
        too_few = {
            name: ValidationError(message)
            for name, (count, message) in self.minimum_items.items()
            if len(value.get(name) or []) < count
        }
        error = merge_struct_errors(error, too_few)
        if error is not None:
            raise StructBlockValidationError(
                block_errors={
                    name: remap_errors(child_error, kept[name]) if name in kept else child_error
                    for name, child_error in error.block_errors.items()
                },
                non_block_errors=error.non_block_errors,
            )
        return cleaned

    def without_blank_items(self, value) -> tuple[blocks.StructValue, dict[str, list[int]]]:
        """``value`` with the empty items of its lists and streams left out, and for each of
        those the positions (in the form as posted) of the items kept."""
        kept: dict[str, list[int]] = {}
        children = []
        for name, child_value in value.items():
            child = self.child_blocks.get(name)
            if isinstance(child, blocks.ListBlock | blocks.StreamBlock) and child_value is not None:
                kept_value, kept[name] = without_blank_items(child, child_value)
                children.append((name, kept_value))
            else:
                children.append((name, child_value))
        return type(value)(self, children), kept


class SectionValue(blocks.StructValue):
    """A section as a template sees it: its heading plus the health aspect it covers."""

    @property
    def health_aspect(self) -> str:
        return self.block.meta.health_aspect

    @property
    def citations(self) -> list[int]:
        """The numbers of the guide's sources this section is based on, in order, no repeats."""
        return parse_citations(self.get("sources") or "")


def parse_citations(text: str) -> list[int]:
    """'1, 3,3' -> [1, 3]."""
    numbers = [int(number) for number in re.findall(r"\d+", text)]
    return list(dict.fromkeys(numbers))


citations_validator = RegexValidator(
    r"^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$",
    _("Enter source numbers separated by commas, for example '1, 3'."),
)


def heading_block(default: str) -> blocks.CharBlock:
    """The heading every section starts with; editors may reword it."""
    return blocks.CharBlock(
        default=default,
        max_length=80,
        help_text=_("Shown as the section title and in the page's contents list. Keep it short."),
    )


class SectionBlock(MinimumItemsMixin, blocks.StructBlock):
    """Base for every guide section: a heading patients see and that appears in the contents list.

    Subclasses declare ``heading = heading_block("...")`` first and set ``Meta.health_aspect``
    (a schema.org HealthAspectEnumeration name, used by the API and structured data). Every
    section can cite the guide's numbered sources (``sources``, shown last in the form) unless
    ``Meta.citable = False``.
    """

    sources = blocks.CharBlock(
        required=False,
        default="",
        max_length=40,
        label=_("Based on sources"),
        validators=[citations_validator],
        help_text=_(
            "Optional: the numbers of the sources in the guide's Sources section that back up "
            "this section, for example '1, 3'. Patients see them as links."
        ),
    )

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks, **kwargs)
        if not self.meta.citable:
            self.child_blocks.pop("sources", None)
            self.meta.form_layout = self.get_form_layout()

    def get_form_layout(self) -> BlockGroup:
        if self.meta.form_layout is not None:
            return super().get_form_layout()
        names = [name for name in self.child_blocks if name != "sources"]
        if self.meta.citable and "sources" in self.child_blocks:
            names.append("sources")
        return BlockGroup(names)

    def get_api_representation(self, value, context=None):
        """The section's fields, plus its schema.org health aspect and cited source numbers."""
        representation = super().get_api_representation(value, context)
        representation["health_aspect"] = self.meta.health_aspect or None
        if "sources" in self.child_blocks:
            representation["citations"] = value.citations
        return representation

    def api_schema(self, schema: dict, schemas) -> dict:
        """The JSON schema of ``get_api_representation`` (see ``headless.block_schemas``)."""
        schema["properties"]["health_aspect"] = {
            "const": self.meta.health_aspect or None,
            "description": "The schema.org HealthAspectEnumeration member this section covers.",
        }
        if "sources" in self.child_blocks:
            schema["properties"]["citations"] = {
                "type": "array",
                "items": {"type": "integer", "minimum": 1},
                "description": "Numbers of the guide's sources this section is based on.",
            }
        schema["required"] = list(schema["properties"])
        return schema

    class Meta:
        value_class = SectionValue
        collapsed = True
        label_format = "{heading}"
        health_aspect = ""
        group = _("Guide sections")
        citable = True


class AltTextMixin:
    """An image needs alt text for screen reader users unless an editor marks it decorative.

    Alt text left blank is taken from the picture's description in the image library, when it has
    one (the editor can change it afterwards); only a picture with neither is an error.
    """

    def clean(self, value):
        error, cleaned = None, None
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as e:
            error = e
        missing = {}
        image = value.get("image")
        if image and not value.get("decorative") and not (value.get("alt_text") or "").strip():
            description = (getattr(image, "description", "") or "").strip()
            if description and cleaned is not None:
                cleaned["alt_text"] = description
            elif not description and not self.is_deferred_validation:
                missing["alt_text"] = ValidationError(
                    _(
                        "Describe the image for people who cannot see it (or give the picture "
                        "a description in the image library), or tick 'Decorative only' if it "
                        "adds no information."
                    )
                )
        error = merge_struct_errors(error, missing)
        if error is not None:
            raise error
        return cleaned
