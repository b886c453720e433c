"""Restore a backup made by export_content into an empty, migrated database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import RestoreError, restore_from


class Command(BaseCommand):
    help = (
        "Restore a backup from export_content into an empty database (run migrate first). "
        "Refuses if the database already holds any content, accounts or feedback."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file, e.g. backup.zip")

    def handle(self, *args, path: Path, **options):
        if not path.exists():
            raise CommandError(f"No backup file at {path}.")
        try:
            manifest = restore_from(path)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest['objects']} records and {manifest['files']} files from {path}."
            )
        )
