"""One-file backups of everything staff made: pages with every revision, snippets, images and
documents (with their files), settings, users, groups and permissions, workflows and reviews.

The data is Django's own serialisation with every id kept as it was (revisions, StreamField
choosers and workflow states refer to pages by id), content types and permissions included, so
it restores into any empty database at the same schema version, SQLite or PostgreSQL. Search and
reference indexes and image renditions are rebuilt, not stored.
"""

import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from pagecache.store import purge_all

FORMAT_VERSION = 1
DATA_NAME = "data.json"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"

# Rebuilt or recreated on their own, or only meaningful to one running server.
SKIPPED_APPS = {"sessions", "modelsearch", "wagtailsearch"}  # search entries are rebuilt
SKIPPED_MODELS = {
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
    "wagtailcore.modellogentry",
}


# Loaded first: everything else refers to them, and loading other rows may look them up.
FIRST_MODELS = ["contenttypes.contenttype", "auth.permission"]


def exported_models() -> list:
    models = [apps.get_model(label) for label in FIRST_MODELS]
    for model in apps.get_models():
        if model._meta.label_lower in FIRST_MODELS:
            continue
        label = model._meta.label_lower
        skipped = label in SKIPPED_MODELS or model._meta.app_label in SKIPPED_APPS
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


def export_to(path: Path) -> dict:
    """Write the backup to ``path`` (a zip file) and return its manifest."""
    objects = []
    for model in exported_models():
        objects.extend(model._base_manager.order_by("pk"))
    data = serializers.serialize("json", objects)
    files = _media_files()
    manifest = {
        "format": FORMAT_VERSION,
        "objects": len(objects),
        "files": len(files),
        "migrations": _applied_migrations(),
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=1))
        archive.writestr(DATA_NAME, data)
        for name in files:
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(MEDIA_PREFIX + name, handle.read())
    return manifest


class RestoreError(Exception):
    pass


def restore_from(path: Path) -> dict:
    """Load a backup into this (migrated, empty) database and put the files back."""
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
        page_model = apps.get_model("wagtailcore.page")
        # A new database holds only Wagtail's plain "Welcome" page; anything else is real content.
        base_type = ContentType.objects.get_for_model(page_model)
        if page_model.objects.filter(depth__gt=1).exclude(content_type=base_type).exists():
            raise RestoreError("This database already has pages. Restore into an empty database.")
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
