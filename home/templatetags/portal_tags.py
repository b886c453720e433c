"""Template helpers shared by every patient page."""

from django import template

from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def treatments_index(context):
    """The live treatments index of the current site, for the main navigation (or None)."""
    from articles.models import TreatmentIndexPage

    request = context.get("request")
    if request is None:
        return None
    cache = request.__dict__.setdefault("_portal_cache", {})
    if "treatments_index" not in cache:
        site = Site.find_for_request(request)
        index = None
        if site is not None:
            index = TreatmentIndexPage.objects.live().public().descendant_of(site.root_page).first()
        cache["treatments_index"] = index
    return cache["treatments_index"]


SAFE_URL_SCHEMES = ("http://", "https://", "mailto:", "tel:")


@register.filter
def safe_url(url) -> str:
    """The address if it is a web, email or phone link; empty otherwise (no ``javascript:``)."""
    url = str(url or "").strip()
    return url if url.lower().startswith(SAFE_URL_SCHEMES) else ""
