"""Translating a guide with wagtail-localize, as staff do it: an editor starts a Spanish
translation of a complete guide and opens it in the translation editor; only a clinician who
reads Spanish can put it live, and when they publish it there, that is recorded as their review.
An editor sends the translation for clinical review from its "Changes in English" page."""

from django.conf import settings as django_settings
from django.test import Client, TestCase
from django.urls import reverse

from wagtail.models import Locale, Page

import pytest
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from governance.models import ClinicalReview, ClinicianProfile
from tests.conftest import make_roles
from tests.factories import TreatmentPageFactory, preview_guide_body
from tests.review_flow import act, in_progress
from tests.shared_data import SharedData, fresh_page, fresh_roles, role_keys
from tests.translations import in_spanish, spanish_languages, speak_spanish

pytestmark = pytest.mark.django_db


SHARED = SharedData()


def make_guide(roles, settings):
    # The Spanish tree exists (made with another guide), with the same roles as the English one.
    in_spanish(TreatmentPageFactory(parent=roles["index"], title="Peels"), settings)
    return TreatmentPageFactory(
        parent=roles["index"], title="Microneedling", body=preview_guide_body()
    )


@pytest.fixture
def own_roles(db):
    """The review team on a site of the test's own (conftest's ``roles``), for a test that starts
    the translation itself (it comes before the first test that uses ``shared``)."""
    return SHARED.own(make_roles)


@pytest.fixture
def own_guide(own_roles, settings):
    return make_guide(own_roles, settings)


def start_translation(client, user, guide):
    """``user`` asks wagtail-localize for a Spanish translation of ``guide``, as the page
    listing's "Translate" does (what it does when the transaction commits included)."""
    spanish = Locale.objects.get(language_code="es")
    client.force_login(user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[guide.pk]),
            {"locales": [spanish.pk]},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Page.objects.get(translation_key=guide.translation_key, locale=spanish)


def make_shared() -> dict:
    roles = make_roles()
    with spanish_languages():
        guide = make_guide(roles, django_settings)
        synced = start_translation(Client(), roles["editor"], guide)
    return {
        "roles": role_keys(roles),
        "guide": guide.pk,
        "synced": synced.pk,
    }


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """Primary keys of the review team (``roles``), the complete English guide (``guide``) and
    its Spanish translation started in wagtail-localize (``synced``), built once per module
    (tests/shared_data.py)."""
    yield from SHARED.build(django_db_blocker, make_shared)


@pytest.fixture
def roles(shared, db):
    """The review team of the shared site (conftest's ``roles``, fresh from the database)."""
    return fresh_roles(shared["roles"])


@pytest.fixture
def guide(shared, roles, settings):
    """The complete English guide; the site speaks Spanish for the test (``settings``)."""
    speak_spanish(settings)
    return fresh_page(shared["guide"])


@pytest.fixture
def synced(client, guide, roles, shared):
    """The guide's Spanish translation, started by the editor in wagtail-localize (who is still
    logged in on ``client``, as after starting it)."""
    client.force_login(roles["editor"])
    return Page.objects.get(pk=shared["synced"])


def reads_spanish(user) -> None:
    profile = ClinicianProfile.objects.get(user=user)
    profile.review_languages = ["en", "es"]
    profile.save()


def publish_in_translation_editor(client, user, page, capture):
    client.force_login(user)
    with capture(execute=True):  # wagtail-localize publishes when the transaction commits
        return client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )


def test_a_translation_started_by_anyone_waits_for_review(client, own_guide, own_roles):
    """wagtail-localize would publish a translation of a live guide straight away, in English
    words, when someone allowed to publish starts it: here it is always a draft."""
    guide, roles = own_guide, own_roles
    assert not start_translation(client, roles["admin"], guide).live
    assert not ClinicalReview.objects.filter(page__locale__language_code="es").exists()


def test_an_editor_starts_a_translation_of_a_complete_guide(client, guide, synced):
    assert guide.live
    assert not synced.live, "a new translation is a draft, even of a live guide"
    assert Translation.objects.filter(target_locale=synced.locale, enabled=True).exists()

    response = client.get(reverse("wagtailadmin_pages:edit", args=[synced.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "data-props=" in html, "wagtail-localize's translation editor"
    # Every section's texts are there to translate.
    assert html.count("&quot;source&quot;") >= 50
    assert "Microneedling uses tiny needles" in html


def test_an_editor_cannot_publish_a_translation(
    client, guide, synced, roles, django_capture_on_commit_callbacks
):
    publish_in_translation_editor(
        client, roles["editor"], synced, django_capture_on_commit_callbacks
    )

    assert not Page.objects.get(pk=synced.pk).live


def test_a_reviewer_who_does_not_read_spanish_cannot_publish_it(
    client, guide, synced, roles, django_capture_on_commit_callbacks
):
    publish_in_translation_editor(
        client, roles["reviewer"], synced, django_capture_on_commit_callbacks
    )

    assert not Page.objects.get(pk=synced.pk).live
    assert not ClinicalReview.objects.filter(page=synced).exists()


def test_a_spanish_reading_reviewer_who_publishes_it_there_records_a_review(
    client, guide, synced, roles, django_capture_on_commit_callbacks
):
    reads_spanish(roles["reviewer"])

    publish_in_translation_editor(
        client, roles["reviewer"], synced, django_capture_on_commit_callbacks
    )

    page = Page.objects.get(pk=synced.pk).specific
    assert page.live
    review = ClinicalReview.objects.get(page=page)
    assert review.revision_id == page.live_revision_id
    assert review.method == ClinicalReview.Method.PUBLISHED
    assert page.review_info["reviewed_by"]["name"] == "Dr Rita Reviewer"


def test_an_editor_sends_a_translation_for_review_and_a_spanish_reader_approves_it(
    client, guide, synced, roles
):
    client.force_login(roles["editor"])
    response = client.post(reverse("translation_changes", args=[synced.pk]), {"action": "submit"})
    assert response.status_code == 302
    assert in_progress(synced) is not None

    response = act(client, roles["reviewer"], synced, "approve")
    assert not Page.objects.get(pk=synced.pk).live, "Rita does not read Spanish"

    reads_spanish(roles["reviewer"])
    act(client, roles["reviewer"], synced, "approve")

    page = Page.objects.get(pk=synced.pk).specific
    assert page.live
    assert ClinicalReview.objects.get(page=page).revision_id == page.live_revision_id


def test_the_translation_offers_changes_and_review_in_its_menus(client, guide, synced, roles):
    client.force_login(roles["editor"])
    url = reverse("translation_changes", args=[synced.pk])

    listing = client.get(reverse("wagtailadmin_explore", args=[synced.get_parent().pk]))
    assert url in listing.content.decode()
    english = client.get(reverse("wagtailadmin_explore", args=[guide.get_parent().pk]))
    assert "translation-changes" not in english.content.decode()

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Send for clinical review" in html
    assert "not live yet" in html


def test_machine_translated_text_is_marked_and_cannot_go_live_unchecked(
    client, guide, synced, roles, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    translation = Translation.objects.get(target_locale=synced.locale)
    client.force_login(roles["editor"])
    client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    machine = StringTranslation.objects.filter(
        locale=synced.locale, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert machine.count() >= 50

    html = client.get(reverse("translation_changes", args=[synced.pk])).content.decode()
    assert "Machine translated — needs review" in html

    reads_spanish(roles["reviewer"])
    publish_in_translation_editor(
        client, roles["reviewer"], synced, django_capture_on_commit_callbacks
    )
    assert not Page.objects.get(pk=synced.pk).live, "unchecked machine text never goes live"

    machine.update(translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL)  # a person checked
    publish_in_translation_editor(
        client, roles["reviewer"], synced, django_capture_on_commit_callbacks
    )
    assert Page.objects.get(pk=synced.pk).live


def test_updating_translations_never_publishes_them_unreviewed(
    client, guide, synced, roles, django_capture_on_commit_callbacks
):
    """ "Sync translated pages" with "Publish immediately" would put the English changes live on
    every translation, unreviewed: it is refused with a reason, and nothing changes."""
    source = TranslationSource.objects.get(object_id=guide.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    client.force_login(roles["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"}, follow=True)

    assert not Page.objects.get(pk=synced.pk).live
    assert "clinical review" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {})  # syncing without publishing still works
    assert response.status_code == 302
    assert not Page.objects.get(pk=synced.pk).live
