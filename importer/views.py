"""Admin views: the import form, and the results page with the report and a link to the draft."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from articles.models import TreatmentPage

from .document import ArticleError
from .forms import ImportArticleForm, importable_parents
from .importing import import_article
from .parsing import MAX_FILE_SIZE_LABEL
from .report import ImportReport

SESSION_KEY = "importer_reports"
# Reports kept in the session, newest last: enough to come back to the last few imports.
KEPT_REPORTS = 10


def remember_report(request, page_id: int, report: ImportReport) -> None:
    kept = request.session.get(SESSION_KEY, {})
    reports = {key: value for key, value in kept.items() if key != str(page_id)}
    reports[str(page_id)] = report.to_dict()
    request.session[SESSION_KEY] = dict(list(reports.items())[-KEPT_REPORTS:])


def recall_report(request, page_id: int) -> ImportReport | None:
    data = request.session.get(SESSION_KEY, {}).get(str(page_id))
    try:
        return ImportReport.from_dict(data) if data else None
    except (TypeError, KeyError, ValueError):  # kept by an older version of the importer
        return None


class ImportArticleView(WagtailAdminTemplateMixin, FormView):
    """Paste an article or upload a file; a draft guide is created and the report shown."""

    template_name = "importer/import_form.html"
    form_class = ImportArticleForm
    page_title = _("Import an article")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not importable_parents(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_initial(self):
        initial = super().get_initial()
        parent = self.request.GET.get("parent", "")
        if parent.isdigit():
            initial["parent"] = int(parent)
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(max_file_size=MAX_FILE_SIZE_LABEL, **kwargs)

    def form_valid(self, form):
        try:
            result = import_article(
                form.cleaned_data["article"],
                parent=form.cleaned_data["parent"],
                user=self.request.user,
                title=form.cleaned_data["title"],
                source_name=form.cleaned_data["source_name"],
            )
        except ArticleError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        page = result.page
        remember_report(self.request, page.pk, result.report)
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        messages.success(
            self.request,
            _("Draft guide '%(title)s' created. It is not published.") % {"title": page.title},
            buttons=[messages.button(edit_url, _("Edit"))],
        )
        return redirect("importer_result", page_id=page.pk)


class ImportResultView(WagtailAdminTemplateMixin, TemplateView):
    """What the import did: where each heading went, reading grades and lines to check."""

    template_name = "importer/import_result.html"
    page_title = _("Article imported")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(TreatmentPage, pk=kwargs["page_id"])
        if not self.page.permissions_for_user(request.user).can_edit():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("importer_import"), "label": _("Import an article")},
            {"url": "", "label": self.page.get_admin_display_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            report=recall_report(self.request, self.page.pk),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            import_url=reverse("importer_import"),
            **kwargs,
        )
