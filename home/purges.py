"""What to purge from the page cache when the home page, the urgent help notice or a skin concern
(listed under "browse by concern") changes. The whole purge table is in pagecache/signals.py."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from articles.models import SkinConcern
from pagecache import store

from .models import HomePage, UrgentHelpSettings, UrgentHelpTranslation


@receiver(page_published, sender=HomePage)
@receiver(page_unpublished, sender=HomePage)
@receiver(pre_delete, sender=HomePage)
def home_changed(sender, instance, **kwargs):
    store.purge_all()  # navigation and breadcrumbs show it on every page


@receiver(post_save, sender=UrgentHelpSettings)
def notice_changed(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return  # Wagtail creates an empty notice on first use: nothing visible changed
    store.purge_all()  # shown on every page


@receiver(post_save, sender=UrgentHelpTranslation)
@receiver(post_delete, sender=UrgentHelpTranslation)
def notice_version_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        store.purge_all()  # the notice in another language is shown on every page in it


@receiver(post_save, sender=SkinConcern)
@receiver(post_delete, sender=SkinConcern)
def concern_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        store.purge_pages(HomePage.objects.live())
