"""The home page and the site-wide "when to get urgent help" notice (one version per language)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
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


@dataclass(frozen=True)
class UrgentHelpNotice:
    """The notice as patients read it in one language: what the page template shows."""

    heading: str
    message: str
    clinic_phone: str

    @property
    def phone(self) -> str:
        return self.clinic_phone

    @property
    def clinic_phone_href(self) -> str:
        """The phone number as a tel: link, extension included ('tel:+15550100199;ext=2')."""
        return tel_href(self.clinic_phone)


def other_languages() -> list[tuple[str, str]]:
    """The site's languages except the default one (its notice is the setting's own fields)."""
    default = settings.LANGUAGE_CODE
    return [(code, str(name)) for code, name in settings.LANGUAGES if code != default]


def check_phone(number: str, field: str) -> None:
    problem = phone_number_problem(number)
    if problem:
        raise ValidationError({field: problem})


@register_setting(icon="warning")
class UrgentHelpSettings(BaseSiteSetting, ClusterableModel):
    """The "when to get urgent help" notice shown on every page of the site, in the default
    language, with a version for each other language (a page in Spanish shows the Spanish one)."""

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

    panels = [
        FieldPanel("heading"),
        FieldPanel("message"),
        FieldPanel("clinic_phone"),
        InlinePanel(
            "translations",
            label=_("Version in another language"),
            heading=_("Other languages"),
            help_text=_(
                "The notice for pages in another language. Pages in a language with no version "
                "here show the notice above."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("urgent help notice")

    def clean(self):
        super().clean()
        check_phone(self.clinic_phone, "clinic_phone")

    @property
    def clinic_phone_href(self) -> str:
        """The phone number as a tel: link, extension included ('tel:+15550100199;ext=2')."""
        return tel_href(self.clinic_phone)

    def for_language(self, code: str | None) -> UrgentHelpNotice:
        """The notice for a page in language ``code`` ('es', 'es-mx'): that language's version,
        else the default one. A version with no phone number of its own shows the clinic's."""
        default = UrgentHelpNotice(self.heading, self.message, self.clinic_phone)
        language = (code or "").split("-")[0].lower()
        if not language or language == settings.LANGUAGE_CODE or self.pk is None:
            return default
        version = next((t for t in self.translations.all() if t.language == language), None)
        if version is None:
            return default
        return UrgentHelpNotice(
            version.heading, version.message, version.phone or self.clinic_phone
        )


class UrgentHelpTranslation(Orderable):
    """The urgent help notice in one other language, for the pages written in it."""

    setting = ParentalKey(UrgentHelpSettings, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=other_languages,
        help_text=_("Pages in this language show this version."),
    )
    heading = models.CharField(_("heading"), max_length=80)
    message = RichTextField(
        _("message"),
        features=["bold", "link"],
        help_text=_("Say who to call for an emergency and for worries after treatment."),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_(
            "A line where staff speak this language, shown as a tap-to-call link. Leave empty "
            "to show the clinic phone number."
        ),
    )

    panels = [
        FieldPanel("language"),
        FieldPanel("heading"),
        FieldPanel("message"),
        FieldPanel("phone"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("urgent help notice in another language")
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "language"], name="one_urgent_help_version_per_language"
            )
        ]

    def clean(self):
        super().clean()
        check_phone(self.phone, "phone")
