"""The migrated test database kept between runs (``MigrateOnce`` in tests/conftest.py) is only
reused while the migrations are the same: a new or edited migration file gives a new
fingerprint, so a developer never tests against a database their migration did not build."""

from django.db.migrations.loader import MigrationLoader

import pytest

from tests.conftest import migrated_cache_folder, migrations_fingerprint


@pytest.fixture
def home_migrations(tmp_path, monkeypatch):
    """The ``home`` app's migrations read from a folder of the test's own."""
    package = tmp_path / "home_migrations_copy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "0001_initial.py").write_text("operations = []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    original = MigrationLoader.migrations_module.__func__

    def migrations_module(cls, app_label):
        if app_label == "home":
            return "home_migrations_copy", True
        return original(cls, app_label)

    monkeypatch.setattr(MigrationLoader, "migrations_module", classmethod(migrations_module))
    return package


def test_a_new_or_changed_migration_changes_the_fingerprint(home_migrations):
    before = migrations_fingerprint()
    assert migrations_fingerprint() == before

    (home_migrations / "0002_more.py").write_text("operations = []\n")
    added = migrations_fingerprint()
    assert added != before

    (home_migrations / "0002_more.py").write_text("operations = ['changed']\n")
    assert migrations_fingerprint() not in {before, added}


def test_the_kept_copy_lives_where_the_developer_says_or_nowhere(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_TEST_DB_CACHE", str(tmp_path / "kept"))
    assert migrated_cache_folder() == tmp_path / "kept"
    monkeypatch.setenv("PORTAL_TEST_DB_CACHE", "0")
    assert migrated_cache_folder() is None
    monkeypatch.delenv("PORTAL_TEST_DB_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert migrated_cache_folder() == tmp_path / "xdg" / "portal-tests"
