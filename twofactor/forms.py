from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The 6-digit code from the staff member's authenticator app."""

    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label=_("6-digit code from your authenticator app"),
        error_messages={"invalid": _("Enter the 6 digits your app shows, for example 123456.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        verified, _retry = self.device.verify_is_allowed()
        if not verified:
            raise forms.ValidationError(_("Too many wrong codes. Wait a minute and try again."))
        if not self.device.verify_token(code):
            raise forms.ValidationError(_("That code is not right. Check your app and try again."))
        return code
