"""Test data built once per test module and read fresh by each test (see ``demo_site`` in
tests/conftest.py for the pattern): fewer rebuilds of the same pages, the same pages per test."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


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
