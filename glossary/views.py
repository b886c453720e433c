"""The glossary's admin: where editors add and edit the words explained to patients."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    """Listed in the admin's "Guide library" menu with the concerns and shared FAQs
    (``articles/wagtail_hooks.py``)."""

    model = GlossaryTerm
    icon = "doc-full"
    menu_label = _("Glossary")
    list_display = ["term", "explanation"]
    search_fields = ["term"]
