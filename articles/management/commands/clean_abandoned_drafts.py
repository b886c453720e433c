"""List, then delete, guides that were started and abandoned: a title and nothing else."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import WorkflowState

from articles.blocks.stream import is_empty_part
from articles.models import TreatmentPage


def abandoned_drafts(days: int) -> list[TreatmentPage]:
    """Guides never published, never sent for review, untouched for ``days`` days, that hold
    nothing but a title (no summary, every section empty): what typing a title and walking away
    used to leave behind when the admin autosaved new pages."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    candidates = (
        TreatmentPage.objects.filter(
            live=False,
            first_published_at__isnull=True,
            last_published_at__isnull=True,
            latest_revision_created_at__lt=cutoff,
        )
        .order_by("latest_revision_created_at", "pk")
        .select_related("owner")
    )
    drafts = []
    for page in candidates:
        if WorkflowState.objects.filter(
            base_content_type_id=page.get_base_content_type().pk, object_id=str(page.pk)
        ).exists():
            continue
        latest = page.get_latest_revision_as_object()
        if (latest.summary or "").strip() or not all(is_empty_part(c) for c in latest.body):
            continue
        drafts.append(page)
    return drafts


class Command(BaseCommand):
    help = (
        "List guides abandoned after a title was typed (never published, never sent for review, "
        "nothing but a title, untouched for --days days). Deletes them only with --delete."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=30,
            help="Only drafts untouched for at least this many days (default 30).",
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Delete the drafts listed (without it, nothing is changed).",
        )

    def handle(self, *args, days: int, delete: bool, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        drafts = abandoned_drafts(days)
        if not drafts:
            self.stdout.write(self.style.SUCCESS(f"No abandoned drafts older than {days} days."))
            return
        self.stdout.write(f"{len(drafts)} abandoned draft(s) older than {days} days:")
        for page in drafts:
            owner = page.owner.get_username() if page.owner else "nobody"
            edited = timezone.localtime(page.latest_revision_created_at)
            self.stdout.write(
                f"  - #{page.pk} '{page.title}' (started by {owner}, last edited {edited:%Y-%m-%d})"
            )
        if not delete:
            self.stdout.write(
                self.style.WARNING("Dry run: nothing deleted. Add --delete to delete them.")
            )
            return
        for page in drafts:
            DeletePageAction(page).execute(skip_permission_checks=True)
        self.stdout.write(self.style.SUCCESS(f"Deleted {len(drafts)} abandoned draft(s)."))
