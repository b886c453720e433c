"""Test run: fast password hashing, plain static storage, in-memory email, a Redis database of
each test process's own."""

import os
import re

from .base import *

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The demo site: tests build it with `load_initial_data` (production settings leave it out).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the app folders, as in development (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests log in with client.login(), which has no request for django-axes to look at; the
# brute-force tests switch it back on.
AXES_ENABLED = False

# The mutation check (tests/mutants.py) runs pytest several times on one migrated SQLite test
# database kept in a file (with --reuse-db) instead of migrating a fresh one in memory each time.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}


# Each test process (pytest-xdist worker gw0, gw1...) gets a Redis database of its own, counted
# from the one in REDIS_URL (CI: /15, then /0, /1...): tests empty the cache with cache.clear(),
# which empties the whole database, so processes sharing one would empty each other's cache
# mid-test. Without REDIS_URL the cache is in memory and only the tests of the real Redis
# (tests/test_page_cache.py) use TEST_REDIS_URL, from database 9 on.
_WORKER = int(re.sub(r"\D", "", os.environ.get("PYTEST_XDIST_WORKER", "")) or 0)
_REDIS_DATABASES = 16  # Redis's default number of databases


def worker_redis_url(url: str, worker: int) -> str:
    """The Redis database of test process number ``worker``, counted from ``url``'s."""
    base, _, number = url.rstrip("/").rpartition("/")
    if not number.isdigit():  # no database in the URL: Redis's first
        base, number = url.rstrip("/"), "0"
    return f"{base}/{(int(number) + worker) % _REDIS_DATABASES}"


TEST_REDIS_URL = worker_redis_url(REDIS_URL or "redis://127.0.0.1:6379/9", _WORKER)
if REDIS_URL:
    CACHES["default"]["LOCATION"] = TEST_REDIS_URL
