"""Staff with two-factor sign-in on must enter a code before using the admin (and, when
``STAFF_2FA_REQUIRED`` is on, every staff member must turn it on first)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from django_otp import user_has_device

# The 2fa views check for themselves: only the code check is open to an unverified session.
ALWAYS_ALLOWED = ("/admin/login/", "/admin/logout/", "/admin/2fa/", "/admin/jsi18n/")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and not request.path.startswith(ALWAYS_ALLOWED)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
        ):
            if user_has_device(user):  # an authenticator app or recovery codes
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('twofactor_verify')}?{query}")
            if settings.STAFF_2FA_REQUIRED:
                return redirect("twofactor_setup")
        return self.get_response(request)
