"""One-file backups of everything staff made: pages with every revision, snippets, images and
documents (with their files), settings, staff accounts, groups and permissions, workflows and
reviews.

A backup holds content, not secrets. Left out always: two-factor devices and recovery codes, API
tokens, headless-preview tokens, sign-in attempt logs (with IP addresses) and sessions. Staff
accounts come without their password hashes (everyone sets a password again after a restore)
unless ``with_passwords`` asks for them, or not at all without ``with_accounts``; pages or
collections behind a shared password come back as "signed-in staff only", without the password.
The file is readable by its owner only, and with a passphrase it is encrypted
(backups/encryption.py): restoring then needs the passphrase.

The data is Django's own serialisation with every id kept as it was (revisions, StreamField
choosers and workflow states refer to pages by id), content types and permissions included, so
it restores into any empty database at the same schema version, SQLite or PostgreSQL. Search and
reference indexes and image renditions are rebuilt, not stored.
"""

import datetime
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from wagtail.models import COMMENTS_RELATION_NAME

from pagecache.store import purge_all

from . import encryption

FORMAT_VERSION = 1
DATA_NAME = "data.json"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"

# Rebuilt or recreated on their own, or only meaningful to one running server.
# Search entries are rebuilt; the page cache's purge record only matters to running servers.
SKIPPED_APPS = {"sessions", "modelsearch", "wagtailsearch", "pagecache"}
SKIPPED_MODELS = {
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
    "wagtailcore.modellogentry",
}
# Credentials and personal logs: never in a backup.
SECRET_APPS = {"axes", "otp_totp", "otp_static", "wagtail_headless_preview"}
SECRET_MODELS = {"wagtailcore.apitoken"}
RESTRICTIONS = {"wagtailcore.pageviewrestriction", "wagtailcore.collectionviewrestriction"}

# What `migrate` itself creates in a new database: present in an empty one.
MADE_BY_MIGRATIONS = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "wagtailcore.locale",
    "wagtailcore.site",
    "wagtailcore.collection",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.grouppagepermission",
    "wagtailcore.workflow",
    "wagtailcore.workflowtask",
    "wagtailcore.workflowpage",
    "wagtailcore.task",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.page",
}


# Loaded first: everything else refers to them, and loading other rows may look them up.
FIRST_MODELS = ["contenttypes.contenttype", "auth.permission"]


def exported_models() -> list:
    models = [apps.get_model(label) for label in FIRST_MODELS]
    for model in apps.get_models():
        if model._meta.label_lower in FIRST_MODELS:
            continue
        label = model._meta.label_lower
        app = model._meta.app_label
        skipped = label in SKIPPED_MODELS | SECRET_MODELS or app in SKIPPED_APPS | SECRET_APPS
        if skipped or model._meta.proxy or not model._meta.managed:
            continue
        models.append(model)
    return models


def _media_files() -> list[str]:
    names = []
    for model_label, field in [("wagtailimages.image", "file"), ("wagtaildocs.document", "file")]:
        model = apps.get_model(model_label)
        names += [name for name in model.objects.values_list(field, flat=True) if name]
    return names


def _applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's rounds them to milliseconds,
    so a restored log, review or feedback time would differ from the original, and events in the
    same millisecond would lose their order)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _without_secrets(records: list[dict], with_passwords: bool) -> list[str]:
    """Blank what must not travel in a backup; returns warnings for the person making it."""
    notes = []
    for record in records:
        fields = record["fields"]
        password = fields.get("password") or ""
        if record["model"] == "auth.user" and not with_passwords and not password.startswith("!"):
            fields["password"] = make_password(None)  # unusable: set a new one after restoring
        elif record["model"] in RESTRICTIONS and fields.get("restriction_type") == "password":
            fields.update(restriction_type="login", password="")
            notes.append(
                f"{record['model'].split('.')[1]} {record['pk']}: shared password left out; "
                "restored as 'signed-in staff only'."
            )
    return notes


def _private_file(path: Path):
    """Open ``path`` for writing, readable and writable by its owner only (mode 0600)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through os.open
    return os.fdopen(descriptor, "wb")


def _tied_to_accounts() -> tuple[set[str], dict[str, list[str]]]:
    """Without accounts: the models that cannot exist without a user (the user model, and rows
    that must name a user or such a row: comments, profiles, subscriptions), and for every other
    model the fields that name a user (emptied: an author, an owner, a reviewer)."""
    user_model = get_user_model()
    dropped = {user_model._meta.label_lower}
    changed = True
    while changed:  # a reply needs its comment, which needs its user...
        changed = False
        for model in exported_models():
            label = model._meta.label_lower
            if label in dropped:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model
                if target and target._meta.label_lower in dropped and not field.null:
                    dropped.add(label)
                    changed = True
                    break
    emptied = {}
    for model in exported_models():
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if field.related_model and field.null
            if field.related_model._meta.label_lower in dropped
        ]
        if fields and model._meta.label_lower not in dropped:
            emptied[model._meta.label_lower] = fields
    return dropped, emptied


def _without_accounts(records: list[dict]) -> list[dict]:
    dropped, emptied = _tied_to_accounts()
    names_a_user = {name for names in emptied.values() for name in names}
    kept = [record for record in records if record["model"] not in dropped]
    for record in kept:
        fields = record["fields"]
        for name in emptied.get(record["model"], ()):
            if name in fields:  # a page type's own row holds only its own fields
                fields[name] = None
        content = fields.get("content") if record["model"] == "wagtailcore.revision" else None
        if isinstance(content, dict):
            # A revision is the whole page as saved: its owner, lock and comments name people too
            # (and would name missing accounts if the revision were published again).
            for name in names_a_user & content.keys():
                content[name] = None
            if COMMENTS_RELATION_NAME in content:
                content[COMMENTS_RELATION_NAME] = []
    return kept


def export_to(
    path: Path,
    with_passwords: bool = False,
    passphrase: str | None = None,
    with_accounts: bool = True,
) -> dict:
    """Write the backup to ``path`` (a zip file, mode 0600) and return its manifest. With a
    ``passphrase`` the zip file is encrypted with it (and never written unencrypted). Without
    accounts, no user (name, email, groups) is in it, nor what must name one (comments on
    drafts, user profiles); revisions, reviews and pages keep no author."""
    if with_passwords and not with_accounts:
        raise ValueError("Passwords belong to accounts: ask for both or for neither.")
    if passphrase is None:
        return _export_zip(path, with_passwords, with_accounts)
    with tempfile.TemporaryDirectory() as folder:  # mode 0700: this user's only
        plain = Path(folder) / "backup.zip"
        manifest = _export_zip(plain, with_passwords, with_accounts)
        with open(plain, "rb") as source, _private_file(path) as target:
            encryption.encrypt(source, target, passphrase)
    return {**manifest, "encrypted": True}


def _export_zip(path: Path, with_passwords: bool, with_accounts: bool) -> dict:
    objects = []
    for model in exported_models():
        objects.extend(model._base_manager.order_by("pk"))
    records = json.loads(serializers.serialize("json", objects, cls=_ExactJSONEncoder))
    if not with_accounts:
        records = _without_accounts(records)
    notes = _without_secrets(records, with_passwords)
    files = _media_files()
    manifest = {
        "format": FORMAT_VERSION,
        "objects": len(records),
        "files": len(files),
        "accounts": with_accounts,
        "passwords": with_passwords,
        "notes": notes,
        "migrations": _applied_migrations(),
    }
    with (
        _private_file(path) as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=1))
        archive.writestr(DATA_NAME, json.dumps(records))
        for name in files:
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as media:
                    archive.writestr(MEDIA_PREFIX + name, media.read())
    return manifest


def existing_data() -> list[str]:
    """What this database already holds beyond what `migrate` makes (empty list: empty)."""
    found = []
    for model in exported_models():
        label = model._meta.label_lower
        if label not in MADE_BY_MIGRATIONS and model._base_manager.exists():
            found.append(str(model._meta.verbose_name_plural))
    page_model = apps.get_model("wagtailcore.page")
    # A new database holds only Wagtail's plain "Welcome" page; anything else is real content.
    base_type = ContentType.objects.get_for_model(page_model)
    if page_model.objects.filter(depth__gt=1).exclude(content_type=base_type).exists():
        found.insert(0, "pages")
    return found


class RestoreError(Exception):
    pass


def restore_from(path: Path, passphrase: str | None = None) -> dict:
    """Load a backup into this (migrated, empty) database and put the files back; an encrypted
    backup needs its ``passphrase``."""
    if not encryption.is_encrypted(path):
        return _restore_zip(path)
    if not passphrase:
        raise RestoreError(
            "This backup is encrypted: give its passphrase (--passphrase-file). "
            "Nothing was changed."
        )
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "backup.zip"
        with open(path, "rb") as source, _private_file(plain) as target:
            try:
                encryption.decrypt(source, target, passphrase)
            except encryption.DecryptionError as error:
                raise RestoreError(f"{error} Nothing was changed.") from None
        return _restore_zip(plain)


def _restore_zip(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError(f"Unknown backup format {manifest.get('format')!r}.")
        missing = {tuple(m) for m in manifest["migrations"]} - {
            tuple(m) for m in _applied_migrations()
        }
        if missing:
            raise RestoreError(
                "This database is missing migrations the backup needs; run migrate first: "
                + ", ".join(f"{app}.{name}" for app, name in sorted(missing)[:5])
            )
        if found := existing_data():
            raise RestoreError(
                "This database already has "
                + ", ".join(found[:6])
                + ". Restore only into an empty database (a new one, after migrate): "
                "nothing was changed."
            )
        # An empty database still holds what migrations create (Wagtail's welcome page, default
        # site, groups...): flush it so the backup's own copies take their place.
        call_command("flush", interactive=False, verbosity=0)
        # Content types and permissions come back with the backup's ids, which the data uses.
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        with tempfile.TemporaryDirectory() as folder:
            data_file = Path(folder) / DATA_NAME
            data_file.write_bytes(archive.read(DATA_NAME))
            call_command("loaddata", str(data_file), verbosity=0)
        for name in archive.namelist():
            if name.startswith(MEDIA_PREFIX):
                target = name[len(MEDIA_PREFIX) :]
                if default_storage.exists(target):
                    default_storage.delete(target)
                default_storage.save(target, io.BytesIO(archive.read(name)))
    call_command("rebuild_references_index", verbosity=0)
    call_command("update_index", verbosity=0)
    purge_all()
    return manifest
