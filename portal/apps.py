from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Project-wide safety nets, applied after every other app (it is last in INSTALLED_APPS):
    CSV exports that never hold formulas, media that only reviewers may delete, the CSP nonce
    only on Wagtail's own chooser scripts, and no late autosave on top of a button's save."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.db.models.signals import pre_save

        from wagtail.models import Revision

        from .autosave import refuse_a_late_autosave
        from .media_deletion import protect_media_deletion
        from .spreadsheets import protect_admin_csv_exports

        pre_save.connect(refuse_a_late_autosave, sender=Revision, dispatch_uid="late_autosave")

        protect_admin_csv_exports()
        protect_media_deletion()
        mark_chooser_scripts()


def mark_chooser_scripts() -> None:
    """Wagtail's chooser widgets write ``<widget html><script>init</script>`` in Python (not in a
    template file): mark that one trailing script as the server's own (see portal.security)."""
    from django.utils.safestring import mark_safe

    from wagtail.admin.widgets.chooser import BaseChooser

    from .security import MARK_ATTRIBUTE

    original = BaseChooser.render
    if getattr(original, "marks_scripts", False):
        return

    def render(self, name, value, attrs=None, renderer=None):
        html = original(self, name, value, attrs=attrs, renderer=renderer)
        head, tag, script = html.rpartition("<script>")
        if not tag or not script.endswith("</script>"):
            return html
        return mark_safe(f"{head}<script{MARK_ATTRIBUTE}>{script}")  # noqa: S308 - Wagtail's own

    render.marks_scripts = True
    BaseChooser.render = render
