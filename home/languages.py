"""Which language a patient is reading in, and the same page in the other languages.

English pages live at ``/...``, Spanish ones at ``/es/...`` (``PORTAL_LANGUAGES``). A page is only
ever served in its own language: an address in one language that finds a page of another (a guide
not translated yet) sends the patient to the page's own address, or to its translation.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from wagtail.models import Page, PageViewRestriction, Site

from articles.structured_data import language_code
from pagecache.sitewide import remember_listing


def language_name(code: str) -> str:
    """The language named in itself ("Español"), as a language switch shows it."""
    named = getattr(settings, "LANGUAGE_NAMES", {})
    try:
        return named.get(code) or get_language_info(code)["name_local"].capitalize()
    except KeyError:
        return code


def page_language(page) -> str:
    """The language code of ``page`` (no query once the locales are remembered)."""
    return language_code(page.locale_id)


def home_url(language: str) -> str:
    """The address of the home page in ``language`` ("/" or "/es/")."""
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


def public_versions(page) -> list[Page]:
    """``page`` and its live, public translations (never a draft or a private one), in the order
    of the site's languages."""

    def build() -> list[Page]:
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return list(
            Page.objects.filter(translation_key=page.translation_key, live=True)
            .exclude(Exists(restricted))
            .only("pk", "url_path", "locale_id", "path", "depth", "translation_key", "title")
        )

    # Kept until the next publish, unpublish, privacy change or other page purge.
    parts = ["versions", str(page.translation_key)]
    versions = remember_listing(parts, build, settings.PAGE_CACHE_SECONDS)
    order = [code for code, _name in settings.LANGUAGES]
    return sorted(
        versions,
        key=lambda p: order.index(page_language(p)) if page_language(p) in order else len(order),
    )


def unprefixed(path: str, language: str) -> str:
    """``path`` without its language prefix ("/es/treatments/" -> "/treatments/")."""
    prefix = f"/{language}/"
    return path[len(prefix) - 1 :] if path.startswith(prefix) else path


def other_language_address(request, path: str) -> str | None:
    """Where ``path`` (an address under a language prefix that found nothing) should go: the
    default language's page at the same address, or that page's translation in the active
    language if it has one. None if the default language has no page there either."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [part for part in path.split("/") if part]
    try:
        page, _args, _kwargs = site.root_page.specific.route(request, components)
    except Http404:
        return None
    language = translation.get_language()
    rest = ""
    own = page.get_url(request) or ""
    if own and path.startswith(own):
        rest = path[len(own) :]
    if page_language(page) != language:
        translated = Page.objects.live().filter(
            translation_key=page.translation_key, locale__language_code=language
        )
        if (translation_page := translated.first()) is not None:
            target = (translation_page.get_url(request) or "") + rest
            if target and target != request.path:
                return target
    # The page's own address, never the one asked for ("//host/..." must not leave the site).
    return own + rest if own else None


def serve_in_page_language(page, request, args, kwargs):
    """``before_serve_page``: a page asked for at another language's address (``/es/...`` when
    there is no Spanish home page) goes to its own address, or its translation's (302)."""
    language = translation.get_language()
    if getattr(request, "is_preview", False) or page_language(page) == language:
        return None
    translated = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    own = page.get_url(request) or ""
    path = unprefixed(request.path, language)
    rest = path[len(own) :] if own and path.startswith(own) else ""  # e.g. "aftercare/"
    target = own if translated is None else (translated.get_url(request) or "")
    target = target + rest if target else ""
    if target and target != request.path:
        query = request.META.get("QUERY_STRING")
        return redirect(target + (f"?{query}" if query else ""))
    return None
