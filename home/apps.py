from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page and the site-wide urgent help notice."""

    name = "home"

    def ready(self):
        from . import purges  # noqa: F401 - connects the page cache purges
