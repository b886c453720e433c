"""Purges that follow from Wagtail itself: a page's own addresses, moves, sites and privacy.

What else shows a page, a snippet or a setting is for the app that owns it to purge, in its
``purges.py`` (articles, glossary, governance, home); this app imports none of their models.
Every purge runs at once and again after commit (pagecache/store.py). The whole table:

==============================  ===================================================================
What changed                    Pages purged
==============================  ===================================================================
any page (publish, unpublish,   its own addresses, from ``Page.get_cached_paths()`` (here)
delete)
a guide (publish, unpublish,    the guide and its handout, its index, the home page, guides
delete, concerns edited)        sharing a concern with it (they list it under "Related guides"),
                                and its translations with their index and home page (they link
                                each other's language; articles/purges.py)
home, index or glossary page    everything: navigation and breadcrumbs show them on every page
(publish, unpublish, delete)    (home/, articles/, glossary/ purges.py)
a page moved                    everything: every address under its old and new place (here)
a review status, or the name    the guide and its handout (governance/purges.py)
of its reviewer
a shared FAQ                    every guide that uses it, from Wagtail's reference index
                                (articles/purges.py)
a skin concern                  indexes and the guides tagged with it (articles/purges.py), the
                                home page (home/purges.py)
a glossary term, the urgent     everything: terms and the notice appear everywhere
help notice                     (glossary/purges.py, home/purges.py)
a site (its address, home page  everything: pages are routed from their site, which a cache
or name), a locale              miss takes from the cache (pagecache/sitewide.py); guides'
                                structured data names their locale's language (here)
who may see a page or a         everything (a page made private, or one under a private section,
collection (view restrictions)  must vanish from its own address, its handout, listings and other
                                guides' related guides); at a CDN, the page and those below it
                                (here)
==============================  ===================================================================
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cdn, store


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if not instance.is_root():
        store.purge_pages([instance])


@receiver(pre_delete, sender=Page)
def page_deleted(sender, instance, **kwargs):
    if instance.live and not instance.is_root():
        store.purge_pages([instance])


@receiver(post_page_move)
def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    store.purge_all()  # every address under the old and new place may have changed


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def site_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        store.purge_all()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def privacy_changed(sender, instance, raw=False, **kwargs):
    """A restriction on a page covers every page below it, and private media may show on any
    guide: purge everything, now and again after commit, so that a page rendered while the change
    was being saved (and still public in its own view of the database) is not kept either."""
    if raw:
        return
    store.purge_all()
    if sender is PageViewRestriction and cdn.enabled():
        page = Page.objects.filter(pk=instance.page_id).first()  # gone if it is being deleted
        if page is not None:
            below = page.get_descendants(inclusive=True).live().specific()
            cdn.purge_urls(store.page_urls(below))
