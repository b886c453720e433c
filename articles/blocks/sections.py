"""The standard sections of a treatment guide, in the order patients usually need them.

Each section is a StructBlock with its own template. Items inside sections come first, then the
sections themselves.
"""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.rich_text import RichText
from wagtail.snippets.blocks import SnippetChooserBlock

from ..patient_words import URGENCY_LABELS
from .base import (
    SECTION_TEXT_FEATURES,
    SHORT_TEXT_FEATURES,
    SectionBlock,
    SectionValue,
    heading_block,
)
from .general import OptionalImageBlock


def intro_block() -> blocks.TextBlock:
    return blocks.TextBlock(
        required=False,
        default="",
        rows=2,
        help_text=_("Optional: one or two sentences that lead into the list below."),
    )


def line_list(item_label: str, help_text: str, **kwargs) -> blocks.ListBlock:
    """A list of short, one-line points (a patient scans these)."""
    return blocks.ListBlock(
        blocks.CharBlock(label=item_label, max_length=250), help_text=help_text, **kwargs
    )


# --- Values: what templates and the API get from a section ----------------------------------


class WarningSignsValue(SectionValue):
    @property
    def urgency_label(self) -> str:
        """The words patients see first on the care card, e.g. 'Urgent advice'."""
        return URGENCY_LABELS.get(self.get("urgency"), "")


class FAQValue(SectionValue):
    @property
    def entries(self) -> list[dict]:
        """Questions and answers in order; a shared FAQ shows only while it is published."""
        entries = []
        for child in self.get("questions") or []:
            if child.block_type == "question":
                entries.append(
                    {"question": child.value["question"], "answer": child.value["answer"]}
                )
            elif child.value is not None and child.value.live:
                entries.append(
                    {"question": child.value.question, "answer": RichText(child.value.answer)}
                )
        return entries


# --- Items used inside sections -------------------------------------------------------------


class BenefitItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100, help_text=_("The benefit in a few words."))
    description = blocks.TextBlock(
        required=False, default="", rows=2, help_text=_("One or two sentences that explain it.")
    )

    class Meta:
        icon = "tick"
        label = _("Benefit")
        label_format = "{title}"


class PreparationItemBlock(blocks.StructBlock):
    when = blocks.CharBlock(
        required=False,
        default="",
        max_length=60,
        help_text=_("Optional, for example '1 week before'."),
    )
    text = blocks.CharBlock(max_length=250, help_text=_("What the patient should do."))

    class Meta:
        icon = "date"
        label = _("Thing to do")
        label_format = "{when} {text}"


class ProcedureStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100, help_text=_("Name the step, for example 'Numbing'."))
    text = blocks.TextBlock(rows=3, help_text=_("What happens, in plain words."))
    duration = blocks.CharBlock(
        required=False,
        default="",
        max_length=40,
        help_text=_("Optional, for example 'About 20 minutes'."),
    )
    image = OptionalImageBlock(required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")
        label_format = "{title}"


class RiskItemBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=100, help_text=_("For example 'Redness'."))
    description = blocks.TextBlock(
        required=False,
        default="",
        rows=2,
        help_text=_("How it feels, how long it lasts, what helps."),
    )

    class Meta:
        icon = "warning"
        label = _("Risk or side effect")
        label_format = "{name}"


class AftercarePeriodBlock(blocks.StructBlock):
    period = blocks.CharBlock(max_length=60, help_text=_("For example 'First 24 hours'."))
    instructions = line_list(_("Instruction"), _("What to do during this time."), min_num=1)

    class Meta:
        icon = "time"
        label = _("Time period")
        label_format = "{period}"


class ResultMilestoneBlock(blocks.StructBlock):
    when = blocks.CharBlock(max_length=60, help_text=_("For example 'After 4 to 6 weeks'."))
    what = blocks.CharBlock(max_length=250, help_text=_("What the patient may notice by then."))

    class Meta:
        icon = "date"
        label = _("Milestone")
        label_format = "{when}"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, help_text=_("Ask it the way a patient would."))
    answer = blocks.RichTextBlock(features=[*SHORT_TEXT_FEATURES, "ul"])

    class Meta:
        icon = "help"
        label = _("Question and answer")
        label_format = "{question}"


doi_validator = RegexValidator(
    r"^10\.\d{4,9}/\S+$", _("Enter a DOI such as 10.1111/jocd.12345 (without 'https://doi.org/').")
)
pmid_validator = RegexValidator(r"^\d{1,9}$", _("A PubMed ID is a number, for example 31234567."))


class ReferenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300, help_text=_("Title of the article, page or book."))
    source = blocks.CharBlock(
        max_length=300,
        label=_("Authors or organisation"),
        help_text=_("For example 'American Academy of Dermatology' or 'Smith J, Lee K'."),
    )
    publication = blocks.CharBlock(
        required=False, default="", max_length=200, help_text=_("Journal or website name, if any.")
    )
    year = blocks.IntegerBlock(min_value=1900, max_value=2100, required=False)
    url = blocks.URLBlock(required=False, label=_("Web address"))
    doi = blocks.CharBlock(
        required=False, default="", max_length=100, label=_("DOI"), validators=[doi_validator]
    )
    pmid = blocks.CharBlock(
        required=False, default="", max_length=12, label=_("PubMed ID"), validators=[pmid_validator]
    )

    class Meta:
        icon = "doc-full"
        label = _("Reference")
        label_format = "{title}"


# --- Sections ---------------------------------------------------------------------------------


class OverviewBlock(SectionBlock):
    """What the treatment is and how it works, in a few short paragraphs."""

    heading = heading_block(_("What it is"))
    text = blocks.RichTextBlock(features=SECTION_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Overview")
        template = "blocks/overview_block.html"
        health_aspect = "OverviewHealthAspect"
        description = _("What the treatment is and how it works.")
        help_text = _(
            "Explain the treatment as you would to a friend: what it is and how it works."
        )
        preview_value = {
            "heading": "What it is",
            "text": "<p>Microneedling uses tiny needles to make small marks in the skin. "
            "As the skin heals, it makes new collagen.</p>",
        }


class BenefitsBlock(SectionBlock):
    """What the treatment can do for the patient."""

    heading = heading_block(_("What it can help with"))
    intro = intro_block()
    benefits = blocks.ListBlock(BenefitItemBlock())
    minimum_items = {"benefits": (1, _("Add at least one benefit."))}

    class Meta:
        icon = "tick-inverse"
        label = _("Benefits")
        template = "blocks/benefits_block.html"
        health_aspect = "BenefitsHealthAspect"
        description = _("A list of what the treatment can help with.")
        help_text = _("List real, modest benefits. Avoid promises such as 'flawless skin'.")
        preview_value = {
            "heading": "What it can help with",
            "intro": "",
            "benefits": [
                {"title": "Fine lines", "description": "Lines can look softer."},
                {"title": "Acne scars", "description": "Scars can look less deep."},
            ],
        }


class SuitabilityBlock(SectionBlock):
    """Who the treatment may suit, and who should not have it."""

    heading = heading_block(_("Is it right for me?"))
    suits = line_list(_("Suits"), _("People it may suit, for example 'You have mild acne scars'."))
    not_suitable = line_list(
        _("Not suitable"),
        _("When not to have it, for example 'You have an active skin infection'."),
    )
    note = blocks.TextBlock(
        required=False,
        default="",
        rows=2,
        help_text=_("Optional: a closing note, such as 'Ask your doctor'."),
    )
    minimum_items = {
        "suits": (1, _("Add at least one kind of person this treatment may suit.")),
        "not_suitable": (1, _("Add at least one reason not to have this treatment.")),
    }

    class Meta:
        icon = "user"
        label = _("Who it suits")
        template = "blocks/suitability_block.html"
        health_aspect = "UsageOrScheduleHealthAspect"
        description = _("Who the treatment may suit and who should not have it.")
        help_text = _("Be clear about who should not have the treatment: it keeps patients safe.")
        preview_value = {
            "heading": "Is it right for me?",
            "suits": ["You have fine lines or acne scars"],
            "not_suitable": ["You are pregnant", "You have a skin infection"],
            "note": "",
        }


class PreparationBlock(SectionBlock):
    """What to do before the appointment."""

    heading = heading_block(_("Getting ready"))
    intro = intro_block()
    items = blocks.ListBlock(PreparationItemBlock(), label=_("Things to do"))
    minimum_items = {"items": (1, _("Add at least one thing to do before treatment."))}

    class Meta:
        icon = "date"
        label = _("Preparation")
        template = "blocks/preparation_block.html"
        health_aspect = "PreventionHealthAspect"
        description = _("What to do in the days before treatment.")
        help_text = _("Put the items in time order, earliest first.")
        preview_value = {
            "heading": "Getting ready",
            "intro": "",
            "items": [
                {"when": "1 week before", "text": "Stop using retinol creams."},
                {"when": "On the day", "text": "Come with a clean face and no make-up."},
            ],
        }


class ProcedureStepsBlock(SectionBlock):
    """The treatment step by step, as a numbered list."""

    heading = heading_block(_("What happens during treatment"))
    intro = intro_block()
    steps = blocks.ListBlock(ProcedureStepBlock())
    total_time = blocks.CharBlock(
        required=False,
        default="",
        max_length=60,
        help_text=_("Optional, for example 'About 1 hour in all'."),
    )
    minimum_items = {
        "steps": (2, _("Add at least two steps so patients know what to expect, in order."))
    }

    class Meta:
        icon = "list-ol"
        label = _("Procedure steps")
        template = "blocks/procedure_steps_block.html"
        health_aspect = "HowItWorksHealthAspect"
        description = _("The treatment step by step, as a numbered list.")
        help_text = _("One step per item, in the order they happen. Start each with what happens.")
        preview_value = {
            "heading": "What happens during treatment",
            "intro": "",
            "steps": [
                {"title": "Numbing", "text": "A numbing cream goes on your skin.", "duration": ""},
                {"title": "Treatment", "text": "A pen with tiny needles moves over your skin."},
            ],
            "total_time": "About 1 hour",
        }


class RisksBlock(SectionBlock):
    """Side effects patients should expect, and rarer risks to know about."""

    heading = heading_block(_("Risks and side effects"))
    intro = intro_block()
    common = blocks.ListBlock(RiskItemBlock(), label=_("Common side effects"))
    rare = blocks.ListBlock(RiskItemBlock(), label=_("Rare risks"), min_num=0)
    minimum_items = {"common": (1, _("Add at least one common side effect."))}

    class Meta:
        icon = "warning"
        label = _("Risks and side effects")
        template = "blocks/risks_block.html"
        health_aspect = "SideEffectsHealthAspect"
        description = _("Common side effects and rare risks.")
        help_text = _("Say how common each one is and how long it lasts. Be honest, not scary.")
        preview_value = {
            "heading": "Risks and side effects",
            "intro": "",
            "common": [{"name": "Redness", "description": "Like a mild sunburn for 1 to 3 days."}],
            "rare": [{"name": "Infection", "description": "Rare when tools are clean."}],
        }


class AftercareBlock(SectionBlock):
    """How to look after the skin afterwards: a timeline plus do and don't lists."""

    heading = heading_block(_("Looking after your skin afterwards"))
    intro = intro_block()
    timeline = blocks.ListBlock(AftercarePeriodBlock(), label=_("Timeline"))
    dos = line_list(_("Do"), _("Things to do while the skin heals."), label=_("Do"))
    donts = line_list(_("Don't"), _("Things to avoid while the skin heals."), label=_("Don't"))
    minimum_items = {"timeline": (1, _("Add at least one time period, such as 'First 24 hours'."))}

    class Meta:
        icon = "time"
        label = _("Aftercare")
        template = "blocks/aftercare_block.html"
        health_aspect = "SelfCareHealthAspect"
        description = _("Aftercare as a timeline, with do and don't lists.")
        help_text = _("Patients often print this part. Keep each instruction to one line.")
        preview_value = {
            "heading": "Looking after your skin afterwards",
            "intro": "",
            "timeline": [{"period": "First 24 hours", "instructions": ["Wash with cool water."]}],
            "dos": ["Use sunscreen every day"],
            "donts": ["Don't wear make-up for 24 hours"],
        }


class WarningSignsBlock(SectionBlock):
    """A care card that tells patients when and how urgently to get help."""

    URGENCY_CHOICES = [
        ("non_urgent", _("Non-urgent: contact your provider")),
        ("urgent", _("Urgent: get help today")),
        ("emergency", _("Emergency: call 911")),
    ]
    # What patients see at the top of the card (the choices above are worded for editors).
    URGENCY_LABELS = URGENCY_LABELS  # patients' words: articles/patient_words.py

    heading = heading_block(_("When to get help"))
    urgency = blocks.ChoiceBlock(
        choices=URGENCY_CHOICES,
        default="urgent",
        help_text=_("Sets the colour and the words at the top of the card."),
    )
    intro = blocks.CharBlock(
        required=False,
        default="",
        max_length=200,
        help_text=_("Optional lead-in, for example 'Contact your provider if you have:'."),
    )
    items = line_list(_("Sign"), _("One warning sign per line."))
    action = blocks.TextBlock(
        rows=2,
        label=_("What to do"),
        help_text=_(
            "Tell the patient exactly who to call and when, for example 'Call the clinic'."
        ),
    )
    minimum_items = {"items": (1, _("Add at least one warning sign to this care card."))}

    class Meta:
        icon = "warning"
        label = _("Warning signs")
        template = "blocks/warning_signs_block.html"
        value_class = WarningSignsValue
        health_aspect = "MedicalHelpUrgentHealthAspect"
        description = _("A care card: signs that need help, and how urgently.")
        help_text = _("Use one card per urgency level. Emergency cards should say to call 911.")
        preview_value = {
            "heading": "When to get help",
            "urgency": "urgent",
            "intro": "Call your provider today if you have:",
            "items": ["Pus or yellow crusts", "A fever"],
            "action": "Call the clinic. Out of hours, go to urgent care.",
        }

    def get_api_representation(self, value, context=None):
        """The card, plus the words patients see at its top (``urgency_label``)."""
        representation = super().get_api_representation(value, context)
        representation["urgency_label"] = str(value.urgency_label)
        return representation

    def api_schema(self, schema: dict, schemas) -> dict:
        """The JSON schema of ``get_api_representation`` (see ``headless.block_schemas``)."""
        schema = super().api_schema(schema, schemas)
        labels = [str(label) for label in self.URGENCY_LABELS.values()]
        schema["properties"]["urgency_label"] = {"enum": ["", *labels]}
        schema["required"].append("urgency_label")
        return schema


class ResultsBlock(SectionBlock):
    """When results show, how long they last and how to keep them."""

    heading = heading_block(_("Results and upkeep"))
    text = blocks.RichTextBlock(features=SECTION_TEXT_FEATURES)
    milestones = blocks.ListBlock(ResultMilestoneBlock(), label=_("What to expect when"))
    maintenance = blocks.TextBlock(
        required=False,
        default="",
        rows=2,
        help_text=_("Optional: how to keep results, such as top-up visits."),
    )

    class Meta:
        icon = "pick"
        label = _("Results and maintenance")
        template = "blocks/results_block.html"
        health_aspect = "PrognosisHealthAspect"
        description = _("When results show and how to keep them.")
        help_text = _("Set honest expectations: results vary from person to person.")
        preview_value = {
            "heading": "Results and upkeep",
            "text": "<p>Results come slowly, over weeks.</p>",
            "milestones": [{"when": "After 4 weeks", "what": "Skin feels smoother."}],
            "maintenance": "One top-up session a year can help.",
        }


class ChoosingProviderBlock(SectionBlock):
    """A checklist to help patients choose a safe, qualified provider."""

    heading = heading_block(_("Choosing a provider"))
    intro = intro_block()
    checklist = line_list(_("Check"), _("Things to check, one per line."))
    questions = line_list(
        _("Question"),
        _("Optional questions to ask at the first visit."),
        label=_("Questions to ask"),
    )
    minimum_items = {"checklist": (1, _("Add at least one thing to check."))}

    class Meta:
        icon = "list-ul"
        label = _("Choosing a provider")
        template = "blocks/choosing_provider_block.html"
        health_aspect = "HowOrWhereHealthAspect"
        description = _("A checklist for choosing a safe provider.")
        help_text = _("Write each check so a patient can tick it off.")
        preview_value = {
            "heading": "Choosing a provider",
            "intro": "",
            "checklist": ["They are trained and licensed", "They use new, sealed needles"],
            "questions": ["How many of these treatments have you done?"],
        }


class FAQBlock(SectionBlock):
    """Questions patients often ask, each opening to show its answer."""

    heading = heading_block(_("Questions people ask"))
    questions = blocks.StreamBlock(
        [
            ("question", QuestionAnswerBlock()),
            (
                "saved_question",
                SnippetChooserBlock(
                    "articles.FrequentlyAskedQuestion",
                    label=_("Saved question"),
                    icon="help",
                    help_text=_("A question from the shared list, reused across guides."),
                ),
            ),
        ],
        help_text=_("Write a new question, or reuse one from the shared list."),
    )
    minimum_items = {"questions": (1, _("Add at least one question."))}

    class Meta:
        icon = "help"
        label = _("FAQs")
        template = "blocks/faq_block.html"
        value_class = FAQValue
        health_aspect = "MisconceptionsHealthAspect"
        description = _("Common questions and their answers. One FAQ section per guide.")
        help_text = _("Use real questions from patients. Keep answers to a few sentences.")
        preview_value = {
            "heading": "Questions people ask",
            "questions": [
                (
                    "question",
                    {
                        "question": "Does it hurt?",
                        "answer": "<p>Most people feel mild pricking.</p>",
                    },
                ),
            ],
        }

    def get_api_representation(self, value, context=None):
        """Questions with their answers. A saved question is inlined like a written one (plus
        its ``id``) while it is published, and left out while it is not."""
        representation = super().get_api_representation(value, context)
        written = self.child_blocks["questions"].child_blocks["question"]
        questions = []
        for child, item in zip(value["questions"], representation["questions"], strict=True):
            if child.block_type == "saved_question":
                faq = child.value
                if faq is None or not faq.live:
                    continue
                answer = written.to_python({"question": faq.question, "answer": faq.answer})
                item["value"] = {"id": faq.pk, **written.get_api_representation(answer, context)}
            questions.append(item)
        representation["questions"] = questions
        return representation

    def api_schema(self, schema: dict, schemas) -> dict:
        """The JSON schema of ``get_api_representation`` (see ``headless.block_schemas``)."""
        schema = super().api_schema(schema, schemas)
        written = self.child_blocks["questions"].child_blocks["question"]
        saved = schemas.schema(written)
        saved["properties"] = {"id": {"type": "integer"}, **saved["properties"]}
        saved["required"] = list(saved["properties"])
        saved["description"] = "A question from the shared list (only while it is published)."
        items = [
            schemas.stream_item("question", schemas.ref(written)),
            schemas.stream_item("saved_question", saved),
        ]
        schema["properties"]["questions"] = {"type": "array", "items": {"oneOf": items}}
        return schema


class ReferencesBlock(SectionBlock):
    """The sources behind the guide, shown as a numbered list."""

    heading = heading_block(_("Sources"))
    references = blocks.ListBlock(ReferenceBlock())
    minimum_items = {"references": (1, _("Add at least one source."))}

    class Meta:
        icon = "doc-full-inverse"
        label = _("References")
        template = "blocks/references_block.html"
        health_aspect = ""
        citable = False
        description = _("The sources this guide is based on.")
        help_text = _("Prefer medical bodies and reviewed journals. Add a DOI or link if you can.")
        preview_value = {
            "heading": "Sources",
            "references": [
                {
                    "title": "Microneedling: a review",
                    "source": "Smith J, Lee K",
                    "publication": "Journal of Skin Care",
                    "year": 2021,
                    "url": "",
                    "doi": "10.1111/jocd.12345",
                    "pmid": "",
                }
            ],
        }
