"""Clinical review for guides published through the API, as when published in the admin.

A clinical reviewer who publishes a guide in the admin records a review (governance's
``after_publish_page`` hook). The API runs no admin hooks, so its views name the user who is
writing in :data:`api_user`, and publishing a guide then records the review of that revision.
"""

from contextvars import ContextVar

from django.dispatch import receiver

from wagtail.signals import page_published

from articles.models import TreatmentPage
from governance.models import ClinicalReview
from governance.reviews import is_clinical_reviewer, record_review

#: The user behind the API request being handled (None outside API writes).
api_user: ContextVar = ContextVar("api_user", default=None)


@receiver(page_published)
def record_review_for_api_publish(sender, instance, revision=None, **kwargs):
    user = api_user.get()
    if user is None or not isinstance(instance, TreatmentPage) or not is_clinical_reviewer(user):
        return
    if revision is None or ClinicalReview.objects.filter(revision=revision).exists():
        return
    record_review(instance, user, method=ClinicalReview.Method.PUBLISHED, revision=revision)
