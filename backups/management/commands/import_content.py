"""Restore a backup made by export_content into an empty, migrated database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import RestoreError, restore_from
from backups.passphrase import FILE_HELP, read_passphrase


class Command(BaseCommand):
    help = (
        "Restore a backup from export_content into an empty database (run migrate first). "
        "Refuses if the database already holds any content, accounts or feedback."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file, e.g. backup.zip")
        parser.add_argument(
            "--passphrase-file",
            type=Path,
            help=f"For an encrypted backup: the passphrase it was made with. {FILE_HELP}",
        )

    def handle(self, *args, path: Path, passphrase_file: Path | None = None, **options):
        if not path.exists():
            raise CommandError(f"No backup file at {path}.")
        passphrase = read_passphrase(passphrase_file)
        try:
            manifest = restore_from(path, passphrase=passphrase)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest['objects']} records and {manifest['files']} files from {path}."
            )
        )
