"""General blocks editors can place anywhere in a guide: text, callouts and images."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from portal.image_renditions import ImageWithRenditions, image_representation

from ..patient_words import CALLOUT_LABELS
from ..readability import TARGET_GRADE
from .base import SECTION_TEXT_FEATURES, SHORT_TEXT_FEATURES, AltTextMixin


class GuideTextBlock(blocks.RichTextBlock):
    """A few paragraphs of plain text with bold, italic, links and lists."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", SECTION_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/guide_text_block.html"
        group = _("General")
        description = _("Paragraphs of text for anything the standard sections do not cover.")
        help_text = format_lazy(
            _("Use short sentences and everyday words, for a US school grade of {grade} or lower."),
            grade=f"{TARGET_GRADE:.0f}",
        )
        preview_value = (
            "<p>Your skin heals itself after small injuries. "
            "This treatment uses that healing to make new, firmer skin.</p>"
        )


class CalloutValue(blocks.StructValue):
    @property
    def tone_label(self) -> str:
        """The word patients and screen readers meet first, e.g. 'Important'."""
        return CALLOUT_LABELS.get(self.get("tone"), "")


class CalloutBlock(blocks.StructBlock):
    """A highlighted box that draws the patient's eye to one important point."""

    TONE_CHOICES = [
        ("info", _("Good to know")),
        ("tip", _("Tip")),
        ("important", _("Important")),
    ]

    tone = blocks.ChoiceBlock(
        choices=TONE_CHOICES,
        default="info",
        help_text=_("Sets the colour and the label patients and screen readers hear first."),
    )
    heading = blocks.CharBlock(required=False, default="", max_length=80)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "blocks/callout_block.html"
        value_class = CalloutValue
        group = _("General")
        description = _("A highlighted box for one key point, tip or caution.")
        help_text = _("Use sparingly: one or two per guide, or patients stop noticing them.")
        preview_value = {
            "tone": "tip",
            "heading": "Bring your questions",
            "text": "<p>Write down your questions before your visit so you don't forget them.</p>",
        }


class ImageValue(blocks.StructValue):
    @property
    def alt(self) -> str:
        """What screen readers say: the alt text, else the picture's description in the image
        library; nothing for a decorative picture."""
        if self.get("decorative"):
            return ""
        image = self.get("image")
        return (self.get("alt_text") or "").strip() or (getattr(image, "description", "") or "")


def image_preview_value() -> dict:
    """Preview the image block with the newest picture in the library, if there is one."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.order_by("-created_at").first()
    return {"image": image, "alt_text": image.default_alt_text if image else "", "caption": ""}


class ImageBlock(AltTextMixin, blocks.StructBlock):
    """A picture with alt text for screen readers and an optional caption."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        default="",
        max_length=250,
        label=_("Alt text"),
        help_text=_(
            "Say what the image shows, as you would on the phone. Left blank, the picture's "
            "description from the image library is used (you can change it). Not needed if "
            "decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label=_("Decorative only"),
        help_text=_("Tick only if the image adds no information; screen readers will skip it."),
    )
    caption = blocks.CharBlock(required=False, default="", max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        group = _("General")
        description = _("A picture with a description for people who cannot see it.")
        help_text = _(
            "Every image needs alt text unless it is purely decorative. A picture with a "
            "description in the image library brings it along as its alt text."
        )
        preview_value = image_preview_value
        value_class = ImageValue

    def get_api_representation(self, value, context=None):
        """Alt text, caption and the picture itself with its WebP renditions (not just an id)."""
        representation = super().get_api_representation(value, context)
        representation["image"] = image_representation(value.get("image"), context)
        return representation

    def api_schema(self, schema: dict, schemas) -> dict:
        """The JSON schema of ``get_api_representation`` (see ``headless.block_schemas``)."""
        schema["properties"]["image"] = schemas.typed(ImageWithRenditions | None)
        return schema


class OptionalImageBlock(ImageBlock):
    """The same image rules, for places where a picture is optional (for example a step)."""

    image = ImageChooserBlock(required=False)

    class Meta:
        label = _("Image (optional)")
        group = ""
        # Folded until the editor opens it: most steps have no picture.
        collapsed = True
