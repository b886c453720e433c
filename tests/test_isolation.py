"""Tests don't leak into each other: a request to a Spanish page leaves Spanish active in the
thread (Django's LocaleMiddleware never switches back), so each test starts in the default
language (``_default_language`` in tests/conftest.py). The two tests run in this order."""

from django.utils import translation
from django.utils.translation import gettext

import pytest

pytestmark = pytest.mark.django_db


def test_a_request_to_a_spanish_page_leaves_spanish_active(client, site_tree):
    client.get("/es/")
    assert translation.get_language() == "es"


def test_the_next_test_starts_in_the_default_language():
    assert translation.get_language() == "en"
    assert gettext("Read the current English guide") == "Read the current English guide"
