from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminModelForm


class HandoutPackForm(WagtailAdminModelForm):
    """A pack lists each guide once (choose the whole guide or its aftercare, not both)."""

    def is_valid(self) -> bool:
        valid = super().is_valid()  # the guides' forms are cleaned after the pack's own
        seen = set()
        for form in self.formsets["items"].forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            guide = form.cleaned_data.get("guide")
            if guide is None:
                continue
            if guide.pk in seen:
                form.add_error("guide", _("This guide is already in the pack."))
                valid = False
            seen.add(guide.pk)
        return valid
