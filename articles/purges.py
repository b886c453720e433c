"""What to purge from the page cache when guides, the guide index, FAQs or skin concerns change.

The whole purge table is in pagecache/signals.py.
"""

import contextlib
from collections.abc import Iterator

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, published, unpublished

from pagecache import store

from .models import (
    FrequentlyAskedQuestion,
    SkinConcern,
    TreatmentIndexPage,
    TreatmentPage,
    guides_listing,
)

LISTED_BY = "_purges_listed_by"  # on a guide being changed: who listed it before


def remember_who_lists(guide: TreatmentPage) -> None:
    """Just before a change to a guide reaches the database (publishing, unpublishing, a new title
    or new concerns): note the guides whose "Related guides" show it now, to purge them after."""
    if guide.pk and not store.is_muted() and not hasattr(guide, LISTED_BY):
        setattr(guide, LISTED_BY, guides_listing(guide.pk))


def purge_guide(guide: TreatmentPage) -> None:
    """The guide and its handout, the pages above it (its index and home list it), its
    translations with the pages above them (each links the others with hreflang and the language
    switch, and a translation says when it is out of date with the English version), and the
    guides whose "Related guides" showed it before the change or show it now: only those, not
    every guide that shares a concern with it (at 10,000 guides that would be all of them)."""
    if store.is_muted():  # bulk loads purge everything once at the end
        return
    listed_by = getattr(guide, LISTED_BY, set()) | guides_listing(guide.pk)
    with contextlib.suppress(AttributeError):
        delattr(guide, LISTED_BY)

    def pages() -> Iterator[Page]:
        yield guide.specific
        yield from guide.get_ancestors().live().specific()
        for translation in guide.get_translations().live().specific():
            yield translation
            yield from translation.get_ancestors().live().specific()
        yield from Page.objects.filter(pk__in=listed_by).order_by("path")

    store.purge_pages(pages())


@receiver(pre_save, sender=TreatmentPage)
def guide_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    """A whole save (publishing, unpublishing): a draft's save names its fields."""
    if not raw and update_fields is None:
        remember_who_lists(instance)


@receiver(page_published, sender=TreatmentPage)
@receiver(page_unpublished, sender=TreatmentPage)
def guide_changed(sender, instance, **kwargs):
    purge_guide(instance)


@receiver(pre_delete, sender=TreatmentPage)
def guide_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_guide(instance)


@receiver(m2m_changed, sender=TreatmentPage.concerns.through)
def guide_concerns_changed(sender, instance, action, **kwargs):
    """New concerns (saved with the page, or set on the table directly): the guide is listed by
    others, and lists others, by its concerns."""
    if not isinstance(instance, TreatmentPage) or not instance.live:
        return
    if action.startswith("pre_"):
        remember_who_lists(instance)
    else:
        purge_guide(instance)


@receiver(page_published, sender=TreatmentIndexPage)
@receiver(page_unpublished, sender=TreatmentIndexPage)
@receiver(pre_delete, sender=TreatmentIndexPage)
def index_changed(sender, instance, **kwargs):
    store.purge_all()  # navigation and breadcrumbs show it on every page


def purge_users(used) -> None:
    """The live pages that use ``used`` (a saved FAQ, an image...), as Wagtail's reference index
    (its "Usage" listing) knows them."""
    users = ReferenceIndex.get_references_to(used).group_by_source_object()
    store.purge_pages(
        source for source, _references in users if isinstance(source, Page) and source.live
    )


@receiver(published, sender=FrequentlyAskedQuestion)
@receiver(unpublished, sender=FrequentlyAskedQuestion)
@receiver(pre_delete, sender=FrequentlyAskedQuestion)
def faq_changed(sender, instance, **kwargs):
    purge_users(instance)


@receiver(post_save, sender=get_image_model())
@receiver(pre_delete, sender=get_image_model())
def image_changed(sender, instance, raw=False, created=False, **kwargs):
    """A new file for an image (Wagtail deletes its old renditions: a cached page would show a
    broken picture), new focal point, or an image deleted: the pages that show it."""
    if not raw and not created:
        purge_users(instance)


@receiver(post_save, sender=SkinConcern)
@receiver(post_delete, sender=SkinConcern)
def concern_changed(sender, instance, raw=False, **kwargs):
    """Indexes list every concern, guides show theirs (the home page purges itself: home/)."""
    if raw:
        return
    pages = list(TreatmentIndexPage.objects.live())
    if instance.pk:
        # A translated guide may be tagged with the English concern: any translation counts.
        pages += (
            TreatmentPage.objects.live()
            .filter(concerns__translation_key=instance.translation_key)
            .distinct()
        )
    store.purge_pages(pages)
