"""A patient reads guides on a small phone, with a keyboard, without JavaScript, or on paper."""

from itertools import pairwise

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def visible_guide_titles(page: Page) -> list[str]:
    """The guide titles listed on the treatments index, in order."""
    return page.get_by_role("main").get_by_role("heading", level=3).all_inner_texts()


def test_no_sideways_scrolling_on_a_320px_wide_phone(page, portal):
    page.set_viewport_size({"width": 320, "height": 640})
    too_wide = {}
    for path in ["/", "/treatments/", portal.guide_url]:
        page.goto(path)
        page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    assert not too_wide, f"pages wider than a 320px screen (path: scroll width): {too_wide}"


def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_main_content(page, portal):
    page.goto(portal.guide_url)
    skip = page.get_by_role("link", name="Skip to main content")
    box = skip.bounding_box()
    assert box is None or box["y"] + box["height"] <= 0, f"skip link shows without focus: {box}"

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["width"] > 1 and box["height"] > 1
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], (
        f"the focused skip link is off screen: {box}"
    )

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside the main content, not the header
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def choose_concern(page: Page, concern_name: str) -> None:
    page.get_by_label("Show guides for").select_option(label=concern_name)
    page.get_by_role("button", name="Show", exact=True).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_concern_filter_shows_only_the_guides_for_that_concern(
    new_page, live_server, portal, javascript
):
    page = new_page(java_script_enabled=javascript)  # a plain GET form: works without JS
    page.goto("/treatments/")
    all_titles = sorted(portal.guides_for_concern + portal.other_guides)
    assert visible_guide_titles(page) == all_titles

    choose_concern(page, portal.concern_name)
    expect(page).to_have_url(f"{live_server.url}/treatments/?concern={portal.concern_slug}")
    assert visible_guide_titles(page) == portal.guides_for_concern
    expect(page.get_by_role("status")).to_contain_text(portal.concern_name)
    expect(page.get_by_label("Show guides for")).to_have_value(portal.concern_slug)

    # Back to every guide.
    choose_concern(page, "All skin concerns")
    assert visible_guide_titles(page) == all_titles


def test_printed_guide_is_a_clean_handout(page, live_server, portal):
    page.goto(portal.guide_url)
    faq = page.locator("details").first
    answer = faq.locator(".faq__answer")
    address = page.get_by_text("Read this guide online:")
    expect(answer).to_be_hidden()  # on screen, answers open on demand
    expect(address).to_be_hidden()

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("link", name="Search")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this guide")).to_be_hidden()
    # Every answer prints, even though nobody opened it (print CSS, not the beforeprint script).
    assert faq.get_attribute("open") is None
    for each in page.locator(".faq__answer").all():
        expect(each).to_be_visible()
    expect(address).to_be_visible()
    expect(address).to_contain_text(f"{live_server.url}{portal.guide_url}")

    page.goto("/")  # the home page's search form is no use on paper either
    expect(page.get_by_role("search")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.get_by_role("search")).to_be_visible()


def test_print_button_is_a_real_button_that_opens_the_print_dialog(page, new_page, portal):
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(portal.guide_url)
    button = page.get_by_role("button", name="Print this guide")
    expect(button).to_be_visible()
    assert button.evaluate("b => b.tagName") == "BUTTON"
    expect(button).to_have_attribute("type", "button")

    button.focus()
    page.keyboard.press("Enter")
    button.click()
    assert page.evaluate("window.printed") == 2

    # Without JavaScript the button could do nothing, so it isn't shown.
    no_js = new_page(java_script_enabled=False)
    no_js.goto(portal.guide_url)
    expect(no_js.get_by_role("button", name="Print this guide")).to_be_hidden()


def test_faq_answers_open_and_close_with_the_keyboard(page, portal):
    page.goto(portal.guide_url)
    faq = page.locator("details.faq").first
    question = faq.locator("summary")
    answer = faq.locator(".faq__answer")
    expect(answer).to_be_hidden()

    question.focus()
    expect(question).to_be_focused()
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    expect(faq).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(answer).to_be_hidden()
    page.keyboard.press("Space")
    expect(answer).to_be_visible()
    page.keyboard.press("Enter")
    expect(answer).to_be_hidden()


HEADING_LEVELS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
    .filter(h => h.getClientRects().length)
    .map(h => [Number(h.getAttribute('aria-level') || h.tagName.slice(1)), h.textContent.trim()])"""


def test_one_h1_and_no_skipped_heading_levels(page, portal):
    for path in [portal.guide_url, "/", "/treatments/"]:
        page.goto(path)
        headings = page.evaluate(HEADING_LEVELS)
        h1s = [text for level, text in headings if level == 1]
        assert len(h1s) == 1, f"{path}: {len(h1s)} h1 headings instead of one: {h1s}"
        assert headings[0][0] == 1, f"{path}: the first heading is not the h1: {headings[0]}"
        skips = [
            f"h{before} '{before_text}' -> h{level} '{text}'"
            for (before, before_text), (level, text) in pairwise(headings)
            if level > before + 1
        ]
        assert not skips, f"{path}: heading levels skip: {skips}"
