"""Staff roles and the clinical review workflow, set up the same way on every site.

* **Editors** write and edit guides, concerns, shared FAQs, glossary words and images, make
  handout packs, and submit guides for review. They never hold publish permission: anyone who
  can publish skips a workflow.
* **Clinical reviewers** approve guides in the "Clinical review" workflow, which publishes them,
  publish shared FAQs, and change the urgent-help notice (emergency advice on every page, live
  as soon as it is saved, so a clinician owns it).
* **Site administrators** are Wagtail superusers and can do everything.

:func:`setup_roles` is idempotent: run it as often as you like (``manage.py setup_roles``;
``load_initial_data`` calls it).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import ClinicalReviewTask
from .reviews import REVIEWERS_GROUP

EDITORS_GROUP = "Editors"
WORKFLOW_NAME = "Clinical review"
DEFAULT_WORKFLOW_NAME = "Moderators approval"  # created by Wagtail's own migrations

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
# Deleting a picture or document changes live guides at once, without review: only reviewers may
# (Wagtail's own migrations give its default Editors group these; setup_roles takes them back).
REVIEWER_COLLECTION_PERMISSIONS = {
    "wagtailimages": [*COLLECTION_PERMISSIONS["wagtailimages"], "delete_image"],
    "wagtaildocs": [*COLLECTION_PERMISSIONS["wagtaildocs"], "delete_document"],
}
EDITOR_FORBIDDEN_COLLECTION_PERMISSIONS = ("delete_image", "delete_document")
EDITOR_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "articles.add_skinconcern",
    "articles.change_skinconcern",
    "articles.add_frequentlyaskedquestion",
    "articles.change_frequentlyaskedquestion",
    "glossary.add_glossaryterm",
    "glossary.change_glossaryterm",
    # Handout packs print only published, reviewed guides: making one changes nothing patients
    # read online.
    "handouts.add_handoutpack",
    "handouts.change_handoutpack",
    "handouts.delete_handoutpack",
]
REVIEWER_MODEL_PERMISSIONS = [
    *EDITOR_MODEL_PERMISSIONS,
    "articles.publish_frequentlyaskedquestion",
    "home.change_urgenthelpsettings",
    "governance.add_clinicianprofile",
    "governance.change_clinicianprofile",
]


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


class RoleSetup:
    def __init__(self):
        self.changes: list[str] = []

    def group(self, name: str, model_permissions: list[str]) -> Group:
        group, created = Group.objects.get_or_create(name=name)
        if created:
            self.changes.append(f"group '{name}'")
        wanted = {_permission(dotted) for dotted in model_permissions}
        missing = wanted - set(group.permissions.all())
        if missing:
            group.permissions.add(*missing)
            self.changes.append(f"{len(missing)} permission(s) for '{name}'")
        return group

    def page_permissions(
        self, group: Group, page: Page, codenames: list[str], forbidden: tuple[str, ...] = ()
    ) -> None:
        page_type = ContentType.objects.get_for_model(Page)
        # A forbidden permission goes wherever it was given (an editor must never hold publish).
        stray = GroupPagePermission.objects.filter(group=group, permission__codename__in=forbidden)
        if stray.exists():
            self.changes.append(f"removed {stray.count()} {'/'.join(forbidden)} from '{group}'")
            stray.delete()
        for codename in codenames:
            permission = Permission.objects.get(content_type=page_type, codename=codename)
            _obj, created = GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )
            if created:
                self.changes.append(f"'{group}' can {codename.replace('_page', '')} pages")

    def collection_permissions(
        self,
        group: Group,
        permissions: dict[str, list[str]],
        forbidden: tuple[str, ...] = (),
    ) -> None:
        root = Collection.get_first_root_node()
        # A forbidden permission goes from every collection it was given on.
        stray = GroupCollectionPermission.objects.filter(
            group=group, permission__codename__in=forbidden
        )
        if stray.exists():
            self.changes.append(f"removed {stray.count()} {'/'.join(forbidden)} from '{group}'")
            stray.delete()
        for app_label, codenames in permissions.items():
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
                _obj, created = GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )
                if created:
                    self.changes.append(f"'{group}' can {codename.split('_')[0]} {app_label[7:]}")

    def workflow(self, reviewers: Group, section: Page) -> Workflow:
        task = ClinicalReviewTask.objects.filter(name=WORKFLOW_NAME).first()
        if task is None:
            task = ClinicalReviewTask.objects.create(name=WORKFLOW_NAME)
            self.changes.append(f"workflow task '{WORKFLOW_NAME}'")
        if set(task.groups.all()) != {reviewers}:
            task.groups.set([reviewers])
        workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        if created:
            self.changes.append(f"workflow '{WORKFLOW_NAME}'")
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

        for default in Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME, active=True):
            default.deactivate()  # also cancels anything waiting in it
            self.changes.append(f"turned off Wagtail's '{DEFAULT_WORKFLOW_NAME}' workflow")
        assignment = WorkflowPage.objects.filter(page=section).first()
        if assignment is None or assignment.workflow_id != workflow.pk:
            WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
            self.changes.append(f"'{WORKFLOW_NAME}' workflow on '{section.title}'")
        return workflow


@transaction.atomic
def setup_roles(site_root: Page, treatments_section: Page | None) -> list[str]:
    """Create or repair the Editors and Clinical reviewers groups and the review workflow.

    Page permissions apply from ``site_root`` down; the workflow applies to
    ``treatments_section`` (the treatments index) and every guide in it. Returns what changed.
    """
    setup = RoleSetup()
    editors = setup.group(EDITORS_GROUP, EDITOR_MODEL_PERMISSIONS)
    reviewers = setup.group(REVIEWERS_GROUP, REVIEWER_MODEL_PERMISSIONS)
    # Editors lose anything else they were given (Wagtail's default Editors group, for example).
    stray = editors.permissions.exclude(
        pk__in=[_permission(dotted).pk for dotted in EDITOR_MODEL_PERMISSIONS]
    ).filter(
        Q(codename__startswith="publish_") | Q(codename__in=EDITOR_FORBIDDEN_COLLECTION_PERMISSIONS)
    )
    if stray.exists():
        editors.permissions.remove(*stray)
        setup.changes.append("removed publish and media delete permissions from 'Editors'")
    setup.page_permissions(
        editors, site_root, EDITOR_PAGE_PERMISSIONS, forbidden=("publish_page", "bulk_delete_page")
    )
    setup.page_permissions(reviewers, site_root, REVIEWER_PAGE_PERMISSIONS)
    setup.collection_permissions(
        editors, COLLECTION_PERMISSIONS, forbidden=EDITOR_FORBIDDEN_COLLECTION_PERMISSIONS
    )
    setup.collection_permissions(reviewers, REVIEWER_COLLECTION_PERMISSIONS)
    if treatments_section is not None:
        setup.workflow(reviewers, treatments_section)
    return setup.changes
