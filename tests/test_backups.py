"""Nothing lost: the demo site, exported and restored into an empty database, comes back whole
(on SQLite, and on PostgreSQL when the suite runs on it)."""

import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import psycopg
import pytest

from tests.production import run_manage

PROJECT = Path(__file__).resolve().parent.parent

MAKE_IMAGE = """
import io
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model
buffer = io.BytesIO()
Image.new("RGB", (40, 30), "#005a8c").save(buffer, format="PNG")
image = get_image_model()(title="Clinic photo")  # a real uploaded file
image.file.save("clinic.png", ImageFile(buffer, name="clinic.png"), save=False)
image.save()
from feedback.models import GuideFeedback
from wagtail.models import Page
guide = Page.objects.get(slug="microneedling")
GuideFeedback.objects.create(page=guide, helpful=True, comment="Clear")
"""

SUMMARY = """
import json
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
image = get_image_model().objects.get(title="Clinic photo")
client = Client()
print(json.dumps({
    "pages": sorted(Page.objects.values_list("url_path", flat=True)),
    "revisions": Revision.objects.count(),
    "image_bytes": image.file.read().hex(),
    "guide_html_ok": b"Microneedling" in client.get("/treatments/microneedling/").content,
    "search_ok": b"Microneedling" in client.get("/search/", {"q": "collagen"}).content,
}))
"""


def manage(env: dict, *args: str) -> str:
    result = run_manage(env, *args, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def environment(tmp_path: Path, database_url: str, name: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path / f"{name}-media"),
    )
    return env


@contextmanager
def empty_databases(tmp_path: Path, migrated: Path | None) -> Iterator[tuple[dict, dict]]:
    """Source and target environments on two new databases of the kind the suite runs on
    (PostgreSQL when DATABASE_URL says so, else SQLite files), both migrated and empty. On
    SQLite the source is a copy of ``migrated`` (the ``migrated_sqlite`` fixture) when there is
    one: the same schema and rows ``manage.py migrate`` leaves, without migrating again."""
    configured = dj_database_url.config(default="sqlite://")
    if configured["ENGINE"] != "django.db.backends.postgresql":
        source = environment(tmp_path, f"sqlite:///{tmp_path / 'source.sqlite3'}", "source")
        target = environment(tmp_path, f"sqlite:///{tmp_path / 'target.sqlite3'}", "target")
        if migrated is not None:
            shutil.copyfile(migrated, tmp_path / "source.sqlite3")
        else:
            manage(source, "migrate", "-v0")
        # The target is an empty database at the same schema version: a copy before any content.
        (tmp_path / "target.sqlite3").write_bytes((tmp_path / "source.sqlite3").read_bytes())
        yield source, target
        return

    # Two scratch databases next to the configured one (the suite's own test database is busy).
    names = {kind: f"{configured['NAME']}_bk_{kind}" for kind in ("src", "tgt")}
    server = psycopg.conninfo.make_conninfo(
        dbname="postgres",
        user=configured["USER"],
        password=configured["PASSWORD"],
        host=configured["HOST"],
        port=configured["PORT"],
    )
    base = urlsplit(os.environ["DATABASE_URL"])

    def url(name: str) -> str:
        return urlunsplit(base._replace(path=f"/{name}"))

    def admin(*statements: str) -> None:
        with psycopg.connect(server, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    drop = [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in names.values()]
    admin(*drop, f'CREATE DATABASE "{names["src"]}"')
    try:
        source = environment(tmp_path, url(names["src"]), "source")
        manage(source, "migrate", "-v0")
        # The target is an empty database at the same schema version: a copy before any content.
        admin(f'CREATE DATABASE "{names["tgt"]}" TEMPLATE "{names["src"]}"')
        yield source, environment(tmp_path, url(names["tgt"]), "target")
    finally:
        admin(*drop)


def records(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("data.json"))
    return {(item["model"], item["pk"]): item["fields"] for item in data}


SOURCE_STEPS = """
from django.core.management import call_command
call_command("load_initial_data", verbosity=0)
exec(MAKE_IMAGE)
call_command("export_content", BACKUP, "--passphrase-file", PASSPHRASE_FILE, verbosity=0)
"""
TARGET_STEPS = """
from django.core.management import call_command
call_command("import_content", BACKUP, "--passphrase-file", PASSPHRASE_FILE, verbosity=0)
call_command("export_content", AGAIN, verbosity=0)
"""


def run_python(env: dict, code: str, **names: str) -> str:
    preamble = "".join(f"{name} = {value!r}\n" for name, value in names.items())
    output = manage(env, "shell", "--no-imports", "-c", preamble + code)
    return output.strip().splitlines()[-1]  # the summary is printed last


@pytest.mark.slow
def test_backup_round_trip_loses_nothing(tmp_path, migrated_sqlite):
    """On the database the suite runs on: SQLite, and PostgreSQL when DATABASE_URL is one. The
    backup is encrypted with a passphrase on the way (the copy made after restoring is not)."""
    from backups.encryption import decrypt

    backup, again = str(tmp_path / "backup.zip"), str(tmp_path / "again.zip")
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("round trip passphrase\n")
    names = {"BACKUP": backup, "PASSPHRASE_FILE": str(passphrase)}
    with empty_databases(tmp_path, migrated_sqlite) as (source, target):
        source_summary = json.loads(
            run_python(source, SOURCE_STEPS + SUMMARY, MAKE_IMAGE=MAKE_IMAGE, **names)
        )
        target_summary = json.loads(
            run_python(target, TARGET_STEPS + SUMMARY, AGAIN=again, **names)
        )

    with open(backup, "rb") as sealed, open(tmp_path / "opened.zip", "wb") as opened:
        decrypt(sealed, opened, "round trip passphrase")
    backup = str(tmp_path / "opened.zip")
    # Every record (pages, revisions, snippets, settings, users, reviews, feedback...) is equal.
    before, after = records(Path(backup)), records(tmp_path / "again.zip")
    assert before.keys() == after.keys()
    assert [key for key in before if before[key] != after[key]] == []
    models = {model for model, _pk in before}
    for model in [
        "wagtailcore.revision",
        "articles.treatmentpage",
        "articles.frequentlyaskedquestion",
        "home.urgenthelpsettings",
        "governance.clinicalreview",
        "feedback.guidefeedback",
        "wagtailimages.image",
        "auth.group",
    ]:
        assert model in models, model
    with zipfile.ZipFile(backup) as archive:
        assert any(name.startswith("media/original_images/clinic") for name in archive.namelist())

    # The restored site serves the same pages, files and search results.
    assert target_summary == source_summary
    assert target_summary["guide_html_ok"] and target_summary["search_ok"]


@pytest.mark.django_db
def test_restore_refuses_a_database_with_content(site_tree, tmp_path):
    from backups.archive import RestoreError, export_to, restore_from

    export_to(tmp_path / "backup.zip")
    with pytest.raises(RestoreError, match="already has pages"):
        restore_from(tmp_path / "backup.zip")


@pytest.mark.django_db
def test_a_backup_holds_content_not_secrets(site_tree, tmp_path):
    from django.contrib.auth.hashers import is_password_usable

    from wagtail.models import APIToken, PageViewRestriction

    from axes.models import AccessAttempt
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from backups.archive import export_to
    from tests.factories import TreatmentPageFactory, UserFactory

    _home, index = site_tree
    nurse = UserFactory(username="nurse", password="long-password-1")
    TOTPDevice.objects.create(user=nurse, name="Phone", confirmed=True)
    StaticToken.objects.create(device=StaticDevice.objects.create(user=nurse), token="abcdefgh")
    APIToken.create_token(user=nurse, name="app")
    AccessAttempt.objects.create(username="nurse", ip_address="203.0.113.7", failures_since_start=2)
    guide = TreatmentPageFactory(parent=index, title="Staff only")
    PageViewRestriction.objects.create(page=guide, restriction_type="password", password="s3cret")

    path = tmp_path / "backup.zip"
    path.write_bytes(b"old")
    path.chmod(0o644)
    manifest = export_to(path)

    assert path.stat().st_mode & 0o777 == 0o600  # readable by its owner only
    data = records(path)
    models = {model for model, _pk in data}
    for secret in [
        "otp_totp.totpdevice",
        "otp_static.staticdevice",
        "otp_static.statictoken",
        "wagtailcore.apitoken",
        "axes.accessattempt",
    ]:
        assert secret not in models, secret
    user = data[("auth.user", nurse.pk)]
    assert user["username"] == "nurse" and not is_password_usable(user["password"])
    restriction = next(f for (m, _pk), f in data.items() if m == "wagtailcore.pageviewrestriction")
    assert restriction["restriction_type"] == "login" and restriction["password"] == ""
    assert any("shared password left out" in note for note in manifest["notes"])
    raw = path.read_bytes()
    assert b"s3cret" not in raw and b"abcdefgh" not in raw and b"203.0.113.7" not in raw

    export_to(path, with_passwords=True)
    assert records(path)[("auth.user", nurse.pk)]["password"] == nurse.password


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["user", "concern", "feedback"])
def test_restore_refuses_any_database_with_data_and_changes_nothing(kind, tmp_path, db):
    from django.contrib.auth import get_user_model

    from backups.archive import RestoreError, export_to, restore_from
    from tests.factories import SkinConcernFactory, UserFactory

    export_to(tmp_path / "backup.zip")  # a backup of an empty site
    if kind == "user":
        UserFactory(username="nurse")
    elif kind == "concern":
        SkinConcernFactory(name="Acne")
    else:
        from wagtail.models import Page

        from feedback.models import GuideFeedback

        GuideFeedback.objects.create(page=Page.objects.get(depth=2), helpful=True)
    before = get_user_model().objects.count()

    with pytest.raises(RestoreError, match="already has"):
        restore_from(tmp_path / "backup.zip")
    assert get_user_model().objects.count() == before


@pytest.mark.django_db
def test_backup_keeps_times_to_the_microsecond(site_tree, tmp_path):
    """A restored feedback or log time is the original one, not rounded to the millisecond."""
    import datetime

    from django.core import serializers

    from backups.archive import export_to
    from feedback.models import GuideFeedback

    sent = datetime.datetime(2026, 3, 4, 5, 6, 7, 500, tzinfo=datetime.UTC)
    _home, index = site_tree
    feedback = GuideFeedback.objects.create(page=index, helpful=True)
    GuideFeedback.objects.filter(pk=feedback.pk).update(created_at=sent)

    export_to(tmp_path / "backup.zip")
    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        data = archive.read("data.json").decode()
    restored = [
        item.object
        for item in serializers.deserialize("json", data)
        if isinstance(item.object, GuideFeedback)
    ]
    assert [item.created_at for item in restored] == [sent]


# --- Encrypted backups --------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_encrypted_backup_shows_nothing_and_needs_its_passphrase(site_tree, tmp_path):
    from django.core.management import call_command

    from backups.archive import RestoreError, restore_from
    from backups.encryption import decrypt
    from tests.factories import TreatmentPageFactory

    _home, index = site_tree
    TreatmentPageFactory(parent=index, title="Laser resurfacing")
    secret_file = tmp_path / "passphrase"
    secret_file.write_text("correct horse battery staple\n")
    path = tmp_path / "backup.zip"
    call_command("export_content", str(path), "--passphrase-file", str(secret_file), verbosity=0)

    assert path.stat().st_mode & 0o777 == 0o600
    raw = path.read_bytes()
    assert not zipfile.is_zipfile(path)
    assert b"Laser resurfacing" not in raw and b"data.json" not in raw
    with pytest.raises(RestoreError, match="encrypted: give its passphrase"):
        restore_from(path)
    with pytest.raises(RestoreError, match="passphrase is wrong"):
        restore_from(path, passphrase="correct horse battery stapler")
    # The right passphrase opens it (and the refusal of a database with data still holds).
    with pytest.raises(RestoreError, match="already has pages"):
        restore_from(path, passphrase="correct horse battery staple")
    plain = tmp_path / "plain.zip"
    with open(path, "rb") as source, open(plain, "wb") as target:
        decrypt(source, target, "correct horse battery staple")
    titles = [fields.get("title") for (model, _pk), fields in records(plain).items()]
    assert "Laser resurfacing" in titles


def test_a_changed_or_cut_short_encrypted_backup_is_refused(monkeypatch):
    import io

    from backups import encryption

    monkeypatch.setattr(encryption, "CHUNK", 64)  # several chunks from a small file
    data = bytes(range(256)) * 2
    sealed = io.BytesIO()
    encryption.encrypt(io.BytesIO(data), sealed, "passphrase")
    sealed = sealed.getvalue()

    def opened(blob: bytes, passphrase: str) -> bytes:
        out = io.BytesIO()
        encryption.decrypt(io.BytesIO(blob), out, passphrase)
        return out.getvalue()

    assert opened(sealed, "passphrase") == data
    header, chunk = encryption.HEADER, 64 + encryption.TAG
    body = sealed[header:]
    flipped = bytearray(sealed)
    flipped[header + 10] ^= 1
    swapped = sealed[:header] + body[chunk : 2 * chunk] + body[:chunk] + body[2 * chunk :]
    for damaged in [sealed[:-chunk], sealed[: header + chunk], bytes(flipped), swapped]:
        with pytest.raises(encryption.DecryptionError):
            opened(damaged, "passphrase")
    with pytest.raises(encryption.DecryptionError):
        opened(sealed, "Passphrase")
    costly = bytearray(sealed)
    costly[len(encryption.MAGIC)] = 60  # scrypt with n = 2**60 would never finish
    with pytest.raises(encryption.DecryptionError, match="key settings"):
        opened(bytes(costly), "passphrase")


# --- Backups without staff accounts -------------------------------------------------------------

PEOPLE = """
from django.contrib.auth import get_user_model
from wagtail.models import Comment, Page
nurse = get_user_model().objects.create_user("nurse.jones", "nurse.jones@clinic.example", "pw")
guide = Page.objects.get(slug="microneedling").specific
guide.owner = nurse
comment = Comment.objects.create(page=guide, user=nurse, text="Check the dose", contentpath="title")
guide.save_revision(user=nurse).publish()
"""
ACCOUNTLESS_SOURCE = """
from django.core.management import call_command
call_command("load_initial_data", verbosity=0)
exec(PEOPLE)
call_command("export_content", BACKUP, "--without-accounts", verbosity=0)
"""
ACCOUNTLESS_TARGET = """
import json
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page
call_command("import_content", BACKUP, verbosity=0)
guide = Page.objects.get(slug="microneedling").specific
# The revision the nurse saved, published again: it names nobody who is not there.
guide.revisions.order_by("pk").last().publish()
print(json.dumps({
    "users": get_user_model().objects.count(),
    "owner": guide.owner_id,
    "guide_html_ok": b"Microneedling" in Client().get("/treatments/microneedling/").content,
}))
"""


@pytest.mark.django_db
def test_a_backup_without_accounts_names_nobody(site_tree, tmp_path):
    from wagtail.models import Comment

    from backups.archive import export_to
    from tests.factories import TreatmentPageFactory, UserFactory

    _home, index = site_tree
    nurse = UserFactory(username="nurse.jones", email="nurse.jones@clinic.example")
    guide = TreatmentPageFactory(parent=index, title="Peels", owner=nurse)
    Comment.objects.create(page=guide, user=nurse, text="Check the dose", contentpath="title")
    guide.save_revision(user=nurse)

    manifest = export_to(tmp_path / "backup.zip", with_accounts=False)

    assert manifest["accounts"] is False
    raw = (tmp_path / "backup.zip").read_bytes()
    data = records(tmp_path / "backup.zip")
    models = {model for model, _pk in data}
    assert "auth.user" not in models and "wagtailcore.comment" not in models
    page = data[("wagtailcore.page", guide.pk)]
    assert page["owner"] is None and page["title"] == "Peels"
    revisions = [f for (m, _pk), f in data.items() if m == "wagtailcore.revision"]
    assert revisions and all(revision["user"] is None for revision in revisions)
    assert all(revision["content"].get("owner") is None for revision in revisions)
    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        text = archive.read("data.json")
    assert b"nurse.jones" not in text and b"Check the dose" not in text
    assert raw  # the file itself is written as usual
    with pytest.raises(ValueError, match="Passwords belong to accounts"):
        export_to(tmp_path / "other.zip", with_passwords=True, with_accounts=False)


@pytest.mark.slow
def test_a_backup_without_accounts_restores(tmp_path, migrated_sqlite):
    backup = str(tmp_path / "backup.zip")
    with empty_databases(tmp_path, migrated_sqlite) as (source, target):
        run_python(source, ACCOUNTLESS_SOURCE + "print('done')", PEOPLE=PEOPLE, BACKUP=backup)
        summary = json.loads(run_python(target, ACCOUNTLESS_TARGET, BACKUP=backup))
    assert summary == {"users": 0, "owner": None, "guide_html_ok": True}
