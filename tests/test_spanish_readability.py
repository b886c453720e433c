"""Spanish guides are measured in Spanish: syllables from pyphen's Spanish dictionary, reading
ease on the INFLESZ scale (Szigriszt-Pazos), with its own target; the editor's Reading level tab
shows it for a Spanish guide. Everything works offline."""

from django.urls import reverse

import pytest

from articles.readability import (
    TARGET_INFLESZ,
    count_spanish_syllables,
    measure_for,
    szigriszt_pazos,
)
from tests.factories import TreatmentPageFactory, stream
from tests.translations import in_spanish

EASY = (
    "Lave la zona con agua tibia. Use una crema suave. No se rasque. "
    "Si le duele mucho, llame a la clínica."
)
TECHNICAL = (
    "La microdermoabrasión constituye un procedimiento dermatológico de exfoliación mecánica "
    "superficial que, mediante la proyección controlada de microcristales de óxido de aluminio "
    "sobre la epidermis, favorece la regeneración celular y la estimulación de la síntesis de "
    "colágeno, contribuyendo significativamente a la atenuación de irregularidades cutáneas."
)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("piel", 1),
        ("crema", 2),
        ("agua", 2),  # a-gua: "ua" is said as one sound
        ("cuidado", 3),
        ("tratamiento", 4),
        ("día", 2),  # dí-a: the accent splits the vowels
        ("poeta", 3),  # po-e-ta: two strong vowels are said apart
        ("leer", 2),
        ("país", 2),
        ("que", 1),  # the u of "que" is silent
        ("guerra", 2),
        ("pingüino", 3),  # ü is said
        ("hoy", 1),
        ("y", 1),
        ("ahora", 3),
        ("hialurónico", 5),
        ("dermatología", 6),
        ("antiinflamatorio", 7),
        ("FPS", 3),  # read letter by letter
        ("30", 1),
    ],
)
def test_spanish_syllables_of_known_words(word, syllables):
    assert count_spanish_syllables(word) == syllables


def test_inflesz_of_a_sentence_worked_out_by_hand():
    # La(1) cre-ma(2) hi-dra-tan-te(4) cal-ma(2) la(1) piel(1) i-rri-ta-da(4): 15 syllables,
    # 7 words, 1 sentence. 206.835 - 62.3 * 15 / 7 - 7 / 1 = 66.3
    assert szigriszt_pazos("La crema hidratante calma la piel irritada.") == 66.3


def test_a_short_easy_text_meets_the_target_and_a_technical_one_does_not():
    assert szigriszt_pazos(EASY) >= TARGET_INFLESZ
    assert szigriszt_pazos(TECHNICAL) < 40  # "muy difícil" on the INFLESZ scale
    assert measure_for("es").meets_target(szigriszt_pazos(EASY))
    assert not measure_for("es").meets_target(szigriszt_pazos(TECHNICAL))


def test_empty_text_scores_zero():
    assert szigriszt_pazos("") == 0.0


def test_each_language_gets_its_measure():
    assert measure_for("es").name == "INFLESZ"
    assert measure_for("es-mx").name == "INFLESZ"
    assert measure_for("en").name == "Flesch-Kincaid"
    assert measure_for("fr").name == "Flesch-Kincaid"  # no measure of its own yet


@pytest.mark.django_db
def test_the_reading_level_tab_of_a_spanish_guide_shows_the_spanish_measure(
    client, roles, settings
):
    english = TreatmentPageFactory(parent=roles["index"], title="Dermaplaning", live=False)
    spanish = in_spanish(
        english,
        settings,
        summary="Un tratamiento suave para la piel.",
        body=stream(
            ("overview", {"heading": "Qué es", "text": f"<p>{EASY}</p>"}),
            ("overview", {"heading": "Cómo funciona", "text": f"<p>{TECHNICAL}</p>"}),
        ),
    )
    client.force_login(roles["editor"])

    html = client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk])).content.decode()
    tab = html[html.index("data-reading-level") :]

    assert "Reading ease (INFLESZ) of the saved version" in tab
    assert f"(target: {TARGET_INFLESZ} or higher)" in tab
    assert "Reading grade of the saved version" not in tab
    assert "Flesch-Kincaid" not in tab
    # The technical section is flagged, the easy one is not.
    assert "Cómo funciona</td>" in tab
    technical_row = tab[tab.index("Cómo funciona</td>") :].split("</tr>")[0]
    easy_row = tab[tab.index("Qué es</td>") :].split("</tr>")[0]
    assert "below target" in technical_row
    assert "below target" not in easy_row
    assert "microdermoabrasión" in tab  # a long word to check


@pytest.mark.django_db
def test_the_reading_level_tab_of_an_english_guide_is_unchanged(client, roles, settings):
    english = TreatmentPageFactory(parent=roles["index"], title="Dermaplaning", live=False)
    in_spanish(english, settings)  # a Spanish copy exists; the English guide keeps its grade
    client.force_login(roles["editor"])

    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    tab = html[html.index("data-reading-level") :]

    assert f"<strong>{english.reading_grade}</strong> (target: 8.0 or lower)" in tab
    assert "US school grade (Flesch-Kincaid)" in tab
    assert "INFLESZ" not in tab


@pytest.mark.django_db
def test_a_spanish_guide_stores_its_inflesz_ease_and_apps_and_staff_see_it(client, roles, settings):
    guide = TreatmentPageFactory(parent=roles["index"], title="Peeling")
    spanish = in_spanish(
        guide,
        settings,
        summary="Un tratamiento suave para la piel.",
        body=stream(("overview", {"heading": "Qué es", "text": f"<p>{EASY}</p>"})),
    )
    spanish.save_revision().publish()
    spanish.refresh_from_db()

    assert spanish.reading_grade is None, "a US school grade means nothing for Spanish text"
    assert spanish.reading_ease >= TARGET_INFLESZ
    assert guide.reading_grade is not None and guide.reading_ease is None

    data = client.get(f"/api/v2/pages/{spanish.pk}/").json()
    assert data["reading_grade"] is None
    assert data["reading_level"] == {
        "measure": "inflesz",
        "score": float(spanish.reading_ease),
        "target": TARGET_INFLESZ,
        "meets_target": True,
    }
    english = client.get(f"/api/v2/pages/{guide.pk}/").json()["reading_level"]
    assert english["measure"] == "flesch_kincaid_grade"
    assert english["score"] == float(guide.reading_grade)

    client.force_login(roles["admin"])
    report = client.get(reverse("guide_reviews_report"), {"export": "csv"})
    text = b"".join(report.streaming_content).decode()
    assert f"INFLESZ {float(spanish.reading_ease)}" in text
