"""The demo's Spanish site: live at /es/, its guides translations of the English ones (same
translation key), reviewed by a clinician who reads Spanish, easy to read in Spanish, and one of
them out of date with its English source; the command stays repeatable."""

from wagtail.models import Locale, Page, Revision

import pytest

from articles.blocks.stream import STANDARD_SECTIONS
from articles.models import FrequentlyAskedQuestion, SkinConcern, TreatmentPage
from articles.readability import (
    SKIPPED_STREAM_CHILDREN,
    TARGET_INFLESZ,
    guide_text,
    plain_text_from_block,
    split_sentences,
    szigriszt_pazos,
    words,
)
from glossary.models import GlossaryPage, GlossaryTerm
from governance.models import ClinicalReview, ClinicianProfile
from home.models import HomePage
from tests.demo import demo_content, load_demo
from tests.test_readability_demo import MAX_SENTENCE_WORDS

pytestmark = pytest.mark.django_db

SPANISH = demo_content.spanish


@pytest.fixture
def spanish(demo_site) -> Locale:
    return Locale.objects.get(language_code="es")


def spanish_guides(locale) -> list[TreatmentPage]:
    return list(TreatmentPage.objects.live().filter(locale=locale).order_by("path"))


def english(slug: str) -> TreatmentPage:
    return TreatmentPage.objects.get(slug=slug, locale=Locale.get_default())


# --- The Spanish tree --------------------------------------------------------------------------


def test_the_spanish_site_is_live_at_es(client, spanish):
    english_home = HomePage.objects.get(locale=Locale.get_default())
    home = english_home.get_translation(spanish)
    assert home.live and home.title == SPANISH.HOME["title"]
    response = client.get("/es/")
    assert response.status_code == 200
    html = response.content.decode()
    assert SPANISH.HOME["intro"][:40] in html
    for data in demo_content.SPANISH_GUIDES:  # featured on the Spanish home
        assert data["title"] in html
    index = client.get("/es/tratamientos/")
    assert index.status_code == 200
    assert "Tratamientos" in index.content.decode()


def test_the_spanish_guides_answer_in_spanish(client, spanish):
    response = client.get("/es/tratamientos/microagujas/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Microagujas (microneedling)" in html
    assert "Señales de una alergia grave" in html and "911" in html
    assert "Contenido de ejemplo" in html and "No es un consejo" in html
    assert "¿Necesita ayuda ya?" in html  # the Spanish urgent help notice
    assert 'href="tel:5550102"' in html  # its Spanish-speaking line
    peel = client.get("/es/tratamientos/peeling-quimico/")
    assert peel.status_code == 200
    assert "Peeling químico" in peel.content.decode()


def test_the_spanish_glossary_page_lists_the_spanish_words(client, spanish):
    page = GlossaryPage.objects.get(locale=spanish)
    assert page.title == SPANISH.GLOSSARY_PAGE["title"]
    html = client.get(page.url).content.decode()
    assert "Cicatrices de acné" in html and "Colágeno" in html


def test_every_snippet_has_its_spanish_translation(spanish):
    for model, count in [
        (SkinConcern, len(SPANISH.CONCERNS)),
        (FrequentlyAskedQuestion, len(SPANISH.SHARED_FAQS)),
        (GlossaryTerm, len(SPANISH.GLOSSARY_TERMS)),
    ]:
        in_spanish = model.objects.filter(locale=spanish)
        assert in_spanish.count() == count, model
        english_keys = set(
            model.objects.filter(locale=Locale.get_default()).values_list(
                "translation_key", flat=True
            )
        )
        assert set(in_spanish.values_list("translation_key", flat=True)) <= english_keys
    scars = GlossaryTerm.objects.get(locale=spanish, slug="cicatrices-de-acne")
    assert "marcas de acné" in scars.search_words
    assert all(faq.live for faq in FrequentlyAskedQuestion.objects.filter(locale=spanish))


# --- The Spanish guides --------------------------------------------------------------------------


def test_the_spanish_guides_translate_the_english_ones_section_by_section(spanish):
    guides = spanish_guides(spanish)
    assert [g.slug for g in guides] == [d["slug"] for d in demo_content.SPANISH_GUIDES]
    for guide, data in zip(guides, demo_content.SPANISH_GUIDES, strict=True):
        source = english(data["translation_of"])
        assert guide.translation_key == source.translation_key
        assert guide.get_parent().translation_key == source.get_parent().translation_key
        # Every section of the English guide, in the same order (the improvement adds no section).
        assert [b.block_type for b in guide.body] == [b.block_type for b in source.body]
        assert guide.session_time and guide.recovery_time and guide.results_timeline
        assert {c.locale_id for c in guide.concerns.all()} == {spanish.pk}
        saved = [
            child.value
            for block in guide.body
            if block.block_type == "faqs"
            for child in block.value["questions"]
            if child.block_type == "saved_question"
        ]
        assert saved and {faq.locale_id for faq in saved} == {spanish.pk}
        guide.full_clean()
        guide.body.stream_block.clean(guide.body)
    microneedling = guides[0]
    assert set(STANDARD_SECTIONS) <= {b.block_type for b in microneedling.body}
    refs = next(b for b in microneedling.body if b.block_type == "references")
    english_refs = next(b for b in english("microneedling").body if b.block_type == "references")
    assert [r["doi"] for r in refs.value["references"]] == [
        r["doi"] for r in english_refs.value["references"]
    ]


def test_each_spanish_guide_reads_at_the_inflesz_target(spanish):
    scores = {g.title: szigriszt_pazos(guide_text(g)) for g in spanish_guides(spanish)}
    assert len(scores) == len(demo_content.SPANISH_GUIDES)
    assert all(score >= TARGET_INFLESZ for score in scores.values()), (
        f"Spanish guides below INFLESZ {TARGET_INFLESZ}: {scores}"
    )


def test_no_section_of_a_spanish_guide_is_hard_to_read(spanish):
    too_hard = [
        (guide.title, child.block_type, score)
        for guide in spanish_guides(spanish)
        for child in guide.body
        if child.block_type not in SKIPPED_STREAM_CHILDREN
        and (score := szigriszt_pazos(plain_text_from_block(child.block, child.value)))
        < TARGET_INFLESZ
    ]
    assert not too_hard, too_hard


def test_no_sentence_in_a_spanish_guide_is_very_long(spanish):
    long_sentences = [
        f"{guide.title}: {sentence!r}"
        for guide in spanish_guides(spanish)
        for sentence in split_sentences(guide_text(guide))
        if len(words(sentence)) > MAX_SENTENCE_WORDS
    ]
    assert not long_sentences, "\n".join(long_sentences)


def test_a_hard_guide_would_fail_the_readability_check():
    hard = (
        "La microdermoabrasión constituye un procedimiento dermatológico de exfoliación mecánica "
        "superficial que favorece la regeneración celular y la estimulación de la síntesis de "
        "colágeno, contribuyendo significativamente a la atenuación de irregularidades cutáneas."
    )
    assert szigriszt_pazos(hard) < TARGET_INFLESZ


# --- Review and the out-of-date translation -------------------------------------------------------


def test_a_spanish_reading_clinician_reviewed_the_published_spanish_guides(spanish):
    clinician = ClinicianProfile.objects.get(name__startswith="Dra. Lucía Morales")
    assert clinician.review_languages == ["en", "es"]
    for guide in spanish_guides(spanish):
        review = ClinicalReview.objects.get(page=guide)
        assert review.reviewer == clinician
        assert review.revision_id == guide.live_revision_id


def test_the_spanish_peel_guide_was_made_before_the_english_guide_was_improved(spanish):
    line, peel = demo_content.CHEMICAL_PEELS_IMPROVEMENT[2], english("chemical-peels")
    revisions = Revision.page_revisions.filter(object_id=str(peel.pk)).order_by("pk")
    assert revisions.count() == 2
    first, improved = revisions
    assert peel.live_revision == improved
    assert line in guide_text(peel)
    assert line not in guide_text(first.as_object())
    spanish_peel = peel.get_translation(spanish)
    spanish_live = spanish_peel.live_revision
    # Saved after the English first version and before the improved one.
    assert first.pk < spanish_live.pk < improved.pk
    assert first.created_at <= spanish_live.created_at <= improved.created_at
    review = ClinicalReview.objects.filter(page=peel).order_by("-pk").first()
    assert review.revision == improved and review.reviewer.reviews_in("en")


def test_the_spanish_microneedling_guide_is_up_to_date(spanish):
    source = english("microneedling")
    translation = source.get_translation(spanish)
    assert Revision.page_revisions.filter(object_id=str(source.pk)).count() == 1
    assert source.live_revision.pk < translation.live_revision.pk
    assert translation.specific.translation_state.out_of_date is False


def test_the_spanish_peel_guide_tells_patients_it_is_out_of_date(client, spanish):
    peel = english("chemical-peels").get_translation(spanish).specific
    state = peel.translation_state
    assert state.out_of_date
    assert state.changed_segments == 1, "the one sentence added to the English aftercare"

    html = client.get(peel.url).content.decode()
    assert 'class="translation-notice"' in html
    assert f'href="{english("chemical-peels").url}"' in html


def test_the_spanish_reviewer_can_sign_in(demo_site, settings, client, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    report = load_demo("--admin")
    assert "user 'revisora' (Clinical reviewers" in report
    clinician = ClinicianProfile.objects.get(name__startswith="Dra. Lucía Morales")
    assert clinician.user.username == "revisora"
    assert clinician.user.groups.filter(name="Clinical reviewers").exists()
    assert client.login(username="revisora", password="portal-demo")


# --- Repeatable ----------------------------------------------------------------------------------


def test_the_command_says_what_it_made_in_spanish(demo_site):
    assert "Spanish guide 'Microagujas (microneedling)' (translation of 'Microneedling')" in (
        demo_site
    )
    assert "new version of 'Chemical peels', newer than its Spanish translation" in demo_site
    assert "with 4 published guides and 2 in Spanish" in demo_site


def test_a_second_run_changes_nothing_in_spanish(spanish):
    before = (Page.objects.filter(locale=spanish).count(), Revision.objects.count())
    assert "nothing changed" in load_demo()
    assert (Page.objects.filter(locale=spanish).count(), Revision.objects.count()) == before


def test_reset_rebuilds_the_spanish_site(client, spanish):
    old = set(TreatmentPage.objects.filter(locale=spanish).values_list("pk", flat=True))
    load_demo("--reset")
    new = set(TreatmentPage.objects.filter(locale=spanish).values_list("pk", flat=True))
    assert len(new) == len(old) == len(demo_content.SPANISH_GUIDES) and not new & old
    assert SkinConcern.objects.filter(locale=spanish).count() == len(SPANISH.CONCERNS)
    assert client.get("/es/tratamientos/microagujas/").status_code == 200
