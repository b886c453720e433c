"""Setting up and using two-factor sign-in in the admin.

Once a staff member has a confirmed device (the authenticator app, or recovery codes), every
page here except the code check itself needs a session verified with one of them: a password
alone must never be enough to set up another phone, or to make new recovery codes.
"""

from urllib.parse import parse_qs, urlencode, urlparse

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

import segno
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import CodeForm, VerifyForm

RECOVERY_CODE_COUNT = 10
FEW_RECOVERY_CODES = 3
PENDING_DEVICE_KEY = "twofactor_pending_device"  # the phone being set up in this session
NEW_CODES_KEY = "twofactor_new_recovery_codes"  # shown once, then removed from the session


def verify_url(next_url: str) -> str:
    return f"{reverse('twofactor_verify')}?{urlencode({'next': next_url})}"


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def make_recovery_codes(user) -> list[str]:
    """A new set of single-use recovery codes for ``user``; the old ones stop working."""
    with transaction.atomic():
        StaticToken.objects.filter(device__user=user).delete()
        device = StaticDevice.objects.filter(user=user).order_by("pk").first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name="Recovery codes")
        tokens = {StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT * 2)}
        tokens = sorted(tokens)[:RECOVERY_CODE_COUNT]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in tokens)
    return [f"{t[:4]}-{t[4:]}" for t in tokens]


class VerifiedIfEnabledMixin:
    """With a confirmed device, the session must be verified with it before going on."""

    def dispatch(self, request, *args, **kwargs):
        if user_has_device(request.user) and not request.user.is_verified():
            return redirect(verify_url(request.get_full_path()))
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class SetupView(VerifiedIfEnabledMixin, WagtailAdminTemplateMixin, FormView):
    """Shows a QR code for an authenticator app, then turns two-factor sign-in on (or moves it
    to a new phone: the old one keeps working until the new one has given a right code)."""

    template_name = "twofactor/setup.html"
    form_class = CodeForm
    page_title = _("Two-factor sign-in")
    header_icon = "lock"

    def pending_device(self) -> TOTPDevice:
        """The unconfirmed device this session is setting up; each session gets its own secret."""
        if hasattr(self, "_pending"):
            return self._pending
        user, session = self.request.user, self.request.session
        device = None
        if pk := session.get(PENDING_DEVICE_KEY):
            device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=pk).first()
        if device is None:
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
            session[PENDING_DEVICE_KEY] = device.pk
        self._pending = device
        return device

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.pending_device()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = self.pending_device().config_url  # otpauth://totp/… with OTP_TOTP_ISSUER
        user = self.request.user
        context.update(
            enabled=TOTPDevice.objects.devices_for_user(user, confirmed=True).exists(),
            codes_left=recovery_codes_left(user),
            qr_svg=segno.make(url, error="m").svg_inline(scale=4, title=str(_("QR code"))),
            secret=parse_qs(urlparse(url).query)["secret"][0],
        )
        return context

    def form_valid(self, form):
        request, user = self.request, self.request.user
        if user_has_device(user) and not user.is_verified():  # checked in dispatch; stay sure
            return redirect(verify_url(reverse("twofactor_setup")))
        with transaction.atomic():
            device = form.device
            others = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk)
            replaced = others.filter(confirmed=True).exists()
            others.delete()  # the old phone, now that the new one has given a right code
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            new_codes = None if recovery_codes_left(user) else make_recovery_codes(user)
        request.session.pop(PENDING_DEVICE_KEY, None)
        otp_login(request, device)
        if new_codes:
            request.session[NEW_CODES_KEY] = new_codes
            messages.success(
                request, _("Two-factor sign-in is on. You'll need a code each time you sign in.")
            )
            return redirect("twofactor_recovery_codes")
        if replaced:
            done = _("Two-factor sign-in now uses your new phone; the old one no longer works.")
        else:
            done = _("Two-factor sign-in is on. Your recovery codes still work.")
        messages.success(request, done)
        return redirect("wagtailadmin_home")


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(VerifiedIfEnabledMixin, WagtailAdminTemplateMixin, TemplateView):
    """Shows new recovery codes once; POST makes a new set (the old ones stop working)."""

    template_name = "twofactor/recovery_codes.html"
    page_title = _("Recovery codes")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_has_device(request.user):
            return redirect("twofactor_setup")  # turn two-factor sign-in on first
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "new_codes": self.request.session.pop(NEW_CODES_KEY, None),
            "codes_left": recovery_codes_left(self.request.user),
        }

    def post(self, request, *args, **kwargs):
        request.session[NEW_CODES_KEY] = make_recovery_codes(request.user)
        messages.success(request, _("New recovery codes made. The old ones no longer work."))
        return redirect("twofactor_recovery_codes")


@method_decorator(never_cache, name="dispatch")
class VerifyView(WagtailAdminTemplateMixin, FormView):
    """Asks for the authenticator code (or a recovery code) after the password, once per
    sign-in."""

    template_name = "twofactor/verify.html"
    form_class = VerifyForm
    page_title = _("Enter your code")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not user_has_device(request.user) or request.user.is_verified():
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def next_url(self) -> str:
        target = self.request.GET.get("next") or self.request.POST.get("next") or ""
        if url_has_allowed_host_and_scheme(
            target, {self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": self.next_url()}

    def form_valid(self, form):
        otp_login(self.request, form.device)
        if form.used_recovery_code:
            self.recovery_code_message(recovery_codes_left(self.request.user))
        return redirect(self.next_url())

    def recovery_code_message(self, left: int) -> None:
        count = ngettext(
            "You have %(count)d recovery code left.",
            "You have %(count)d recovery codes left.",
            left,
        ) % {"count": left}
        if left > FEW_RECOVERY_CODES:
            messages.success(self.request, _("Signed in with a recovery code.") + " " + count)
            return
        if left == 0:
            warning = _("That was your last recovery code. Make a new set now.")
        else:
            warning = ngettext(
                "Only %(count)d recovery code left. Make a new set soon.",
                "Only %(count)d recovery codes left. Make a new set soon.",
                left,
            ) % {"count": left}
        messages.warning(
            self.request,
            warning,
            buttons=[messages.button(reverse("twofactor_recovery_codes"), _("Recovery codes"))],
        )
