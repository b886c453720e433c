"""Create or repair the Editors and Clinical reviewers groups and the Clinical review workflow."""

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Page, Site

from governance.models import reviewed_page_models
from governance.roles import setup_roles


def reviewed_section(site_root: Page) -> Page | None:
    """The page reviewed pages are created under (the treatments index), if the site has one."""
    parents = {
        parent for model in reviewed_page_models() for parent in model.allowed_parent_page_models()
    }
    return Page.objects.descendant_of(site_root).type(*parents).first() if parents else None


class Command(BaseCommand):
    help = (
        "Set up staff roles: Editors (write, submit for review, never publish), Clinical "
        "reviewers (approve and publish) and the Clinical review workflow on the treatments index."
    )

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError(
                "There is no default site yet: create one first (in development, "
                "load_initial_data builds the demo site)."
            )
        index = reviewed_section(site.root_page)
        changes = setup_roles(site.root_page, index)
        if index is None:
            self.stdout.write(
                self.style.WARNING("No treatments index yet: the review workflow is not assigned.")
            )
        if changes:
            self.stdout.write(self.style.SUCCESS("Roles updated:"))
            for change in changes:
                self.stdout.write(f"  + {change}")
        else:
            self.stdout.write(self.style.SUCCESS("Roles and workflow already in place."))
