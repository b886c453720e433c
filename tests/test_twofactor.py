"""Staff protect their sign-in with an authenticator app; then a password alone is not enough."""

import io
import re

from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
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
    from tests.production import production_shell

    code = "from django.conf import settings as s; print(s.STAFF_2FA_REQUIRED)"
    assert production_shell(code).strip() == "True"


# Recovery codes, the enrolment bypass, throttling and the reset command.

RECOVERY_CODE = re.compile(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>")


def as_if_later(device: TOTPDevice) -> None:
    """A TOTP code works once; pretend the app has moved on to its next code."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)


def enrol(client, staff) -> tuple[TOTPDevice, list[str]]:
    """Turn two-factor sign-in on through the pages; return the phone and the recovery codes."""
    sign_in(client)
    client.get(reverse("twofactor_setup"))
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = client.post(reverse("twofactor_setup"), {"code": code_for(device)})
    assert response["Location"] == reverse("twofactor_recovery_codes")
    page = client.get(reverse("twofactor_recovery_codes")).content.decode()
    codes = RECOVERY_CODE.findall(page)
    device.refresh_from_db()
    as_if_later(device)
    return device, codes


def test_a_password_alone_cannot_enrol_a_new_phone(client, staff):
    """The reported bypass: password → setup page → code for a fresh secret → whole admin."""
    device = TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    key = device.key
    sign_in(client)

    setup = client.get(reverse("twofactor_setup"))
    assert setup.status_code == 302
    assert setup["Location"] == f"{reverse('twofactor_verify')}?next=%2Fadmin%2F2fa%2Fsetup%2F"
    assert "<svg" not in setup.content.decode()

    # Posting a code for a fresh secret (the one the page showed, or any left over) fails too.
    fresh = TOTPDevice.objects.filter(user=staff, confirmed=False).first()
    fresh = fresh or TOTPDevice.objects.create(user=staff, name="Attacker", confirmed=False)
    attack = client.post(reverse("twofactor_setup"), {"code": code_for(fresh)})
    assert attack.status_code == 302
    assert attack["Location"].startswith(reverse("twofactor_verify"))
    assert not attack.wsgi_request.user.is_verified()

    kept = TOTPDevice.objects.get(pk=device.pk)
    assert kept.confirmed and kept.key == key
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).get() == kept
    assert not TOTPDevice.objects.get(pk=fresh.pk).confirmed

    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"].startswith(reverse("twofactor_verify"))
    codes = client.post(reverse("twofactor_recovery_codes"))
    assert codes["Location"].startswith(reverse("twofactor_verify"))
    assert not StaticToken.objects.filter(device__user=staff).exists()


def test_first_enrolment_shows_recovery_codes_once(client, staff):
    device, codes = enrol(client, staff)

    assert TOTPDevice.objects.get(user=staff) == device and device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=staff).count() == 10
    assert client.get("/admin/").status_code == 200  # the enrolment verified this sign-in

    again = client.get(reverse("twofactor_recovery_codes")).content.decode()
    assert not RECOVERY_CODE.search(again)
    assert "10 recovery codes left" in again


def test_the_recovery_codes_page_says_how_to_keep_them(client, staff):
    sign_in(client)
    client.get(reverse("twofactor_setup"))
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    client.post(reverse("twofactor_setup"), {"code": code_for(device)})
    html = client.get(reverse("twofactor_recovery_codes")).content.decode()
    assert "somewhere safe" in html and "each code works once" in html
    assert '<ol class="twofactor-codes"' in html
    assert "<script" not in html.split('class="twofactor-codes"')[1].split("</ol>")[0]


def test_a_recovery_code_signs_in_once(client, staff):
    _device, codes = enrol(client, staff)
    client.logout()

    sign_in(client)
    used = client.post(
        reverse("twofactor_verify"),
        {"code": f" {codes[0].upper()} ", "next": "/admin/pages/"},
        follow=True,
    )
    assert used.redirect_chain[0][0] == "/admin/pages/"
    assert "9 recovery codes left" in used.content.decode()
    assert client.get("/admin/pages/").status_code == 200
    client.logout()

    sign_in(client)
    again = client.post(reverse("twofactor_verify"), {"code": codes[0], "next": "/admin/"})
    assert again.status_code == 200
    assert "That code is not right" in again.content.decode()
    assert client.get("/admin/")["Location"].startswith(reverse("twofactor_verify"))


def test_running_low_on_recovery_codes_warns(client, staff):
    _device, codes = enrol(client, staff)
    keep = [code.replace("-", "") for code in codes[:2]]
    StaticToken.objects.filter(device__user=staff).exclude(token__in=keep).delete()
    client.logout()

    sign_in(client)
    used = client.post(reverse("twofactor_verify"), {"code": codes[0]}, follow=True)
    assert "Only 1 recovery code left" in used.content.decode()


def test_new_recovery_codes_replace_the_old_ones(client, staff):
    _device, old = enrol(client, staff)

    setup = client.get(reverse("twofactor_setup")).content.decode()
    assert "Make new recovery codes" in setup
    made = client.post(reverse("twofactor_recovery_codes"), follow=True)
    new = RECOVERY_CODE.findall(made.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.logout()

    sign_in(client)
    stale = client.post(reverse("twofactor_verify"), {"code": old[1]})
    assert "That code is not right" in stale.content.decode()
    StaticDevice.objects.filter(user=staff).update(throttling_failure_count=0)
    fresh = client.post(reverse("twofactor_verify"), {"code": new[1], "next": "/admin/"})
    assert fresh["Location"] == "/admin/"


def test_a_verified_user_can_move_to_a_new_phone(client, staff):
    old, _codes = enrol(client, staff)
    client.logout()
    sign_in(client)
    client.post(reverse("twofactor_verify"), {"code": code_for(old)})

    page = client.get(reverse("twofactor_setup"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    new = TOTPDevice.objects.get(user=staff, confirmed=False)

    wrong = client.post(reverse("twofactor_setup"), {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    assert TOTPDevice.objects.get(pk=old.pk).confirmed  # the old phone works until the new one does

    new.refresh_from_db()
    new.throttle_reset()
    done = client.post(reverse("twofactor_setup"), {"code": code_for(new)})
    assert done["Location"] == reverse("wagtailadmin_home")
    assert list(TOTPDevice.objects.filter(user=staff)) == [new]
    assert TOTPDevice.objects.get(pk=new.pk).confirmed
    assert StaticToken.objects.filter(device__user=staff).count() == 10  # codes still work
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_are_throttled(client, staff):
    device, codes = enrol(client, staff)
    client.logout()
    sign_in(client)

    client.post(reverse("twofactor_verify"), {"code": "000000"})
    blocked = client.post(reverse("twofactor_verify"), {"code": code_for(device)})
    assert "Too many wrong codes" in blocked.content.decode()

    client.post(reverse("twofactor_verify"), {"code": "aaaa-aaaa"})
    blocked = client.post(reverse("twofactor_verify"), {"code": codes[0]})
    assert "Too many wrong codes" in blocked.content.decode()
    assert StaticToken.objects.filter(device__user=staff).count() == 10  # not used up
    assert client.get("/admin/")["Location"].startswith(reverse("twofactor_verify"))


def test_an_admin_resets_a_locked_out_user(client, staff):
    enrol(client, staff)
    out = io.StringIO()
    call_command("reset_two_factor", "nurse", stdout=out)
    assert "nurse" in out.getvalue() and "Removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()

    client.logout()
    sign_in(client)
    assert client.get("/admin/").status_code == 200

    out = io.StringIO()
    call_command("reset_two_factor", "nurse", stdout=out)
    assert "nothing to remove" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("reset_two_factor", "nobody")


def test_the_code_page_has_a_working_sign_out(client, staff):
    TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    sign_in(client)
    html = client.get(reverse("twofactor_verify")).content.decode()
    assert '<form method="post" action="/admin/logout/">' in html  # GET would be refused (405)
    client.post("/admin/logout/")
    assert client.get("/admin/")["Location"].startswith(reverse("wagtailadmin_login"))
