"""Editor panels for treatment guides."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

from .reading_report import reading_report


class ReadingLevelPanel(Panel):
    """Shows the guide's reading grade against the target, per section, with sentences and words
    to simplify. Works on the last saved version; it advises and never blocks publishing."""

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.setdefault("heading", _("Reading level"))
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/panels/reading_level.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["saved"] = bool(page.pk)
            context["report"] = reading_report(page) if page.pk and page.body else None
            return context
