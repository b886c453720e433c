"""The public address of a guide, for reports and emails that leave the admin.

Wagtail builds a page's full URL from its Site record (host name and port). A site set up on a
laptop still says ``localhost`` (or ``127.0.0.1:8000``) there until someone changes it under
Settings → Sites, and a link to that is no use in a spreadsheet or an email. So a local Site
record gives way to ``WAGTAILADMIN_BASE_URL``, the address the clinic's staff really use.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page

LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "testserver"}  # noqa: S104


def is_local(host: str | None) -> bool:
    host = (host or "").lower()
    return host in LOCAL_HOSTS or host.endswith((".localhost", ".local"))


def admin_base_url() -> str:
    """``WAGTAILADMIN_BASE_URL`` as scheme and host, without a trailing slash (or "")."""
    parts = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def public_root_url(root_url: str) -> str:
    """Where patients reach a site whose Site record gives ``root_url``: that, unless it is a
    local address and ``WAGTAILADMIN_BASE_URL`` is a real one."""
    if root_url and not is_local(urlsplit(root_url).hostname):
        return root_url
    base = admin_base_url()
    if base and not is_local(urlsplit(base).hostname):
        return base
    return root_url or base


def public_url(page: Page) -> str:
    """The full public address of ``page`` ("" if it has none, such as the root)."""
    parts = page.get_url_parts()  # uses Wagtail's cached site root paths: no query per page
    if parts is None:
        return ""
    _site_id, root_url, page_path = parts
    return public_root_url(root_url) + page_path
