"""Keep each guide's review status in step with what patients see."""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from .reviews import refresh_review_status


def _is_reviewed_page(page) -> bool:
    return hasattr(page, "review_interval_months")


@receiver(page_published)
def review_status_follows_published_version(sender, instance, **kwargs):
    """A newly published version keeps its review only if it is the version that was reviewed."""
    if _is_reviewed_page(instance):
        refresh_review_status(instance)


@receiver(page_unpublished)
def review_status_follows_unpublishing(sender, instance, **kwargs):
    if _is_reviewed_page(instance):
        refresh_review_status(instance)
