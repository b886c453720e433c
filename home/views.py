"""Site-wide addresses that are not pages: robots.txt and the 404 page. (Site search lives in
the search app.)"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.views import defaults
from django.views.decorators.cache import cache_control

from .languages import other_language_address, unprefixed


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Search engines may read every patient page, but not the admin, search results or forms."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /feedback/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    """Django's ``handler404``. An address under a language prefix that has no page in that
    language (``/es/treatments/botox/`` for a guide not translated yet) goes to the page at the
    same address in the default language, or to its translation (302); else the usual 404 page,
    in the address's language."""
    language = get_language()
    path = unprefixed(request.path, language)
    if language != settings.LANGUAGE_CODE and path != request.path and request.method == "GET":
        target = other_language_address(request, path)
        if target and target != request.path:
            query = request.META.get("QUERY_STRING")
            return redirect(target + (f"?{query}" if query else ""))
    return defaults.page_not_found(request, exception)
