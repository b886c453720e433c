"""Admin registration: where editors find concerns and shared FAQs."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from glossary.models import GlossaryTerm

from .snippets import FrequentlyAskedQuestion, SkinConcern


class SkinConcernViewSet(SnippetViewSet):
    model = SkinConcern
    icon = "tag"
    menu_label = _("Skin concerns")
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]


class FrequentlyAskedQuestionViewSet(SnippetViewSet):
    model = FrequentlyAskedQuestion
    icon = "help"
    menu_label = _("Shared FAQs")
    list_display = ["question"]
    search_fields = ["question"]


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = _("Glossary")
    list_display = ["term", "explanation"]
    search_fields = ["term"]


class GuideLibraryGroup(SnippetViewSetGroup):
    menu_label = _("Guide library")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (SkinConcernViewSet, FrequentlyAskedQuestionViewSet, GlossaryTermViewSet)


register_snippet(GuideLibraryGroup)
