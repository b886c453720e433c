"""Holes an outside probe found, closed: the client's address behind a proxy, the feedback limit,
spreadsheet formulas in exports, feedback reports that respect page permissions."""

import csv
import io
import threading

from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory, override_settings
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page

import pytest

from feedback.models import GuideFeedback
from feedback.views import RATE_LIMIT, within_limit
from portal.client import client_address
from portal.spreadsheets import neutralise_formula
from tests.factories import TreatmentPageFactory, UserFactory, build_site
from tests.shared_data import built_once, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def plain_site(django_db_setup, django_db_blocker):
    """Home and the treatments index (``build_site``), built once for this module
    (tests/shared_data.py)."""
    with built_once(django_db_blocker):
        home, index = build_site()
        yield {"home": home, "index": index}


@pytest.fixture
def site_tree(db, plain_site):
    """(home, index): the pages every patient-facing test needs, read fresh per test."""
    pages = fresh(plain_site)
    return pages["home"], pages["index"]


PROXY = "10.0.0.2"  # the clinic's TLS proxy, as the app sees it


def through_proxy(client: str, forwarded: str | None = None) -> dict:
    """Request headers as one trusted proxy sends them: it appends the address it saw."""
    chain = f"{forwarded}, {client}" if forwarded else client
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


# --- The client's address -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "203.0.113.7"}, "203.0.113.7"),
        (0, through_proxy("203.0.113.7"), PROXY),  # no proxy configured: the header is ignored
        (1, through_proxy("203.0.113.7"), "203.0.113.7"),
        (1, through_proxy("203.0.113.7", forwarded="6.6.6.6"), "203.0.113.7"),  # forged left part
        (1, {"REMOTE_ADDR": "203.0.113.7"}, "203.0.113.7"),  # came around the proxy
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address"}, PROXY),
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.4, 10.0.0.9"},
            "198.51.100.4",
        ),
    ],
)
def test_client_address_counts_only_trusted_proxies(proxies, meta, expected):
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_address(RequestFactory().get("/", **meta)) == expected


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, TRUSTED_PROXY_COUNT=1)
def test_a_lockout_behind_the_proxy_locks_the_attacker_not_everyone(client):
    UserFactory(username="nurse", password="right-password", is_staff=True, is_superuser=True)
    url = reverse("wagtailadmin_login")
    attacker = through_proxy("198.51.100.66")
    codes = [
        client.post(url, {"username": "nurse", "password": "wrong"}, **attacker).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    # The attacker can't get in even with the right password...
    assert (
        client.post(
            url, {"username": "nurse", "password": "right-password"}, **attacker
        ).status_code
        == 429
    )
    # ...but the nurse, at the clinic, behind the same proxy, signs in.
    nurse = through_proxy("203.0.113.7")
    response = client.post(url, {"username": "nurse", "password": "right-password"}, **nurse)
    assert response.status_code == 302


# --- Feedback limit -----------------------------------------------------------------------------


@pytest.fixture
def guide(site_tree):
    _home, index = site_tree
    return TreatmentPageFactory(parent=index, title="Peels")


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_feedback_limit_counts_each_patient_not_the_proxy(client, guide):
    url = reverse("feedback", args=[guide.pk])
    first = through_proxy("203.0.113.7")
    codes = [client.post(url, {"helpful": "yes"}, **first).status_code for _ in range(6)]
    assert codes == [302] * RATE_LIMIT + [429]
    second = through_proxy("198.51.100.4")
    assert client.post(url, {"helpful": "no"}, **second).status_code == 302
    assert GuideFeedback.objects.count() == RATE_LIMIT + 1


def test_answers_sent_at_the_same_moment_are_all_counted():
    start = threading.Barrier(30)
    allowed = []

    def answer():
        start.wait()
        allowed.append(within_limit("feedback-rate:same-moment"))

    threads = [threading.Thread(target=answer) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == RATE_LIMIT


def test_feedback_for_a_page_without_an_address_is_a_404(client, site_tree):
    root = Page.get_first_root_node()
    response = client.post(reverse("feedback", args=[root.pk]), {"helpful": "yes"})
    assert response.status_code == 404
    assert not GuideFeedback.objects.exists()


# --- Spreadsheets -------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formulas_become_text(text):
    assert neutralise_formula(text) == "'" + text
    assert neutralise_formula("Plain words") == "Plain words"
    assert neutralise_formula(-3) == -3


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_feedback_exports_never_hold_a_formula(client, guide):
    for text in FORMULAS:
        GuideFeedback.objects.create(page=guide, helpful=False, comment=text)
    guide.title = "=1+1"
    guide.save()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    summary = csv_rows(client.get(reverse("guide_feedback_report"), {"export": "csv"}))
    assert summary[1][0] == "'=1+1"
    comments = csv_rows(
        client.get(reverse("guide_feedback_comments", args=[guide.pk]), {"export": "csv"})
    )
    assert sorted(row[2] for row in comments[1:]) == sorted("'" + text for text in FORMULAS)


def test_guide_reviews_export_never_holds_a_formula(client, guide):
    guide.title = "@cmd|' /C calc'!A0"
    guide.save_revision().publish()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    rows = csv_rows(client.get(reverse("guide_reviews_report"), {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'@cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


# --- Feedback reports follow page permissions ---------------------------------------------------


def test_an_editor_reads_only_the_feedback_of_pages_they_work_on(client, site_tree):
    home, index = site_tree
    mine = TreatmentPageFactory(parent=index, title="Peels")
    clinic = TreatmentPageFactory(parent=home, title="Clinic news")
    GuideFeedback.objects.create(page=mine, helpful=True, comment="Clear guide")
    GuideFeedback.objects.create(page=clinic, helpful=False, comment="Secret staff matter")

    group = Group.objects.create(name="Guide writers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=index, permission_type="change")
    editor = UserFactory(username="ed")
    editor.groups.add(group)
    client.force_login(editor)

    report = client.get(reverse("guide_feedback_report")).content.decode()
    assert "Peels" in report and "Clinic news" not in report
    assert client.get(reverse("guide_feedback_comments", args=[mine.pk])).status_code == 200
    other = client.get(reverse("guide_feedback_comments", args=[clinic.pk]))
    assert other.status_code == 404
    assert "Secret staff matter" not in other.content.decode()


# --- Media behind live guides -------------------------------------------------------------------


@pytest.fixture
def roles_and_image(site_tree, django_image):
    from governance.reviews import REVIEWERS_GROUP
    from governance.roles import EDITORS_GROUP, setup_roles

    home, index = site_tree
    setup_roles(home, index)
    editor = UserFactory(username="eddie")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    reviewer = UserFactory(username="rita")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    TreatmentPageFactory(parent=index, title="Peels", hero_image=django_image)
    return editor, reviewer, django_image


def test_editors_cannot_delete_pictures_patients_see(client, roles_and_image):
    from wagtail.images import get_image_model
    from wagtail.models import APIToken

    editor, _reviewer, image = roles_and_image
    _token, secret = APIToken.create_token(user=editor, name="cms")
    response = client.delete(f"/api/v3/images/{image.pk}/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code in (403, 404)
    client.force_login(editor)
    response = client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code in (302, 403)
    assert get_image_model().objects.filter(pk=image.pk).exists()
    assert not editor.has_perm("wagtailimages.delete_image")


def test_setup_roles_takes_back_delete_given_to_editors(roles_and_image):
    from wagtail.models import Collection, GroupCollectionPermission

    from governance.roles import EDITORS_GROUP, setup_roles

    editors = Group.objects.get(name=EDITORS_GROUP)
    GroupCollectionPermission.objects.create(
        group=editors,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="delete_document"),
    )
    home = Page.objects.get(depth=2)
    assert any("delete" in change for change in setup_roles(home, None))
    assert not GroupCollectionPermission.objects.filter(
        group=editors, permission__codename__startswith="delete_"
    ).exists()


def test_reviewers_can_delete_a_picture(client, roles_and_image):
    from wagtail.images import get_image_model

    _editor, reviewer, image = roles_and_image
    client.force_login(reviewer)
    response = client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def image_edit(client, image, **changes):
    """POST the image's edit form as the admin sends it, with ``changes`` on top."""
    from wagtail.models import Collection

    data = {
        "title": image.title,
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "description": "",
        **{f"focal_point_{key}": "" for key in ("x", "y", "width", "height")},
        **changes,
    }
    return client.post(reverse("wagtailimages:edit", args=[image.pk]), data)


def new_png(colour: str):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("swapped.png", buffer.getvalue(), content_type="image/png")


def test_editors_cannot_swap_the_file_of_a_picture_patients_see(client, roles_and_image):
    editor, _reviewer, image = roles_and_image
    original = image.file.name
    client.force_login(editor)

    response = image_edit(client, image, file=new_png("#ff0000"))
    assert response.status_code == 200  # the form again, with the reason
    assert "shown on live guides (Peels)" in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == original

    # The rest stays editable: a better title goes through.
    assert image_edit(client, image, title="Clinic room").status_code == 302
    image.refresh_from_db()
    assert image.title == "Clinic room" and image.file.name == original


def test_reviewers_and_unused_pictures_can_have_their_file_swapped(client, roles_and_image):
    from wagtail.images import get_image_model

    editor, reviewer, image = roles_and_image
    client.force_login(reviewer)
    assert image_edit(client, image, file=new_png("#ff0000")).status_code == 302
    assert get_image_model().objects.get(pk=image.pk).file.name != image.file.name

    unused = get_image_model().objects.create(title="Spare", file=new_png("#00ff00"))
    client.force_login(editor)
    assert image_edit(client, unused, file=new_png("#0000ff")).status_code == 302


# --- Odd stored data still renders ----------------------------------------------------------------


def test_a_reference_with_null_fields_in_stored_json_renders(client, site_tree):
    from tests.factories import stream

    _home, index = site_tree
    reference = {
        "title": "Skin needling",
        "source": "AAD",
        "publication": None,
        "year": None,
        "url": None,
        "doi": None,
        "pmid": None,
    }
    guide = TreatmentPageFactory(
        parent=index,
        body=stream(("references", {"heading": "Sources", "references": [reference]})),
    )
    for url in (guide.url, f"/api/v3/pages/{guide.pk}/", f"/api/v2/pages/{guide.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Skin needling" in response.content.decode()


# --- Health check ---------------------------------------------------------------------------------


def test_health_check_answers_ok_with_the_database(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_check_is_503_without_the_database(client, monkeypatch):
    from django.db import OperationalError, connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["database"] == "unreachable"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_log_lines_name_the_client_behind_the_proxy():
    import logging

    from portal.client import ClientAddressFilter

    request = RequestFactory().get("/", **through_proxy("203.0.113.7", forwarded="6.6.6.6"))
    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "Not Found", (), None)
    record.request = request
    assert ClientAddressFilter().filter(record) and record.client == "203.0.113.7"
    plain = logging.LogRecord("portal", logging.INFO, "", 0, "Started", (), None)
    assert ClientAddressFilter().filter(plain) and plain.client == "-"


def test_a_second_concern_with_the_same_address_is_a_form_error(client, db):
    from articles.models import SkinConcern

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("wagtailsnippets_articles_skinconcern:add")
    no_codes = {f"clinical_codes-{n}": "0" for n in ("TOTAL_FORMS", "INITIAL_FORMS")}
    form = {"description": "", **no_codes}
    first = client.post(url, {"name": "Acne scars", "slug": "acne-scars", **form})
    assert first.status_code == 302
    second = client.post(url, {"name": "Acne marks", "slug": "acne-scars", **form})
    assert second.status_code == 200
    assert "Another skin concern already uses this web address name." in second.content.decode()
    assert SkinConcern.objects.count() == 1


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/", "text/html"),
        ("/treatments/", "text/html"),
        ("/search/?q=skin", "text/html"),
        ("/api/v3/pages/", "application/problem+json"),
        ("/api/v2/pages/", "application/problem+json"),
    ],
)
def test_a_database_restart_is_a_503_to_try_again_not_a_500(site_tree, monkeypatch, url, kind):
    from django.db import OperationalError, connection
    from django.test import Client

    def restarting(*args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(connection, "cursor", restarting)
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith(kind)


def test_other_server_errors_stay_500_with_the_friendly_page(site_tree, monkeypatch):
    from django.test import Client

    from home.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(HomePage, "serve", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
