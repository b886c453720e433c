"""Admin registration: where editors find concerns and shared FAQs, and a calmer guide editor."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from glossary.views import GlossaryTermViewSet

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


class GuideLibraryGroup(SnippetViewSetGroup):
    """One menu for what guides are built from: concerns, shared FAQs and the glossary (whose
    admin the glossary app defines)."""

    menu_label = _("Guide library")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (SkinConcernViewSet, FrequentlyAskedQuestionViewSet, GlossaryTermViewSet)


register_snippet(GuideLibraryGroup)


@hooks.register("insert_global_admin_css")
def editor_css():
    """Room above and below a field the editor jumps to. A stylesheet, as the admin's CSP allows
    no inline styles; its rules apply inside the page editor's form only. (Wagtail 8 has no
    editor-only CSS hook.)"""
    return format_html('<link rel="stylesheet" href="{}">', static("articles/editor.css"))


def say_what_was_left_out(request, page) -> None:
    """After a submit or publish, name the empty sections the guide went without, once."""
    labels = getattr(page, "left_out_parts", None)
    if not labels or not request.accepts("text/html"):
        return
    messages.info(
        request,
        ngettext(
            "Left out %(count)d empty section: %(labels)s. Add it back with a + button if "
            "this guide needs it.",
            "Left out %(count)d empty sections: %(labels)s. Add one back with a + button if "
            "this guide needs it.",
            len(labels),
        )
        % {"count": len(labels), "labels": ", ".join(labels)},
    )


@hooks.register("after_create_page")
def after_create_page(request, page):
    say_what_was_left_out(request, page)


@hooks.register("after_edit_page")
def after_edit_page(request, page):
    say_what_was_left_out(request, page)
