"""Which images and documents an anonymous reader may list: those patients can already see.

Wagtail lists every image and document outside view-restricted collections, so a picture
uploaded for a guide that is still a draft (or only used on a private page) shows up in
``/api/v2|v3/images/`` before the guide is published. Anonymous readers get only media

* in a collection with no view restriction (nor one above it), whatever their session, and
* used by at least one live, public page of the site they address, according to Wagtail's
  reference index (which records the live version of a page: a draft change that adds an
  image does not count until it is published).

Media only reachable through a snippet (a shared FAQ, say) is not listed; the guides that
show it inline it in their own JSON. With a token, readers see the library as Wagtail shows it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import HttpRequest

from wagtail.api.querysets import get_public_pages_queryset
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex


def restricted_collections() -> list[int]:
    """Ids of the collections with a view restriction of any kind, and of those inside them."""
    paths = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    if not condition:
        return []
    return list(Collection.objects.filter(condition).values_list("pk", flat=True))


def used_on_public_pages(request: HttpRequest, model) -> list[int]:
    """Ids of the ``model`` objects that live, public pages of this site refer to."""
    pages = get_public_pages_queryset(request).annotate(key=Cast("pk", CharField()))
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=pages.values("key"),
        to_content_type=ContentType.objects.get_for_model(model),
    )
    keys = references.values_list("to_object_id", flat=True).distinct()
    return [int(key) for key in keys if key.isdigit()]


def public_media(request: HttpRequest, queryset: QuerySet) -> QuerySet:
    """``queryset`` (images or documents) cut down to what patients can see, for a reader
    without a token; unchanged for a signed-in reader."""
    if request.user.is_authenticated:
        return queryset
    ids = used_on_public_pages(request, queryset.model)
    # Lists of ids rather than joins, so that search can still filter on them.
    return queryset.exclude(collection__in=restricted_collections()).filter(id__in=ids)


def limit_anonymous_media() -> None:
    """Make Wagtail's v3 image and document endpoints (list and detail) use
    :func:`public_media`. Their routers look their queryset up by module-level name on each
    request, so replacing that function is enough (done once the routers exist)."""
    from django.core.exceptions import ImproperlyConfigured

    from wagtail.documents.api.v3 import router as documents
    from wagtail.images.api.v3 import router as images

    for module, name in ((images, "get_images_queryset"), (documents, "get_documents_queryset")):
        wagtails = getattr(module, name, None)
        if wagtails is None:
            raise ImproperlyConfigured(
                f"{module.__name__}.{name} is gone: update headless.public_media"
            )
        if getattr(wagtails, "public_media", False):
            continue

        def queryset(request, wagtails=wagtails):
            return public_media(request, wagtails(request))

        queryset.public_media = True
        setattr(module, name, queryset)
