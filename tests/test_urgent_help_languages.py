"""The "Need help now?" notice in the page's language: a page in Spanish shows the Spanish
version (and its Spanish-speaking phone line), English pages keep the English one, and the admin
form refuses a phone number that can't be dialled or a second version of the same language."""

from django.urls import reverse

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from home.models import UrgentHelpSettings, UrgentHelpTranslation

pytestmark = pytest.mark.django_db

SPANISH_HEADING = "¿Necesita ayuda ya?"
SPANISH_MESSAGE = "<p><b>Llame al 911</b> si le cuesta respirar.</p>"


@pytest.fixture
def spanish_home(site_tree):
    home, _index = site_tree
    spanish = home.copy_for_translation(Locale.objects.get_or_create(language_code="es")[0])
    spanish.save_revision().publish()
    return spanish


@pytest.fixture
def notice(site_tree):
    home, _index = site_tree
    notice = UrgentHelpSettings.for_site(home.get_site())
    notice.heading = "Need help now?"
    notice.message = "<p><b>Call 911</b> if you have trouble breathing.</p>"
    notice.clinic_phone = "555-0100"
    notice.save()
    return notice


def add_spanish(notice, phone="(555) 010-0123"):
    UrgentHelpTranslation.objects.create(
        setting=notice, language="es", heading=SPANISH_HEADING, message=SPANISH_MESSAGE, phone=phone
    )


def test_a_spanish_page_shows_the_spanish_notice_and_its_phone_line(client, spanish_home, notice):
    add_spanish(notice)
    html = client.get("/es/").content.decode()
    assert SPANISH_HEADING in html
    assert "Llame al 911" in html
    assert 'href="tel:+15550100123">(555) 010-0123</a>' in html
    assert "Need help now?" not in html
    assert "trouble breathing" not in html


def test_english_pages_keep_the_english_notice(client, spanish_home, notice):
    add_spanish(notice)
    html = client.get("/").content.decode()
    assert "Need help now?" in html and "trouble breathing" in html
    assert 'href="tel:5550100">555-0100</a>' in html
    assert SPANISH_HEADING not in html and "0123" not in html


def test_a_language_with_no_version_gets_the_default_notice(client, spanish_home, notice):
    html = client.get("/es/").content.decode()
    assert "Need help now?" in html and 'href="tel:5550100"' in html


def test_a_version_with_no_phone_of_its_own_shows_the_clinic_phone(client, spanish_home, notice):
    add_spanish(notice, phone="")
    html = client.get("/es/").content.decode()
    assert SPANISH_HEADING in html
    assert 'href="tel:5550100">555-0100</a>' in html


def test_for_language_falls_back_to_the_default_language(notice):
    add_spanish(notice)
    assert notice.for_language("es").heading == SPANISH_HEADING
    assert notice.for_language("es-mx").phone == "(555) 010-0123"
    assert notice.for_language("en").heading == "Need help now?"
    assert notice.for_language("fr").message == notice.message
    assert notice.for_language(None).clinic_phone == "555-0100"


def test_saving_a_spanish_version_shows_it_at_once(client, spanish_home, notice):
    assert "Need help now?" in client.get("/es/").content.decode()  # now in the page cache
    add_spanish(notice)
    assert SPANISH_HEADING in client.get("/es/").content.decode()


# --- The admin form ----------------------------------------------------------------------------


def settings_post(notice, versions: list[dict]) -> dict:
    return nested_form_data(
        {
            "heading": notice.heading,
            "message": rich_text(notice.message),
            "clinic_phone": notice.clinic_phone,
            "translations": inline_formset(versions),
        }
    )


def spanish_version(**fields) -> dict:
    return {
        "language": "es",
        "heading": SPANISH_HEADING,
        "message": rich_text(SPANISH_MESSAGE),
        "phone": "(555) 010-0123",
        **fields,
    }


@pytest.fixture
def settings_url(notice):
    return reverse("wagtailsettings:edit", args=["home", "urgenthelpsettings", notice.site_id])


def test_staff_add_the_spanish_version_in_the_admin(admin_client, settings_url, notice):
    response = admin_client.post(settings_url, settings_post(notice, [spanish_version()]))
    assert response.status_code == 302
    version = UrgentHelpTranslation.objects.get(setting=notice)
    assert (version.language, version.heading) == ("es", SPANISH_HEADING)
    assert version.phone == "(555) 010-0123"


def test_a_phone_number_that_cannot_be_dialled_is_a_form_error(admin_client, settings_url, notice):
    response = admin_client.post(
        settings_url, settings_post(notice, [spanish_version(phone="la recepción")])
    )
    assert response.status_code == 200
    assert "(555) 010-0199 ext 2" in response.content.decode()  # says what a number looks like
    assert not UrgentHelpTranslation.objects.exists()


def test_a_second_version_in_the_same_language_is_refused(admin_client, settings_url, notice):
    response = admin_client.post(
        settings_url,
        settings_post(notice, [spanish_version(), spanish_version(heading="¿Ayuda?")]),
    )
    assert response.status_code == 200
    assert "duplicate" in response.content.decode().lower()
    assert not UrgentHelpTranslation.objects.exists()


def test_only_the_sites_other_languages_can_be_chosen(admin_client, settings_url):
    html = admin_client.get(settings_url).content.decode()
    assert 'value="es"' in html
    assert 'value="en"' not in html  # English is the notice above
