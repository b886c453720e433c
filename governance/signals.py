"""Keep each reviewed page's review status in step with what patients see, and record a review when
a clinical reviewer publishes through the API (the admin's ``after_publish_page`` hook does it for
the admin; both use :func:`governance.reviews.record_direct_publish`)."""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

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


@receiver(page_unpublished)
def review_status_follows_unpublishing(sender, instance, **kwargs):
    if isinstance(instance, ReviewedPage):
        refresh_review_status(instance)
