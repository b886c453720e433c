"""The demo site a newcomer gets from ``load_initial_data``, for the tests that read it.

This is the one place the tests name the module that holds the demo content: change
``DEMO_CONTENT_MODULE`` if it moves, and every test follows.

Loading the demo site takes seconds, so a test module that only reads it (or whose writes are
undone after each test) asks for the ``demo_site`` fixture (tests/conftest.py): the site is
loaded once for the whole module, inside a transaction rolled back after the module's last test.
Each test still runs in its own savepoint (pytest-django's ``db`` fixture), so what one test
writes is gone before the next. Only for modules of plain ``django_db`` tests: a transactional
test would empty the tables.
"""

import importlib
import io

from django.core.management import call_command

DEMO_CONTENT_MODULE = "demo.content"
demo_content = importlib.import_module(DEMO_CONTENT_MODULE)  # GUIDES, CONCERNS...


def load_demo(*args: str) -> str:
    """Run ``load_initial_data`` with ``args``; return what it printed."""
    out = io.StringIO()
    call_command("load_initial_data", *args, stdout=out)
    return out.getvalue()
