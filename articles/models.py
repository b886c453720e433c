"""Treatment guides and the index that lists them."""

import datetime
from decimal import Decimal
from functools import cached_property

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from governance.languages import locale_language_code
from governance.models import ReviewedPage
from pagecache.mixins import CachedPageMixin, seconds_until
from pagecache.sitewide import remember_listing
from portal.pdf import pdf_response

from .api_fields import ReadingGradeField, ReadingLevelField, SourcesField, TranslationsField
from .blocks import GuideBodyBlock, SectionBlock, standard_guide_body
from .codes import ClinicalCode
from .forms import TreatmentPageForm
from .panels import ReadingLevelPanel
from .patient_words import AT_A_GLANCE_LABELS
from .preview import HeadlessPreviewable
from .readability import MEASURE_NAMES, Measure, guide_text, measure_for
from .snippets import FrequentlyAskedQuestion, SkinConcern, SkinConcernCode

__all__ = [
    "FrequentlyAskedQuestion",
    "GuideCode",
    "SkinConcern",
    "SkinConcernCode",
    "TreatmentIndexPage",
    "TreatmentPage",
]


GUIDES_PER_PAGE = 48
#: The guide's key facts, in reading order: the "At a glance" box, its editor panel and the API
#: all follow this list.
AT_A_GLANCE_FIELDS = (
    "session_time",
    "sessions_needed",
    "recovery_time",
    "numbing",
    "results_timeline",
)
HANDOUT_SECTIONS = ("aftercare", "warning_signs")  # what the printable aftercare handout shows
ALPHABET = [*"abcdefghijklmnopqrstuvwxyz", "#"]  # "#": titles that start with a number or sign
RELATED = 3  # related guides under a guide
#: What a guide's card in a list needs (title, summary and the address's parts).
CARD_FIELDS = ("title", "summary", "slug", "url_path", "locale_id", "depth", "path")


def two_per_row(names) -> list:
    """Editor panels for ``names``, two fields side by side per row."""
    rows = [names[i : i + 2] for i in range(0, len(names), 2)]
    return [
        FieldRowPanel([FieldPanel(name) for name in row]) if len(row) > 1 else FieldPanel(row[0])
        for row in rows
    ]


def first_letter(title: str) -> str:
    """The letter a title is listed under: a to z, or "#" for a number, sign or other letter."""
    first = title[:1].lower()
    return first if first in ALPHABET[:-1] else "#"


def public_guides():
    """Live guides that are not at or below a page with view restrictions (as Wagtail's
    ``.public()``), checked in the same query rather than by loading every restriction first."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return TreatmentPage.objects.live().exclude(Exists(restricted))


def related_ids(concern_keys: list[str], locale_id: int, limit: int) -> list[int]:
    """Up to ``limit`` public guides in this language with any of these concerns (by translation
    key: a Spanish guide may be tagged with the English concern or its Spanish translation), most
    in common first, then A to Z: one query that groups the guides-to-concerns rows by guide."""
    through = TreatmentPage.concerns.through.objects
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("treatmentpage__path"), 1, Length("page__path"))
    )
    rows = (
        through.filter(
            skinconcern__translation_key__in=concern_keys,
            treatmentpage__live=True,
            treatmentpage__locale_id=locale_id,
        )
        .exclude(Exists(restricted))
        .values("treatmentpage_id", "treatmentpage__title")
        .annotate(shared=models.Count("skinconcern__translation_key", distinct=True))
        .order_by("-shared", "treatmentpage__title", "treatmentpage_id")[:limit]
    )
    return [row["treatmentpage_id"] for row in rows]


def guides_listing(guide_id: int) -> set[int]:
    """The live guides whose "Related guides" show this guide, as the database stands now: what
    to purge when it is published, unpublished, retitled, retagged or deleted (before the change
    and after it), instead of every guide that shares a concern with it.

    A guide's related list depends only on its language and its set of concerns (the keys its
    ``concern_list`` has). The guides sharing a concern with this one are grouped by that set
    (one query of their guide-to-concern rows), and each set's list is worked out once, as the
    page does (``related_ids``, the first ``RELATED + 1`` before the page leaves itself out):
    a few sets, whatever the number of guides. The list may leave out this guide for a page
    that is itself in its first places; such a page is purged too (harmless, and rare)."""
    found = TreatmentPage.objects.filter(pk=guide_id, live=True).values("locale_id").first()
    if found is None:  # not live: on nobody's list
        return set()
    locale_id = found["locale_id"]
    through = TreatmentPage.concerns.through.objects
    in_language = SkinConcern.objects.filter(locale_id=locale_id).values("translation_key")
    own_keys = through.filter(treatmentpage_id=guide_id).values("skinconcern__translation_key")
    rows = through.filter(
        treatmentpage__live=True,
        treatmentpage__locale_id=locale_id,
        skinconcern__translation_key__in=in_language,
        treatmentpage_id__in=through.filter(skinconcern__translation_key__in=own_keys).values(
            "treatmentpage_id"
        ),
    ).values_list("treatmentpage_id", "skinconcern__translation_key")
    concerns_of: dict[int, set[str]] = {}
    for pk, key in rows:
        concerns_of.setdefault(pk, set()).add(str(key))
    guides_by_set: dict[frozenset, list[int]] = {}
    for pk, keys in concerns_of.items():
        guides_by_set.setdefault(frozenset(keys), []).append(pk)
    showing = set()
    for keys, guides in guides_by_set.items():
        if guide_id in related_ids(sorted(keys), locale_id, RELATED + 1):
            showing.update(guides)
    showing.discard(guide_id)
    return showing


def concerns_in(locale_id: int, guides) -> models.QuerySet:
    """The skin concerns, in this language, of any of ``guides``: a translated guide may still be
    tagged with the English concern, so concerns are matched by translation key (one query)."""
    keys = SkinConcern.objects.filter(guides__in=guides).values("translation_key")
    return SkinConcern.objects.filter(locale_id=locale_id, translation_key__in=keys)


def tagged_with(concern: SkinConcern) -> Exists:
    """A filter for guides tagged with ``concern`` or one of its translations."""
    return Exists(
        TreatmentPage.concerns.through.objects.filter(
            treatmentpage_id=OuterRef("pk"),
            skinconcern__translation_key=concern.translation_key,
        )
    )


class TreatmentIndexPage(CachedPageMixin, Page):
    """Lists every published guide A to Z, a page at a time, with a letter bar to jump to a
    letter; patients can narrow the list by skin concern (the two work together)."""

    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A sentence or two above the list of guides."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.TreatmentPage"]
    max_count_per_parent = 1
    page_description = _("The list of all treatment guides. A site needs only one.")
    # What the address may choose (any other parameter is dropped: pagecache/mixins.py).
    page_cache_params = dict.fromkeys(["concern", "letter", "page"])

    class Meta:
        verbose_name = _("treatments index")

    def guides(self):
        """Live, public guides under this index, A to Z."""
        return TreatmentPage.objects.child_of(self).live().public().order_by("title", "pk")

    def list_facts(self, concern_slug: str, letter: str) -> dict:
        """What a variant of the list shows but does not load itself: the concerns to filter by
        (those of any listed guide), the one selected, the letters with guides, and the ids of
        the guides it lists, A to Z. Worked out in 3 queries whatever the number of guides, and
        kept until the next publish or other page purge (``remember_listing``), so that a miss
        of this page (another variant, an expired or purged entry) loads only its own cards."""

        def build() -> dict:
            guides = self.guides()
            concerns = list(
                concerns_in(self.locale_id, guides)
                .only("pk", "name", "slug", "translation_key")
                .order_by("name")
            )
            selected = None
            if concern_slug:
                selected = (
                    SkinConcern.objects.filter(slug=concern_slug, locale_id=self.locale_id)
                    .only("pk", "name", "slug", "translation_key")
                    .first()
                )
                guides = guides.filter(tagged_with(selected)) if selected else guides.none()
            titles = list(guides.values_list("pk", "title"))
            letters = {first_letter(title) for _pk, title in titles}
            chosen = letter if letter in letters else ""  # no guides (or nonsense): all of them
            ids = [pk for pk, title in titles if not chosen or first_letter(title) == chosen]
            return {
                "concerns": concerns,
                "selected": selected,
                "letters": letters,
                "letter": chosen,
                "ids": ids,
            }

        return remember_listing(
            ["a-z", str(self.pk), concern_slug, letter], build, settings.PAGE_CACHE_SECONDS
        )

    def listing(self, request) -> dict:
        """What the address asks for (concern, letter, page), checked, and the guides it shows.

        ``canonical`` is the query string that shows the same thing: a letter with no guides, a
        page number that doesn't exist (or is 1) is dropped, so every cached variant of the index
        is a real page of guides and made-up values can't make the cache render again.

        Only the page's own guides are loaded, with what a card shows (and their concerns).
        """
        if (memo := getattr(request, "_guide_listing", None)) is not None:
            return memo
        # A slug is short and plain; anything else (NUL bytes, huge values) matches nothing.
        selected_slug = request.GET.get("concern", "").strip()[:80].replace("\x00", "")
        letter = request.GET.get("letter", "").lower()
        if letter not in ALPHABET:
            letter = ""  # nonsense: show them all (and keep nothing under it)
        facts = self.list_facts(selected_slug, letter)
        letter, selected = facts["letter"], facts["selected"]
        paginator = Paginator(facts["ids"], GUIDES_PER_PAGE)
        number = request.GET.get("page", "")
        if not (number.isdigit() and 1 < int(number) <= paginator.num_pages):
            number = ""
        page = paginator.page(int(number or 1))
        page.object_list = self.cards(page.object_list)
        query = {"concern": selected_slug} if selected_slug else {}
        if letter:
            query["letter"] = letter
        request._guide_listing = {
            "guides": page,
            "concerns": facts["concerns"],
            "selected": selected,
            "selected_slug": selected_slug,
            "letters": facts["letters"],
            "letter": letter,
            "canonical": {**query, **({"page": number} if number else {})},
        }
        return request._guide_listing

    def cards(self, ids: list[int]):
        """These guides (ids in title order), A to Z, with only what a card shows, loaded when
        first read (not at all when the cards come from the cache: ``{% listing_fragment %}``);
        still live and public, whatever a kept list says."""
        return (
            self.guides()
            .filter(pk__in=ids)
            .only(*CARD_FIELDS)
            .prefetch_related(
                Prefetch("concerns", SkinConcern.objects.only("pk", "name", "translation_key"))
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.listing(request)
        selected, letter = listing["selected"], listing["letter"]
        query = {"concern": selected.slug} if selected else {}
        context.update(
            guides=listing["guides"],
            guide_count=listing["guides"].paginator.count,
            letters=[(each, each in listing["letters"]) for each in ALPHABET],
            letter=letter,
            filter_query=urlencode(query),
            letter_query=urlencode({**query, "letter": letter} if letter else query),
            # What the cards depend on, for {% listing_fragment %}: this variant and page.
            listing_key=urlencode(sorted(listing["canonical"].items())),
            concerns=listing["concerns"],
            # A card names its guide's concerns in the page's language (listed_concerns filter).
            concerns_by_key={concern.translation_key: concern for concern in listing["concerns"]},
            selected_concern=selected,
            unknown_concern=listing["selected_slug"] if not selected else "",
        )
        return context

    def serve(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False):
            asked = self.page_cache_query(request.GET)
            canonical = self.listing(request)["canonical"]
            if asked != canonical:
                query = urlencode(sorted(canonical.items()))
                return redirect(self.url + (f"?{query}" if query else ""))
        response = super().serve(request, *args, **kwargs)
        # An unknown concern in the address is a broken link: say so with a 404, not an empty list.
        if isinstance(response, TemplateResponse) and response.context_data.get("unknown_concern"):
            response.status_code = 404
        return response


class TreatmentPage(CachedPageMixin, HeadlessPreviewable, RoutablePageMixin, ReviewedPage, Page):
    """A plain-language treatment guide: a short summary, key facts and standard sections."""

    summary = models.TextField(
        _("in short"),
        max_length=400,
        help_text=_(
            "Two or three short sentences: what the treatment is and who it is for. "
            "Shown at the top of the guide, in lists and in search results."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional picture at the top of the guide."),
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture if it adds information. Leave blank if decorative."),
    )
    session_time = models.CharField(
        _("time per session"),
        max_length=80,
        blank=True,
        help_text=_("For example '30 to 60 minutes'."),
    )
    sessions_needed = models.CharField(
        _("number of sessions"),
        max_length=80,
        blank=True,
        help_text=_("For example '3 to 6, a month apart'."),
    )
    recovery_time = models.CharField(
        _("recovery time"),
        max_length=80,
        blank=True,
        help_text=_("For example '1 to 3 days of redness'."),
    )
    numbing = models.CharField(
        _("numbing"), max_length=80, blank=True, help_text=_("For example 'Numbing cream'.")
    )
    results_timeline = models.CharField(
        _("when results show"),
        max_length=80,
        blank=True,
        help_text=_("For example 'After 4 to 6 weeks'."),
    )
    concerns = ParentalManyToManyField(
        "articles.SkinConcern",
        related_name="guides",
        blank=True,
        verbose_name=_("skin concerns"),
        help_text=_("The concerns this treatment can help with. Patients filter guides by these."),
    )
    body = StreamField(
        GuideBodyBlock(),
        default=standard_guide_body,
        help_text=_(
            "The guide's sections in the recommended order. Fill in each one, "
            "or delete a section that does not apply."
        ),
    )

    reading_grade = models.DecimalField(
        _("reading grade"),
        max_digits=4,
        decimal_places=1,
        null=True,
        editable=False,
        help_text=_(
            "US school grade (Flesch-Kincaid) of the summary and body of an English guide, "
            "worked out on save."
        ),
    )
    reading_ease = models.DecimalField(
        _("reading ease"),
        max_digits=4,
        decimal_places=1,
        null=True,
        editable=False,
        help_text=_(
            "Reading ease of a guide in another language (Spanish: INFLESZ, 0-100, higher is "
            "easier), worked out on save."
        ),
    )
    plain_text = models.TextField(
        _("plain text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("The summary and body as plain text, worked out on save: search quotes it."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            two_per_row(AT_A_GLANCE_FIELDS),
            heading=_("At a glance"),
            help_text=_(
                "Short facts shown in a box at the top. Leave blank any that do not apply."
            ),
        ),
        FieldPanel("concerns", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Picture"),
            classname="collapsed",
        ),
        FieldPanel("body"),
    ]

    settings_panels = [
        *Page.settings_panels,
        *ReviewedPage.review_panels,
        InlinePanel(
            "clinical_codes",
            heading=_("Clinical codes"),
            label=_("code"),
            help_text=_(
                "Codes a health record uses for this treatment (CPT or SNOMED CT) or for the "
                "condition it treats (ICD-10-CM). The guide's skin concerns bring their own codes."
            ),
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList([ReadingLevelPanel()], heading=_("Reading level")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("concerns", [index.SearchField("name")]),
        index.FilterField("locale"),
    ]

    # Typed for API consumers in headless/; `writable` fields can be set through the v3 API.
    api_fields = [
        APIField("summary", writable=True),
        APIField("hero_image", writable=True),
        APIField("hero_image_alt", writable=True),
        *(APIField(name, writable=True) for name in AT_A_GLANCE_FIELDS),
        APIField("concerns", writable=True),
        APIField("body", writable=True),
        APIField("sources", serializer=SourcesField()),
        APIField("reading_grade", serializer=ReadingGradeField()),
        APIField("reading_level", serializer=ReadingLevelField()),
        APIField("translations", serializer=TranslationsField()),
        *ReviewedPage.review_api_fields,
        APIField("last_published_at"),
    ]

    base_form_class = TreatmentPageForm
    parent_page_types = ["articles.TreatmentIndexPage"]
    subpage_types = []
    page_description = _("A patient guide to one treatment, built from standard sections.")

    class Meta:
        verbose_name = _("treatment guide")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"body", "summary"} & set(update_fields):
            self.plain_text = guide_text(self)
            self.measure_reading_level()
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "reading_grade",
                    "reading_ease",
                    "plain_text",
                }
        return super().save(*args, **kwargs)

    @property
    def reading_measure(self) -> Measure:
        """The readability measure of the guide's language (English: a US school grade)."""
        return measure_for(locale_language_code(self.locale_id) if self.locale_id else "en")

    def measure_reading_level(self) -> None:
        """Score ``plain_text`` with the measure of the guide's language: an English guide gets a
        school grade, a Spanish one an INFLESZ reading ease (the other is left empty)."""
        measure = self.reading_measure
        score = Decimal(f"{measure.score(self.plain_text):.1f}")
        self.reading_grade, self.reading_ease = (
            (None, score) if measure.higher_is_easier else (score, None)
        )

    @property
    def reading_level(self) -> dict | None:
        """The guide's reading level in its language's measure, with that measure's target."""
        measure = self.reading_measure
        score = self.reading_ease if measure.higher_is_easier else self.reading_grade
        if score is None:
            return None
        return {
            "measure": MEASURE_NAMES.get(measure.name, measure.name),
            "score": float(score),
            "target": measure.target,
            "meets_target": measure.meets_target(float(score)),
        }

    @property
    def reading_level_label(self) -> str:
        """ "Grade 6.5" or "INFLESZ 86.2": the guide's reading level for staff reports."""
        level = self.reading_level
        if level is None:
            return ""
        if level["measure"] == "flesch_kincaid_grade":
            return _("Grade %(score)s") % {"score": level["score"]}
        return f"{self.reading_measure.name} {level['score']}"

    # "Was this page helpful?" thanks the patient after they answer (feedback/views.py).
    page_cache_params = {"feedback": ("thanks",)}

    def get_cached_paths(self) -> list[str]:
        """The guide and its printable aftercare handout, purged together."""
        return ["/", "/aftercare/"]

    def page_cache_seconds(self) -> int:
        """Cached no longer than until the review falls due, so the notice shows on time."""
        seconds = super().page_cache_seconds()
        status = self.review
        if status and status.next_review_due:
            due = status.next_review_due + datetime.timedelta(days=1)
            seconds = min(seconds, seconds_until(due))
        return seconds

    @path("")
    def guide(self, request):
        return self.render(request)

    @path("aftercare/", name="aftercare")
    def aftercare_handout(self, request):
        """A one-page printable handout: aftercare and when to get help, with a QR code."""
        if not self.has_aftercare:
            raise Http404(_("This guide has no aftercare section."))
        return self.render(
            request,
            template="articles/aftercare_handout.html",
            # Called by the template only when the handout's body is not cached already.
            context_overrides={"handout_sections": lambda: self.sections_of(*HANDOUT_SECTIONS)},
        )

    @path("aftercare/pdf/", name="aftercare_pdf")
    def aftercare_pdf(self, request):
        """The aftercare handout as a PDF (``?paper=letter`` or ``a4``), made on the server."""
        if not self.has_aftercare:
            raise Http404(_("This guide has no aftercare section."))
        part = {
            "guide": self,
            "sections": self.sections_of(*HANDOUT_SECTIONS),
            "aftercare_only": True,
        }
        return pdf_response(
            request, parts=[part], title=self.title, filename=f"{self.slug}-aftercare"
        )

    @cached_property
    def concern_list(self) -> list[SkinConcern]:
        """The guide's skin concerns in its own language, A to Z: one query for the page and its
        related guides (a Spanish guide tagged with English concerns shows their translations)."""
        keys = self.concerns.values_list("translation_key", flat=True)
        if not isinstance(keys, models.QuerySet):  # a draft's in-memory list (modelcluster)
            keys = list(keys)
        return list(SkinConcern.objects.filter(locale_id=self.locale_id, translation_key__in=keys))

    @cached_property
    def related_guides(self) -> list["TreatmentPage"]:
        """Up to 3 other published guides for the same skin concerns, most in common first.

        Which ones: worked out per set of concerns (every guide with the same concerns shares
        the answer) from the guides-to-concerns table alone, grouped by guide (not by every field
        of a guide), and kept until the next publish or other page purge (``remember_listing``).
        Then those guides only, with the fields a card shows, checked again to be live and
        public: one query on a miss of the guide, whatever the size of the library."""
        keys = sorted(str(concern.translation_key) for concern in self.concern_list)
        if not keys:
            return []
        parts = ["related", str(self.locale_id), *keys]  # per language: its own guides only
        ids = [
            pk
            for pk in remember_listing(
                parts,
                lambda: related_ids(keys, self.locale_id, RELATED + 1),
                settings.PAGE_CACHE_SECONDS,
            )
            if pk != self.pk
        ][:RELATED]
        if not ids:
            return []
        by_pk = {guide.pk: guide for guide in public_guides().filter(pk__in=ids).only(*CARD_FIELDS)}
        return [by_pk[pk] for pk in ids if pk in by_pk]

    @property
    def sources(self) -> list[dict]:
        """The guide's numbered sources, as patients see them (for the API and citations)."""
        numbered = []
        for child in self.body:
            if child.block_type != "references":
                continue
            for ref in child.value["references"]:
                numbered.append(
                    {
                        "number": len(numbered) + 1,
                        # Text comes back as "" even where stored JSON holds null
                        # (content from the API or an import): never a broken page.
                        "title": ref["title"] or "",
                        "authors": ref["source"] or "",
                        "publication": ref["publication"] or "",
                        "year": ref["year"],
                        "url": ref["url"] or "",
                        "doi": ref["doi"] or "",
                        "pmid": ref["pmid"] or "",
                    }
                )
        return numbered

    @property
    def at_a_glance(self) -> list[tuple[str, str]]:
        """The filled-in key facts as (label, value) pairs, in reading order."""
        return [
            (AT_A_GLANCE_LABELS[name], getattr(self, name))
            for name in AT_A_GLANCE_FIELDS
            if getattr(self, name)
        ]

    @cached_property
    def _anchors(self) -> list[str]:
        """A unique anchor for each body block that is a section ("" for other blocks), from the
        stored body: the contents list and the handout need no block converted (no FAQ looked
        up)."""
        used: set[str] = set()
        anchors = []
        for raw in self.body.raw_data:
            anchor = ""
            block = self.body.stream_block.child_blocks.get(raw["type"])
            if isinstance(block, SectionBlock):
                heading = (raw.get("value") or {}).get("heading")
                base = slugify(heading) or raw["type"].replace("_", "-")
                anchor, n = base, 2
                while anchor in used:
                    anchor, n = f"{base}-{n}", n + 1
                used.add(anchor)
            anchors.append(anchor)
        return anchors

    def sections_of(self, *block_types: str) -> list[dict]:
        """Body blocks with their anchors, for the body (all) or a handout (``block_types``)."""
        return [
            {"block": self.body[i], "anchor": anchor}
            for i, (raw, anchor) in enumerate(zip(self.body.raw_data, self._anchors, strict=True))
            if not block_types or raw["type"] in block_types
        ]

    @cached_property
    def sections(self) -> list[dict]:
        """Body blocks with a unique anchor for each section, for the contents list and links."""
        return self.sections_of()

    @property
    def has_aftercare(self) -> bool:
        """Whether the guide has an aftercare section (and so a printable handout)."""
        return any(raw["type"] == "aftercare" for raw in self.body.raw_data)

    @property
    def contents(self) -> list[dict]:
        """The sections patients can jump to, in order."""
        return [
            {"anchor": anchor, "title": (raw.get("value") or {}).get("heading")}
            for raw, anchor in zip(self.body.raw_data, self._anchors, strict=True)
            if anchor
        ]


class GuideCode(Orderable, ClinicalCode):
    """A clinical code of a guide: the procedure it explains or a condition it treats."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="clinical_codes")

    class Meta(Orderable.Meta):
        verbose_name = _("clinical code")
        verbose_name_plural = _("clinical codes")
        indexes = [models.Index(fields=["system", "code"])]
