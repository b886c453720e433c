"""The body of a treatment guide: the standard sections plus a few general blocks."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue

from .base import SectionBlock
from .general import CalloutBlock, GuideTextBlock, ImageBlock
from .sections import (
    AftercareBlock,
    BenefitsBlock,
    ChoosingProviderBlock,
    FAQBlock,
    OverviewBlock,
    PreparationBlock,
    ProcedureStepsBlock,
    ReferencesBlock,
    ResultsBlock,
    RisksBlock,
    SuitabilityBlock,
    WarningSignsBlock,
)
from .validation import (
    has_blank_items,
    is_blank,
    left_out_message,
    merge_struct_errors,
    section_summary,
    summary_heading,
    what_is_missing,
)

# The recommended order of sections; a new guide starts with these, ready to fill in.
STANDARD_SECTIONS = [
    "overview",
    "benefits",
    "suitability",
    "preparation",
    "procedure",
    "risks",
    "aftercare",
    "warning_signs",
    "results",
    "choosing_provider",
    "faqs",
    "references",
]

# Sections that make sense once per guide. Warning signs may repeat (one card per urgency).
ONCE_PER_GUIDE = [name for name in STANDARD_SECTIONS if name != "warning_signs"]


class GuideBodyBlock(blocks.StreamBlock):
    """Everything a patient reads in a guide, section by section."""

    overview = OverviewBlock()
    benefits = BenefitsBlock()
    suitability = SuitabilityBlock()
    preparation = PreparationBlock()
    procedure = ProcedureStepsBlock()
    risks = RisksBlock()
    aftercare = AftercareBlock()
    warning_signs = WarningSignsBlock()
    results = ResultsBlock()
    choosing_provider = ChoosingProviderBlock()
    faqs = FAQBlock()
    references = ReferencesBlock()
    text = GuideTextBlock()
    callout = CalloutBlock()
    image = ImageBlock()

    class Meta:
        block_counts = {name: {"max_num": 1} for name in ONCE_PER_GUIDE}
        # The editor opens one section at a time: a new guide is a short list of headings, not
        # a page of every input at once. Sections with errors open by themselves.
        collapsed = True

    def clean(self, value):
        """On submit and publish: leave out the parts the editor left empty, check the rest and
        the citations together, and sum up what each part still needs at the top of the body."""
        if self.is_deferred_validation:
            return super().clean(value)
        value = self.normalize(value)
        kept = [index for index, child in enumerate(value) if not is_empty_part(child)]
        if value and not kept:
            raise StreamBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _(
                            "The guide has no content yet. Fill in the sections that apply to "
                            "this treatment."
                        )
                    )
                ]
            )
        filled = StreamValue(self, [value[index] for index in kept])
        error, cleaned = None, None
        try:
            cleaned = super().clean(filled)
        except StreamBlockValidationError as e:
            error = e
        block_errors = dict(error.block_errors) if error else {}
        for index, citation_error in self.citation_errors(filled).items():
            block_errors[index] = merge_struct_errors(
                block_errors.get(index), {"sources": citation_error}
            )
        non_block_errors = list(error.non_block_errors.as_data()) if error else []
        if block_errors or non_block_errors:
            block_errors = {kept[index]: child for index, child in block_errors.items()}
            summary = self.error_summary(value, block_errors, left_out(value))
            raise StreamBlockValidationError(
                block_errors=block_errors,
                # The admin shows these messages last-first; reversed, they read in order.
                non_block_errors=[*reversed(summary), *non_block_errors],
            )
        return cleaned

    def citation_errors(self, value) -> dict[int, ValidationError]:
        """Every source number a section cites must exist in the guide's Sources section."""
        reference = self.child_blocks["references"].child_blocks["references"].child_block
        source_count = sum(
            len([ref for ref in child.value["references"] if not is_blank(reference, ref)])
            for child in value
            if child.block_type == "references"
        )
        errors = {}
        for index, child in enumerate(value):
            if not isinstance(child.block, SectionBlock):
                continue
            missing = [n for n in child.value.citations if not 1 <= n <= source_count]
            if missing:
                if source_count:
                    message = _(
                        "There is no source %(numbers)s. The Sources section lists %(count)d, "
                        "numbered from 1."
                    ) % {"numbers": ", ".join(map(str, missing)), "count": source_count}
                else:
                    message = _("Add a Sources section before citing source numbers.")
                errors[index] = ValidationError(message)
        return errors

    def leaves_out_something(self, value) -> bool:
        """True if submitting or publishing ``value`` leaves something empty out of it."""
        return leaves_out_something(value)

    @staticmethod
    def error_summary(value, block_errors: dict, left_out_labels: list[str]) -> list[str]:
        """One line per part with errors, in page order, saying what it still needs."""
        labels = [str(child.block.label) for child in value]
        lines = []
        for index in sorted(block_errors):
            child = value[index]
            label = labels[index]
            heading = child.value.get("heading") if isinstance(child.block, SectionBlock) else ""
            if labels.count(label) > 1 and heading:
                label = f'{label} ("{heading}")'
            phrases = what_is_missing(child.block, block_errors[index], child.value)
            lines.append(section_summary(label, phrases))
        if lines:
            lines.insert(0, summary_heading(len(lines)))
        if left_out_labels:
            lines.append(left_out_message(left_out_labels))
        return lines


def is_empty_part(child) -> bool:
    """A section (or text, callout, image) in which the editor typed or chose nothing; a
    section's preset heading doesn't count."""
    ignore = ("heading",) if isinstance(child.block, SectionBlock) else ()
    return is_blank(child.block, child.value, ignore=ignore)


def left_out(value) -> list[str]:
    """The names of the empty parts of a body that submitting or publishing leaves out."""
    return [str(child.block.label) for child in value if is_empty_part(child)]


def leaves_out_something(value) -> bool:
    """True if submitting or publishing this body would leave out an empty part, or an empty
    item of a section's lists (so the body saved then differs from this one)."""
    return any(
        is_empty_part(child)
        or (isinstance(child.block, SectionBlock) and has_blank_items(child.block, child.value))
        for child in value
    )


def standard_guide_body() -> StreamValue:
    """The sections a new guide starts with, in the recommended order (used as the default).

    Each gets its own id: the admin names a section's collapsible panel after it, and without one
    every section shares a panel id, so none of them can start collapsed.
    """
    stream = GuideBodyBlock()
    return StreamValue(
        stream,
        [
            (name, stream.child_blocks[name].get_default(), str(uuid.uuid4()))
            for name in STANDARD_SECTIONS
        ],
    )
