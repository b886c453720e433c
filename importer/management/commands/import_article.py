"""Import existing articles as draft treatment guides, in bulk.

    python manage.py import_article articles/*.docx [--parent treatments] [--user alice]

Each file becomes a draft guide (never published) under the treatments index, with the same
report an editor sees in the admin. A file that cannot be imported is reported and skipped; the
others are still imported, and the command then exits with status 1.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from articles.models import TreatmentIndexPage
from importer.document import ArticleError
from importer.importing import import_article
from importer.parsing import check_size, parse_file


class Command(BaseCommand):
    help = "Import article files (.html, .md, .txt, .docx) as draft treatment guides."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Article files to import.")
        parser.add_argument(
            "--parent",
            help=(
                "The treatments index to add the guides under, by page id or slug. "
                "Needed only if the site has more than one."
            ),
        )
        parser.add_argument(
            "--user",
            help="Username the drafts are created by (shown in the page history). Optional.",
        )

    def handle(self, *args, **options) -> None:
        parent = self.find_parent(options["parent"])
        user = self.find_user(options["user"])
        files: list[str] = options["files"]
        failed = 0
        for number, name in enumerate(files, start=1):
            self.stdout.write(f"[{number}/{len(files)}] {name}")
            try:
                self.import_file(Path(name), parent, user)
            except (ArticleError, OSError, PermissionDenied) as error:
                failed += 1
                message = error.strerror if isinstance(error, OSError) else str(error)
                self.stdout.write(self.style.ERROR(f"  Not imported: {message}"))
            except Exception as error:  # one broken file must not stop the batch
                failed += 1
                self.stdout.write(
                    self.style.ERROR(f"  Not imported: unexpected error ({error!r}).")
                )
        imported = len(files) - failed
        summary = f"Imported {imported} of {len(files)} article(s) as draft guides."
        if failed:
            raise CommandError(f"{summary} {failed} failed: see above.")
        self.stdout.write(self.style.SUCCESS(summary))

    def import_file(self, path: Path, parent: TreatmentIndexPage, user) -> None:
        check_size(path.stat().st_size)
        article = parse_file(path.read_bytes(), path.name)
        result = import_article(article, parent=parent, user=user, source_name=path.name)
        edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "wagtailadmin_pages:edit", args=[result.page.pk]
        )
        self.stdout.write(self.style.SUCCESS(f"  Draft guide: {edit_url}"))
        for line in result.report.as_text():
            self.stdout.write(f"  {line}")

    def find_parent(self, wanted: str | None) -> TreatmentIndexPage:
        indexes = TreatmentIndexPage.objects.order_by("path")
        if wanted:
            lookup = {"pk": int(wanted)} if wanted.isdigit() else {"slug": wanted}
            found = indexes.filter(**lookup).first()
            if found is None:
                raise CommandError(f"No treatments index with id or slug '{wanted}'.")
            return found
        count = indexes.count()
        if count == 0:
            raise CommandError("There is no treatments index yet: create one first.")
        if count > 1:
            choices = ", ".join(f"{index.pk} ({index.slug})" for index in indexes)
            raise CommandError(f"Choose a treatments index with --parent: {choices}.")
        return indexes.get()

    def find_user(self, username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called '{username}'.")
        return user
