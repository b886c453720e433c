"""Browser fixtures: one Chromium for all browser tests, a fresh context (no cookies) per test.

The browser is Debian's chromium (never a downloaded one); set CHROMIUM_PATH to use another.
Each test module sets ``pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True,
serialized_rollback=True)]``: ``live_server`` needs a transactional database, and serialized
rollback puts back what migrations created (root page, default site, locale) before each test.
"""

import importlib.util
import io
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000  # generous: CI machines and shared runners can be slow


def section_labels(*kept: str) -> list[str]:
    """The labels editors see on a new guide's standard sections, in order, less ``kept``."""
    from articles.blocks import STANDARD_SECTIONS, GuideBodyBlock

    body = GuideBodyBlock()
    labels = [str(body.child_blocks[name].label) for name in STANDARD_SECTIONS]
    return [label for label in labels if label not in kept]


def chromium_path() -> str | None:
    wanted = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    found = shutil.which(wanted)
    return found if found and os.access(found, os.X_OK) else None


# One Chromium, started by the first browser test and shared by the browser tests that follow.
_running: dict = {}


def start_browser(executable: str):
    from django.db import connections

    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    thread_connections = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    # Playwright's sync API leaves an asyncio loop running in this thread. From now on Django
    # looks its connections up in per-context (async) storage and would open new ones, which
    # lack the test database's serialized contents that serialized rollback restores: keep
    # using the same connection objects.
    for alias, connection in thread_connections.items():
        setattr(connections._connections, alias, connection)
    _running["playwright"] = playwright
    _running["browser"] = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    return _running["browser"]


def stop_browser() -> None:
    if _running:
        _running.pop("browser").close()
        _running.pop("playwright").stop()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """Stop Chromium (and Playwright's event loop) once the run moves on to other tests, so the
    loop doesn't stay running in this thread under tests that aren't browser tests."""
    if nextitem is None or nextitem.get_closest_marker("browser") is None:
        stop_browser()


def pytest_sessionfinish(session):
    stop_browser()


@pytest.fixture
def browser():
    """The shared Chromium: Debian's, or CHROMIUM_PATH. A browser test fails without it (never
    skips): run ``make test-fast`` on a machine with no Chromium."""
    if _running:
        return _running["browser"]
    executable = chromium_path()
    if executable is None:
        pytest.fail(
            f"Chromium not found at {os.environ.get('CHROMIUM_PATH', '/usr/bin/chromium')} "
            "(apt-get install chromium, or set CHROMIUM_PATH; make test-fast leaves the browser "
            "tests out).",
            pytrace=False,
        )
    return start_browser(executable)


@pytest.fixture
def context_options() -> dict:
    """Override in a test module (or parametrize) to change the viewport, colour scheme..."""
    return {"viewport": PHONE}


class InFlight:
    """Wraps the live server's WSGI application to count the requests it is still answering.

    A page can leave requests running when its test ends (the admin editor's background calls,
    a navigation cut short). The server thread shares the test's database connection, so the
    database must not be emptied for the next test until they are done: an answer still reading
    while the tables are flushed made the flush fail ("database table is locked") and broke
    every test after it. A request counts as done when the server closes its response, which is
    when Django runs its own end-of-request database clean-up.
    """

    WAIT_SECONDS = 30

    def __init__(self, app):
        self.app, self.active = app, 0
        self.idle = threading.Condition()

    def __call__(self, environ, start_response):
        with self.idle:
            self.active += 1
        try:
            result = self.app(environ, start_response)
        except BaseException:
            self.done()
            raise
        return _Answer(result, self.done)

    def done(self) -> None:
        with self.idle:
            self.active -= 1
            self.idle.notify_all()

    def wait(self) -> None:
        with self.idle:
            if not self.idle.wait_for(lambda: self.active == 0, self.WAIT_SECONDS):
                pytest.fail(
                    f"The live server was still answering {self.active} request(s) "
                    f"{self.WAIT_SECONDS} s after the test ended."
                )


class _Answer:
    """A response body that tells ``InFlight`` when the server has closed it."""

    def __init__(self, result, done):
        self.result, self.done = result, done

    def __iter__(self):
        return iter(self.result)

    def close(self):
        try:
            if close := getattr(self.result, "close", None):
                close()
        finally:
            self.done()


def in_flight(live_server) -> InFlight:
    """The live server's request counter, put in place the first time it is asked for."""
    server = live_server.thread.httpd
    if not isinstance(server.get_app(), InFlight):
        server.set_app(InFlight(server.get_app()))
    return server.get_app()


@pytest.fixture
def new_page(browser, context_options, live_server, transactional_db) -> Iterator[Callable]:
    """Opens a page in a new browser context (its own cookies): ``new_page(viewport=...)``.
    After the test the contexts close and the live server finishes what it was answering before
    the database is emptied for the next test."""
    requests = in_flight(live_server)
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **{**context_options, **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    requests.wait()


@pytest.fixture
def page(new_page):
    """A phone-sized page in a fresh context; paths like ``page.goto("/")`` hit the live server."""
    return new_page()


@pytest.fixture
def site(live_server, transactional_db):
    """(home, index) from the factories, with the default site on the live server's host:port,
    so ``page.full_url`` (printed on handouts) is the address the browser really uses."""
    from tests.factories import build_site

    home, index = build_site()
    use_live_server_address(live_server)
    return home, index


def use_live_server_address(live_server) -> None:
    """Point the default site at the live server, so ``full_url`` is the address in the browser."""
    from urllib.parse import urlsplit

    from wagtail.models import Site

    address = urlsplit(live_server.url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = address.hostname, address.port
    site.save()  # save(), not update(): saving clears Wagtail's cached site root paths


@dataclass
class Portal:
    """What the patient-facing tests need to know about the content they run against."""

    guide_url: str  # a full guide with every standard section
    guide_title: str
    concern_slug: str  # a concern some guides have and others don't
    concern_name: str
    guides_for_concern: list[str]
    other_guides: list[str]
    search_term: str


@pytest.fixture
def portal(live_server, transactional_db) -> Portal:
    """The demo site from ``load_initial_data`` when its content module exists, else a site
    built from factories: a full guide (every section's preview value) plus a second guide."""
    from django.core.management import call_command

    from articles.models import SkinConcern, TreatmentPage
    from tests.demo import DEMO_CONTENT_MODULE

    if importlib.util.find_spec(DEMO_CONTENT_MODULE) is not None:
        call_command("load_initial_data", stdout=io.StringIO())
    else:
        build_full_site()
    use_live_server_address(live_server)

    guide = TreatmentPage.objects.live().get(slug="microneedling")
    # The English site's guides and concerns (the demo has Spanish ones too, under /es/).
    english = TreatmentPage.objects.live().filter(locale=guide.locale)
    all_titles = set(english.values_list("title", flat=True))
    for concern in SkinConcern.objects.filter(locale=guide.locale).order_by("name"):
        matching = set(concern.guides.live().values_list("title", flat=True))
        if matching and matching != all_titles:
            break
    else:
        pytest.fail("The test content needs a concern that some guides have and others don't.")
    return Portal(
        guide_url=guide.url,
        guide_title=guide.title,
        concern_slug=concern.slug,
        concern_name=concern.name,
        guides_for_concern=sorted(matching),
        other_guides=sorted(all_titles - matching),
        search_term=guide.title,
    )


def build_full_site() -> None:
    """Factory content: 'Microneedling' with every section filled in, and 'Chemical peels'."""
    from wagtail.models import Site

    from home.models import UrgentHelpSettings
    from tests.factories import (
        FAQFactory,
        SkinConcernFactory,
        TreatmentPageFactory,
        build_site,
        preview_guide_body,
        steps,
        stream,
    )

    _home, index = build_site()
    scars = SkinConcernFactory(name="Acne scars", slug="acne-scars")
    lines = SkinConcernFactory(name="Fine lines", slug="fine-lines")
    shared = FAQFactory(question="How much does it cost?", answer="<p>Ask the clinic.</p>")

    TreatmentPageFactory(
        parent=index,
        title="Microneedling",
        slug="microneedling",
        summary="Tiny needles make small marks in the skin. As it heals, the skin gets firmer.",
        session_time="About 1 hour",
        sessions_needed="3 to 6, a month apart",
        recovery_time="1 to 3 days of redness",
        numbing="Numbing cream",
        results_timeline="After 4 to 6 weeks",
        body=preview_guide_body(saved_questions=(shared.pk,)),
        concerns=[scars, lines],
    )
    TreatmentPageFactory(
        parent=index,
        title="Chemical peels",
        slug="chemical-peels",
        concerns=[lines],
        body=stream(
            ("overview", {"heading": "What it is", "text": "<p>A liquid removes old skin.</p>"}),
            ("procedure", {"heading": "What happens", "steps": steps("Clean", "Peel")}),
        ),
    )
    notice = UrgentHelpSettings.for_site(Site.objects.get(is_default_site=True))
    notice.message = "<p><b>Call 911</b> if you have trouble breathing.</p>"
    notice.clinic_phone = "555-0100"
    notice.save()
