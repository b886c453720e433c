"""Blocks editors build treatment guides from. See ``stream.GuideBodyBlock`` for the whole set."""

from .base import SectionBlock
from .general import CalloutBlock, GuideTextBlock, ImageBlock, OptionalImageBlock
from .sections import (
    AftercareBlock,
    BenefitsBlock,
    ChoosingProviderBlock,
    FAQBlock,
    OverviewBlock,
    PreparationBlock,
    ProcedureStepsBlock,
    QuestionAnswerBlock,
    ReferenceBlock,
    ReferencesBlock,
    ResultsBlock,
    RisksBlock,
    SuitabilityBlock,
    WarningSignsBlock,
)
from .stream import STANDARD_SECTIONS, GuideBodyBlock, standard_guide_body

__all__ = [
    "STANDARD_SECTIONS",
    "AftercareBlock",
    "BenefitsBlock",
    "CalloutBlock",
    "ChoosingProviderBlock",
    "FAQBlock",
    "GuideBodyBlock",
    "GuideTextBlock",
    "ImageBlock",
    "OptionalImageBlock",
    "OverviewBlock",
    "PreparationBlock",
    "ProcedureStepsBlock",
    "QuestionAnswerBlock",
    "ReferenceBlock",
    "ReferencesBlock",
    "ResultsBlock",
    "RisksBlock",
    "SectionBlock",
    "SuitabilityBlock",
    "WarningSignsBlock",
    "standard_guide_body",
]
