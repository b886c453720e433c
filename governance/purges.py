"""What to purge from the page cache when a guide's review status changes, or a reviewer's name:
the guide and its handout show who reviewed it and when. The whole purge table is in
pagecache/signals.py."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from pagecache import store

from .models import ClinicianProfile, ReviewStatus, TranslationStatus


@receiver(post_save, sender=ReviewStatus)
def review_status_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loading a backup: the restore purges everything at the end
    page = instance.page.specific
    if page.live:
        store.purge_pages([page])


@receiver(post_save, sender=ClinicianProfile)
def reviewer_changed(sender, instance, raw=False, **kwargs):
    """Guides show the name, credentials and role of the clinician who reviewed them."""
    if raw:
        return
    statuses = ReviewStatus.objects.filter(review__reviewer=instance).select_related("page")
    store.purge_pages(status.page.specific for status in statuses if status.page.live)


@receiver(post_save, sender=TranslationStatus)
def translation_status_changed(sender, instance, raw=False, **kwargs):
    """A translation shows a notice when the English guide changed since it was made."""
    if raw:
        return
    page = instance.page.specific
    if page.live:
        store.purge_pages([page])
