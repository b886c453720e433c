"""A CDN that stops answering never stops a guide from being published."""

import logging
import socket
import threading

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

HANG_LIMIT_SECONDS = 10  # not a speed target: Wagtail's own backend would wait for ever


def test_a_silent_cdn_is_given_up_on_and_logged(settings, caplog):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.WAGTAILFRONTENDCACHE = {
            "default": {
                "BACKEND": "pagecache.cdn.HTTPPurgeBackend",
                "LOCATION": f"http://127.0.0.1:{silent.getsockname()[1]}",
                "TIMEOUT": 0.2,
            }
        }
        caplog.set_level(logging.ERROR, logger="wagtail.frontendcache")
        purge = threading.Thread(
            target=purge_urls_from_cache, args=(["http://localhost/treatments/x/"],), daemon=True
        )
        purge.start()
        purge.join(HANG_LIMIT_SECONDS)
        assert not purge.is_alive(), "the purge is still waiting for the CDN"
    assert "Couldn't purge 'http://localhost/treatments/x/'" in caplog.text


def test_the_environment_sets_up_the_cdn_purge_with_a_time_limit(monkeypatch):
    import importlib

    from portal.settings import base

    monkeypatch.setenv("FRONTEND_CACHE_URL", "http://varnish:6081")
    monkeypatch.setenv("FRONTEND_CACHE_TIMEOUT", "1.5")
    configured = importlib.reload(base).WAGTAILFRONTENDCACHE["default"]
    monkeypatch.delenv("FRONTEND_CACHE_URL")
    importlib.reload(base)
    assert configured == {
        "BACKEND": "pagecache.cdn.HTTPPurgeBackend",
        "LOCATION": "http://varnish:6081",
        "TIMEOUT": 1.5,
    }
