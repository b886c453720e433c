"""Admin: the "Import an article" view, its menu item, and a button on the treatments index."""

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from articles.models import TreatmentIndexPage

from .forms import importable_parents
from .importing import can_import_into
from .views import ImportArticleView, ImportResultView


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import-article/", ImportArticleView.as_view(), name="importer_import"),
        path("import-article/<int:page_id>/", ImportResultView.as_view(), name="importer_result"),
    ]


class ImportArticleMenuItem(MenuItem):
    """Shown to staff who can add guides under a treatments index."""

    def is_shown(self, request):
        return bool(importable_parents(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportArticleMenuItem(
        _("Import an article"),
        reverse("importer_import"),
        name="import-article",
        icon_name="upload",
        order=110,  # just below Pages
    )


@hooks.register("register_page_header_buttons")
def import_button_on_treatments_index(page, user, view_name, next_url=None):
    """'Import an article' in the actions of the Treatments page, in the page explorer."""
    if page.specific_class is TreatmentIndexPage and can_import_into(user, page):
        url = f"{reverse('importer_import')}?{urlencode({'parent': page.pk})}"
        yield Button(_("Import an article"), url=url, icon_name="upload", priority=16)
