"""The demo site a newcomer gets from `load_initial_data`: complete, repeatable, clearly sample."""

from django.core.management import CommandError
from django.test import override_settings

from wagtail.models import Locale, Page, Revision, Site

import pytest

from articles.blocks.stream import STANDARD_SECTIONS
from articles.models import FrequentlyAskedQuestion, SkinConcern, TreatmentPage
from home.models import HomePage
from tests.api_content import assert_valid
from tests.demo import demo_content, load_demo

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "concerns": SkinConcern.objects.count(),
        "faqs": FrequentlyAskedQuestion.objects.count(),
        "latest_revision": Revision.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }


def test_first_run_builds_the_site_and_says_what_it_did(demo_site):
    assert "Created" in demo_site
    assert "guide 'Microneedling'" in demo_site
    home = HomePage.objects.get(locale=Locale.get_default())
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    english = TreatmentPage.objects.live().filter(locale=home.locale)
    assert english.count() == len(demo_content.GUIDES) >= 3
    assert SkinConcern.objects.filter(locale=home.locale).count() == len(demo_content.CONCERNS)


def test_second_run_changes_nothing(demo_site):
    before = snapshot()
    report = load_demo()
    assert "nothing changed" in report
    assert snapshot() == before


def test_reset_rebuilds_the_demo_pages(demo_site):
    old_ids = set(TreatmentPage.objects.values_list("pk", flat=True))
    report = load_demo("--reset")
    assert "Removed the demo pages" in report
    new_ids = set(TreatmentPage.objects.values_list("pk", flat=True))
    assert len(new_ids) == len(old_ids)
    assert not new_ids & old_ids
    assert HomePage.objects.filter(locale=Locale.get_default()).count() == 1


def test_microneedling_uses_every_section_and_is_marked_as_sample(demo_site):
    guide = TreatmentPage.objects.get(slug="microneedling")
    types = [block.block_type for block in guide.body]
    assert set(STANDARD_SECTIONS) <= set(types)
    assert "callout" in types
    urgencies = {b.value["urgency"] for b in guide.body if b.block_type == "warning_signs"}
    assert {"urgent", "emergency"} <= urgencies
    # Every section passes the same checks an editor's publish would.
    guide.body.stream_block.clean(guide.body)
    guide.full_clean()


def test_every_demo_page_renders_with_its_key_content(client, demo_site):
    home = client.get("/")
    assert home.status_code == 200
    assert "Microneedling" in home.content.decode()

    index = client.get("/treatments/").content.decode()
    for data in demo_content.GUIDES:
        assert data["title"] in index

    for data in demo_content.GUIDES:
        response = client.get(f"/treatments/{data['slug']}/")
        html = response.content.decode()
        assert response.status_code == 200, data["slug"]
        assert html.count("<h1") == 1
        assert "Sample content" in html and "not medical advice" in html
        assert data["summary"][:40] in html

    for concern in demo_content.CONCERNS:
        response = client.get("/treatments/", {"concern": concern["slug"]})
        assert response.status_code == 200, concern["slug"]
        expected = [g["title"] for g in demo_content.GUIDES if concern["slug"] in g["concerns"]]
        assert expected, f"no demo guide for concern {concern['slug']}"
        for title in expected:
            assert title in response.content.decode()

    search = client.get("/search/", {"q": "collagen"}).content.decode()
    assert "Microneedling" in search


def test_microneedling_page_shows_every_section_heading(client, demo_site):
    guide = TreatmentPage.objects.get(slug="microneedling")
    html = client.get(guide.url).content.decode()
    assert len(guide.contents) >= len(STANDARD_SECTIONS)
    for item in guide.contents:
        assert f'id="{item["anchor"]}"' in html
        assert f'href="#{item["anchor"]}"' in html  # listed in "On this page"
    assert '<ol class="steps' in html
    assert "<details" in html
    assert "Emergency" in html and "911" in html


def test_concern_filter_narrows_the_demo_list(client, demo_site):
    all_html = client.get("/treatments/").content.decode()
    counts = []
    for concern in demo_content.CONCERNS:
        html = client.get("/treatments/", {"concern": concern["slug"]}).content.decode()
        counts.append(sum(g["title"] in html for g in demo_content.GUIDES))
    assert all(g["title"] in all_html for g in demo_content.GUIDES)
    assert min(counts) < len(demo_content.GUIDES)  # at least one concern really filters


@override_settings(DEBUG=False)
def test_admin_login_needs_a_password_outside_debug(demo_site, monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DEMO_ADMIN_PASSWORD"):
        load_demo("--admin")


@override_settings(DEBUG=False)
def test_admin_login_uses_the_given_password(demo_site, monkeypatch, client):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "a-long-demo-password")
    report = load_demo("--admin")
    assert "user 'admin' (superuser" in report
    assert "user 'editor' (Editors" in report
    assert "user 'reviewer' (Clinical reviewers" in report
    assert client.login(username="admin", password="a-long-demo-password")
    assert client.get("/admin/").status_code == 200


def test_demo_guides_show_review_dates_and_one_is_overdue(client, demo_site):
    html = client.get("/treatments/microneedling/").content.decode()
    assert "Page last reviewed:" in html and "Reviewed by Dr. Sam Rivera (sample), MD" in html
    assert "due for review" not in html
    overdue = client.get("/treatments/led-light-therapy/").content.decode()
    assert "This page is due for review." in overdue


def test_demo_sets_up_roles_and_the_review_workflow(demo_site):
    from wagtail.models import Workflow

    from articles.models import TreatmentIndexPage

    review = Workflow.objects.get(name="Clinical review")
    indexes = TreatmentIndexPage.objects.all()
    assert {index.locale.language_code for index in indexes} == {"en", "es"}
    assert all(index.get_workflow() == review for index in indexes)  # Spanish guides too


def test_the_demo_guides_match_the_api_schema(client, demo_site):
    """The demo content (as a newcomer's site has it) keeps to the published API contract."""
    feed = client.get("/api/v3/guides/?limit=50").json()
    assert feed["count"] >= 3
    assert_valid("PagedTreatmentPageSchema", feed)
