"""A pack for patients: ``/p/<slug>/`` (a printable page set) and ``/p/<slug>/pdf/``."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.cache import never_cache

from articles.models import TreatmentPage
from home.languages import page_language
from portal.pdf import pdf_response

from .models import HandoutPack, HandoutPackItem


def printable_parts(pack: HandoutPack) -> list[dict]:
    """The pack's guides patients may read (published, public), in order, with what to print.
    A guide unpublished or made private since the pack was saved is left out."""
    items = list(pack.items.order_by("sort_order"))
    readable = TreatmentPage.objects.live().public().in_bulk([item.guide_id for item in items])
    parts = []
    for item in items:
        if guide := readable.get(item.guide_id):
            item.guide = guide
            parts.append(
                {
                    "guide": guide,
                    "sections": item.sections(),
                    "aftercare_only": item.part == HandoutPackItem.AFTERCARE,
                }
            )
    return parts


def pack_language(parts: list[dict]) -> str:
    """The language a pack prints in (its headings, labels and ``lang``): its guides' language
    when they share one (a pack of Spanish guides prints in Spanish), else the default."""
    languages = {page_language(part["guide"]) for part in parts}
    return languages.pop() if len(languages) == 1 else settings.LANGUAGE_CODE


@never_cache  # a guide made private leaves the pack at once
def pack(request, slug):
    """The pack as one page to read or print, with a QR code for each guide."""
    handout_pack = get_object_or_404(HandoutPack, slug=slug)
    parts = printable_parts(handout_pack)
    with translation.override(pack_language(parts)):
        return render(request, "handouts/pack.html", {"pack": handout_pack, "parts": parts})


@never_cache
def pack_pdf(request, slug):
    """The pack as a PDF (``?paper=letter``, the default, or ``?paper=a4``)."""
    handout_pack = get_object_or_404(HandoutPack, slug=slug)
    parts = printable_parts(handout_pack)
    with translation.override(pack_language(parts)):
        return pdf_response(
            request, parts=parts, title=handout_pack.title, filename=handout_pack.slug
        )
