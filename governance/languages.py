"""The languages clinicians review in, and the language of a page.

A clinician approves a guide only in a language they read. Languages are the site's content
languages (``WAGTAIL_CONTENT_LANGUAGES``), stored by code ("en", "es"). A page's language is its
locale's language code; "es-mx" counts as "es".
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

#: What every clinician reviews in unless their profile says otherwise.
DEFAULT_REVIEW_LANGUAGE = "en"


def content_languages() -> list[tuple[str, str]]:
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


def base_language(code: str) -> str:
    """'es-mx' -> 'es': the language, without the country."""
    return (code or "").split("-")[0].lower()


def language_name(code: str) -> str:
    """'Spanish' for 'es': the name the site's settings give the language, else the code."""
    names = {base_language(key): name for key, name in content_languages()}
    return str(names.get(base_language(code), code))


def page_language(page) -> str:
    """The language a page is written in ('en', 'es'), from its locale."""
    return base_language(page.locale.language_code)


def locale_language_code(locale_id: int) -> str:
    """A locale's language code, from the locales kept until the next site-wide purge (saving
    or deleting a locale purges everything: pagecache/signals.py), so a page's language costs no
    query."""
    from wagtail.models import Locale

    from pagecache.sitewide import remember

    codes = remember("locales", lambda: dict(Locale.objects.values_list("pk", "language_code")))
    if locale_id not in codes:  # a locale added since: ask
        return Locale.objects.get(pk=locale_id).language_code
    return codes[locale_id]


def in_default_language(page) -> bool:
    """True for a page in the site's default language (the one translations are made from)."""
    return base_language(locale_language_code(page.locale_id)) == base_language(
        settings.LANGUAGE_CODE
    )


def default_review_languages() -> list[str]:
    return [DEFAULT_REVIEW_LANGUAGE]


class LanguagesField(models.CharField):
    """A list of language codes, stored as 'en,es' and edited as one checkbox per content
    language."""

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [base_language(code) for code in value if code]
        return [base_language(code) for code in (value or "").split(",") if code.strip()]

    def get_prep_value(self, value):
        return ",".join(self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=content_languages,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            error_messages={"required": _("Choose at least one language.")},
        )
