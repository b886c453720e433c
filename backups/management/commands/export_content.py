"""Back up all content (pages with revisions, snippets, images, documents, settings, users)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from backups.archive import export_to


class Command(BaseCommand):
    help = "Write every page, revision, snippet, image, document, setting and user to a zip file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file to write, e.g. backup.zip")

    def handle(self, *args, path: Path, **options):
        manifest = export_to(path)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {path}: {manifest['objects']} records and {manifest['files']} files."
            )
        )
