"""The admin works under its strict Content-Security-Policy: every script it needs runs (the date
pickers, choosers and inline panels carry the response's nonce), and nothing is blocked."""

import re

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Collects every CSP violation the page reports, from the first script on.
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_admin_pages_run_their_own_scripts_and_nothing_is_blocked(page, site, django_image):
    from tests.factories import TreatmentPageFactory

    _home, index = site
    guide = TreatmentPageFactory(parent=index, title="Peels", hero_image=django_image)
    get_user_model().objects.create_superuser("boss", "boss@example.com", "a-long-password-1")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.add_init_script(COLLECT_VIOLATIONS)

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    for path in [
        "/admin/",
        f"/admin/pages/{guide.pk}/edit/",  # image chooser (script from Python), date pickers
        f"/admin/pages/{index.pk}/",  # listing with date filters
        "/admin/images/",
        "/api/v3/docs/",
    ]:
        page.goto(path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__csp") == [], path

    # The scripts really ran: the hero image chooser shows its chosen image and opens its menu.
    page.goto(f"/admin/pages/{guide.pk}/edit/")
    expect(page.locator("body.ready")).to_have_count(1)
    chooser = page.locator("#id_hero_image-chooser")
    expect(chooser).not_to_have_class(re.compile(r"\bblank\b"))
    assert page.evaluate("window.__csp") == []
