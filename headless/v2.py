"""The read-only v2 API (pages, images, documents) for existing Wagtail clients.

Pages gain the guide filters of v3: ``?concern=<slug>`` and ``?updated_since=<ISO 8601>``.
Block output is the same as v3's (it comes from the blocks' ``get_api_representation``).

v2 is anonymous only: it authenticates nobody (Django REST framework would otherwise accept
HTTP Basic auth, a password alone, and show login-restricted pages to it), so it shows what
patients can read. Images and documents are only those live public pages use (see
``headless.public_media``). Searches only pass words to the search backend (see
``portal.search_text``).

A list of pages loads what it shows in bulk (``headless.prefetch``), and the JSON is compact
(Wagtail indents it by 4 spaces, half the bytes of a list of guides).
"""

from django.http import Http404
from django.utils import translation

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from articles.models import TreatmentPage
from portal.search_text import search_text

from .guide_filters import (
    LARGEST_ID,
    bad_parameter,
    foreign_site_requested,
    guides_with_concern,
    parse_since,
)
from .prefetch import GUIDE_SELECT_RELATED, prefetch_for_api
from .public_media import public_media


class CheckedParametersMixin:
    """Anonymous readers only; parameters that would be a server error are a 400 (see
    ``filters.bad_parameter``); searches are plain words."""

    # No Basic auth (a password alone) and no session: v2 serves only what patients can read.
    authentication_classes = []
    numeric_parameters = {"id", "limit", "offset", "child_of", "descendant_of", "ancestor_of"}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if problem := bad_parameter(request.GET, self.numeric_parameters):
            raise BadRequestError(problem)
        if "search" in request.GET:
            query = request._request.GET.copy()
            query["search"] = search_text(query["search"])
            request._request.GET = query

    def get_object(self):
        if int(self.kwargs.get("pk", 0)) > LARGEST_ID:
            raise Http404("not found")
        return super().get_object()

    def get_renderer_context(self):
        # Wagtail indents v2 JSON by 4 spaces: half the bytes of a list of guides. Compact JSON
        # is the same data; ``Accept: application/json; indent=4`` still pretty-prints it.
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context


class CheckedImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    def get_queryset(self):
        return public_media(self.request, super().get_queryset())


class CheckedDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return public_media(self.request, super().get_queryset())


class GuidePagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["concern", "updated_since"]
    )

    def get_base_queryset(self):
        # Wagtail asks for it up to three times a request, each time looking up the site and
        # the view restrictions again: once is enough (a viewset serves one request).
        if not hasattr(self, "_base_queryset"):
            if foreign_site_requested(self.request):
                raise BadRequestError("site: only the site this request is addressed to.")
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        params = self.request.GET
        if "concern" in params:
            guide_ids = guides_with_concern(params["concern"])
            if guide_ids is None:
                raise BadRequestError(f"There is no skin concern {params['concern']!r}.")
            queryset = queryset.filter(id__in=guide_ids)
        if "updated_since" in params:
            try:
                since = parse_since(params["updated_since"])
            except ValueError as error:
                raise BadRequestError(f"updated_since: {error}") from error
            queryset = queryset.filter(last_published_at__gte=since)
        if issubclass(queryset.model, TreatmentPage):
            queryset = queryset.select_related(*GUIDE_SELECT_RELATED).defer("plain_text")
        return queryset

    def paginate_queryset(self, queryset):
        """The page of results with what they show (``?fields=``) loaded in bulk: the same number
        of queries whatever the page size (see ``headless.prefetch``)."""
        shown = self.get_serializer_class().Meta.fields
        # A search runs here, with the rules of the language asked for (search.backend).
        with translation.override(self.request.GET.get("locale") or translation.get_language()):
            return prefetch_for_api(super().paginate_queryset(queryset), fields=set(shown))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", GuidePagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
