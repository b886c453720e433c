"""More of what patients do: the word list and its inline explanations, feedback, search by
keyboard only, zoomed pages, reduced motion and dark mode, and the printed aftercare handout.

Runs against the demo site (``portal``), which has the "Word list" glossary page and guides with
an aftercare section.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import check_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GLOSSARY_URL = "/word-list/"
MAX_TABS = 120  # tab stops tried before giving up on reaching an element

# What the focused element looks like: a visible focus ring is an outline or a box shadow.
FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName,
        text: (el.getAttribute('aria-label') || el.textContent || el.value || '').slice(0, 30),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
    };
}"""


def tab_until(page: Page, is_target: str, seen: list) -> None:
    """Press Tab until ``is_target`` (JS, given the focused element) is true, recording what
    each stop looked like in ``seen``."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUS_STYLE))
        if page.evaluate(f"(el => {is_target})(document.activeElement)"):
            return
    pytest.fail(f"Tab never reached {is_target!r} on {page.url}; stops: {seen[-MAX_TABS:]}")


def invisible_focus(seen: list) -> list:
    return [stop for stop in seen if stop and not (stop["outline"] or stop["shadow"])]


def test_more_patient_pages_have_no_axe_violations(page, portal):
    check_pages(
        page,
        {
            "word list": (GLOSSARY_URL, 200),
            "aftercare handout": (f"{portal.guide_url}aftercare/", 200),
            "search, no results": ("/search/?q=zzyzx", 200),
            "guide, feedback sent": (f"{portal.guide_url}?feedback=thanks", 200),
            "guides for a code from the health record": (
                "/infobutton/?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90"
                "&mainSearchCriteria.v.c=L90.5&mainSearchCriteria.v.dn=microneedling"
                "&knowledgeResponseType=text/html",
                200,
            ),
            "handout pack for a visit": ("/p/microneedling-day/", 200),
            "an incomplete link from the health record": (
                "/infobutton/?knowledgeResponseType=text/html",
                400,
            ),
        },
    )


def test_search_to_print_with_the_keyboard_only_and_focus_always_visible(page, portal):
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    seen = []
    page.goto("/")
    tab_until(page, "el.type === 'search'", seen)
    page.keyboard.type(portal.search_term)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(page.get_by_role("status")).to_contain_text(f'found for "{portal.search_term}"')

    tab_until(page, "!!el.closest('.search-results') && el.tagName === 'A'", seen)
    first_result = page.locator(".search-results a").first
    expect(first_result).to_be_focused()
    expect(first_result).to_have_text(portal.guide_title)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(portal.guide_url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(portal.guide_title)

    tab_until(page, "el.matches('button[data-print]')", seen)
    expect(page.get_by_role("button", name="Print this guide")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1

    assert len(seen) > 5
    assert not invisible_focus(seen), f"focus not visible on: {invisible_focus(seen)}"


def test_glossary_term_explains_itself_on_focus_and_links_to_the_word_list(page, portal):
    page.goto(portal.guide_url)
    seen = []
    tab_until(page, "el.matches('.term__word')", seen)
    term = page.locator(".term__word:focus")
    tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    expect(tip).to_have_role("tooltip")
    expect(tip).to_be_visible()
    assert not invisible_focus(seen[-1:]), f"the focused term shows no focus ring: {seen[-1]}"

    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(term).to_be_focused()  # Escape hides the explanation, not the focus

    href = term.get_attribute("href")
    slug = href.split("#", 1)[1]
    assert href == f"{GLOSSARY_URL}#{slug}"
    explanation = tip.inner_text()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    entry = page.locator(f"[id='{slug}']")
    # The word list scrolled down to the term (smoothly, perhaps), which is highlighted.
    page.wait_for_function(
        "id => scrollY > 0 && document.getElementById(id).getBoundingClientRect().top < 100",
        arg=slug,
    )
    expect(entry).to_be_in_viewport()
    assert entry.evaluate("el => el.matches(':target')")
    expect(entry.locator("dd")).to_contain_text(explanation)


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_feedback_form_sends_an_answer_and_says_thank_you(
    new_page, live_server, portal, javascript
):
    from feedback.models import GuideFeedback

    page = new_page(java_script_enabled=javascript)
    page.goto(portal.guide_url)
    question = page.get_by_role("group", name="Was this page helpful?")
    question.get_by_label("No").check()
    comment = "The aftercare part was hard to follow."
    page.get_by_label("Anything we could explain better? (optional)").fill(comment)
    page.get_by_role("button", name="Send").click()

    expect(page).to_have_url(f"{live_server.url}{portal.guide_url}?feedback=thanks#feedback")
    expect(page.get_by_role("status").filter(has_text="Thank you")).to_have_text(
        "Thank you for your feedback. It helps us make these guides clearer."
    )
    expect(page.get_by_role("group", name="Was this page helpful?")).to_have_count(0)
    answer = GuideFeedback.objects.get()
    assert (answer.helpful, answer.comment) == (False, comment)
    assert answer.page.url == portal.guide_url


def test_no_sideways_scrolling_at_200_percent_zoom(new_page, portal):
    # A 1280 px wide window zoomed to 200% lays pages out 640 CSS px wide, at two device pixels
    # per CSS pixel.
    page = new_page(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    too_wide = {}
    for path in ["/", portal.guide_url, GLOSSARY_URL, f"{portal.guide_url}aftercare/"]:
        page.goto(path)
        page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            too_wide[path] = (scroll, client)
    assert not too_wide, f"pages wider than the window (path: scroll, client width): {too_wide}"


BACKGROUND_LUMINANCE = """() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


def test_reduced_motion_and_dark_mode_are_respected(page, portal):
    scroll_behavior = "getComputedStyle(document.documentElement).scrollBehavior"
    page.goto(portal.guide_url)
    page.emulate_media(reduced_motion="no-preference", color_scheme="light")
    assert page.evaluate(scroll_behavior) == "smooth"  # contents links glide...
    assert page.evaluate(BACKGROUND_LUMINANCE) > 0.9

    page.emulate_media(reduced_motion="reduce", color_scheme="dark")
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    assert page.evaluate(scroll_behavior) != "smooth"  # ...unless motion is unwelcome
    assert page.evaluate(BACKGROUND_LUMINANCE) < 0.15, "the page stays light in dark mode"
    text = page.evaluate("getComputedStyle(document.body).color")
    assert text != "rgb(29, 35, 41)", "dark text left on the dark background"


def test_printed_aftercare_handout_has_the_qr_code_and_address(page, live_server, portal):
    handout_url = f"{portal.guide_url}aftercare/"
    page.goto(handout_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("looking after your skin")

    page.emulate_media(media="print")
    qr = page.get_by_role("img", name="QR code: scan it to open the full guide online")
    expect(qr).to_be_visible()
    assert qr.evaluate("el => el.tagName.toLowerCase()") == "svg"
    box = qr.bounding_box()
    assert box["width"] >= 60 and box["height"] >= 60, f"QR code too small to scan: {box}"
    address = page.get_by_text("Read the full guide online:")
    expect(address).to_be_visible()
    expect(address).to_contain_text(f"{live_server.url}{portal.guide_url}")

    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.get_by_role("link", name="Skip to main content")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this handout")).to_be_hidden()
    # The handout's own content still prints.
    expect(page.get_by_role("main")).to_be_visible()
