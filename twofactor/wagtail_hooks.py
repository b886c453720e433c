from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import RecoveryCodesView, SetupView, VerifyView


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("2fa/setup/", SetupView.as_view(), name="twofactor_setup"),
        path("2fa/verify/", VerifyView.as_view(), name="twofactor_verify"),
        path("2fa/recovery-codes/", RecoveryCodesView.as_view(), name="twofactor_recovery_codes"),
    ]


@hooks.register("register_settings_menu_item")
def register_two_factor_menu_item():
    return MenuItem(
        _("Two-factor sign-in"), reverse("twofactor_setup"), icon_name="lock", order=900
    )
