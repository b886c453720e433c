"""Data a test module builds once for the tests that read it, as conftest's ``demo_site`` does:
in a transaction rolled back after the module's last test, each test's own writes undone after
it (pytest-django's per-test transaction is a savepoint inside it). Only for modules of plain
(not transactional) database tests.

Tests get fresh instances from the database (``fresh_page``), never one another test changed.
A test that needs a site of its own instead (``own_site``) comes before the module's first test
that reads the shared data, which lasts to the module's end."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Page

from tests.factories import build_site


class SharedData:
    """Whether a module's shared data is in the database now (one per module)."""

    def __init__(self):
        self.built = False

    def build(self, django_db_blocker, make):
        """For a module-scoped fixture: ``yield from shared.build(django_db_blocker, make)``
        gives what ``make()`` returned (primary keys, best), then rolls it all back."""
        with django_db_blocker.unblock(), transaction.atomic():
            made = make()
            self.built = True
            try:
                yield made
            finally:
                self.built = False
                transaction.set_rollback(True)

    def own(self, make):
        """What ``make()`` builds for one test only, such as a site of its own."""
        assert not self.built, (
            "this test builds a site of its own: put it above the module's first test that "
            "uses the shared data (which stays until the module's end)"
        )
        return make()

    def own_site(self):
        """(home, index) of a test's own site, as conftest's ``site_tree`` gives them."""
        return self.own(build_site)


def fresh_page(pk: int):
    """The page as the database has it now (never an instance another test changed)."""
    return Page.objects.get(pk=pk).specific


def role_keys(roles: dict) -> dict:
    """The primary keys of conftest's ``make_roles()`` (pages and people), by name."""
    return {name: value.pk for name, value in roles.items()}


def fresh_roles(keys: dict) -> dict:
    """``make_roles()``'s team and site from their keys, as the database has them now."""
    user = get_user_model()
    people = {name: user.objects.get(pk=keys[name]) for name in ("editor", "reviewer", "admin")}
    return {"home": fresh_page(keys["home"]), "index": fresh_page(keys["index"]), **people}


@contextmanager
def built_once(django_db_blocker) -> Iterator[None]:
    """For a module-scoped fixture: what it writes inside stays for the module's tests and is
    rolled back after the last one; each test's own writes are undone after it (the ``db``
    fixture's transaction). Only for modules of plain (not transactional) db tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def fresh(data: dict) -> dict:
    """The same rows, read again from the database: what one test changes in memory (a title, a
    cached property) never reaches the next test."""
    return {key: type(obj)._default_manager.get(pk=obj.pk) for key, obj in data.items()}
