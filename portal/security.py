"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

Patient pages run no inline script at all, so their policy allows scripts from this site only.
Wagtail's admin (and the API docs) still print a few inline ``<script>`` blocks of their own
(date pickers, choosers, inline panels), so there each response gets a fresh nonce. Only the
server's own scripts get it: template files are marked as they are loaded
(``portal.template_loaders``), and Wagtail's chooser widget marks the one script it writes in
Python (``portal.apps``). The mark is a secret of this process, so a ``<script>`` that reached
the page through data (an injection) is never marked and never runs. Scripts with ``src`` need no
nonce: ``'self'`` covers this site's own files. That keeps ``'unsafe-inline'`` out of
``script-src`` everywhere: injected event handlers (``onerror=``), ``javascript:`` links and
scripts from other sites are blocked on every page.
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

# Marks the server's own inline scripts until the response gets its nonce; never sent out.
TRUSTED_MARK = secrets.token_urlsafe(24)
MARK_ATTRIBUTE = f' nonce="{TRUSTED_MARK}"'
# An inline script that runs: no src, no nonce yet, not a data block (JSON, JSON-LD, templates).
RUNNABLE_INLINE_SCRIPT = re.compile(
    r"<script(?=[\s>])"
    r"(?![^>]*\s(?:src|nonce)\s*=)"
    r"(?![^>]*\stype\s*=\s*[\"']?(?:application/(?:ld\+)?json|text/template))"
)


def mark_trusted_scripts(html: str) -> str:
    """Mark the runnable inline scripts in trusted source (a template file, Wagtail's own code)."""
    return RUNNABLE_INLINE_SCRIPT.sub("<script" + MARK_ATTRIBUTE, html)


def header(policy: dict, nonce: str = "") -> str:
    extra = settings.CSP_EXTRA_SOURCES
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
        staff_page = request.path.startswith(NONCE_PREFIXES)
        if html and not response.streaming:
            nonce = secrets.token_urlsafe(18) if staff_page else ""
            replacement = f' nonce="{nonce}"' if nonce else ""
            response.content = response.content.replace(
                MARK_ATTRIBUTE.encode(), replacement.encode()
            )
            if response.has_header("Content-Length"):  # the page changed length
                response["Content-Length"] = str(len(response.content))
            if staff_page:
                response["Content-Security-Policy"] = header(STAFF_POLICY, nonce)
                return response
        response["Content-Security-Policy"] = header(PATIENT_POLICY)
        return response
