"""What to purge from the page cache when guides, the guide index, FAQs or skin concerns change.

The whole purge table is in pagecache/signals.py.
"""

from collections.abc import Iterator

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, published, unpublished

from pagecache import store

from .models import FrequentlyAskedQuestion, SkinConcern, TreatmentIndexPage, TreatmentPage


def purge_guide(guide: TreatmentPage) -> None:
    """The guide and its handout, the pages above it (its index and home list it), the guides
    sharing a concern with it (they list it under "Related guides"), and its translations with the
    pages above them: each links the others (hreflang, the language switch) and a translation
    says when it is out of date with the English version."""

    def pages() -> Iterator[Page]:  # looked up only if purges are on (not in bulk loads)
        yield guide.specific
        yield from guide.get_ancestors().live().specific()
        for translation in guide.get_translations().live().specific():
            yield translation
            yield from translation.get_ancestors().live().specific()
        keys = list(guide.specific.concerns.values_list("translation_key", flat=True))
        yield from TreatmentPage.objects.filter(concerns__translation_key__in=keys).distinct()

    store.purge_pages(pages())


@receiver(page_published, sender=TreatmentPage)
@receiver(page_unpublished, sender=TreatmentPage)
def guide_changed(sender, instance, **kwargs):
    purge_guide(instance)


@receiver(pre_delete, sender=TreatmentPage)
def guide_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_guide(instance)


@receiver(m2m_changed, sender=TreatmentPage.concerns.through)
def guide_concerns_changed(sender, instance, **kwargs):
    if isinstance(instance, TreatmentPage) and instance.live:
        purge_guide(instance)


@receiver(page_published, sender=TreatmentIndexPage)
@receiver(page_unpublished, sender=TreatmentIndexPage)
@receiver(pre_delete, sender=TreatmentIndexPage)
def index_changed(sender, instance, **kwargs):
    store.purge_all()  # navigation and breadcrumbs show it on every page


def purge_faq_users(faq: FrequentlyAskedQuestion) -> None:
    users = ReferenceIndex.get_references_to(faq).group_by_source_object()
    store.purge_pages(
        source for source, _references in users if isinstance(source, Page) and source.live
    )


@receiver(published, sender=FrequentlyAskedQuestion)
@receiver(unpublished, sender=FrequentlyAskedQuestion)
@receiver(pre_delete, sender=FrequentlyAskedQuestion)
def faq_changed(sender, instance, **kwargs):
    purge_faq_users(instance)


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
