"""The patient's or staff member's own network address, behind the clinic's proxies.

Used for the login lockout (django-axes), the feedback limit and logs, so that all of them agree.
Each trusted proxy in front of the app appends the address it received the request from to
``X-Forwarded-For``; anything to the left of those entries was written by the client and can be
forged. So with ``TRUSTED_PROXY_COUNT = N`` the client is the N-th address from the right, and
with no proxy (the default) only the connection's own address counts.

django-ipware's ``proxy_count`` counts proxies that list *themselves* in the header, which common
proxies (nginx, Caddy, load balancers) don't do; one proxy would then give no address at all, so
this small rule is used instead.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address the request came from, as the nearest trusted proxy saw it."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for header in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if (entry := header.strip())
    ]
    if len(forwarded) < proxies:
        return remote  # did not come through every proxy: trust only the connection
    return _valid(forwarded[-proxies]) or remote


class ClientAddressFilter:
    """A logging filter: records about a request say which client sent it (``%(client)s``),
    worked out the same way as for the lockout, so logs behind a proxy name the visitor."""

    def filter(self, record) -> bool:
        request = getattr(record, "request", None)
        record.client = client_address(request) if hasattr(request, "META") else "-"
        return True
