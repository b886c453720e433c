from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    """Two-factor sign-in for staff with an authenticator app (django-otp, TOTP)."""

    name = "twofactor"
    verbose_name = _("Two-factor sign-in")
