"""Every address leads to the page Wagtail's own routing finds, in fewer queries
(portal/routing.py)."""

from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from glossary.models import GlossaryPage
from tests.factories import AFTERCARE, TreatmentPageFactory, stream

pytestmark = pytest.mark.django_db


def outcome(route, home, address: str):
    """(page id, page type, routable view) of routing ``address`` from the home page, or 404."""
    request = RequestFactory().get(address)
    components = [part for part in address.split("/") if part]
    try:
        page, args, _kwargs = route(home, request, components)
    except Http404:
        return 404
    view = args[0].__name__ if args else None
    return page.pk, type(page).__name__, view


def wagtails(home, request, components):
    return Page.route(home, request, components)  # Wagtail's walk, one level at a time


def ours(home, request, components):
    return home.route(request, components)


@pytest.fixture
def tree(site_tree):
    home, index = site_tree
    guide = TreatmentPageFactory(parent=index, title="Needling", body=stream(AFTERCARE))
    plain = TreatmentPageFactory(parent=index, title="Peel")  # no aftercare section
    TreatmentPageFactory(parent=index, title="Secret", live=False)
    renamed = TreatmentPageFactory(parent=index, title="Old name")
    renamed.slug = "new-name"
    renamed.save_revision().publish()
    words = home.add_child(instance=GlossaryPage(title="Words", slug="words"))
    guide.copy(to=words, update_attrs={"slug": "needling-copy", "title": "Copy"})
    guide.create_alias(parent=words, update_slug="needling-alias")
    hidden = home.add_child(instance=GlossaryPage(title="Hidden", slug="hidden", live=False))
    TreatmentPageFactory(parent=index, title="Under a draft").move(hidden, "last-child")
    return home.specific, guide, plain


ADDRESSES = [
    "/",
    "/treatments/",
    "/treatments/needling/",
    "/treatments/needling/aftercare/",
    "/treatments/needling/aftercare/more/",
    "/treatments/needling/nothing/",
    "/treatments/peel/aftercare/",
    "/treatments/secret/",
    "/treatments/old-name/",
    "/treatments/new-name/",
    "/treatments/nothing/",
    "/treatments/nothing/deeper/",
    "/nothing/",
    "/words/",
    "/words/needling-copy/",
    "/words/needling-copy/aftercare/",
    "/words/needling-alias/",
    "/hidden/",
    "/hidden/under-a-draft/",
    "/treatments/under-a-draft/",
    "/treatments/treatments/",
    "/words/needling/",
]


def test_every_address_finds_what_wagtail_finds(tree):
    home, guide, _plain = tree
    found = {address: outcome(ours, home, address) for address in ADDRESSES}
    assert found == {address: outcome(wagtails, home, address) for address in ADDRESSES}
    # The addresses cover pages, drafts, handouts, aliases and 404s:
    assert found["/treatments/needling/"] == (guide.pk, "TreatmentPage", "guide")
    assert found["/treatments/needling/aftercare/"][2] == "aftercare_handout"
    assert found["/words/needling-alias/"][1] == "TreatmentPage"
    assert found["/hidden/under-a-draft/"][1] == "TreatmentPage"  # as Wagtail: only the page
    for address in ("/treatments/secret/", "/treatments/old-name/", "/hidden/", "/nothing/"):
        assert found[address] == 404, address


def test_a_guide_is_found_in_two_queries_however_deep(tree):
    home, guide, _plain = tree
    for address in ("/treatments/needling/", "/treatments/needling/aftercare/"):
        with CaptureQueriesContext(connection) as wagtail_queries:
            outcome(wagtails, home, address)
        with CaptureQueriesContext(connection) as our_queries:
            assert outcome(ours, home, address)[0] == guide.pk
        assert (len(our_queries), len(wagtail_queries)) == (2, 4), address
