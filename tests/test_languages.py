"""What a patient sees in each language: every list shows only pages of its own language, /es/
serves the Spanish pages (and never an English page dressed as Spanish), each page links its
other-language versions, and the interface around a Spanish guide speaks Spanish."""

import gettext
import json
import re
from pathlib import Path

from django.conf import settings as django_settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, PageViewRestriction

import polib
import pytest

from articles.models import SkinConcern
from articles.templatetags.guide_tags import qr_code
from glossary.models import GlossaryPage, GlossaryTerm
from governance.models import record_review
from handouts.models import HandoutPack, HandoutPackItem
from pagecache import store
from portal.errors import server_error
from tests.factories import (
    AFTERCARE,
    SkinConcernFactory,
    TreatmentPageFactory,
    UserFactory,
    build_site,
    stream,
)
from tests.pdfs import pdf_text
from tests.shared_data import SharedData, fresh_page
from tests.translations import (
    in_spanish,
    publish,
    published_in_spanish,
    spanish_concern,
    spanish_languages,
    spanish_term,
    speak_spanish,
)

pytestmark = pytest.mark.django_db

SPANISH_AFTERCARE = (
    "aftercare",
    {**AFTERCARE[1], "heading": "Después", "dos": ["Use protector solar"], "donts": []},
)


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def add_guide(index, title: str, concerns=(), **fields):
    guide = TreatmentPageFactory(parent=index, title=title, **fields)
    if concerns:
        guide.concerns.set(concerns)
        guide = publish(guide)
    return guide


SHARED = SharedData()


@pytest.fixture
def site_tree(db):
    """A site of the test's own, for the tests that translate the guide themselves or need the
    site untranslated (they come before the first test that uses ``spanish_site``)."""
    return SHARED.own_site()


@pytest.fixture
def english_alone(site_tree):
    """A published English guide with aftercare, featured on the home page: nothing translated
    yet."""
    return make_english(*site_tree, make_acne())


def make_acne():
    return SkinConcernFactory(name="Acne scars", slug="acne-scars")


def make_english(home, index, acne):
    guide = add_guide(
        index, "Microneedling", [acne], summary="Tiny needles help skin.", body=stream(AFTERCARE)
    )
    home.featured_guides.create(guide=guide)
    publish(home)
    return guide


def make_spanish_site() -> dict:
    home, index = build_site()
    acne = make_acne()
    english = make_english(home, index, acne)
    with spanish_languages():
        spanish_concern(acne, django_settings, "Cicatrices de acné", "cicatrices-de-acne")
        spanish = published_in_spanish(
            english,
            django_settings,
            title="Microagujas",
            summary="Agujas diminutas ayudan a la piel.",
            body=stream(SPANISH_AFTERCARE),
        )
    return {
        "home": home.pk,
        "index": index.pk,
        "acne": acne.pk,
        "english": english.pk,
        "spanish": spanish.pk,
    }


@pytest.fixture(scope="module")
def spanish_site(django_db_setup, django_db_blocker):
    """The site most tests here read, built once per module (tests/shared_data.py): the English
    guide above and its live Spanish translation (Spanish home and index published too), still
    tagged with the English concern as wagtail-localize leaves it; the concern has a Spanish
    translation. Primary keys, by name."""
    yield from SHARED.build(django_db_blocker, make_spanish_site)


@pytest.fixture
def tree(spanish_site, db):
    """(home, index) of the shared Spanish site."""
    return fresh_page(spanish_site["home"]), fresh_page(spanish_site["index"])


@pytest.fixture
def acne(spanish_site, db):
    return SkinConcern.objects.get(pk=spanish_site["acne"])


@pytest.fixture
def english(spanish_site, db):
    """The shared site's published English guide, featured on the home page."""
    return fresh_page(spanish_site["english"])


@pytest.fixture
def spanish(spanish_site, settings, db):
    """Its live Spanish translation; the site speaks Spanish for the test (``settings``)."""
    speak_spanish(settings)
    return fresh_page(spanish_site["spanish"])


# --- Before the shared Spanish site: tests that translate or leave the site untranslated -----


def test_spanish_guides_explain_spanish_glossary_terms(client, site_tree, settings, english_alone):
    home, _index = site_tree
    glossary = home.add_child(instance=GlossaryPage(title="Word list", slug="word-list"))
    term = GlossaryTerm.objects.create(
        term="Collagen", slug="collagen", explanation="A protein that keeps skin firm."
    )
    spanish_term(
        term, settings, term="Colágeno", slug="colageno", explanation="Proteína de la piel."
    )
    english = publish(english_alone)
    spanish = published_in_spanish(
        english,
        settings,
        title="Microagujas",
        summary="Crea colágeno.",
        body=stream(("overview", {"heading": "Qué es", "text": "<p>Su piel hace colágeno.</p>"})),
    )
    publish(glossary.copy_for_translation(spanish.locale).specific)
    html = html_of(client, spanish.url)
    assert 'href="/es/word-list/#colageno"' in html and "Proteína de la piel." in html
    assert "A protein that keeps skin firm." not in html
    words = html_of(client, "/es/word-list/")
    assert "Colágeno" in words and "Collagen" not in words
    assert "Colágeno" not in html_of(client, "/word-list/")


def test_without_a_spanish_home_es_addresses_go_to_the_english_pages(
    client, english_alone, settings
):
    speak_spanish(settings)  # nothing translated yet
    for asked, own in (("/es/", "/"), ("/es/treatments/microneedling/", english_alone.url)):
        response = client.get(asked)
        assert response.status_code == 302 and response["Location"] == own, asked


def test_draft_and_private_translations_are_never_linked(client, english_alone, settings):
    draft = in_spanish(english_alone, settings, title="Borrador secreto")
    html = html_of(client, english_alone.url)
    assert alternates(html) == {}  # only itself: nothing to point to
    assert '<a href="/es/" lang="es" hreflang="es">Español</a>' in html  # the Spanish home
    assert draft.url not in html

    spanish = publish(draft)
    PageViewRestriction.objects.create(page=spanish, restriction_type="login")
    html = html_of(client, english_alone.url)
    assert alternates(html) == {} and spanish.url not in html


def test_publishing_a_spanish_guide_purges_the_english_page_and_spanish_lists(
    client, site_tree, settings
):
    _home, index = site_tree
    laser = add_guide(index, "Laser")
    warm(client, laser.url)
    assert "Español</a>" in html_of(client, laser.url)
    spanish = published_in_spanish(laser, settings, title="Láser")
    html = client.get(laser.url)
    assert html.headers.get("X-Page-Cache") == "miss"
    assert f'href="{spanish.url}" lang="es"' in html.content.decode()
    warm(client, "/es/treatments/")
    publish(Page.objects.get(pk=spanish.pk).specific)
    assert cache_state(client, "/es/treatments/") == "miss"
    assert cache_state(client, laser.url) == "miss"


def test_a_spanish_draft_previews_in_spanish_for_an_english_speaking_editor(
    client, english_alone, settings
):
    draft = in_spanish(english_alone, settings, title="Borrador")
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "Borrador" in html
    assert '<html lang="es">' in html and "En pocas palabras" in html


# --- Lists show their own language's pages only -------------------------------------------------


def test_english_lists_never_show_a_spanish_guide(client, english, spanish):
    for url in ("/", "/treatments/", "/treatments/?concern=acne-scars", english.url):
        html = html_of(client, url)
        assert "Microagujas" not in html and "Cicatrices" not in html, url


def test_spanish_lists_show_the_spanish_guide_and_concerns_only(client, english, spanish):
    home = html_of(client, "/es/")
    assert 'href="/es/treatments/microneedling/">Microagujas' in home  # featured, translated
    assert "Cicatrices de acné" in home and "Acne scars" not in home
    assert 'href="/es/treatments/"' in home and 'href="/treatments/' not in home
    index = html_of(client, "/es/treatments/")
    assert "Microagujas" in index and "Microneedling" not in index
    assert '<span class="tag">Cicatrices de acné</span>' in index and "Acne scars" not in index
    filtered = html_of(client, "/es/treatments/?concern=cicatrices-de-acne")
    assert "Microagujas" in filtered
    # An English concern's address name means nothing on the Spanish list.
    assert client.get("/es/treatments/?concern=acne-scars").status_code == 404
    guide = html_of(client, spanish.url)
    assert 'href="/es/treatments/?concern=cicatrices-de-acne">Cicatrices de acné' in guide


def test_related_guides_are_in_the_guides_language(client, tree, english, spanish, acne):
    _home, index = tree
    peel = add_guide(index, "Chemical peel", [acne])
    assert "Chemical peel" in html_of(client, english.url)
    assert "Chemical peel" not in html_of(client, spanish.url)  # English only: not related
    peel_es = published_in_spanish(peel, django_settings, title="Exfoliación química")
    assert "Exfoliación química" in html_of(client, spanish.url)
    assert "Exfoliación química" not in html_of(client, english.url)
    assert "Microagujas" in html_of(client, peel_es.url)


# --- Addresses: /es/ serves Spanish pages, never an English page as Spanish ---------------------


def test_an_untranslated_guide_under_es_goes_to_its_english_address(client, tree, spanish):
    _home, index = tree
    only_english = add_guide(index, "Laser", body=stream(AFTERCARE))
    response = client.get("/es/treatments/laser/")
    assert response.status_code == 302 and response["Location"] == only_english.url
    response = client.get("/es/treatments/laser/aftercare/")
    assert response["Location"] == only_english.url + "aftercare/"


def test_an_english_address_under_es_goes_to_the_translation(client, english, spanish):
    spanish.slug = "microagujas"
    publish(spanish)
    response = client.get("/es/treatments/microneedling/?feedback=thanks")
    assert response.status_code == 302
    assert response["Location"] == "/es/treatments/microagujas/?feedback=thanks"


def test_a_spanish_address_with_no_page_anywhere_is_a_spanish_404(client, spanish):
    response = client.get("/es/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="es">' in html and "No encontramos la página" in html
    assert 'href="/es/">Ir a la página de inicio' in html


def test_every_page_says_the_language_it_is_in(client, english, spanish):
    pack = HandoutPack.objects.create(title="Visita", slug="visita")
    HandoutPackItem.objects.create(pack=pack, guide=spanish, part=HandoutPackItem.AFTERCARE)
    for url, language in [
        ("/", "en"),
        (english.url, "en"),
        ("/search/?q=needles", "en"),
        ("/es/", "es"),
        (spanish.url, "es"),
        (spanish.url + "aftercare/", "es"),
        ("/es/treatments/", "es"),
        ("/es/search/?q=agujas", "es"),
        ("/p/visita/", "es"),
    ]:
        assert f'<html lang="{language}">' in html_of(client, url), url


def test_the_error_pages_speak_the_language_of_the_address():
    request = RequestFactory().get("/es/treatments/")
    with translation.override("es"):
        html = server_error(request).content.decode()
    assert '<html lang="es">' in html and "Lo sentimos, algo salió mal" in html
    assert "Si tiene una emergencia médica, llame al 911" in html


# --- Each page links its other-language versions -----------------------------------------------


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def test_translated_pages_link_each_other_for_search_engines(client, english, spanish):
    expected = {
        "en": "http://localhost/treatments/microneedling/",
        "es": "http://localhost/es/treatments/microneedling/",
        "x-default": "http://localhost/treatments/microneedling/",
    }
    assert alternates(html_of(client, english.url)) == expected
    assert alternates(html_of(client, spanish.url)) == expected


def test_the_language_switch_is_a_plain_link_in_the_other_language(client, english, spanish):
    english_html = html_of(client, english.url)
    assert (
        '<a href="/es/treatments/microneedling/" lang="es" hreflang="es">Español</a>'
        in english_html
    )
    spanish_html = html_of(client, spanish.url)
    assert '<a href="/treatments/microneedling/" lang="en" hreflang="en">English</a>' in (
        spanish_html
    )


# --- The interface in Spanish -------------------------------------------------------------------


def test_a_spanish_guide_speaks_spanish_around_its_content(client, spanish):
    record_review(spanish, UserFactory(first_name="Ana", last_name="Ruiz"))
    html = html_of(client, spanish.url)
    for words in (
        "Revisada por Ana Ruiz",
        "Próxima revisión:",
        "¿Le sirvió esta página?",
        "Saltar al contenido principal",
        "En pocas palabras",
        "De un vistazo",
        "Tiempo por sesión",
        "Imprimir esta guía",
        "Estas guías dan información general.",
    ):
        assert words in html, words
    assert "Was this page helpful?" not in html and "Reviewed by" not in html
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", html)  # dates in Spanish


CATALOGUE = Path(django_settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"


def test_the_spanish_catalogue_is_complete_and_compiled():
    """Every patient-facing text has a Spanish translation (none fuzzy), and django.mo is the
    compiled django.po (run `make messages` after editing it)."""
    catalogue = polib.pofile(str(CATALOGUE / "django.po"))
    assert len(catalogue) > 100
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries() and not catalogue.metadata_is_fuzzy
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    stale = set()
    for entry in catalogue:
        if entry.msgid_plural:
            pairs = [(mo.ngettext(entry.msgid, entry.msgid_plural, 1), entry.msgstr_plural[0])]
        else:
            pairs = [(mo.gettext(entry.msgid), entry.msgstr)]
        stale |= {entry.msgid for got, want in pairs if got != want}
    assert not stale, f"run `make messages`: django.mo is older than django.po for {stale}"


# --- Structured data and the sitemap ------------------------------------------------------------


def test_structured_data_names_the_guides_language(client, english, spanish):
    def in_language(url):
        data = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html_of(client, url)
        )
        return json.loads(data.group(1))["inLanguage"]

    assert in_language(english.url) == "en"
    assert in_language(spanish.url) == "es"


def test_the_sitemap_lists_both_languages_with_their_alternates(client, english, spanish, settings):
    draft = in_spanish(TreatmentPageFactory(parent=english.get_parent(), title="Laser"), settings)
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/es/treatments/microneedling/</loc>" in xml
    assert "<loc>http://localhost/treatments/microneedling/</loc>" in xml
    assert draft.full_url not in xml
    english_entry = re.search(
        r"<url><loc>http://localhost/treatments/microneedling/</loc>.*?</url>", xml
    ).group(0)
    assert (
        '<xhtml:link rel="alternate" hreflang="es" '
        'href="http://localhost/es/treatments/microneedling/"/>' in english_entry
    )
    assert 'hreflang="x-default" href="http://localhost/treatments/microneedling/"' in (
        english_entry
    )
    laser = re.search(r"<url><loc>http://localhost/treatments/laser/</loc>.*?</url>", xml)
    assert "xhtml:link" not in laser.group(0)  # its translation is a draft


# --- Print and handouts -------------------------------------------------------------------------


def test_a_spanish_handout_is_in_spanish_and_its_qr_code_opens_the_spanish_guide(client, spanish):
    html = html_of(client, spanish.url + "aftercare/")
    assert "Microagujas: cómo cuidar su piel" in html
    assert "Lea la guía completa en internet: http://localhost/es/treatments/microneedling/" in (
        html
    )
    label = "Código QR: escanéelo para abrir la guía completa en internet"
    assert qr_code("http://localhost/es/treatments/microneedling/", label) in html
    guide = html_of(client, spanish.url)
    assert "Lea esta guía en internet: http://localhost/es/treatments/microneedling/" in guide


def test_a_spanish_aftercare_pdf_is_in_spanish(client, spanish):
    text = pdf_text(client.get(spanish.url + "aftercare/pdf/"))
    assert "Microagujas: cómo cuidar su piel" in text
    assert "Qué hacer" in text and "Use protector solar" in text


def test_a_pack_of_spanish_guides_prints_in_spanish(client, spanish):
    pack = HandoutPack.objects.create(title="Visita", slug="visita")
    HandoutPackItem.objects.create(pack=pack, guide=spanish, part=HandoutPackItem.AFTERCARE)
    html = html_of(client, "/p/visita/")
    assert "Microagujas: cómo cuidar su piel" in html
    assert "Descargar en PDF (A4)" in html
    assert "Lea la guía completa en internet: http://localhost/es/treatments/microneedling/" in (
        html
    )
    assert "Microagujas: cómo cuidar su piel" in pdf_text(client.get("/p/visita/pdf/"))


# --- The page cache: translations purge each other ---------------------------------------------


def cache_state(client, url: str) -> str:
    return client.get(url).headers.get("X-Page-Cache")


def warm(client, *urls) -> None:
    for url in urls:
        client.get(url)
        assert cache_state(client, url) == "hit", url


def test_publishing_the_english_guide_purges_its_translation_and_spanish_lists(
    client, english, spanish
):
    warm(client, spanish.url, "/es/treatments/", "/es/")
    publish(Page.objects.get(pk=english.pk).specific)
    for url in (spanish.url, "/es/treatments/", "/es/"):
        assert cache_state(client, url) == "miss", url


def test_unpublishing_the_english_guide_purges_its_translation(client, english, spanish):
    warm(client, spanish.url)
    Page.objects.get(pk=english.pk).unpublish()
    html = client.get(spanish.url)
    assert html.headers.get("X-Page-Cache") == "miss"
    assert "/treatments/microneedling/" not in alternates(html.content.decode()).values()


def test_a_guides_purge_covers_its_translations(english, spanish):
    assert store.page_urls([spanish]) == [spanish.full_url, spanish.full_url + "aftercare/"]


def test_renaming_a_spanish_concern_purges_the_spanish_guides_tagged_with_it(
    client, english, spanish, acne
):
    warm(client, spanish.url)
    concern = acne.get_translation(spanish.locale)
    concern.name = "Marcas de acné"
    concern.save()
    html = client.get(spanish.url)
    assert html.headers.get("X-Page-Cache") == "miss" and "Marcas de acné" in html.content.decode()


def test_a_made_up_es_address_never_sends_the_patient_to_another_site(client, english, spanish):
    response = client.get("/es//treatments/laser/")
    assert response.status_code == 404
    response = client.get("/es//treatments/microneedling/")
    assert response.status_code in (302, 404)
    assert not response.get("Location", "").startswith("//")


def test_feedback_on_a_spanish_guide_answers_in_spanish(client, spanish):
    response = client.post(reverse("feedback", args=[spanish.pk]), {"helpful": ""})
    html = response.content.decode()
    assert response.status_code == 400 and '<html lang="es">' in html
    assert "Su respuesta no se envió" in html and "Elija sí o no." in html
    assert f"Volver a {spanish.title}" in html
    response = client.post(reverse("feedback", args=[spanish.pk]), {"helpful": "yes"})
    assert response["Location"] == f"{spanish.url}?feedback=thanks#feedback"
    thanks = html_of(client, f"{spanish.url}?feedback=thanks")
    assert "Gracias por sus comentarios." in thanks
