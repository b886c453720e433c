"""Template helpers for guide pages: structured data, related guides and the handout QR code."""

from django import template
from django.utils.safestring import SafeString, mark_safe

import segno

from articles.structured_data import faq_page, json_ld, medical_web_page

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_structured_data(context, page) -> SafeString:
    """The guide's schema.org JSON-LD: a MedicalWebPage, plus an FAQPage when it has FAQs."""
    request = context.get("request")
    scripts = [json_ld(medical_web_page(page, request))]
    if faq := faq_page(page, request):
        scripts.append(json_ld(faq))
    return mark_safe("\n".join(scripts))  # noqa: S308 - each part escaped by json_ld


@register.simple_tag
def qr_code(url: str, label: str) -> SafeString:
    """An inline SVG QR code that leads back to ``url`` (made here, no network needed)."""
    svg = segno.make(url, error="m").svg_inline(scale=3, title=label, border=2)
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own SVG


@register.filter
def listed_concerns(concerns, by_key: dict) -> list:
    """A guide's concerns as the list page names them, in its language (matched by translation
    key: a Spanish guide may be tagged with the English concern), each once."""
    found = {}
    for concern in concerns:
        if (listed := by_key.get(concern.translation_key)) is not None:
            found[listed.pk] = listed
    return list(found.values())
