from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Treatment guides, the guide index, shared FAQs and skin concerns."""

    name = "articles"

    def ready(self):
        from . import purges  # noqa: F401 - connects the page cache purges
