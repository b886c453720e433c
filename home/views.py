"""Site-wide addresses that are not pages: robots.txt. (Site search lives in the search app.)"""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control


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
