"""Production settings are safe by default: they refuse to start half-configured."""

import json

import pytest

from tests.production import STRONG_KEY, manage, production_shell


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "guides.example.org"}, "Set the SECRET_KEY"),
        ({"SECRET_KEY": STRONG_KEY}, "Set ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_passes_the_deploy_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="guides.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """What the production settings work out, read in one start of the app (with the
    DATABASE_URL a server would have)."""
    code = (
        "import json; from django.conf import settings as s;"
        "print(json.dumps({'proxy': s.SECURE_PROXY_SSL_HEADER,"
        " 'secure_cookie': s.SESSION_COOKIE_SECURE, 'debug': s.DEBUG,"
        " 'whitenoise': 'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE,"
        " 'static_storage': s.STORAGES['staticfiles']['BACKEND'],"
        " 'database_engine': s.DATABASES['default']['ENGINE']}))"
    )
    output = production_shell(code, DATABASE_URL="postgres://user@db.internal:5432/guides")
    return json.loads(output.strip().splitlines()[-1])


def test_production_trusts_the_tls_proxy_and_serves_static_files_itself(production_settings):
    assert production_settings["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production_settings["secure_cookie"] is True
    assert production_settings["debug"] is False
    assert production_settings["whitenoise"] is True
    assert (
        production_settings["static_storage"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_database_comes_from_database_url(production_settings):
    assert production_settings["database_engine"] == "django.db.backends.postgresql"


def test_each_test_process_empties_only_its_own_redis_database():
    """Tests clear the cache, which empties a whole Redis database: test processes running side
    by side (pytest-xdist) must each have their own, or one would empty another's mid-test."""
    from portal.settings.test import worker_redis_url

    urls = [worker_redis_url("redis://127.0.0.1:6379/15", worker) for worker in range(4)]
    assert urls == [
        "redis://127.0.0.1:6379/15",
        "redis://127.0.0.1:6379/0",
        "redis://127.0.0.1:6379/1",
        "redis://127.0.0.1:6379/2",
    ]
    assert worker_redis_url("redis://cache:6379", 2) == "redis://cache:6379/2"
