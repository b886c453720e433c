"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA problems (nor best-practice ones) on patient pages.

The pages are checked in one test per colour scheme, so the content is built once for all of them;
a failure lists every problem on every page.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
axe = Axe()


def axe_problems(page: Page) -> list[str]:
    """One readable line per axe violation: rule id, impact, what's wrong and where."""
    # Open every FAQ answer first: axe skips content it can't see.
    page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"])
        for v in violations
    ]


def check_pages(page: Page, pages: dict[str, tuple[str, int]]) -> None:
    problems = []
    for name, (path, status) in pages.items():
        response = page.goto(path)
        assert response.status == status, f"{name}: {path} answered {response.status}"
        problems += [f"{name} ({path}): {problem}" for problem in axe_problems(page)]
    if problems:
        pytest.fail(f"axe found {len(problems)} problem(s):\n" + "\n".join(problems), pytrace=False)


def test_patient_pages_have_no_axe_violations(page, portal):
    check_pages(
        page,
        {
            "home": ("/", 200),
            "treatments index": ("/treatments/", 200),
            "full guide": (portal.guide_url, 200),
            "index filtered by concern": (f"/treatments/?concern={portal.concern_slug}", 200),
            "search results": (f"/search/?q={portal.search_term}", 200),
            "page not found": ("/no-such-page/", 404),
        },
    )


def test_guide_in_dark_mode_has_no_axe_violations(page, portal):
    page.emulate_media(color_scheme="dark")
    page.goto("/")
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    check_pages(page, {"full guide, dark": (portal.guide_url, 200), "home, dark": ("/", 200)})


def spanish_guide_url(portal, settings) -> str:
    """The Spanish translation of the full guide: the demo's if it has one, else made here."""
    from articles.models import TreatmentPage
    from tests.translations import published_in_spanish, speak_spanish

    guide = TreatmentPage.objects.get(
        url_path__endswith="/microneedling/", locale__language_code="en"
    )
    spanish = guide.get_translation_or_none(speak_spanish(settings))
    if spanish is None or not spanish.live:
        spanish = published_in_spanish(
            guide,
            settings,
            title="Microagujas",
            summary="Unas agujas diminutas hacen marcas pequeñas en la piel.",
        )
    return spanish.url


def test_spanish_pages_have_no_axe_violations(page, portal, settings):
    guide_url = spanish_guide_url(portal, settings)
    check_pages(
        page,
        {
            "Spanish home": ("/es/", 200),
            "Spanish guide": (guide_url, 200),
            "Spanish page not found": ("/es/no-such-page/", 404),
        },
    )
    assert page.goto(guide_url) and page.locator("html").get_attribute("lang") == "es"
