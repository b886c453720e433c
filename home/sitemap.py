"""``/sitemap.xml``: every live, public page of the site in every language, each with links to
its versions in the other languages (``xhtml:link rel="alternate" hreflang``), as search engines
want them. Wagtail's own sitemap lists only the pages under the site's (English) home page."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .languages import page_language


class PortalSitemap(Sitemap):
    def homes(self) -> list[Page]:
        """The site's home page and its translations (whose pages have their own addresses)."""
        root = self.get_wagtail_site().root_page
        return list(Page.objects.filter(translation_key=root.translation_key))

    def items(self):
        under_a_home = Q()
        for home in self.homes():
            under_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(under_a_home)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def versions(self) -> dict:
        """translation key -> {language: address} of every page listed."""
        if not hasattr(self, "_versions"):
            found = defaultdict(dict)
            for page in self.items():
                found[page.translation_key][page_language(page)] = page.get_full_url(self.request)
            self._versions = found
        return self._versions

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        by_location = {}
        for addresses in self.versions().values():
            if len(addresses) > 1:
                alternates = [
                    {"lang_code": code, "location": url} for code, url in addresses.items()
                ]
                default = addresses.get(settings.LANGUAGE_CODE)
                if default:
                    alternates.append({"lang_code": "x-default", "location": default})
                for url in addresses.values():
                    by_location[url] = alternates
        for url_info in urls:
            url_info["alternates"] = by_location.get(url_info["location"], [])
        return urls
