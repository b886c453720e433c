"""PDF handouts made on the server with WeasyPrint (no browser): A4 or US Letter, the clinic's
name and phone and page numbers on every page (static/css/handout-pdf.css).

WeasyPrint fetches what a page links to (stylesheets, pictures). Here it may read only the site's
own static files and uploaded media, from disk; any other address (another server, a file path,
the network) is refused, so a guide can never make the server fetch something for it.
"""

import hashlib
import io
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Site

logger = logging.getLogger(__name__)

PAPER_SIZES = {"letter": "letter", "a4": "A4"}  # ?paper=... -> CSS @page size
DEFAULT_PAPER = "letter"


class PaperSizeError(ValueError):
    """A ?paper= the portal does not print on."""


def paper_size(value: str | None) -> str:
    """'letter' (the default) or 'a4', from the request's ``?paper=``."""
    paper = (value or DEFAULT_PAPER).lower()
    if paper not in PAPER_SIZES:
        raise PaperSizeError(
            _("Choose paper=letter or paper=a4 (not %(paper)s).") % {"paper": value}
        )
    return paper


def local_file(url: str) -> Path | None:
    """The file on disk of one of the site's static or media addresses, else None."""
    address = urlsplit(url)
    path = unquote(address.path)
    if address.scheme not in {"", "http", "https"} or ".." in Path(path).parts:
        return None
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        if found:
            return Path(found)
        root = Path(settings.STATIC_ROOT) / path.removeprefix(settings.STATIC_URL)
        return root if root.is_file() else None
    if path.startswith(settings.MEDIA_URL):
        name = path.removeprefix(settings.MEDIA_URL)
        if not default_storage.exists(name):
            return None
        return Path(default_storage.path(name))
    return None


def site_files_fetcher():
    """WeasyPrint's fetcher, limited to ``data:`` addresses and the site's own files (see the
    module's docstring); anything else is left out of the PDF."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = local_file(url)
            if found is None:
                raise ValueError(f"Not one of the site's own files: {url}")
            kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=found.read_bytes(), headers={"Content-Type": kind})

    return SiteFilesOnly(allowed_protocols=["data"], timeout=5)


def render_pdf(html: str, base_url: str) -> bytes:
    """The PDF of ``html`` (a whole document), its links resolved against ``base_url``."""
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=html, base_url=base_url, url_fetcher=site_files_fetcher()).write_pdf()


PDF_CACHE_SECONDS = 24 * 3600


def pdf_response(request, *, parts: list, title: str, filename: str):
    """The handout PDF of ``parts`` (guides or their aftercare, each {guide, sections,
    aftercare_only}) on the paper ``?paper=`` asks for. The document is made as HTML first
    (cheap, its parts cached) and the PDF is kept per exact HTML, so any change to what is
    printed (a publish, the clinic's phone, the paper) makes a new one. A bad ``?paper=`` is a
    400 that says what to use."""
    try:
        paper = paper_size(request.GET.get("paper"))
    except PaperSizeError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    site = Site.find_for_request(request)
    html = render_to_string(
        "components/pdf_document.html",
        {
            "parts": parts,
            "title": title,
            "paper_css": PAPER_SIZES[paper],
            "clinic_name": site.site_name if site else "",
            "language": get_language(),  # the guide's own: the page is served in it
        },
        request=request,
    )
    key = "handout-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        try:
            pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
        except OSError:  # WeasyPrint could not load Pango: the server lacks its system library
            logger.exception("PDF handouts need Pango on this server (docs/deploy.md)")
            message = _("PDFs can't be made on this server right now. Print the page instead.")
            return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    name = f"{filename}-{paper}.pdf"
    response = FileResponse(io.BytesIO(pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-cache"
    return response
