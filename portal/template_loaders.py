"""Template loaders that mark the inline scripts written in template files as the server's own.

Only a template *file* (ours, Wagtail's, django-ninja's) is marked, as it is read: text that
reaches a page through a variable is never marked, so it never gets the admin's CSP nonce.
See ``portal.security``.
"""

from django.template.loaders import app_directories, filesystem

from .security import mark_trusted_scripts


class MarkTrustedScriptsMixin:
    def get_contents(self, origin):
        return mark_trusted_scripts(super().get_contents(origin))


class FilesystemLoader(MarkTrustedScriptsMixin, filesystem.Loader):
    """``DIRS`` templates, scripts marked."""


class AppDirectoriesLoader(MarkTrustedScriptsMixin, app_directories.Loader):
    """Apps' ``templates/`` folders, scripts marked."""
