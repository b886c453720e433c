"""Safe by default: headers, brute-force lockout, escaping everywhere, nothing unpublished leaks."""

import re
from html.parser import HTMLParser

from django.test import override_settings
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import TreatmentPageFactory, UserFactory, build_site, stream
from tests.shared_data import built_once, fresh

pytestmark = pytest.mark.django_db


def test_patient_pages_get_a_strict_policy(client, site_tree):
    _home, index = site_tree
    guide = TreatmentPageFactory(parent=index)
    for url in ("/", guide.url, "/search/?q=x", "/missing/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self';" in policy, url
        assert "unsafe-inline" not in policy and "object-src 'none'" in policy
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_a_clinic_can_allow_extra_sources_from_the_environment(client, site_tree, monkeypatch):
    """CSP_EXTRA_SOURCES (e.g. a CDN for images) is added to the policy, nothing else loosens."""
    import importlib

    from portal.settings import base

    monkeypatch.setenv("CSP_EXTRA_SOURCES", "img-src https://images.example.org ; ;")
    extra = importlib.reload(base).CSP_EXTRA_SOURCES
    monkeypatch.delenv("CSP_EXTRA_SOURCES")
    importlib.reload(base)
    with override_settings(CSP_EXTRA_SOURCES=extra):
        policy = client.get("/")["Content-Security-Policy"]
    img_src = next(part for part in policy.split("; ") if part.startswith("img-src"))
    assert img_src.endswith(" https://images.example.org")
    assert "script-src 'self';" in policy


def runnable_inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html)


def test_admin_scripts_carry_a_fresh_nonce(client, site_tree):
    _home, index = site_tree
    guide = TreatmentPageFactory(parent=index)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    first, second = client.get(url), client.get(url)
    policy = first["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert "script-src 'self' 'nonce-" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    # Wagtail's own inline scripts (the image chooser, written in Python, and the date pickers,
    # from template files) all carry it.
    scripts = runnable_inline_scripts(first.content.decode())
    assert len(scripts) >= 2
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert nonce not in second["Content-Security-Policy"]


def test_a_script_that_arrives_through_data_gets_no_nonce():
    """Only the server's own scripts are trusted: injected markup on an admin page never runs."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from portal.security import TRUSTED_MARK, SecurityHeadersMiddleware

    injected = "<p>Title</p><script>alert(1)</script><script nonce=x>alert(2)</script>"
    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse(injected))
    response = middleware(RequestFactory().get("/admin/pages/"))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert nonce not in html and "<script>alert(1)</script>" in html
    assert TRUSTED_MARK not in html


def test_the_trusted_mark_never_leaves_the_server(client, site_tree):
    from portal.security import TRUSTED_MARK

    _home, index = site_tree
    guide = TreatmentPageFactory(parent=index)
    assert TRUSTED_MARK not in client.get(guide.url).content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in (guide.url, reverse("wagtailadmin_pages:edit", args=[guide.pk]), "/api/v3/docs/"):
        assert TRUSTED_MARK not in client.get(url).content.decode(), url


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_login_locks_out_after_repeated_failures(client):
    UserFactory(username="staff", password="right-password", is_staff=True, is_superuser=True)
    url = reverse("wagtailadmin_login")
    codes = [
        client.post(url, {"username": "staff", "password": "wrong"}).status_code for _ in range(3)
    ]
    assert codes == [200, 200, 429]  # the form with an error twice, then the lockout page
    locked = client.post(url, {"username": "staff", "password": "right-password"})
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    # Another account from the same address can still sign in.
    UserFactory(username="other", password="other-password", is_staff=True, is_superuser=True)
    assert client.post(url, {"username": "other", "password": "other-password"}).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_successful_login_still_works(client):
    UserFactory(username="staff", password="right-password", is_staff=True, is_superuser=True)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "staff", "password": "right-password"}
    )
    assert response.status_code == 302


# --- Escaping: nothing anyone types can run as script -------------------------------------------

SCRIPT = "<script>alert('x')</script>"
HANDLER = '<img src=x onerror="alert(1)">'
PAYLOAD = f"Text {SCRIPT}{HANDLER}"
JS_URL = "javascript:alert(1)"


def hostile_value(block):
    """A raw value for ``block`` with hostile text in every text field and URL."""
    from wagtail import blocks
    from wagtail.images.blocks import ImageChooserBlock
    from wagtail.snippets.blocks import SnippetChooserBlock

    if isinstance(block, blocks.StructBlock):
        return {name: hostile_value(child) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return [hostile_value(block.child_block)]
    if isinstance(block, blocks.StreamBlock):
        name, child = next(iter(block.child_blocks.items()))
        return [{"type": name, "value": hostile_value(child)}]
    if isinstance(block, blocks.RichTextBlock):
        return "<p>Safe rich text.</p>"  # editors' rich text is sanitised on input (Draftail)
    if isinstance(block, blocks.URLBlock):
        return JS_URL
    if isinstance(block, blocks.ChoiceBlock):
        return block.field.choices[-1][0]
    if isinstance(block, blocks.IntegerBlock):
        return 2020
    if isinstance(block, blocks.BooleanBlock | ImageChooserBlock | SnippetChooserBlock):
        return None
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return "1" if block.name == "sources" else PAYLOAD
    raise AssertionError(f"no hostile value for {block!r}")


class LiveCode(HTMLParser):
    """Collects what a browser would run: event handler attributes, javascript: links and
    script contents."""

    def __init__(self):
        super().__init__()
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value}>")
        types = dict(attrs).get("type", "")
        self._in_script = tag == "script" and types != "application/ld+json"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append(f"<script>{data}")


def assert_inert(html: str) -> None:
    parser = LiveCode()
    parser.feed(html)
    assert parser.found == []
    assert "&lt;script&gt;alert" in html  # the text is there, shown as text


@pytest.fixture
def hostile_guide(site_tree):
    from articles.blocks.stream import GuideBodyBlock
    from home.models import UrgentHelpSettings

    home, index = site_tree
    body = GuideBodyBlock()
    sections = [
        (name, hostile_value(child))
        for name, child in body.child_blocks.items()
        if name not in ("image",)
    ]
    from tests.factories import SkinConcernFactory

    guide = TreatmentPageFactory(
        parent=index,
        title=f"Guide {SCRIPT}",
        slug="hostile",
        summary=PAYLOAD,
        session_time=PAYLOAD[:80],
        recovery_time=HANDLER,
        concerns=[SkinConcernFactory(name=f"Acne {HANDLER}"[:80], slug="acne")],
        body=stream(*sections),
    )
    notice = UrgentHelpSettings.for_site(home.get_site())
    notice.heading = PAYLOAD[:80]
    notice.clinic_phone = "javascript:alert(1)"
    notice.save()
    return guide


def test_hostile_text_in_every_block_and_field_is_shown_as_text(client, hostile_guide):
    response = client.get(hostile_guide.url)
    assert response.status_code == 200
    assert_inert(response.content.decode())
    assert_inert(client.get("/treatments/").content.decode())
    assert_inert(client.get("/").content.decode())


def test_hostile_text_is_inert_in_search_results_and_the_query(client, hostile_guide):
    html = client.get("/search/", {"q": f"Text {SCRIPT}"}).content.decode()
    assert "<script>alert" not in html and 'onerror="' not in html
    assert "&lt;script&gt;alert" in html


def test_hostile_text_cannot_break_out_of_json_ld(client, hostile_guide):
    import json

    html = client.get(hostile_guide.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 2  # the page and its FAQ
    for block in blocks:
        assert "</script" not in block.lower() and "<" not in block
        json.loads(block)  # still valid JSON


# --- Nothing unpublished leaks through any channel ---------------------------------------------


@pytest.fixture(scope="module")
def hidden_site(django_db_setup, django_db_blocker):
    """The site of the ``hidden`` tests, built once for this module (tests/shared_data.py)."""
    from datetime import timedelta

    from django.utils import timezone

    with built_once(django_db_blocker):
        _home, index = build_site()
        draft = TreatmentPageFactory(parent=index, title="Draftword guide", live=False)
        private = TreatmentPageFactory(parent=index, title="Privateword guide")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        scheduled = TreatmentPageFactory(parent=index, title="Scheduledword guide", live=False)
        scheduled.go_live_at = timezone.now() + timedelta(days=3)
        scheduled.save_revision(approved_go_live_at=scheduled.go_live_at)
        live = TreatmentPageFactory(parent=index, title="Liveword guide")
        live.title = "Unpublishedword change"
        live.save_revision()  # a draft change on a live page
        yield {"draft": draft, "private": private, "scheduled": scheduled, "live": live}


@pytest.fixture
def hidden(db, hidden_site):
    """A site whose guides patients must not see: a draft, a private guide, one scheduled to go
    live in three days, and a live guide with an unpublished change (read fresh per test)."""
    return fresh(hidden_site)


SECRET_TITLES = (
    "Draftword guide",
    "Privateword guide",
    "Scheduledword guide",
    "Unpublishedword change",
)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/treatments/",
        "/treatments/?concern=",
        "/search/?q=guide",
        "/search/?q=Draftword",
        "/search/?q=Privateword",
        "/search/?q=Scheduledword",
        "/search/?q=Unpublishedword",
        "/search/suggest/?q=Dr",
        "/search/suggest/?q=Pr",
        "/sitemap.xml",
    ],
)
def test_unpublished_content_never_appears(client, hidden, url):
    html = client.get(url).content.decode()
    for title in SECRET_TITLES:
        assert title not in html, (url, title)


def test_hidden_pages_themselves_are_not_served(client, hidden):
    assert client.get(hidden["draft"].url or "/treatments/draftword-guide/").status_code == 404
    assert client.get("/treatments/scheduledword-guide/").status_code == 404
    response = client.get(hidden["private"].url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "Unpublishedword" not in client.get(hidden["live"].url).content.decode()


def test_feedback_cannot_be_sent_for_hidden_pages(client, hidden):
    for page in (hidden["draft"], hidden["private"], hidden["scheduled"]):
        response = client.post(reverse("feedback", args=[page.pk]), {"helpful": "yes"})
        assert response.status_code == 404


# --- Bad input gets a clear 4xx, never a 500 -----------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/search/", {"q": "x" * 5000}),
        ("get", "/search/", {"q": "test", "page": "99999999999999999999"}),
        ("get", "/search/", {"q": "%00\x00"}),
        ("get", "/treatments/", {"concern": "a\x00b"}),
        ("get", "/search/suggest/", {"q": "ab\x00"}),
        ("get", "/treatments/", {"concern": "x" * 3000}),
        ("get", "/treatments/", {"concern": ["a", "b"]}),
        ("post", "/feedback/999999/", {"helpful": "yes"}),
        ("post", "/feedback/1/", {"helpful": "yes", "comment": "\x00" * 10}),
        ("get", "/search/suggest/", {"q": "x" * 5000}),
        ("get", "/treatments/no-such-guide/aftercare/", {}),
    ],
)
def test_bad_input_is_answered_with_a_4xx_or_a_clean_page(client, site_tree, method, url, data):
    response = getattr(client, method)(url, data)
    assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/guides/",
        "/api/v3/guides/?search=guide",
        "/api/v3/guides/?search=Draftword",
        "/api/v3/pages/?type=articles.TreatmentPage",
        "/api/v3/pages/?search=Privateword",
        "/api/v2/pages/?type=articles.TreatmentPage&fields=title",
        "/api/v2/pages/?search=Scheduledword",
    ],
)
def test_unpublished_content_never_appears_in_the_api(client, hidden, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    for title in SECRET_TITLES:
        assert title not in response.content.decode(), (url, title)


def test_hidden_pages_are_not_found_in_the_api(client, hidden):
    for page in (hidden["draft"], hidden["private"], hidden["scheduled"]):
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_api_returns_hostile_text_as_plain_json_data(client, hostile_guide):
    import json

    response = client.get(f"/api/v3/pages/{hostile_guide.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    data = json.loads(response.content)
    assert data["summary"] == PAYLOAD  # the text itself, for the app to escape when it shows it


def test_admin_pages_are_sent_whole_after_nonces_are_added(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in ("/admin/login/", "/admin/", "/admin/pages/"):
        response = client.get(url)
        if response.has_header("Content-Length"):
            assert int(response["Content-Length"]) == len(response.content), url


def test_api_docs_load_their_assets_from_this_site(client):
    response = client.get("/api/v3/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html.split("<body")[0]
