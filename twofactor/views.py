"""Setting up and using two-factor sign-in in the admin."""

from urllib.parse import parse_qs, urlparse

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import CodeForm


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class SetupView(WagtailAdminTemplateMixin, FormView):
    """Shows a QR code for an authenticator app, then turns two-factor sign-in on."""

    template_name = "twofactor/setup.html"
    form_class = CodeForm
    page_title = _("Two-factor sign-in")
    header_icon = "lock"

    def device(self) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=self.request.user, name="Authenticator app", confirmed=False
            )
        return device

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = self.device()
        url = device.config_url  # otpauth://totp/… with the issuer from OTP_TOTP_ISSUER
        context.update(
            enabled=confirmed_device(self.request.user) is not None,
            qr_svg=segno.make(url, error="m").svg_inline(scale=4, title=str(_("QR code"))),
            secret=parse_qs(urlparse(url).query)["secret"][0],
        )
        return context

    def form_valid(self, form):
        TOTPDevice.objects.filter(user=self.request.user, confirmed=True).delete()
        device = form.device
        device.confirmed = True
        device.save()
        otp_login(self.request, device)
        messages.success(self.request, _("Two-factor sign-in is on. You'll need a code each time."))
        return redirect("wagtailadmin_home")


class VerifyView(WagtailAdminTemplateMixin, FormView):
    """Asks for the authenticator code after the password, once per sign-in."""

    template_name = "twofactor/verify.html"
    form_class = CodeForm
    page_title = _("Enter your code")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        self.otp_device = confirmed_device(request.user)
        if self.otp_device is None or request.user.is_verified():
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.otp_device}

    def next_url(self) -> str:
        target = self.request.GET.get("next") or self.request.POST.get("next") or ""
        if url_has_allowed_host_and_scheme(target, {self.request.get_host()}):
            return target
        return reverse("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": self.next_url()}

    def form_valid(self, form):
        otp_login(self.request, self.otp_device)
        return redirect(self.next_url())
