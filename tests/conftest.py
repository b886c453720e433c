"""Shared fixtures: a real page tree (home → treatments index) in the test database."""

import datetime
import fcntl
import os
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


class MigrateOnce:
    """While pytest-django creates the test database: the first test process to migrate an SQLite
    database in memory (the default) saves it to ``template`` as the migrations left it; the
    others load that copy (the same tables and rows) instead of running the ~200 migrations
    again. Other databases (PostgreSQL, a file kept with --reuse-db) migrate as usual."""

    def __init__(self, template: Path):
        from django.core import management

        self.template, self.management = template, management
        self.original = management.call_command

    def call_command(self, name, *args, **options):
        from django.db import connections

        connection = connections[options.get("database", "default")]
        if name != "migrate" or connection.vendor != "sqlite" or not connection.is_in_memory_db():
            return self.original(name, *args, **options)
        with (self.template.parent / "migrate.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one process migrates; the others wait for it
            connection.ensure_connection()
            if self.template.exists():
                saved = sqlite3.connect(self.template)
                saved.backup(connection.connection)
                saved.close()
                return None
            result = self.original(name, *args, **options)
            partial = self.template.with_suffix(".partial")
            copy = sqlite3.connect(partial)
            connection.connection.backup(copy)
            copy.close()
            partial.rename(self.template)
            return result

    def start(self) -> None:
        self.management.call_command = self.call_command

    def stop(self) -> None:
        self.management.call_command = self.original


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, tmp_path_factory, request):
    """Just before pytest-django creates the test database: migrate once per run (``MigrateOnce``)
    until ``django_db_setup`` below."""
    once = MigrateOnce(shared_tmp(tmp_path_factory) / "migrated.sqlite3")
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
