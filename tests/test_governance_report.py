"""The guide reviews report and the dashboard's summary, on one site built once for the module
(``report_site``): four published guides (overdue, due soon, current and never reviewed on the
report day) and a draft the report leaves out."""

from django.test import override_settings
from django.urls import reverse

from wagtail.models import Site

import pytest

from tests.review_flow import report_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(report_site, db):
    return report_site[0]


@pytest.fixture
def report_guides(report_site, db):
    return report_site[1]


def test_report_lists_published_guides_with_their_review_state(
    client, roles, report_guides, on_report_day
):
    client.force_login(roles["editor"])
    rows = report_rows(client)
    assert [row["Guide"] for row in rows] == [
        "Never reviewed guide",
        "Overdue guide",
        "Due soon guide",
        "Current guide",
    ]
    by_title = {row["Guide"]: row for row in rows}
    assert by_title["Overdue guide"]["Status"] == "Overdue"
    assert by_title["Overdue guide"]["Next review due"] == "2026-01-05"
    assert by_title["Due soon guide"]["Status"] == "Due within 30 days"
    assert by_title["Current guide"]["Reviewed by"] == "Dr Rita Reviewer, MD, FAAD"
    assert by_title["Never reviewed guide"]["Status"] == "Never reviewed"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("overdue", {"Never reviewed guide", "Overdue guide"}),
        ("due_soon", {"Due soon guide"}),
        ("due", {"Never reviewed guide", "Overdue guide", "Due soon guide"}),
        ("current", {"Current guide"}),
    ],
)
def test_report_filters_by_review_status(
    client, roles, report_guides, on_report_day, status, expected
):
    client.force_login(roles["reviewer"])
    assert {row["Guide"] for row in report_rows(client, status=status)} == expected


def test_report_page_and_dashboard_summary(client, roles, report_guides, on_report_day):
    client.force_login(roles["reviewer"])
    html = client.get(reverse("guide_reviews_report"), {"status": "due"}).content.decode()
    assert "Guide reviews" in html and "Overdue guide" in html and "Current guide" not in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<strong>2</strong> published guides need a clinical review now" in dashboard
    assert "<strong>1</strong> more is due within 30 days" in dashboard


def test_the_due_soon_window_is_one_setting_every_label_reads(
    client, roles, report_guides, on_report_day, settings
):
    # "Due soon guide" is due on 2026-12-10, 16 days after the report day.
    settings.REVIEW_DUE_SOON_DAYS = 10
    client.force_login(roles["reviewer"])
    by_title = {row["Guide"]: row["Status"] for row in report_rows(client)}
    assert by_title["Due soon guide"] == "Up to date"
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<strong>0</strong> more are due within 10 days" in dashboard

    settings.REVIEW_DUE_SOON_DAYS = 20
    by_title = {row["Guide"]: row["Status"] for row in report_rows(client)}
    assert by_title["Due soon guide"] == "Due within 20 days"
    html = client.get(reverse("guide_reviews_report")).content.decode()
    assert "Overdue or due within 20 days" in html and "30 days" not in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<strong>1</strong> more is due within 20 days" in dashboard


def test_report_shows_review_dates_as_dates(client, roles, report_guides, on_report_day):
    client.force_login(roles["editor"])
    html = client.get(reverse("guide_reviews_report")).content.decode()
    row = html[html.index("Due soon guide") :]
    row = row[: row.index("</tr>")]
    assert '<time datetime="2026-12-10">December 10, 2026</time>' in row  # next review due
    assert '<time datetime="2025-12-10">December 10, 2025</time>' in row  # last reviewed
    assert "Just now" not in html


@override_settings(WAGTAILADMIN_BASE_URL="https://guides.example.org")
def test_report_addresses_use_the_clinics_address_not_a_local_one(
    client, roles, report_guides, on_report_day
):
    client.force_login(roles["editor"])
    addresses = {row["Guide"]: row["Address"] for row in report_rows(client)}
    assert addresses["Current guide"] == "https://guides.example.org/treatments/current-guide/"

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "guides.clinic.org", 443
    site.save()
    addresses = {row["Guide"]: row["Address"] for row in report_rows(client)}
    assert addresses["Current guide"] == "https://guides.clinic.org/treatments/current-guide/"
