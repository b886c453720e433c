"""Template helpers shared by every patient page."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Site

from pagecache.sitewide import remember
from portal.routing import language_home

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
            language = get_language()
            index = remember(
                f"treatments-index:{site.pk}:{language}",
                lambda: (
                    TreatmentIndexPage.objects.live()
                    .public()
                    .descendant_of(language_home(site, language))
                    .first()
                ),
            )
        cache["treatments_index"] = index
    return cache["treatments_index"]


@register.simple_tag(takes_context=True)
def urgent_help_notice(context):
    """The site's "Need help now?" notice in the page's language (the default language's when
    it has no version in that language), remembered until anything site-wide changes."""
    from home.models import UrgentHelpSettings

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    language = get_language() or ""
    return remember(
        f"urgent-help:{site.pk}:{language}",
        lambda: UrgentHelpSettings.for_site(site).for_language(language),
    )


SAFE_URL_SCHEMES = ("http://", "https://", "mailto:", "tel:")


@register.filter
def safe_url(url) -> str:
    """The address if it is a web, email or phone link; empty otherwise (no ``javascript:``)."""
    url = str(url or "").strip()
    return url if url.lower().startswith(SAFE_URL_SCHEMES) else ""


@register.simple_tag(takes_context=True)
def page_ancestors(context, page):
    """The page's ancestors below the tree's root, home first (for breadcrumbs): those routing
    found on the way to the page if it found them all, else from the database."""
    from portal.routing import route_ancestors

    found = route_ancestors(context.get("request"), page)
    return found if found is not None else list(page.get_ancestors()[1:])


@register.simple_tag(takes_context=True)
def parent_page(context, page):
    """The page's parent (from routing if it found it, else from the database)."""
    found = page_ancestors(context, page)
    return found[-1] if found else page.get_parent()


@register.simple_tag(takes_context=True)
def language_versions(context) -> dict:
    """The page shown in the other languages: ``alternates`` (language, absolute address) of its
    live, public versions, itself included, for ``<link rel="alternate" hreflang>`` (none if it
    has no translation), ``x_default`` (the default language's version), and ``switch``
    (language, name, address) for each other language: its version of the page, else that
    language's home page. Worked out once per request."""
    from home.languages import home_url, language_name, page_language, public_versions

    request = context.get("request")
    page = context.get("page")
    memo = request.__dict__.setdefault("_portal_cache", {}) if request is not None else {}
    if "language_versions" in memo:
        return memo["language_versions"]
    current = get_language()
    versions = public_versions(page) if page is not None and page.pk else []
    by_language = {page_language(version): version for version in versions}
    alternates = []
    if len(by_language) > 1:
        alternates = [
            (code, version.get_full_url(request)) for code, version in by_language.items()
        ]
    default = dict(alternates).get(settings.LANGUAGE_CODE)
    switch = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        version = by_language.get(code)
        url = version.get_url(request) if version is not None else home_url(code)
        switch.append((code, language_name(code), url))
    memo["language_versions"] = {"alternates": alternates, "x_default": default, "switch": switch}
    return memo["language_versions"]
