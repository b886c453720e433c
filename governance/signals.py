"""Keep each reviewed page's review status, and each translation's "out of date with the English
version" status, in step with what patients see; record a review when a clinical reviewer
publishes through the API or wagtail-localize's translation editor (the admin's
``after_publish_page`` hook does it for the page editor; all use
:func:`governance.reviews.record_direct_publish`)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.models import Page, Revision
from wagtail.signals import page_published, page_unpublished

from wagtail_localize.models import TranslationSource

from . import translations
from .models import ReviewedPage
from .reviews import publishing_user, record_direct_publish, refresh_review_status


@receiver(page_published)
def review_status_follows_published_version(sender, instance, revision=None, **kwargs):
    """A newly published version keeps its review only if it is the version that was reviewed."""
    if not isinstance(instance, ReviewedPage):
        return
    publisher = publishing_user.get()
    if publisher is not None:
        record_direct_publish(instance, publisher, revision)
    refresh_review_status(instance)
    translations.refresh_after_publishing(instance)


@receiver(page_unpublished)
def review_status_follows_unpublishing(sender, instance, **kwargs):
    if isinstance(instance, ReviewedPage):
        refresh_review_status(instance)
        translations.refresh_after_publishing(instance)


def page_type_id() -> int:
    return ContentType.objects.get_for_model(Page).pk


@receiver(post_save, sender=Revision)
def remember_what_a_translation_was_made_from(sender, instance, created, raw=False, **kwargs):
    """Each saved version of a translated guide records the English version it came from."""
    if created and not raw and instance.base_content_type_id == page_type_id():
        translations.record_translated_from(instance)


@receiver(post_save, sender=TranslationSource)
def remember_which_version_was_synced(sender, instance, raw=False, **kwargs):
    """wagtail-localize took the English guide's text: remember which version it was."""
    if not raw:
        translations.record_source_sync(instance)
