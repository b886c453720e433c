"""Address map: admin, documents, the API, search, then Wagtail's pages for everything else."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from feedback import views as feedback_views
from governance import outside_views
from home import views as home_views
from home.sitemap import PortalSitemap
from infobutton import views as infobutton_views
from portal.health import healthz

# A database that can't be reached answers 503 with Retry-After, not 500 (portal/errors.py).
handler500 = "portal.errors.server_error"
# /es/<address> with no Spanish page goes to the English page there (home/views.py).
handler404 = "home.views.page_not_found"

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Both languages' pages, each with its translations (home/sitemap.py).
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("feedback/<int:page_id>/", feedback_views.submit, name="feedback"),
    # A clinician's emailed review link (docs/editors.md): no login, never cached.
    path("review/<str:token>/", outside_views.review, name="outside_review"),
    path("api/", include("headless.urls")),  # v3 and v2; see docs/api.md
    path("infobutton/", infobutton_views.infobutton, name="infobutton"),  # HL7; docs/api.md
    path("p/", include("handouts.urls")),  # handout packs' short links
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Patient-facing addresses get a language prefix only for languages other than the default,
# so English stays at /treatments/... and a translation can later live at /es/treatments/...
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
