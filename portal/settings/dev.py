"""Local development: DEBUG on, a throwaway key, SQLite unless DATABASE_URL is set."""

from .base import *

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# The demo site and its `load_initial_data` command (make run, make demo): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
