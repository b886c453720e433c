"""Back up all content (pages with revisions, snippets, images, documents, settings, users)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import export_to
from backups.passphrase import FILE_HELP, read_passphrase


class Command(BaseCommand):
    help = (
        "Write every page, revision, snippet, image, document, setting and staff account to a "
        "zip file (content, not secrets: see docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file to write, e.g. backup.zip")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="Also keep staff password hashes, so staff sign in as before after a restore. "
            "Keep such a file as safe as the database itself.",
        )
        parser.add_argument(
            "--without-accounts",
            action="store_true",
            help="Leave out staff accounts (names, emails, groups) and what must name one "
            "(comments on drafts, user profiles); pages, revisions and reviews keep no author. "
            "Staff accounts are then made anew after a restore.",
        )
        parser.add_argument(
            "--passphrase-file",
            type=Path,
            help="Encrypt the backup with a passphrase (AES-256-GCM, key from scrypt); restoring "
            f"it then needs the same passphrase. {FILE_HELP}",
        )

    def handle(
        self,
        *args,
        path: Path,
        with_passwords: bool = False,
        passphrase_file: Path | None = None,
        without_accounts: bool = False,
        **options,
    ):
        if with_passwords and without_accounts:
            raise CommandError("--with-passwords keeps accounts: drop it or --without-accounts.")
        passphrase = read_passphrase(passphrase_file)
        manifest = export_to(
            path,
            with_passwords=with_passwords,
            passphrase=passphrase,
            with_accounts=not without_accounts,
        )
        for note in manifest["notes"]:
            self.stdout.write(self.style.WARNING(note))
        if without_accounts:
            passwords = "no staff accounts"
        elif with_passwords:
            passwords = "staff password hashes included"
        else:
            passwords = "no passwords: staff set new ones after a restore"
        encrypted = "encrypted, " if passphrase else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {path} ({encrypted}readable by you only): {manifest['objects']} records "
                f"and {manifest['files']} files; {passwords}. Two-factor devices, API tokens and "
                "sign-in logs are never included."
            )
        )
