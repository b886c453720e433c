"""Shared building parts for guide blocks: the section base, item rules and rich text features."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError

# Rich text stays simple on purpose: patients read plain words, editors can't break the layout.
SECTION_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]


class MinimumItemsMixin:
    """Checks that lists inside a block have enough items, with a message an editor understands.

    Set ``minimum_items = {"child_name": (count, "message")}`` on the block. The check is skipped
    while an editor saves a draft, so unfinished work is never lost; it applies on publish.
    """

    minimum_items: dict[str, tuple[int, str]] = {}

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        errors = {}
        for name, (count, message) in self.minimum_items.items():
            if len([item for item in value.get(name) or [] if item]) < count:
                errors[name] = ValidationError(message)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


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
        """The JSON schema of ``get_api_representation`` (see ``headless.blocks``)."""
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
    """An image needs alt text for screen reader users unless an editor marks it decorative."""

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        if value.get("image") and not value.get("decorative") and not value.get("alt_text"):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "Describe the image for people who cannot see it, "
                            "or tick 'Decorative only' if it adds no information."
                        )
                    )
                }
            )
        return value
