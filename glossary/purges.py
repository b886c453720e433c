"""What to purge from the page cache when a glossary term or the glossary page changes: terms are
explained wherever they appear, so everything. The whole purge table is in pagecache/signals.py."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from pagecache import store

from .models import GlossaryPage, GlossaryTerm


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
def term_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        store.purge_all()


@receiver(page_published, sender=GlossaryPage)
@receiver(page_unpublished, sender=GlossaryPage)
@receiver(pre_delete, sender=GlossaryPage)
def glossary_page_changed(sender, instance, **kwargs):
    store.purge_all()  # navigation shows it on every page
