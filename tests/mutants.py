"""Mutation check: the riskiest rules each have a test that fails when the rule is taken out.

``python -m tests.mutants`` (``make mutants``, run by CI) runs the tests that guard each rule
twice: as the code is (every one must pass), and with the rule replaced by the naive behaviour it
guards against (at least one must fail, or the rule is unguarded and the check fails). Only the
guarding tests run, in a pytest subprocess per mutant that loads this module as a plugin
(``-p tests.mutants`` with ``PORTAL_MUTANT=<name>``); the runs share one migrated SQLite test
database, so a mutant costs seconds, not a whole suite.
"""

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

PROJECT = Path(__file__).resolve().parent.parent


def naive_body_comparison() -> None:
    """The approve-in-editor fix gone: a re-posted body counts as changed whenever Django's own
    comparison of the raw posted text says so (so Approve in the editor restarts the review)."""
    from articles.forms import SavedBodyComparisonMixin

    mock.patch.object(
        SavedBodyComparisonMixin, "block_value_changed", lambda self, name: True
    ).start()


def editors_keep_publish() -> None:
    """setup_roles no longer takes back a publish permission the Editors group was given."""
    from governance.roles import RoleSetup

    original = RoleSetup.page_permissions

    def page_permissions(self, group, page, codenames, forbidden=()):
        return original(self, group, page, codenames, forbidden=())

    mock.patch.object(RoleSetup, "page_permissions", page_permissions).start()


def no_privacy_purge() -> None:
    """Making a page, section or collection private no longer purges the page cache."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import CollectionViewRestriction, PageViewRestriction

    from pagecache.signals import privacy_changed

    for signal in (post_save, post_delete):
        for sender in (PageViewRestriction, CollectionViewRestriction):
            assert signal.disconnect(privacy_changed, sender=sender), (signal, sender)


def search_without_public_filter() -> None:
    """Search and suggestions look at every live guide, private ones included."""
    from articles.models import TreatmentPage

    mock.patch("search.views.published_guides", TreatmentPage.objects.live).start()


@dataclass(frozen=True)
class Mutant:
    rule: str
    apply: Callable[[], None]
    tests: tuple[str, ...]


MUTANTS = {
    "approve-in-editor": Mutant(
        "Approve in the editor publishes an untouched guide (articles/forms.py)",
        naive_body_comparison,
        (
            "tests/test_approval.py::test_editor_posts_of_an_untouched_guide_are_not_changes",
            "tests/test_approval.py::"
            "test_approving_in_the_editor_publishes_a_guide_with_optional_numbers",
        ),
    ),
    "editor-publish": Mutant(
        "Editors never hold publish permission (governance/roles.py setup_roles)",
        editors_keep_publish,
        (
            "tests/test_governance.py::test_editors_hold_no_publish_permission_anywhere",
            "tests/test_governance.py::"
            "test_setup_roles_takes_back_a_publish_permission_given_to_editors_by_mistake",
        ),
    ),
    "private-purge": Mutant(
        "A page made private leaves the page cache (pagecache/signals.py privacy_changed)",
        no_privacy_purge,
        (
            "tests/test_page_cache.py::test_a_page_made_private_leaves_the_cache_everywhere",
            "tests/test_page_cache.py::test_a_section_made_private_hides_every_guide_below_it",
            "tests/test_page_cache.py::test_restricting_a_collection_purges_the_cache",
        ),
    ),
    "search-public": Mutant(
        "Search finds only public guides (search/views.py published_guides)",
        search_without_public_filter,
        ("tests/test_security.py::test_unpublished_content_never_appears",),
    ),
}


# --- The pytest plugin: applies PORTAL_MUTANT's change before any test runs ----------------------


def pytest_sessionstart(session) -> None:
    name = os.environ.get("PORTAL_MUTANT")
    if name:
        MUTANTS[name].apply()


# --- The runner ----------------------------------------------------------------------------------


def run_pytest(tests: tuple[str, ...], database: Path, mutant: str = "") -> tuple[int, str]:
    """pytest on ``tests`` in a subprocess, with ``mutant`` applied; (exit code, summary line)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(TEST_DATABASE_NAME=str(database), PORTAL_MUTANT=mutant)
    reuse = ["--reuse-db"] if database.exists() else ["--reuse-db", "--create-db"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.mutants", *reuse, *tests],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    return result.returncode, lines[-1] if lines else result.stderr.strip()[-500:]


def main() -> int:
    every_test = tuple(test for mutant in MUTANTS.values() for test in mutant.tests)
    problems = []
    with tempfile.TemporaryDirectory(prefix="portal-mutants-") as folder:
        database = Path(folder) / "test.sqlite3"
        started = time.monotonic()
        code, summary = run_pytest(every_test, database)
        print(f"Rules in place: {summary}")
        if code != 0:
            problems.append("the guarding tests must pass with every rule in place")
        for name, mutant in MUTANTS.items():
            code, summary = run_pytest(mutant.tests, database, mutant=name)
            caught = code == 1 and " failed" in summary  # failed, not an error or a crash
            print(f"{'caught ' if caught else 'MISSED '} {name}: {mutant.rule}\n         {summary}")
            if not caught:
                problems.append(f"taking out '{name}' fails no test")
        print(f"({time.monotonic() - started:.0f}s)")
    for problem in problems:
        print(f"Mutation check failed: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
