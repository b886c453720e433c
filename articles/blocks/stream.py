"""The body of a treatment guide: the standard sections plus a few general blocks."""

from wagtail import blocks

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


def standard_guide_body() -> list[tuple[str, dict]]:
    """The sections a new guide starts with, in the recommended order (used as the default)."""
    stream = GuideBodyBlock()
    return [(name, stream.child_blocks[name].get_default()) for name in STANDARD_SECTIONS]
