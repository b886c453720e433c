"""What to purge from the page cache when a guide's review status changes: the guide and its
handout show who reviewed it and when. The whole purge table is in pagecache/signals.py."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from pagecache import store

from .models import ReviewStatus


@receiver(post_save, sender=ReviewStatus)
def review_status_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loading a backup: the restore purges everything at the end
    page = instance.page.specific
    if page.live:
        store.purge_pages([page])
