"""Shared fixtures: a real page tree (home → treatments index) in the test database."""

import contextlib
import datetime
import fcntl
import hashlib
import os
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django.test import TestCase, TransactionTestCase

import pytest
import time_machine

from governance.models import ClinicianProfile
from governance.reviews import REVIEWERS_GROUP, record_review
from governance.roles import EDITORS_GROUP, setup_roles
from tests.demo import load_demo
from tests.factories import TreatmentPageFactory, UserFactory, build_site, make_image


def uses_real_transactions(item) -> bool | None:
    """True for a test that commits (a live server...), False for one inside a transaction rolled
    back after it, None for one without the database: the kinds pytest-django sorts by."""
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if marker is not None and (
        marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        or marker.kwargs.get("reset_sequences")
    ):
        return True
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return True
    return False if marker is not None or "db" in fixtures else None


def pytest_collection_modifyitems(items) -> None:
    """A committing test empties every table when it ends (what migrations made included), so
    pytest-django runs them after the others. pytest-xdist (make test: ``--dist loadscope
    --no-loadscope-reorder``) hands each process whole modules in collection order: that holds
    only if no module mixes the two kinds."""
    kinds = defaultdict(set)
    for item in items:
        kind = uses_real_transactions(item)
        if kind is not None:
            kinds[item.path].add(kind)
    mixed = sorted(str(path) for path, found in kinds.items() if found == {True, False})
    if mixed:
        raise pytest.UsageError(
            "Put tests with real transactions (transaction=True, live_server) in modules of "
            f"their own: {', '.join(mixed)}"
        )


MIGRATED_SQLITE = pytest.StashKey[Path | None]()
MIGRATE_ONCE = pytest.StashKey["MigrateOnce"]()


def shared_tmp(tmp_path_factory) -> Path:
    """The session's temporary folder every test process shares (pytest-xdist gives each worker
    a folder of its own inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def migrations_fingerprint() -> str:
    """A short hash of everything that decides what migrating builds: every installed app's
    migration files (names and contents), the installed apps, the content languages, and the
    versions of Django, Wagtail and SQLite. Equal fingerprints, equal migrated databases."""
    import importlib.util

    import django
    from django.apps import apps
    from django.conf import settings
    from django.db.migrations.loader import MigrationLoader

    import wagtail

    digest = hashlib.sha256()
    for part in (
        django.__version__,
        wagtail.__version__,
        sqlite3.sqlite_version,
        repr(settings.INSTALLED_APPS),
        repr(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None)),
        settings.LANGUAGE_CODE,
    ):
        digest.update(part.encode() + b"\0")
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        module, _explicit = MigrationLoader.migrations_module(app.label)
        spec = importlib.util.find_spec(module) if module else None
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for path in sorted(Path(folder).glob("*.py")):
                digest.update(f"{app.label}/{path.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def migrated_cache_folder() -> Path | None:
    """Where migrated test databases are kept between runs: ``PORTAL_TEST_DB_CACHE`` (``0`` turns
    keeping off), else ``$XDG_CACHE_HOME/portal-tests`` (``~/.cache/portal-tests``)."""
    chosen = os.environ.get("PORTAL_TEST_DB_CACHE", "")
    if chosen == "0":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "portal-tests"


class MigrateOnce:
    """While pytest-django creates the test database: an SQLite database in memory (the default)
    is loaded from ``template``, a copy of the database exactly as the migrations left it, made by
    the first test process that needed it (the others wait for it under a lock). ``keep``, a
    folder kept between runs, holds the copy under the migrations' fingerprint: the next run with
    the same migrations migrates nothing (a new migration, a new Django or Wagtail gives a new
    fingerprint, and the old copies are deleted). Other databases (PostgreSQL, a file kept with
    --reuse-db) migrate as usual."""

    def __init__(self, template: Path, keep: Path | None = None):
        from django.core import management

        self.template, self.keep, self.management = template, keep, management
        self.original = management.call_command

    def kept_copy(self) -> Path | None:
        if self.keep is None:
            return None
        try:
            self.keep.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return self.keep / f"migrated-{migrations_fingerprint()}.sqlite3"

    def call_command(self, name, *args, **options):
        from django.db import connections

        connection = connections[options.get("database", "default")]
        if name != "migrate" or connection.vendor != "sqlite" or not connection.is_in_memory_db():
            return self.original(name, *args, **options)
        with (self.template.parent / "migrate.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one process migrates; the others wait for it
            connection.ensure_connection()
            kept = None if self.template.exists() else self.kept_copy()
            if kept is not None and kept.exists():
                shutil.copyfile(kept, self.template)
            if self.template.exists():
                saved = sqlite3.connect(self.template)
                saved.backup(connection.connection)
                saved.close()
                return None
            result = self.original(name, *args, **options)
            save_copy(connection, self.template)
            if kept is not None:
                with contextlib.suppress(OSError):
                    for old in kept.parent.glob("migrated-*.sqlite3"):
                        old.unlink()
                    save_copy(connection, kept)
            return result

    def start(self) -> None:
        self.management.call_command = self.call_command

    def stop(self) -> None:
        self.management.call_command = self.original


def save_copy(connection, path: Path) -> None:
    """Write the SQLite database of ``connection`` to ``path`` whole or not at all (a process
    stopped half way leaves no half copy for the next run to load)."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    copy = sqlite3.connect(partial)
    connection.connection.backup(copy)
    copy.close()
    partial.rename(path)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, tmp_path_factory, request):
    """Just before pytest-django creates the test database: migrate once per run (``MigrateOnce``)
    until ``django_db_setup`` below."""
    once = MigrateOnce(shared_tmp(tmp_path_factory) / "migrated.sqlite3", migrated_cache_folder())
    once.start()
    request.config.stash[MIGRATE_ONCE] = once
    return django_db_modify_db_settings


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, request):
    """pytest-django's test database, migrated (once per run on SQLite in memory)."""
    once = request.config.stash[MIGRATE_ONCE]
    once.stop()
    request.config.stash[MIGRATED_SQLITE] = once.template if once.template.exists() else None
    return django_db_setup


@pytest.fixture
def migrated_sqlite(django_db_setup, request) -> Path | None:
    """An SQLite file with every migration applied and nothing else (the test database as the
    migrations left it, saved by ``MigrateOnce``), or None on another database: a test that runs
    the project's commands on a database of their own copies it instead of migrating one."""
    return request.config.stash[MIGRATED_SQLITE]


@pytest.fixture
def site_tree(db):
    """(home, index): the pages every patient-facing test needs."""
    return build_site()


@pytest.fixture
def team(db):
    """The clinic team on a real site: an editor (Eddie) and a clinical reviewer (Rita, with a
    clinician profile), in the groups setup_roles makes, with the review workflow in place."""
    home, index = build_site()
    setup_roles(home, index)
    editor = UserFactory(username="eddie", first_name="Eddie")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    reviewer = UserFactory(username="rita", first_name="Rita")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    ClinicianProfile.objects.create(user=reviewer, name="Dr Rita Reviewer", credentials="MD")
    return {"home": home, "index": index, "editor": editor, "reviewer": reviewer}


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site from ``load_initial_data``, loaded once per test module (see tests/demo.py):
    rolled back after the module's last test; each test's own writes are undone after it. Its
    value is what the command printed. Only for modules of plain (not transactional) db tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def django_image(db):
    """A small real image in Wagtail's image library."""
    return make_image()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language. A request to a Spanish page leaves
    Spanish active in the test's thread afterwards (Django's LocaleMiddleware switches the
    language for a request and never back), which would turn the next test's words Spanish."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (Redis in CI, memory locally)."""
    from django.core.cache import cache

    cache.clear()
    yield


# --- Clinical review: roles, a draft guide, and the guides of the reviews report --------------


def make_roles() -> dict:
    """The clinic team of the review tests: editor Eddie, reviewer Rita (with a clinician
    profile) and an administrator, on a site with the review workflow in place."""
    home, index = build_site()
    setup_roles(home, index)
    editor = UserFactory(username="eddie", first_name="Eddie", last_name="Editor")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    reviewer = UserFactory(username="rita", first_name="Rita", last_name="Reviewer")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    ClinicianProfile.objects.create(
        user=reviewer, name="Dr Rita Reviewer", credentials="MD, FAAD", role="Dermatologist"
    )
    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    return {"home": home, "index": index, "editor": editor, "reviewer": reviewer, "admin": admin}


@pytest.fixture
def roles(db):
    return make_roles()


@pytest.fixture
def draft(roles):
    return TreatmentPageFactory(parent=roles["index"], title="Dermaplaning", live=False)


def make_report_guides(roles: dict) -> dict:
    """The guides of the reviews report, by title: overdue, due soon, current and never reviewed
    on the report day (``on_report_day``), and a draft the report leaves out."""
    index, reviewer = roles["index"], roles["reviewer"]
    guides = {}
    for title, reviewed in [
        ("Overdue guide", datetime.date(2025, 1, 5)),
        ("Due soon guide", datetime.date(2025, 12, 10)),
        ("Current guide", datetime.date(2026, 6, 1)),
        ("Never reviewed guide", None),
    ]:
        guide = TreatmentPageFactory(parent=index, title=title)
        if reviewed:
            with time_machine.travel(
                datetime.datetime(*reviewed.timetuple()[:3], 12, tzinfo=datetime.UTC)
            ):
                record_review(guide, reviewer, revision=guide.live_revision)
        guides[title] = guide
    TreatmentPageFactory(parent=index, title="Draft guide", live=False)
    return guides


@pytest.fixture(scope="module")
def report_site(django_db_setup, django_db_blocker):
    """(roles, report guides), built once per test module in a transaction rolled back after the
    module's last test, as ``demo_site`` is; each test's own writes are undone after it. For
    modules whose every test reads the report's site (they would clash with another site)."""
    with django_db_blocker.unblock(), transaction.atomic():
        roles = make_roles()
        yield roles, make_report_guides(roles)
        transaction.set_rollback(True)


@pytest.fixture
def on_report_day():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC), tick=False):
        yield
