"""Handout packs in the admin: Snippets → Handout packs (and a menu item of their own)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HandoutPack


class LinksColumn(Column):
    """The pack's short link and its PDFs, to open, print or send from the list."""

    def get_value(self, instance):
        page = reverse("handout_pack", args=[instance.slug])
        pdf = reverse("handout_pack_pdf", args=[instance.slug])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> · '
            '<a href="{}" target="_blank" rel="noopener">PDF (Letter)</a> · '
            '<a href="{}?paper=a4" target="_blank" rel="noopener">PDF (A4)</a>',
            page,
            page,
            pdf,
            pdf,
        )

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = self.get_value(instance)
        return context


class HandoutPackViewSet(SnippetViewSet):
    model = HandoutPack
    icon = "doc-full"
    menu_label = _("Handout packs")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", LinksColumn("links", label=_("Short link and PDF"))]
    search_fields = ["title"]


register_snippet(HandoutPackViewSet)
