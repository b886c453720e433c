"""Deleting a picture or document needs a reviewer's permission, because it changes live guides.

Wagtail's collection permission policy treats "delete" as the same as "change", so removing
``delete_image`` from the Editors group alone stops nothing: an editor who may change pictures (to
fix a title or a focal point) could still delete one shown on a reviewed guide, in the admin or
through the API. Here "delete" needs the real ``delete_image`` / ``delete_document`` permission
in the item's collection (given to Clinical reviewers by governance's ``setup_roles``), or a
superuser. The rule names no role, so it lives here and is applied once Wagtail's own apps have
registered their policies (``portal.apps``).
"""

from django.contrib.auth.models import Permission

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission
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
