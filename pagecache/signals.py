"""Purge exactly the cached pages that show what changed.

=============================  ===================================================================
What changed                   Pages purged
=============================  ===================================================================
a guide (publish, unpublish,   the guide and its handout, its index, the home page, and guides
delete, move)                  sharing a concern with it (they list it under "Related guides")
home, index or glossary page   everything (navigation and breadcrumbs show them on every page)
a review status                the guide and its handout
a shared FAQ                   every guide that uses it (from Wagtail's reference index)
a skin concern                 home, indexes and the guides tagged with it
a glossary term, a setting     everything (terms and the urgent-help notice appear everywhere)
who may see a page or a        everything, at once and again when the change is committed (a page
collection (view restrictions) made private, or one under a private section, must vanish from its
                               own address, its handout, listings and other guides' related guides)
=============================  ===================================================================
"""

from urllib.parse import urlparse

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from articles.models import FrequentlyAskedQuestion, SkinConcern, TreatmentIndexPage, TreatmentPage
from glossary.models import GlossaryTerm
from governance.models import ReviewStatus
from home.models import HomePage, UrgentHelpSettings

from . import store


def page_path(page) -> str:
    url = page.get_full_url()
    return urlparse(url).path if url else ""


def guide_paths(guides) -> list[str]:
    paths = []
    for guide in guides:
        path = page_path(guide)
        paths += [path, path + "aftercare/"]
    return paths


def purge_guide(guide: TreatmentPage) -> None:
    guide = guide.specific
    paths = guide_paths([guide])
    paths += [page_path(page) for page in guide.get_ancestors().live().specific()]
    concern_ids = [concern.pk for concern in guide.concerns.all()]
    paths += guide_paths(TreatmentPage.objects.filter(concerns__in=concern_ids).distinct())
    store.purge_paths(paths)


def purge_page(page) -> None:
    page = page.specific
    if isinstance(page, TreatmentPage):
        purge_guide(page)
    elif isinstance(page, Page) and not page.is_root():
        store.purge_all()


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    purge_page(instance)


@receiver(post_page_move)
def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    store.purge_all()  # every address under the old and new place may have changed


@receiver(pre_delete, sender=TreatmentPage)
def guide_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_guide(instance)


@receiver(pre_delete, sender=HomePage)
@receiver(pre_delete, sender=TreatmentIndexPage)
def section_deleted(sender, instance, **kwargs):
    store.purge_all()


@receiver(post_save, sender=ReviewStatus)
def review_status_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loading a backup: the restore purges everything at the end
    page = instance.page.specific
    if page.live:
        store.purge_paths(guide_paths([page]))


def purge_faq_users(faq) -> None:
    users = ReferenceIndex.get_references_to(faq).group_by_source_object()
    guides = [source for source, _references in users if isinstance(source, Page) and source.live]
    store.purge_paths(guide_paths(guides))


@receiver(published, sender=FrequentlyAskedQuestion)
@receiver(unpublished, sender=FrequentlyAskedQuestion)
def faq_changed(sender, instance, **kwargs):
    purge_faq_users(instance)


@receiver(pre_delete, sender=FrequentlyAskedQuestion)
def faq_deleted(sender, instance, **kwargs):
    purge_faq_users(instance)


@receiver(post_save, sender=SkinConcern)
@receiver(post_delete, sender=SkinConcern)
def concern_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    paths = [page_path(page) for page in HomePage.objects.live()]
    paths += [page_path(page) for page in TreatmentIndexPage.objects.live()]
    if instance.pk:
        paths += guide_paths(TreatmentPage.objects.live().filter(concerns=instance))
    store.purge_paths(paths)


@receiver(m2m_changed, sender=TreatmentPage.concerns.through)
def guide_concerns_changed(sender, instance, **kwargs):
    if isinstance(instance, TreatmentPage) and instance.live:
        purge_guide(instance)


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
@receiver(post_save, sender=UrgentHelpSettings)
def shown_everywhere_changed(sender, instance, created=False, raw=False, **kwargs):
    if raw or (sender is UrgentHelpSettings and created):
        return  # Wagtail creates an empty notice on first use: nothing visible changed
    store.purge_all()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def privacy_changed(sender, instance, raw=False, **kwargs):
    """A restriction on a page covers every page below it, and private media may show on any
    guide: purge everything now, and again after commit, so that a page rendered while the change
    was being saved (and still public in its own view of the database) is not kept either."""
    if raw:
        return
    store.purge_all()
    transaction.on_commit(store.purge_all)
