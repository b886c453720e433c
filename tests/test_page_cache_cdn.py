"""A CDN in front: Debian's Varnish (apt package `varnish`), purged at the same addresses as the
page cache. Its own module: the test needs real transactions (a live server behind Varnish), and
transactional tests run after the others (tests/conftest.py)."""

import socket
import subprocess
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.factories import AFTERCARE, TreatmentPageFactory, rename, stream

VARNISH_VCL = """vcl 4.1;
backend app {{ .host = "127.0.0.1"; .port = "{port}"; }}
acl purgers {{ "127.0.0.1"; }}
sub vcl_recv {{
    if (req.method == "PURGE") {{
        if (client.ip !~ purgers) {{ return (synth(405)); }}
        return (purge);
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen) -> None:
    for _attempt in range(300):
        assert process.poll() is None, process.stderr.read().decode()
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"varnishd is not listening on port {port}")


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    """Varnish on a free port in front of the live server; FRONTEND_CACHE_URL points at it."""
    vcl = tmp_path / "portal.vcl"
    vcl.write_text(VARNISH_VCL.format(port=urlsplit(live_server.url).port))
    port = free_port()
    process = subprocess.Popen(
        [
            *("/usr/sbin/varnishd", "-F", "-j", "none", "-n", str(tmp_path / "varnish")),
            *("-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,32m"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_listening(port, process)
        url = f"http://127.0.0.1:{port}"
        settings.WAGTAILFRONTENDCACHE = {
            "default": {
                "BACKEND": "pagecache.cdn.HTTPPurgeBackend",
                "LOCATION": url,
            }
        }
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)


def through(varnish: str, path: str) -> tuple[bool, str]:
    """(served from Varnish's cache, page) for an anonymous visit through Varnish."""
    # The Site's host name, as the purge sends it: Varnish keys on host and path.
    request = urllib.request.Request(varnish + path, headers={"Host": "localhost"})  # noqa: S310
    with urllib.request.urlopen(request) as response:  # noqa: S310 - a local http:// address
        return len(response.headers["X-Varnish"].split()) == 2, response.read().decode()


# serialized_rollback: tests before it (the browser tests) may have emptied the tables, and this
# one needs what migrations create (the root page, the default site).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_purges_the_same_addresses_at_the_cdn(varnish, site_tree):
    _home, index = site_tree
    guide = TreatmentPageFactory(parent=index, title="Needling", body=stream(AFTERCARE))
    addresses = [guide.url, guide.url + "aftercare/", index.url]
    for path in addresses:
        assert through(varnish, path)[0] is False
        assert through(varnish, path)[0] is True, path

    rename(guide, "Microneedling")

    for path in addresses:
        cached, html = through(varnish, path)
        assert not cached and "Microneedling" in html, path
        assert through(varnish, path)[0] is True, path
