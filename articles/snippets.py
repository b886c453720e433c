"""Things editors manage once and reuse across guides: skin concerns and shared FAQs."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Locale, Orderable, RevisionMixin, TranslatableMixin
from wagtail.search import index

from .blocks.base import SHORT_TEXT_FEATURES
from .codes import ClinicalCode


class SkinConcern(TranslatableMixin, index.Indexed, ClusterableModel):
    """A skin concern patients look for (acne scars, fine lines...). Guides are tagged with them,
    so the home page and the treatments index can list guides by concern."""

    name = models.CharField(_("name"), max_length=80, help_text=_("As a patient would say it."))
    slug = models.SlugField(
        _("web address name"),
        max_length=80,
        help_text=_("Used in links, for example 'acne-scars'. Lower case and hyphens only."),
    )
    description = models.CharField(
        _("short description"),
        max_length=200,
        blank=True,
        help_text=_("One line shown under the name on the home page."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        InlinePanel(
            "clinical_codes",
            heading=_("Clinical codes"),
            label=_("code"),
            help_text=_(
                "Diagnosis codes for this concern (ICD-10-CM or SNOMED CT), so a health record "
                "that records one finds the guides for it. A broad code such as L90 also answers "
                "the codes under it (L90.5)."
            ),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("name"), APIField("slug"), APIField("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("skin concern")
        verbose_name_plural = _("skin concerns")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        """A second concern with the same web address name is a form error, not a crash (the
        admin form leaves the language out, so Django's own unique check can't see it)."""
        super().clean()
        locale_id = self.locale_id or (Locale.get_default().pk if self.slug else None)
        taken = SkinConcern.objects.filter(slug=self.slug, locale_id=locale_id).exclude(pk=self.pk)
        if self.slug and taken.exists():
            raise ValidationError(
                {"slug": _("Another skin concern already uses this web address name.")}
            )


class SkinConcernCode(Orderable, ClinicalCode):
    """A diagnosis code of a skin concern: the guides tagged with the concern answer it."""

    concern = ParentalKey(SkinConcern, on_delete=models.CASCADE, related_name="clinical_codes")

    class Meta(Orderable.Meta):
        verbose_name = _("clinical code")
        verbose_name_plural = _("clinical codes")
        indexes = [models.Index(fields=["system", "code"])]


class FrequentlyAskedQuestion(
    TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model
):
    """A question and answer written once and reused in several guides' FAQ sections.

    Patients only ever see the published version; a draft change stays hidden until published.
    """

    question = models.CharField(
        _("question"), max_length=200, help_text=_("Ask it the way a patient would.")
    )
    answer = RichTextField(features=[*SHORT_TEXT_FEATURES, "ul"])

    panels = [FieldPanel("question"), FieldPanel("answer")]
    search_fields = [index.SearchField("question"), index.SearchField("answer")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("shared FAQ")
        verbose_name_plural = _("shared FAQs")
        ordering = ["question"]

    def __str__(self) -> str:
        return self.question
