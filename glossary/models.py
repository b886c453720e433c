"""Editor-managed glossary: medical words explained in plain language.

Each term is explained inline the first time it appears in a guide, listed on the glossary page,
and its "words patients use" help site search find it (searching "dark spots" finds guides that
say "hyperpigmentation").
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from pagecache.mixins import CachedPageMixin


def split_words(text: str) -> list[str]:
    """'dark spots, dark patches' -> ['dark spots', 'dark patches']."""
    return [word.strip() for word in re.split(r"[,\n;]", text or "") if word.strip()]


class GlossaryTerm(TranslatableMixin, index.Indexed, models.Model):
    """A medical or technical word with a short, plain explanation."""

    term = models.CharField(
        _("term"), max_length=60, help_text=_("The word as it appears in guides, e.g. 'Collagen'.")
    )
    slug = models.SlugField(
        _("web address name"),
        max_length=60,
        help_text=_("Used to link to the term on the glossary page, e.g. 'collagen'."),
    )
    explanation = models.TextField(
        _("plain explanation"),
        max_length=300,
        help_text=_(
            "One or two short sentences, in everyday words. Shown where the term appears in a "
            "guide and on the glossary page."
        ),
    )
    other_forms = models.CharField(
        _("other forms"),
        max_length=200,
        blank=True,
        help_text=_(
            "Other ways guides write the term, separated by commas, so they are explained too, "
            "e.g. 'platelet-rich plasma' for PRP."
        ),
    )
    patient_words = models.CharField(
        _("words patients use"),
        max_length=200,
        blank=True,
        help_text=_(
            "Everyday words patients might search with instead, separated by commas, e.g. "
            "'dark spots, dark patches'. Search finds the term's guides with these words."
        ),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("explanation"),
        FieldPanel("other_forms"),
        FieldPanel("patient_words"),
    ]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.term

    @property
    def forms(self) -> list[str]:
        """The term and its other forms, longest first (so 'PRP injections' wins over 'PRP')."""
        return sorted({self.term, *split_words(self.other_forms)}, key=len, reverse=True)

    @property
    def search_words(self) -> list[str]:
        return split_words(self.patient_words)


class GlossaryPage(CachedPageMixin, Page):
    """The A-Z list of every glossary term, each with its plain explanation."""

    intro = models.TextField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences above the list."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    page_description = _("Lists every glossary term A to Z. Edit the terms under Guide library.")

    class Meta:
        verbose_name = _("glossary page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = GlossaryTerm.objects.filter(locale=self.locale)
        return context
