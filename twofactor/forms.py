import re

from django import forms
from django.utils.translation import gettext_lazy as _

import django_otp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_CODE = re.compile(r"^\d{6}$")
RECOVERY_CODE = re.compile(r"^[a-z2-7]{8}$")  # StaticToken.random_token(): 8 base32 letters

TOO_MANY = _("Too many wrong codes. Wait a minute and try again.")
NOT_RIGHT = _("That code is not right. Check your app and try again.")
RECOVERY_NOT_RIGHT = _(
    "That code is not right. Check it, or enter the 6 digits your app shows. "
    "Each recovery code works only once."
)


def check_code(user, devices, token, wrong=NOT_RIGHT):
    """The device (one of ``devices``) that accepts ``token``, using it up; else ValidationError.

    Each device keeps django-otp's throttling: after a wrong code the next try must wait
    (1, 2, 4… seconds), and a throttled device accepts nothing, not even the right code.
    """
    throttled = False
    for device in devices:
        device.refresh_from_db()
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        # verify_token locks the device row, so a recovery code can't be used twice at once.
        verified = django_otp.verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    raise forms.ValidationError(TOO_MANY if throttled else wrong)


class CodeForm(forms.Form):
    """The 6-digit code from the authenticator app being set up."""

    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label=_("6-digit code from your authenticator app"),
        error_messages={"invalid": _("Enter the 6 digits your app shows, for example 123456.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        self.device = check_code(self.device.user, [self.device], code)
        return code


class VerifyForm(forms.Form):
    """At sign-in: the app's 6-digit code, or one of the recovery codes (each works once)."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_("The 6 digits your authenticator app shows, or a recovery code."),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        token = re.sub(r"[\s-]", "", self.cleaned_data["code"]).lower()
        if APP_CODE.match(token):
            model, wrong = TOTPDevice, NOT_RIGHT
        elif RECOVERY_CODE.match(token):
            model, wrong = StaticDevice, RECOVERY_NOT_RIGHT
        else:
            raise forms.ValidationError(
                _(
                    "Enter the 6 digits your app shows, for example 123456, "
                    "or a recovery code, for example abcd-efgh."
                )
            )
        devices = list(model.objects.devices_for_user(self.user, confirmed=True))
        self.device = check_code(self.user, devices, token, wrong)
        return token

    @property
    def used_recovery_code(self) -> bool:
        return isinstance(self.device, StaticDevice)
