"""A translation says when the English guide it was made from has changed: each saved version of a
translation records the English version it came from, and re-publishing the English guide with
changed text flags the translation "out of date with the English version" (on its page, in the
API, in the Guide reviews report), with the exact texts that changed."""

import json

from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

import pytest
from wagtail_localize.models import Translation, TranslationSource

from governance.models import TranslatedRevision, TranslationStatus
from governance.translations import changed_segments, mark_up_to_date
from tests.conftest import make_roles
from tests.factories import TreatmentPageFactory, UserFactory, stream
from tests.shared_data import SharedData, fresh_page, fresh_roles, role_keys
from tests.translations import in_spanish, spanish_languages, speak_spanish

pytestmark = pytest.mark.django_db

ENGLISH_BODY = [
    ("overview", {"heading": "What it is", "text": "<p>A gentle treatment.</p>"}),
    ("overview", {"heading": "Aftercare", "text": "<p>Wash your face with cool water.</p>"}),
]
SPANISH_BODY = [
    ("overview", {"heading": "Qué es", "text": "<p>Un tratamiento suave.</p>"}),
    ("overview", {"heading": "Cuidados", "text": "<p>Lávese la cara con agua fresca.</p>"}),
]


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    return Page.objects.get(pk=page.pk).specific


def republish_english(guide, *, aftercare: str = "", added: tuple = (), **fields):
    """Publish the English guide again as an editor would: its blocks keep their ids, the
    aftercare text reworded to ``aftercare``, blocks ``added`` at the end."""
    guide = Page.objects.get(pk=guide.pk).specific
    for name, value in fields.items():
        setattr(guide, name, value)
    if aftercare:
        guide.body[1].value["text"] = RichText(f"<p>{aftercare}</p>")
    for block in added:
        guide.body.append(block)
    return publish(guide)


SHARED = SharedData()


def make_guide(roles):
    return TreatmentPageFactory(
        parent=roles["index"], title="Dermaplaning", body=stream(*ENGLISH_BODY)
    )


@pytest.fixture
def own_roles(db):
    """The review team on a site of the test's own (conftest's ``roles``), for a test that
    translates the guide its own way (it comes before the first test that uses ``shared``)."""
    return SHARED.own(make_roles)


@pytest.fixture
def own_guide(own_roles):
    return make_guide(own_roles)


def make_shared() -> dict:
    roles = make_roles()
    guide = make_guide(roles)
    with spanish_languages():
        copy = in_spanish(guide, django_settings, title="Dermaplanado", body=stream(*SPANISH_BODY))
        spanish = publish(copy, roles["admin"])
    return {
        "roles": role_keys(roles),
        "guide": guide.pk,
        "spanish": spanish.pk,
    }


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """Primary keys of the review team (``roles``), the English guide and its live Spanish
    translation, built once per module (tests/shared_data.py)."""
    yield from SHARED.build(django_db_blocker, make_shared)


@pytest.fixture
def roles(shared, db):
    """The review team of the shared site (conftest's ``roles``, fresh from the database)."""
    return fresh_roles(shared["roles"])


@pytest.fixture
def guide(shared, db):
    return fresh_page(shared["guide"])


@pytest.fixture
def spanish(shared, guide, settings, db):
    """The guide's live Spanish translation; the site speaks Spanish for the test."""
    speak_spanish(settings)
    return fresh_page(shared["spanish"])


def status(page) -> TranslationStatus:
    return TranslationStatus.objects.get(page=page)


def test_a_synced_translation_follows_the_english_version_it_was_synced_with(
    own_guide, settings, own_roles, django_capture_on_commit_callbacks
):
    guide, roles = own_guide, own_roles
    in_spanish(guide, settings)  # the Spanish tree
    Page.objects.filter(translation_key=guide.translation_key, locale__language_code="es").delete()
    source, _created = TranslationSource.get_or_create_from_instance(guide)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="es")
    )
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(user=roles["admin"], publish=True)
    spanish = Page.objects.get(translation_key=guide.translation_key, locale__language_code="es")
    assert TranslatedRevision.objects.get(revision=spanish.live_revision).source_revision_id == (
        guide.live_revision_id
    )

    guide = republish_english(guide, title="Dermaplaning facial")
    assert status(spanish).out_of_date

    source.update_from_db()  # "Sync translated pages": the translator gets the new English text
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(user=roles["admin"], publish=True)
    spanish = Page.objects.get(pk=spanish.pk)
    assert TranslatedRevision.objects.get(revision=spanish.live_revision).source_revision_id == (
        guide.live_revision_id
    )
    assert not status(spanish).out_of_date


def test_a_new_translation_is_made_from_the_english_version_patients_see(guide, spanish):
    made_from = TranslatedRevision.objects.get(revision=spanish.live_revision)
    assert made_from.source_revision_id == guide.live_revision_id
    assert not status(spanish).out_of_date
    assert not TranslationStatus.objects.filter(page=guide).exists(), "English is the source"


def test_republishing_the_english_text_flags_the_translation(guide, spanish):
    republish_english(guide, aftercare="Wash with cool water twice a day.")

    flagged = status(spanish)
    assert flagged.out_of_date
    assert flagged.changed_segments == 1
    assert flagged.source_changed_at is not None


def test_republishing_english_without_changing_its_words_is_not_a_change(guide, spanish):
    republish_english(guide, review_interval_months=6)

    assert not status(spanish).out_of_date


def test_the_translator_sees_exactly_which_texts_changed(guide, spanish):
    before = Page.objects.get(pk=guide.pk).live_revision
    guide = republish_english(
        guide,
        title="Dermaplaning facial",
        aftercare="Wash with cool water twice a day.",
        added=[("overview", {"heading": "Results", "text": RichText("<p>Smooth at once.</p>")})],
    )

    changes = changed_segments(before, guide.live_revision)

    assert [(change.before, change.now) for change in changes] == [
        ("Dermaplaning", "Dermaplaning facial"),
        ("Wash your face with cool water.", "Wash with cool water twice a day."),
        ("", "Results"),
        ("", "Smooth at once."),
    ]
    assert changes[0].where == "Title"
    assert changes[1].where.startswith("Body > ")


def test_editing_the_translation_keeps_what_it_was_made_from(guide, spanish, roles):
    made_from = guide.live_revision_id
    republish_english(guide, title="Dermaplaning facial")

    fixed_typo = Page.objects.get(pk=spanish.pk).specific
    fixed_typo.title = "Dermaplanado (rostro)"
    spanish = publish(fixed_typo, roles["admin"])

    assert TranslatedRevision.objects.get(revision=spanish.live_revision).source_revision_id == (
        made_from
    )
    assert status(spanish).out_of_date, "a Spanish edit alone does not catch up with English"


def test_bringing_a_translation_up_to_date_takes_a_new_reviewed_version(guide, spanish, roles):
    guide = republish_english(guide, title="Dermaplaning facial")

    revision = mark_up_to_date(Page.objects.get(pk=spanish.pk), roles["editor"])

    assert TranslatedRevision.objects.get(revision=revision).source_revision_id == (
        guide.live_revision_id
    )
    assert status(spanish).out_of_date, "patients still see the old version until it is published"
    revision.publish(user=roles["admin"])
    assert not status(spanish).out_of_date


def test_patients_see_a_notice_with_a_link_to_the_english_guide(client, guide, spanish):
    assert 'class="translation-notice"' not in client.get(spanish.url).content.decode()

    republish_english(guide, title="Dermaplaning facial")

    html = client.get(Page.objects.get(pk=spanish.pk).url).content.decode()
    assert 'class="translation-notice"' in html
    assert f'href="{guide.url}"' in html
    assert 'hreflang="en"' in html
    assert "Esta página no está al día con la versión en inglés." in html, "in Spanish"
    assert f"cambió el {timezone.localdate():%-d} de " in html
    english = client.get(guide.url).content.decode()
    assert 'class="translation-notice"' not in english


def test_the_api_says_when_a_translation_is_out_of_date(client, guide, spanish):
    def translation_info():
        response = client.get(f"/api/v2/pages/{spanish.pk}/")
        assert response.status_code == 200, response.content
        return json.loads(response.content)["review_info"]["translation"]

    info = translation_info()
    assert info["out_of_date"] is False
    assert info["source_locale"] == "en"
    assert info["source_id"] == guide.pk

    republish_english(guide, title="Dermaplaning facial")

    info = translation_info()
    assert info["out_of_date"] is True
    assert info["changed_texts"] == 1
    english = json.loads(client.get(f"/api/v2/pages/{guide.pk}/").content)
    assert english["review_info"]["translation"] is None


def test_the_guide_reviews_report_lists_translations_out_of_date(client, guide, spanish, roles):
    republish_english(guide, title="Dermaplaning facial")
    client.force_login(roles["admin"])

    html = client.get(reverse("guide_reviews_report"), {"translation": "out_of_date"}).content
    html = html.decode()

    assert "Dermaplanado" in html
    assert "Out of date with English" in html
    assert reverse("translation_changes", args=[spanish.pk]) in html
    assert "Dermaplaning facial" not in html, "the English guide is not out of date"


def test_the_changes_page_shows_each_changed_text_and_brings_it_up_to_date(
    client, guide, spanish, roles
):
    republish_english(guide, title="Dermaplaning facial")
    client.force_login(roles["editor"])
    url = reverse("translation_changes", args=[spanish.pk])

    html = client.get(url).content.decode()
    assert "Dermaplaning facial" in html
    assert "<del" in html and "<ins" in html

    response = client.post(url)
    assert response.status_code == 302
    latest = Page.objects.get(pk=spanish.pk).get_latest_revision()
    assert TranslatedRevision.objects.get(revision=latest).source_revision_id == (
        Page.objects.get(pk=guide.pk).live_revision_id
    )


def test_only_staff_who_can_edit_the_translation_see_its_changes(client, guide, spanish):
    url = reverse("translation_changes", args=[spanish.pk])
    versions = TranslatedRevision.objects.filter(revision__object_id=str(spanish.pk)).count()
    assert client.get(url).status_code == 302  # to the login page
    assert client.post(url).status_code == 302
    outsider = UserFactory(username="visitor", is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    for response in (client.get(url), client.post(url)):
        assert (response.status_code, response.url) == (302, "/admin/")  # "no permission"
    assert (
        TranslatedRevision.objects.filter(revision__object_id=str(spanish.pk)).count() == versions
    )
