"""Production settings are safe by default: they refuse to start half-configured."""

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


def test_production_trusts_the_tls_proxy_and_serves_static_files_itself():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, s.DEBUG,"
        " 'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE,"
        " s.STORAGES['staticfiles']['BACKEND'])"
    )
    assert production_shell(code).split() == [
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "False",
        "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def test_database_comes_from_database_url():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    output = production_shell(code, DATABASE_URL="postgres://user@db.internal:5432/guides")
    assert output.strip() == "django.db.backends.postgresql"


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
