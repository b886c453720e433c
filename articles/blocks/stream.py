"""The body of a treatment guide: the standard sections plus a few general blocks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

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

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation:
            self.check_citations(value)
        return value

    def check_citations(self, value) -> None:
        """Every source number a section cites must exist in the guide's Sources section."""
        source_count = sum(
            len(child.value["references"]) for child in value if child.block_type == "references"
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
                errors[index] = StructBlockValidationError(
                    block_errors={"sources": ValidationError(message)}
                )
        if errors:
            raise StreamBlockValidationError(block_errors=errors)


def standard_guide_body() -> list[tuple[str, dict]]:
    """The sections a new guide starts with, in the recommended order (used as the default)."""
    stream = GuideBodyBlock()
    return [(name, stream.child_blocks[name].get_default()) for name in STANDARD_SECTIONS]
