"""Deleting a picture or document, or replacing the file of one that live guides show, needs a
reviewer's permission, because either changes what patients see without a clinical review.

Wagtail's collection permission policy treats "delete" as the same as "change", so removing
``delete_image`` from the Editors group alone stops nothing: an editor who may change pictures (to
fix a title or a focal point) could still delete one shown on a reviewed guide, in the admin or
through the API. Here "delete" needs the real ``delete_image`` / ``delete_document`` permission
in the item's collection (given to Clinical reviewers by governance's ``setup_roles``), or a
superuser. The rule names no role, so it lives here and is applied once Wagtail's own apps have
registered their policies (``portal.apps``).
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.models import Collection, GroupCollectionPermission, Page, ReferenceIndex
from wagtail.permissions import policy_registry


def may_delete(user, instance) -> bool:
    """True if ``user`` holds the real delete permission in ``instance``'s collection."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    meta = instance._meta
    collections = Collection.objects.filter(
        pk__in=instance.collection.get_ancestors(inclusive=True).values("pk")
    )
    return GroupCollectionPermission.objects.filter(
        group__user=user,
        collection__in=collections,
        permission__in=Permission.objects.filter(
            content_type__app_label=meta.app_label, codename=f"delete_{meta.model_name}"
        ),
    ).exists()


class ReviewedDeletion:
    """Mixed into Wagtail's media permission policies (see :func:`protect_media_deletion`)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and not may_delete(user, instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = list(actions)
        if "delete" in actions and not may_delete(user, instance):
            actions.remove("delete")
            if not actions:
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


def protect_media_deletion() -> None:
    """Give the registered image and document policies the reviewed-deletion rule, in place:
    Wagtail's views, bulk actions and API all use these same policy objects."""
    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        if isinstance(policy, ReviewedDeletion):
            continue
        policy.__class__ = type(
            f"Reviewed{type(policy).__name__}", (ReviewedDeletion, type(policy)), {}
        )


def live_pages_using(instance) -> list[Page]:
    """The live pages whose published version shows ``instance`` (Wagtail's reference index)."""
    page_ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=ReferenceIndex._get_base_content_type(Page))
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]).order_by("title"))


class ReviewedFileReplacement:
    """Mixed into the image and document edit forms (``WAGTAILIMAGES_IMAGE_FORM_BASE``,
    ``WAGTAILDOCS_DOCUMENT_FORM_BASE``): someone who may not delete an item may not swap its
    file either while a live guide shows it. They upload a new one and choose it in the guide,
    which then goes through clinical review. Titles, alt text, tags and focal points stay
    editable."""

    replace_refused = _(
        "This file is shown on live guides ({pages}), so replacing it needs a clinical reviewer. "
        "Upload it as a new item instead and choose it in the guide: the change then goes "
        "through clinical review."
    )

    def __init__(self, *args, user=None, **kwargs):
        self.editing_user = user
        super().__init__(*args, user=user, **kwargs)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        replacing = self.instance.pk and "file" in self.changed_data
        if replacing and self.editing_user and not may_delete(self.editing_user, self.instance):
            pages = live_pages_using(self.instance)
            if pages:
                shown = 5  # titles named in the message; the rest are counted
                titles = ", ".join(page.title for page in pages[:shown])
                if len(pages) > shown:
                    titles += format_lazy(_(" and {count} more"), count=len(pages) - shown)
                raise ValidationError(format_lazy(self.replace_refused, pages=titles))
        return file


class ReviewedImageForm(ReviewedFileReplacement, BaseImageForm):
    pass


class ReviewedDocumentForm(ReviewedFileReplacement, BaseDocumentForm):
    pass
