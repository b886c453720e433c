"""Everything a list of pages shows in the API, loaded in a fixed number of queries.

Serialising a guide touches its locale, parent page, skin concerns, review status (with the
review and the reviewer), hero image and, inside its body, the images and saved FAQs editors
chose, and each image's renditions. Looked up guide by guide, as Django does by default, that
was four to six queries per guide: 126 for a page of 20 in the feed (2026-11-24).

:func:`prefetch_for_api` loads all of it for a whole page of results at once, so the number of
queries no longer grows with the page size:

* relations: ``prefetch_related_objects`` (one query each, skipped when a queryset's
  ``select_related`` already brought them, see :data:`GUIDE_SELECT_RELATED`);
* parent pages: one query for all of them (Wagtail's ``meta.parent``);
* a guide's live translations (``translations``): one query for all of them (see
  ``articles.api_fields.prefetch_translations``);
* StreamFields: the bodies of all the pages are converted together with the stream block's own
  ``bulk_to_python``, which batches every chooser in them, however deeply nested: one query for
  all the saved FAQs of the page of results, one for all the images;
* renditions: one query for the renditions the API shows of all those images.

Only what the response shows is loaded (v2's ``?fields=`` may leave out the body, say). The
output is exactly what serialising page by page gives, only fetched in bulk
(``tests/test_api_queries.py`` compares every item of the feed with the page's own detail).
Used by the guides feed (``routers.GuidePagination``) and v2's page lists
(``v2.GuidePagesAPIViewSet``); a single page's detail costs a dozen queries and is left alone.
"""

import functools
import inspect
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Prefetch, prefetch_related_objects
from django.utils.functional import cached_property as django_cached_property

from wagtail.blocks import (
    BaseStreamBlock,
    BaseStructBlock,
    Block,
    ChooserBlock,
    ListBlock,
    StreamValue,
)
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, Filter
from wagtail.models import Page

from articles.api_fields import prefetch_translations
from portal.image_renditions import RENDITIONS

REVIEW = "review_status__review__reviewer"
#: Whether a translated guide is out of date with the guide it was translated from.
TRANSLATION = "translation_status__source_page__locale"
#: API field -> the relations it reads, for a guide (``review_info`` reads the review status and,
#: for a translation, its translation status).
GUIDE_RELATIONS = {
    "locale": ("locale",),
    "alias_of": ("alias_of",),
    "hero_image": ("hero_image",),
    "review_info": (REVIEW, TRANSLATION),
    "concerns": ("concerns",),
}
#: The guide's to-one relations, for ``select_related`` on a queryset of guides.
GUIDE_SELECT_RELATED = ("locale", "hero_image", REVIEW, TRANSLATION)


def relations(model: type[Model]) -> dict[str, tuple[str, ...]]:
    """API field -> relation to prefetch, for objects of ``model``."""
    from articles.models import TreatmentPage

    if issubclass(model, TreatmentPage):
        return GUIDE_RELATIONS
    if issubclass(model, Page):
        return {"locale": ("locale",), "alias_of": ("alias_of",)}
    return {}


def prefetch_for_api(
    objects: Iterable[Model], fields: Collection[str] | None = None
) -> list[Model]:
    """``objects`` as a list, with what the API serialises of them loaded in bulk.

    ``fields``: the names of the fields (and meta fields) the response shows, to load only what
    they need (v2's ``?fields=``); None for all of them.
    """
    objects = list(objects)

    def shown(name: str) -> bool:
        return fields is None or name in fields

    by_model: dict[type[Model], list[Model]] = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(obj)
    for model, instances in by_model.items():
        related = [
            relation
            for name, names in relations(model).items()
            if shown(name)
            for relation in names
        ]
        prefetch_related_objects(instances, *related)
        if REVIEW in related:
            set_reviews(instances)
        if shown("translations") and relations(model) is GUIDE_RELATIONS:
            prefetch_translations(instances)  # one query for all their translations
    if shown("parent"):
        prefetch_parents([obj for obj in objects if isinstance(obj, Page)])
    convert_streams(objects, fields)
    images = [
        image
        for obj in objects
        for image in (
            getattr(obj, "hero_image", None) if shown("hero_image") else None,
            *images_in_streams(obj, fields),
        )
        if isinstance(image, AbstractImage)
    ]
    prefetch_renditions(images)
    return objects


def set_reviews(guides: Sequence[Model]) -> None:
    """Give each guide its review status (``TreatmentPage.review``, which ``review_info``
    reads) from the prefetched ``review_status``, instead of a query per guide."""
    for guide in guides:
        if not isinstance(
            inspect.getattr_static(type(guide), "review", None),
            functools.cached_property | django_cached_property,
        ):
            return  # not a cached property (any more): leave it to the model
        try:
            status = guide.review_status
        except ObjectDoesNotExist:  # never published or reviewed
            status = None
        guide.review = status  # fills the cached property


def prefetch_parents(pages: Sequence[Page]) -> None:
    """Fetch the parents of ``pages`` in one query, where ``Page.get_parent()`` finds them."""
    waiting = [page for page in pages if page.depth > 1 and not hasattr(page, "_cached_parent_obj")]
    if not waiting:
        return
    paths = {parent_path(page) for page in waiting}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=paths)}
    for page in waiting:
        parent = parents.get(parent_path(page))
        if parent is not None:
            # treebeard's own cache for get_parent() (MP_Node.get_parent).
            page._cached_parent_obj = parent


def parent_path(page: Page) -> str:
    return page.path[: (page.depth - 1) * page.steplen]


def stream_fields(model: type[Model], only: Collection[str] | None = None) -> list[StreamField]:
    """The StreamFields of ``model`` (those named in ``only``, if given)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField) and (only is None or field.name in only)
    ]


def convert_streams(objects: Sequence[Model], only: Collection[str] | None = None) -> None:
    """Convert the StreamField values of ``objects`` from their stored JSON all together.

    A value read from the database is converted lazily, stream by stream, and each stream then
    looks up its own chosen images and snippets. ``StreamBlock.bulk_to_python`` over the streams
    of all the objects looks up each kind of chosen object once for all of them.
    """
    waiting: dict[StreamField, list[tuple[Model, StreamValue]]] = defaultdict(list)
    for obj in objects:
        for field in stream_fields(type(obj), only):
            value = getattr(obj, field.attname)
            if isinstance(value, StreamValue) and value.is_lazy and value.raw_text is None:
                waiting[field].append((obj, value))
    for field, pairs in waiting.items():
        raw_streams = [list(value.raw_data) for _obj, value in pairs]
        converted = field.stream_block.bulk_to_python(raw_streams)
        for (obj, _value), value in zip(pairs, converted, strict=True):
            setattr(obj, field.attname, value)


def images_in_streams(obj: Model, only: Collection[str] | None = None) -> list[AbstractImage]:
    """The images chosen anywhere in ``obj``'s (converted) StreamFields."""
    found: list[AbstractImage] = []
    for field in stream_fields(type(obj), only):
        _collect_images(field.stream_block, getattr(obj, field.attname), found)
    return found


def _collect_images(block: Block, value, found: list) -> None:
    """Walk ``value`` along its block definition, only into blocks that can hold an image."""
    if value is None or not _holds_images(block):
        return
    if isinstance(block, ChooserBlock):
        if isinstance(value, AbstractImage):
            found.append(value)
    elif isinstance(block, BaseStreamBlock):
        for child in value:
            _collect_images(child.block, child.value, found)
    elif isinstance(block, BaseStructBlock):
        for name, child_block in block.child_blocks.items():
            _collect_images(child_block, value.get(name), found)
    elif isinstance(block, ListBlock):
        for item in value:
            _collect_images(block.child_block, item, found)


#: id(block) -> (block, whether an image can be chosen in it); blocks live as long as the process.
_image_blocks: dict[int, tuple[Block, bool]] = {}


def _holds_images(block: Block) -> bool:
    known = _image_blocks.get(id(block))
    if known is None or known[0] is not block:
        if isinstance(block, ChooserBlock):
            model = getattr(block, "model_class", None)
            holds = isinstance(model, type) and issubclass(model, AbstractImage)
        else:
            children = getattr(block, "child_blocks", None) or {}
            child = getattr(block, "child_block", None)
            holds = any(_holds_images(b) for b in [*children.values(), *([child] if child else [])])
        known = _image_blocks[id(block)] = (block, holds)
    return known[1]


def prefetch_renditions(images: Sequence[AbstractImage]) -> None:
    """Fetch the renditions the API shows (``portal.image_renditions.RENDITIONS``) of all ``images``
    in one query; ``Image.get_renditions()`` then reads them from the prefetched list (and
    creates only the ones still missing)."""
    by_model: dict[type[AbstractImage], list[AbstractImage]] = defaultdict(list)
    for image in images:
        if not hasattr(image, "prefetched_renditions"):
            by_model[type(image)].append(image)
    for model, instances in by_model.items():
        specs = {
            image.clean_filter_for_svg(Filter(spec=spec)).spec
            for image in instances
            for spec in RENDITIONS.values()
        }
        renditions = model.get_rendition_model().objects.filter(filter_spec__in=specs)
        prefetch_related_objects(
            instances, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
        )
