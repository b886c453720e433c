"""The home page and the site-wide "when to get urgent help" notice."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pagecache.mixins import CachedPageMixin
from portal.routing import PathRoutingMixin

from .phone import phone_number_problem, tel_href


class HomePage(PathRoutingMixin, CachedPageMixin, Page):
    """The front door: a welcome, featured guides, browse by concern and a search box."""

    intro = models.TextField(
        _("welcome"),
        max_length=400,
        blank=True,
        help_text=_("One or two short sentences that say what patients will find here."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_guides",
            label=_("Featured guides"),
            heading=_("Featured guides"),
            help_text=_("Guides to show first on the home page, in this order."),
            max_num=6,
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    page_description = _("The site's home page. A site has only one.")

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from articles.models import TreatmentIndexPage, TreatmentPage, concerns_in

        context = super().get_context(request, *args, **kwargs)
        # Only guides in the home page's own language; a featured guide picked in English shows
        # as its translation on a translated home page (and not at all if it has none).
        live_guides = TreatmentPage.objects.live().public().filter(locale_id=self.locale_id)
        featured_keys = list(self.featured_guides.values_list("guide__translation_key", flat=True))
        found = live_guides.filter(translation_key__in=featured_keys)
        featured = {guide.translation_key: guide for guide in found}
        context.update(
            featured_guides=[featured[key] for key in featured_keys if key in featured],
            concerns=concerns_in(self.locale_id, live_guides),
            treatments_index=TreatmentIndexPage.objects.child_of(self).live().public().first(),
        )
        return context


class HomePageFeaturedGuide(Orderable):
    """One guide picked for the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_guides")
    guide = models.ForeignKey(
        "articles.TreatmentPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Only published guides appear on the site."),
    )

    panels = [FieldPanel("guide")]


@register_setting(icon="warning")
class UrgentHelpSettings(BaseSiteSetting):
    """The "when to get urgent help" notice shown on every page of the site."""

    heading = models.CharField(_("heading"), max_length=80, default=_("Need help now?"))
    message = RichTextField(
        _("message"),
        features=["bold", "link"],
        blank=True,
        help_text=_("Say who to call for an emergency and for worries after treatment."),
    )
    clinic_phone = models.CharField(
        _("clinic phone number"),
        max_length=40,
        blank=True,
        help_text=_("Shown as a tap-to-call link, for example '555-0100'."),
    )

    panels = [FieldPanel("heading"), FieldPanel("message"), FieldPanel("clinic_phone")]

    class Meta:
        verbose_name = _("urgent help notice")

    def clean(self):
        super().clean()
        problem = phone_number_problem(self.clinic_phone)
        if problem:
            raise ValidationError({"clinic_phone": problem})

    @property
    def clinic_phone_href(self) -> str:
        """The phone number as a tel: link, extension included ('tel:+15550100199;ext=2')."""
        return tel_href(self.clinic_phone)
