"""Handout packs: a named set of guides (whole, or just aftercare and warning signs) that staff
print for a visit or send as a short link. A pack names guides only, never a patient."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from articles.models import HANDOUT_SECTIONS, TreatmentPage

from .forms import HandoutPackForm

MAX_GUIDES = 12  # a visit's worth; more makes a PDF too long to print or read


class HandoutPack(ClusterableModel):
    """A saved pack, e.g. "Microneedling day": reused for every patient who has that visit."""

    title = models.CharField(
        _("name"),
        max_length=80,
        help_text=_(
            "What the pack is for, e.g. 'Microneedling day'. Never a patient's name: anyone "
            "with the link can read the pack."
        ),
    )
    slug = models.SlugField(
        _("short link"),
        max_length=40,
        unique=True,
        help_text=_("The end of the pack's short link (/p/<this>/), e.g. 'microneedling-day'."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = HandoutPackForm

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        InlinePanel(
            "items",
            heading=_("Guides in the pack"),
            label=_("guide"),
            min_num=1,
            max_num=MAX_GUIDES,
            help_text=_(
                "In the order they print. Only published guides patients can read are printed."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("handout pack")
        verbose_name_plural = _("handout packs")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_url(self) -> str:
        from django.urls import reverse

        return reverse("handout_pack", args=[self.slug])


class HandoutPackItem(Orderable):
    """One guide of a pack: the whole guide, or its aftercare and warning signs."""

    WHOLE = "guide"
    AFTERCARE = "aftercare"
    PARTS = [
        (WHOLE, _("The whole guide")),
        (AFTERCARE, _("Aftercare and warning signs only")),
    ]

    pack = ParentalKey(HandoutPack, on_delete=models.CASCADE, related_name="items")
    guide = models.ForeignKey(TreatmentPage, on_delete=models.CASCADE, related_name="+")
    part = models.CharField(_("what to print"), max_length=12, choices=PARTS, default=AFTERCARE)

    panels = [FieldPanel("guide"), FieldPanel("part")]

    class Meta(Orderable.Meta):
        verbose_name = _("guide in a pack")

    def clean(self):
        super().clean()
        if self.guide_id and self.part == self.AFTERCARE and not self.guide.has_aftercare:
            raise ValidationError(
                {"part": _("This guide has no aftercare section: print the whole guide.")}
            )

    def sections(self) -> list[dict]:
        """What to print, each section's anchor led by the guide's address name (a pack shows
        several guides on one page, and each section's anchor must be unique in it)."""
        if self.part == self.AFTERCARE:
            sections = self.guide.sections_of(*HANDOUT_SECTIONS)
        else:
            sections = self.guide.sections
        return [{**s, "anchor": f"{self.guide.slug}-{s['anchor']}"} for s in sections]
