"""Reading a backup passphrase from a file, never from the command line (where ``ps`` and the
shell's history would show it)."""

from pathlib import Path

from django.core.management.base import CommandError

FILE_HELP = (
    "A file whose first line is the passphrase (e.g. one your secrets manager writes, mode 0600)."
)


def read_passphrase(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise CommandError(f"Cannot read the passphrase file {path}: {error.strerror}.") from error
    passphrase = lines[0] if lines else ""
    if not passphrase:
        raise CommandError(
            f"The passphrase file {path} is empty: its first line is the passphrase."
        )
    return passphrase
