"""Staff protect their sign-in with an authenticator app; then a password alone is not enough."""

import re

from django.test import override_settings
from django.urls import reverse

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.fixture
def staff(client):
    user = UserFactory(username="nurse", password="long-password-1", is_staff=True)
    user.is_superuser = True
    user.save()
    return user


def sign_in(client):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "nurse", "password": "long-password-1"}
    )
    assert response.status_code == 302
    return response


def test_staff_turn_on_two_factor_with_a_qr_code(client, staff):
    sign_in(client)
    page = client.get(reverse("twofactor_setup"))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "Turn on two-factor sign-in" in html
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert re.search(r"<code>[A-Z2-7]{16,}</code>", html)

    wrong = client.post(reverse("twofactor_setup"), {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # each wrong code makes the next try wait a moment; skip the wait
    right = client.post(reverse("twofactor_setup"), {"code": code_for(device)})
    assert right.status_code == 302
    assert TOTPDevice.objects.get(user=staff).confirmed


def test_with_two_factor_on_a_password_alone_is_not_enough(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    sign_in(client)

    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("twofactor_verify"))

    bad = client.post(reverse("twofactor_verify"), {"code": "12", "next": "/admin/pages/"})
    assert "Enter the 6 digits" in bad.content.decode()
    good = client.post(
        reverse("twofactor_verify"), {"code": code_for(device), "next": "/admin/pages/"}
    )
    assert good["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_verify_never_redirects_to_another_site(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    sign_in(client)
    response = client.post(
        reverse("twofactor_verify"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("wagtailadmin_home")


def test_staff_without_two_factor_are_not_bothered_unless_it_is_required(client, staff):
    sign_in(client)
    assert client.get("/admin/").status_code == 200
    with override_settings(STAFF_2FA_REQUIRED=True):
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"] == reverse("twofactor_setup")


def test_production_requires_two_factor_by_default():
    from tests.test_settings import production_shell

    code = "from django.conf import settings as s; print(s.STAFF_2FA_REQUIRED)"
    assert production_shell(code).strip() == "True"
