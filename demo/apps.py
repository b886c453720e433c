from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site: sample guides, concerns, FAQs and glossary, and ``load_initial_data`` that
    builds them. For development and tests only: production settings leave it out."""

    name = "demo"
    verbose_name = "Demo content"
