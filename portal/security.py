"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

Patient pages run no inline script at all, so their policy allows scripts from this site only.
Wagtail's admin (and the API docs) still print a few inline ``<script>`` blocks of their own, so
there each response gets a fresh nonce, added to the script tags the server itself rendered.
That keeps ``'unsafe-inline'`` out of ``script-src`` everywhere: injected event handlers
(``onerror=``), ``javascript:`` links and scripts from other sites are blocked on every page.
The admin's inline ``style`` attributes need ``style-src 'unsafe-inline'`` there (styles only).
"""

import re
import secrets

from django.conf import settings

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

PATIENT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],  # Wagtail's preview shows pages in a same-site frame
}

STAFF_POLICY = {
    **PATIENT_POLICY,
    "script-src": ["'self'", "'nonce-{nonce}'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    # The dashboard checks for Wagtail security releases.
    "connect-src": ["'self'", "https://releases.wagtail.org"],
}

# Paths whose pages carry server-rendered inline scripts (the admin, the API docs).
NONCE_PREFIXES = ("/admin/", "/api/")
SCRIPT_TAG = re.compile(rb"<script(?=[\s>])(?![^>]*\snonce=)")


def header(policy: dict, nonce: str = "") -> str:
    extra = getattr(settings, "CSP_EXTRA_SOURCES", {})
    parts = []
    for directive, sources in policy.items():
        values = [source.format(nonce=nonce) for source in [*sources, *extra.get(directive, [])]]
        parts.append(" ".join([directive, *values]))
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if response.has_header("Content-Security-Policy"):
            return response
        html = response.get("Content-Type", "").startswith("text/html")
        if request.path.startswith(NONCE_PREFIXES) and html and not response.streaming:
            nonce = secrets.token_urlsafe(18)
            response.content = SCRIPT_TAG.sub(
                b'<script nonce="' + nonce.encode() + b'"', response.content
            )
            if response.has_header("Content-Length"):  # the page just grew
                response["Content-Length"] = str(len(response.content))
            response["Content-Security-Policy"] = header(STAFF_POLICY, nonce)
        else:
            response["Content-Security-Policy"] = header(PATIENT_POLICY)
        return response
