"""An EHR finds the clinic's guides by clinical code (HL7 Infobutton, URL-based): the demo's
codes answer, Atom/JSON/HTML come out as documented, broader ICD-10-CM codes answer narrower
requests, bad parameters are a clear 400, and only live, public, reviewed guides ever appear."""

import datetime
import xml.etree.ElementTree as ET

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale, PageViewRestriction

import pytest

from articles.codes import CodeSystem, match_keys, normalise, verhoeff_valid
from articles.models import GuideCode, SkinConcern, TreatmentPage
from articles.snippets import SkinConcernCode
from governance.models import ClinicianProfile
from governance.reviews import record_review
from tests.translations import in_spanish, published_in_spanish

pytestmark = pytest.mark.django_db

ICD10CM, SNOMED, CPT = "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96", "2.16.840.1.113883.6.12"
ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = "{https://schema.org/}"


def ask(client, response_type=None, **params):
    names = {
        "code": "mainSearchCriteria.v.c",
        "system": "mainSearchCriteria.v.cs",
        "name": "mainSearchCriteria.v.dn",
        "recipient": "informationRecipient",
        "language": "informationRecipient.languageCode.c",
    }
    query = {names[key]: value for key, value in params.items()}
    if response_type:
        query["knowledgeResponseType"] = response_type
    return client.get(reverse("infobutton"), query)


def parse(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (the portal's own answer, not outside data)


def titles(client, **params) -> list[str]:
    response = ask(client, "application/json", **params)
    assert response.status_code == 200, response.content
    return [entry["title"] for entry in response.json()["feed"]["entry"]]


def reviewed(guide: TreatmentPage) -> TreatmentPage:
    clinician = ClinicianProfile.objects.get_or_create(name="Dr Test")[0]
    guide = TreatmentPage.objects.get(pk=guide.pk)
    record_review(guide, reviewer=clinician, revision=guide.live_revision)
    return guide


def new_guide(demo_index, title: str, codes=(), live=True, concerns=()) -> TreatmentPage:
    """A guide with clinical codes (system, code), published (and reviewed) if ``live``."""
    guide = TreatmentPage(
        title=title,
        summary=f"{title} in short.",
        live=live,
        clinical_codes=[GuideCode(system=system, code=code) for system, code in codes],
        concerns=list(concerns),
    )
    demo_index.add_child(instance=guide)
    revision = guide.save_revision()
    if live:
        revision.publish()
        guide = reviewed(guide)
    return guide


@pytest.fixture
def index(demo_site):
    return TreatmentPage.objects.get(slug="microneedling").get_parent()


# --- What the issue promises ------------------------------------------------------------------


def test_an_ehr_asking_for_acne_scars_gets_the_microneedling_guide_as_json(client, demo_site):
    response = ask(client, "application/json", system=ICD10CM, code="L90.5", recipient="PAT")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    feed = response.json()["feed"]
    assert feed["matched_by"] == "code" and feed["language"] == "en"
    (entry,) = feed["entry"]
    guide = TreatmentPage.objects.get(slug="microneedling")
    assert entry["title"] == "Microneedling"
    assert entry["link"].endswith("/treatments/microneedling/")
    assert entry["summary"] == guide.summary
    expected_review = guide.review_status.review.reviewed_at.date().isoformat()
    assert entry["last_reviewed"] == expected_review
    assert entry["language"] == "en"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "no-store" in response["Cache-Control"]  # a guide made private goes at once


def test_the_same_request_as_text_xml_is_a_valid_atom_feed(client, demo_site):
    response = ask(client, "text/xml", system=ICD10CM, code="L90.5", recipient="PAT")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    feed = parse(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    # RFC 4287: a feed has exactly one id, title and updated, and an author (or every entry has).
    for name in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    datetime.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    context = {c.get("scheme"): c.get("term") for c in feed.findall(f"{ATOM}category")}
    assert context == {
        "mainSearchCriteria.v.c": "L90.5",
        "mainSearchCriteria.v.cs": ICD10CM,
        "informationRecipient": "PAT",
        "informationRecipient.languageCode.c": "en",
    }
    (entry,) = feed.findall(f"{ATOM}entry")
    for name in ("id", "title", "updated", "summary"):
        assert len(entry.findall(f"{ATOM}{name}")) == 1, name
    assert entry.findtext(f"{ATOM}title") == "Microneedling"
    datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    link = entry.find(f"{ATOM}link")
    assert link.get("rel") == "alternate" and link.get("hreflang") == "en"
    assert link.get("href").endswith("/treatments/microneedling/")
    assert entry.find(f"{ATOM}summary").get("type") == "text"
    datetime.date.fromisoformat(entry.findtext(f"{SCHEMA}lastReviewed"))


def test_atom_is_the_default_and_html_is_a_page_for_the_patient(client, demo_site):
    default = ask(client, system=CPT, code="15788")
    assert default["Content-Type"].startswith("text/xml")
    assert b"<title>Chemical peels</title>" in default.content

    page = ask(client, "text/html", system=CPT, code="15788")
    html = page.content.decode()
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert 'href="/treatments/chemical-peels/"' in html and "Page last reviewed:" in html
    assert "Access-Control-Allow-Origin" not in page


def test_demo_guides_and_concerns_carry_real_codes(demo_site):
    stored = [
        *SkinConcernCode.objects.values_list("system", "code"),
        *GuideCode.objects.values_list("system", "code"),
    ]
    assert ("icd10cm", "L90.5") in stored and ("cpt", "15788") in stored
    for system, code in stored:
        SkinConcernCode(concern=SkinConcern(name="x"), system=system, code=code).clean()


# --- Matching ------------------------------------------------------------------------------------


def test_a_broader_icd10cm_code_answers_the_codes_under_it(client, demo_site, index):
    concern = SkinConcern.objects.create(name="Scars of any kind", slug="scars")
    SkinConcernCode.objects.create(concern=concern, system="icd10cm", code="L90")
    new_guide(index, "Scar care", concerns=[concern])
    assert titles(client, system=ICD10CM, code="L90.5") == ["Microneedling", "Scar care"]
    assert titles(client, system=ICD10CM, code="l905") == ["Microneedling", "Scar care"]
    # A request for the broad code does not bring every narrower concern.
    assert titles(client, system=ICD10CM, code="L90") == ["Scar care"]
    assert match_keys("icd10cm", "L90.511") == ["L90.511", "L90.51", "L90.5", "L90"]


def test_snomed_and_cpt_codes_match_exactly(client, demo_site, index):
    new_guide(index, "Heart care", codes=[("snomed", "22298006")])
    assert titles(client, system=SNOMED, code="22298006") == ["Heart care"]
    assert titles(client, system=SNOMED, code="404684003") == []  # valid, not the clinic's
    assert titles(client, system=CPT, code="15780") == []  # a neighbour, not a prefix search


def test_unknown_codes_and_code_systems_answer_an_empty_feed(client, demo_site):
    assert titles(client, system=ICD10CM, code="Z99.89") == []
    loinc = ask(client, "text/xml", system="2.16.840.1.113883.6.1", code="2345-7")
    assert loinc.status_code == 200
    assert parse(loinc.content).findall(f"{ATOM}entry") == []


def test_the_display_name_is_searched_when_no_code_matches(client, demo_site):
    response = ask(client, "application/json", system=ICD10CM, code="Z99.89", name="chemical peel")
    feed = response.json()["feed"]
    assert feed["matched_by"] == "display name"
    assert [entry["title"] for entry in feed["entry"]] == ["Chemical peels"]
    assert titles(client, name="microneedling") == ["Microneedling"]


def test_a_clinician_recipient_gets_the_same_guides(client, demo_site):
    patient = titles(client, system=ICD10CM, code="L90.5", recipient="PAT")
    assert titles(client, system=ICD10CM, code="L90.5", recipient="PROV") == patient


def test_the_answer_costs_the_same_queries_for_one_or_many_guides(client, demo_site, index):
    def queries(code: str) -> int:
        ask(client, "text/xml", system=CPT, code=code)  # once-per-process lookups
        with CaptureQueriesContext(connection) as captured:
            assert ask(client, "text/xml", system=CPT, code=code).status_code == 200
        return len(captured)

    for number in range(3):
        new_guide(index, f"Laser {number}", codes=[("cpt", "17999")])
    assert queries("15788") == queries("17999")


# --- Languages -----------------------------------------------------------------------------------


@pytest.fixture
def spanish(demo_site):
    """The demo's Spanish translation of the microneedling guide, published and reviewed."""
    english = TreatmentPage.objects.get(slug="microneedling")
    return english.get_translation(Locale.objects.get(language_code="es"))


def test_the_language_asked_for_is_answered_when_a_translation_exists(client, spanish):
    response = ask(client, "application/json", system=ICD10CM, code="L90.5", language="es")
    feed = response.json()["feed"]
    assert feed["language"] == "es"
    assert [(e["title"], e["language"]) for e in feed["entry"]] == [(spanish.title, "es")]
    atom = parse(ask(client, "text/xml", system=ICD10CM, code="L90.5", language="es").content)
    assert atom.find(f"{ATOM}entry/{ATOM}link").get("hreflang") == "es"
    assert titles(client, system=ICD10CM, code="L90.5", language="en") == ["Microneedling"]


def test_without_a_translation_the_main_language_answers_and_says_so(client, demo_site):
    feed = ask(client, "application/json", system=ICD10CM, code="L90.5", language="fr").json()
    assert feed["feed"]["requested_language"] == "fr"
    assert feed["feed"]["language"] == "en"
    assert [e["title"] for e in feed["feed"]["entry"]] == ["Microneedling"]


def test_each_guide_comes_in_spanish_when_it_has_a_reviewed_translation(client, index, settings):
    """The Spanish translation of each guide the code matches (found through the translation,
    even if only the English guide carries the code); a guide whose translation is a draft or
    not reviewed comes in English, and its entry says so (hreflang "en")."""
    code = [("cpt", "11950")]
    translated = new_guide(index, "Peel one", codes=code)
    spanish = reviewed(published_in_spanish(translated, settings, title="Peeling uno"))
    GuideCode.objects.filter(page=spanish).delete()  # coded in English only
    drafted = new_guide(index, "Peel two", codes=code)
    in_spanish(drafted, settings, title="Peeling dos (borrador)")
    unreviewed = new_guide(index, "Peel three", codes=code)
    published_in_spanish(unreviewed, settings, title="Peeling tres (sin revisar)")

    feed = ask(client, "application/json", system=CPT, code="11950", language="es").json()["feed"]
    assert feed["language"] == "es" and feed["requested_language"] == "es"
    entries = [(entry["title"], entry["language"]) for entry in feed["entry"]]
    # In the order of the English titles (the codes' order).
    assert entries == [("Peeling uno", "es"), ("Peel three", "en"), ("Peel two", "en")]
    assert feed["entry"][0]["link"].endswith(spanish.url)
    assert spanish.url.startswith("/es/")

    atom = parse(ask(client, "text/xml", system=CPT, code="11950", language="es").content)
    links = [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}link").get("hreflang"))
             for e in atom.findall(f"{ATOM}entry")]  # fmt: skip
    assert links == entries
    english = titles(client, system=CPT, code="11950", language="en")
    assert english == ["Peel one", "Peel three", "Peel two"]


def test_a_spanish_guide_without_an_english_one_answers_in_spanish_only_when_asked(
    client, index, settings
):
    english = new_guide(index, "Laser", codes=[("cpt", "17999")])
    spanish = reviewed(published_in_spanish(english, settings, title="Láser"))
    english.unpublish()
    assert titles(client, system=CPT, code="17999", language="es") == ["Láser"]
    assert titles(client, system=CPT, code="17999", language="en") == []
    assert spanish.live


# --- Never a draft, a private or an unreviewed guide -----------------------------------------


def test_only_live_public_reviewed_guides_ever_appear(client, demo_site, index):
    code = [("cpt", "17999")]
    new_guide(index, "Draft guide", codes=code, live=False)
    private = new_guide(index, "Private guide", codes=code)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    unreviewed = TreatmentPage(title="Unreviewed guide", summary="s.", clinical_codes=[])
    index.add_child(instance=unreviewed)
    unreviewed.clinical_codes = [GuideCode(system="cpt", code="17999")]
    unreviewed.save_revision().publish()
    # A live guide whose code was added only in an unpublished draft.
    live = new_guide(index, "Live guide, code in draft")
    live.clinical_codes = [GuideCode(system="cpt", code="17999")]
    live.save_revision()
    # A live guide under a private section.
    section = index.add_child(instance=TreatmentPage(title="Members", summary="s."))
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    new_guide(section, "Guide in a private section", codes=code)

    for response_type in ("application/json", "text/xml", "text/html"):
        body = ask(client, response_type, system=CPT, code="17999").content.decode()
        for title in ("Draft", "Private", "Unreviewed", "code in draft", "private section"):
            assert title not in body, (response_type, title)
    by_name = " ".join(titles(client, name="draft private unreviewed section guide"))
    assert "Live guide, code in draft" in by_name  # live and reviewed: its name may match
    for title in ("Draft guide", "Private", "Unreviewed", "private section"):
        assert title not in by_name, title


# --- Bad requests -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "__all__", "Give a code"),
        ({"code": "L90.5"}, "mainSearchCriteria.v.cs", "which code system"),
        ({"code": "L90.5", "system": "ICD-10"}, "mainSearchCriteria.v.cs", "is an OID"),
        ({"code": "90.5!", "system": ICD10CM}, "mainSearchCriteria.v.c", "not a valid code"),
        ({"code": "22298007", "system": SNOMED}, "mainSearchCriteria.v.c", "not a valid code"),
        ({"code": "L90.5", "system": ICD10CM, "recipient": "X"}, "informationRecipient", "PAT"),
        (
            {"code": "L90.5", "system": ICD10CM, "language": "english!"},
            "informationRecipient.languageCode.c",
            "language code",
        ),
    ],
)
def test_malformed_parameters_are_a_clear_400(client, demo_site, params, field, message):
    response = ask(client, "application/json", **params)
    assert response.status_code == 400
    assert any(message in text for text in response.json()["errors"][field])
    as_text = ask(client, None, **params)
    assert as_text.status_code == 400 and message in as_text.content.decode()
    page = ask(client, "text/html", **params)
    assert page.status_code == 400 and message in page.content.decode()


def test_an_unknown_response_type_is_a_400(client, demo_site):
    response = ask(client, "application/pdf", system=ICD10CM, code="L90.5")
    assert response.status_code == 400
    assert "text/xml, application/json, text/html" in response.content.decode()


def test_only_get_is_answered(client, demo_site):
    assert client.post(reverse("infobutton")).status_code == 405


# --- Codes as editors enter them --------------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "typed", "stored"),
    [("icd10cm", " l90.5 ", "L90.5"), ("icd10cm", "L905", "L90.5"), ("icd10cm", "l90", "L90")],
)
def test_codes_are_stored_the_way_the_clinic_writes_them(system, typed, stored):
    assert normalise(system, typed) == stored


@pytest.mark.parametrize(
    ("system", "code", "problem"),
    [
        ("icd10cm", "L9", "a letter, two more characters"),
        ("icd10cm", "L90.12345", "a letter, two more characters"),
        ("snomed", "22298007", "last digit checks the others"),
        ("snomed", "12ab", "6 to 18 digits"),
        ("cpt", "1578", "four digits, then a digit, F, T or U"),
        ("cpt", "1578X", "four digits, then a digit, F, T or U"),
    ],
)
def test_a_malformed_code_is_a_form_error_that_says_the_format(system, code, problem):
    with pytest.raises(ValidationError) as refused:
        SkinConcernCode(concern=SkinConcern(name="x"), system=system, code=code).clean()
    assert problem in " ".join(refused.value.message_dict["code"])


def test_well_formed_codes_of_each_system_are_accepted():
    for system, code in [("icd10cm", "U07.1"), ("snomed", "404684003"), ("cpt", "0001F")]:
        SkinConcernCode(concern=SkinConcern(name="x"), system=system, code=code).clean()
    assert verhoeff_valid("22298006") and not verhoeff_valid("22298007")


def test_editors_pick_code_systems_by_name_not_oid(admin_client, demo_site):
    guide = TreatmentPage.objects.get(slug="chemical-peels")
    page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    concern = SkinConcern.objects.get(slug="acne-scars")
    snippet = admin_client.get(
        reverse("wagtailsnippets_articles_skinconcern:edit", args=[concern.pk])
    ).content.decode()
    for html in (page, snippet):
        assert "Clinical codes" in html
        for system in CodeSystem:
            assert str(system.label) in html
        assert "2.16.840.1.113883" not in html
    assert 'value="15788"' in page and 'value="L90.5"' in snippet
