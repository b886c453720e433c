"""WSGI entry point for gunicorn (``portal.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Build the API's schemas now, in each server process, rather than on its first API request
# (see headless/warmup.py; manage.py commands never import this module).
from headless.warmup import warm_up  # noqa: E402 - needs the application (Django set up)

warm_up()
