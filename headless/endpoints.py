"""v3 endpoints of our own: the guides feed and the headless preview.

Each page of the feed is loaded in bulk (``GuidePagination``, ``headless.prefetch``): about ten
queries whatever its size, where it was about six per guide.
"""

from datetime import datetime
from typing import Annotated, Literal, cast

from django.apps import apps
from django.core.signing import BadSignature
from django.http import Http404, HttpRequest
from django.utils import translation

from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.registry import registry
from wagtail.api.v3.routers.pages import PageDetailSchema
from wagtail.api.v3.schemas.params import SearchSchema
from wagtail.models import Locale

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import BeforeValidator, WithJsonSchema
from wagtail_headless_preview.models import HeadlessPreviewMixin

from articles.models import TreatmentPage

from .guide_filters import SINCE_PATTERN, guides_with_concern, in_locale, parse_since
from .prefetch import GUIDE_SELECT_RELATED, prefetch_for_api

PREVIEW_MAX_AGE = 60 * 60 * 24  # seconds; previews older than a day are deleted anyway

guides_router = Router(tags=["guides"], auth=AllowAnonymous())
preview_router = Router(tags=["preview"], auth=AllowAnonymous())

GuideSchema = registry.get(TreatmentPage._meta.label).read_schema

GuideOrder = Literal[
    "title", "-title", "first_published_at", "-first_published_at",
    "last_published_at", "-last_published_at",
]  # fmt: skip


# An ISO 8601 date or date and time, in UTC once parsed.
Since = Annotated[
    datetime,
    BeforeValidator(parse_since),
    WithJsonSchema({"type": "string", "pattern": SINCE_PATTERN, "example": "2026-03-01T09:00:00Z"}),
]


class GuideFilters(Schema):
    concern: str | None = Field(
        None, description="Only guides for this skin concern (its slug, e.g. 'acne-scars')."
    )
    locale: str | None = Field(
        None,
        description="Only guides in this language: a language code of the site, e.g. 'es' "
        "(an unknown one is a 400). Each guide lists its other languages in 'translations'.",
    )
    updated_since: Since | None = Field(
        None,
        description="Only guides published or republished at or after this time (ISO 8601; "
        "UTC if no offset is given). Use it to sync: pass the time of your last sync.",
    )
    order: GuideOrder | None = Field(
        None, description="Sort order; by relevance when searching, else A to Z by title."
    )


class GuidePagination(WagtailLimitOffsetPagination):
    """Wagtail's limit and offset, with each page of guides loaded in bulk: the same number of
    queries whatever the page size (see ``headless.prefetch``)."""

    def paginate_queryset(self, queryset, pagination, request: HttpRequest, **params):
        # A search runs here, with the rules of the language asked for (search.backend).
        with translation.override(request.GET.get("locale") or translation.get_language()):
            page = super().paginate_queryset(queryset, pagination, request, **params)
            page[self.items_attribute] = prefetch_for_api(page[self.items_attribute])
        return page


class PreviewParams(Schema):
    content_type: str = Field(description="From the preview address.")
    token: str = Field(description="From the preview address; valid for a day.")


@guides_router.get(
    "/",
    response=list[GuideSchema],
    url_name="list_guides",
    summary="List published guides",
    operation_id="guides_list",
)
@paginate(GuidePagination)
def list_guides(
    request: HttpRequest,
    filters: Query[GuideFilters],
    search: Query[SearchSchema],
    **kwargs,
):
    """Published, public guides of this site in full: the feed for apps and syndication.

    Combine ``locale``, ``concern``, ``updated_since``, ``search`` and ``order`` as needed
    (``locale=es&updated_since=...`` lists what changed in Spanish). Only what patients can read
    is listed, whatever token is sent.
    """
    # The stored plain text is for search snippets; the feed never shows it.
    queryset = (
        get_public_pages_queryset(request, TreatmentPage)
        .select_related(*GUIDE_SELECT_RELATED)
        .defer("plain_text")
    )
    if filters.concern is not None:
        guide_ids = guides_with_concern(filters.concern)
        if guide_ids is None:
            raise HttpError(400, f"There is no skin concern {filters.concern!r}.")
        queryset = queryset.filter(id__in=guide_ids)
    if filters.updated_since is not None:
        queryset = queryset.filter(last_published_at__gte=filters.updated_since)
    try:
        queryset = in_locale(queryset, filters.locale)
    except Locale.DoesNotExist as error:  # checked before (strict_params): deleted since
        raise HttpError(400, f"There are no pages in {filters.locale!r}.") from error
    if search.search is None:
        return queryset.order_by(filters.order or "title", "pk")
    if filters.order:
        queryset = queryset.order_by(filters.order)  # else by relevance
    return search.search_queryset(request, queryset)


@preview_router.get(
    "/",
    response=PageDetailSchema,
    url_name="preview_page",
    summary="Previewed draft",
    operation_id="preview_detail",
)
def preview(request: HttpRequest, params: Query[PreviewParams]):
    """The draft a staff member is previewing, shaped exactly like the page detail endpoint.

    A headless front end's preview route receives ``content_type`` and ``token`` from the
    admin's "Headless front end" preview and asks for the content here. The token is the key:
    no bearer token is needed. A page previewed before it was first saved has ``id`` 0.
    """
    try:
        model = apps.get_model(params.content_type)
    except (LookupError, ValueError) as error:
        raise HttpError(400, f"Unknown content_type {params.content_type!r}.") from error
    if not issubclass(model, HeadlessPreviewMixin):
        raise HttpError(400, f"{params.content_type!r} has no headless preview.")
    model = cast(type[HeadlessPreviewMixin], model)
    try:
        model.get_preview_signer().unsign(params.token, max_age=PREVIEW_MAX_AGE)
        page = model.get_page_from_preview_token(params.token)
    except BadSignature as error:
        raise Http404("This preview link is invalid or has expired.") from error
    if page is None:
        raise Http404("This preview has expired: preview the page again.")
    if page.pk is None:
        page.id = page.pk = 0  # a page previewed before it was first saved
    return page
