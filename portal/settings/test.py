"""Test run: fast password hashing, plain static storage, in-memory email."""

import os

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
