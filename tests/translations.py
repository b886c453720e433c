"""Guides in another language, made with Wagtail's own translation copies (no wagtail-localize):
the site's content languages grow to include Spanish, and a guide is copied into the Spanish tree,
which gets the same roles and review workflow as the English one."""

from django.test import override_settings

from wagtail.models import Locale, Page

from governance.roles import setup_roles

SPANISH = [("en", "English"), ("es", "Spanish")]


def spanish_languages() -> override_settings:
    """The site's languages as ``speak_spanish`` sets them, for data built once per module (where
    pytest-django's ``settings`` fixture cannot be used): ``with spanish_languages(): ...``."""
    return override_settings(LANGUAGES=SPANISH, WAGTAIL_CONTENT_LANGUAGES=SPANISH)


def speak_spanish(settings) -> Locale:
    """Let the site hold Spanish pages (pytest-django's ``settings`` fixture undoes it)."""
    settings.LANGUAGES = SPANISH
    settings.WAGTAIL_CONTENT_LANGUAGES = SPANISH
    return Locale.objects.get_or_create(language_code="es")[0]


def in_spanish(guide, settings, **fields):
    """A draft Spanish copy of ``guide`` (its parents copied too), under the same roles and
    workflow as the English guides; ``fields`` change it, saved as a new version."""
    locale = speak_spanish(settings)
    copy = guide.copy_for_translation(locale, copy_parents=True).specific
    index = copy.get_parent().specific
    setup_roles(index.get_parent().specific, index)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    copy.save_revision()
    return Page.objects.get(pk=copy.pk).specific


def publish(page):
    """Publish ``page``'s latest version (as a reviewer's approval would)."""
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def published_in_spanish(guide, settings, **fields):
    """A live Spanish copy of ``guide``, with its Spanish home page and index published too (as
    translating the home page and the index first would make them)."""
    copy = in_spanish(guide, settings, **fields)
    for ancestor in copy.get_ancestors()[1:]:
        if not ancestor.live:
            publish(ancestor.specific)
    return publish(copy)


def spanish_concern(concern, settings, name: str, slug: str):
    """The Spanish translation of a skin concern (or any translatable snippet with name/slug)."""
    copy = concern.copy_for_translation(speak_spanish(settings))
    copy.name, copy.slug = name, slug
    copy.save()
    return copy


def spanish_term(glossary_term, settings, **fields):
    """The Spanish translation of a glossary term."""
    copy = glossary_term.copy_for_translation(speak_spanish(settings))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy
