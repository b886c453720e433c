"""The "Import an article" form: paste the text or upload a file, and where the guide goes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import TreatmentIndexPage

from .document import ArticleError
from .importing import can_import_into
from .parsing import ACCEPTED_EXTENSIONS, FORMATS, check_size, parse_file, parse_pasted


def importable_parents(user) -> list[TreatmentIndexPage]:
    """The treatments indexes this user may add guides to (usually just "Treatments")."""
    return [
        index
        for index in TreatmentIndexPage.objects.order_by("path")
        if can_import_into(user, index)
    ]


class ImportArticleForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the article"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Copy the whole article, headings included, and paste it here. Put each heading on "
            "its own line."
        ),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        allow_empty_file=True,  # an empty file gets our own, clearer message
        widget=forms.FileInput(attrs={"accept": ",".join(FORMATS)}),
        help_text=_(
            "A %(extensions)s file of up to 5 MB. Use either this or the pasted text, not both."
        )
        % {"extensions": ACCEPTED_EXTENSIONS},
    )
    title = forms.CharField(
        label=_("Guide title"),
        required=False,
        max_length=255,
        help_text=_("Optional. Leave it blank to use the article's own title."),
    )
    parent = forms.ModelChoiceField(
        label=_("Add the guide under"),
        queryset=TreatmentIndexPage.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parents = importable_parents(user)
        field = self.fields["parent"]
        field.queryset = TreatmentIndexPage.objects.filter(pk__in=[p.pk for p in parents])
        field.label_from_instance = lambda index: f"{index.title} ({index.url_path})"
        self.only_parent = parents[0] if len(parents) == 1 else None
        if self.only_parent:
            # Nothing to choose: the guide goes under the one treatments index there is.
            field.initial = self.only_parent.pk
            field.required = False
            field.widget = forms.HiddenInput()

    def clean_parent(self):
        return self.cleaned_data.get("parent") or self.only_parent

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text") or ""
        upload = cleaned.get("file")
        if upload and text.strip():
            raise forms.ValidationError(
                _(
                    "Paste the text or upload a file, not both. Clear the text box to import "
                    "the file, or import the pasted text without a file."
                )
            )
        try:
            if upload:
                check_size(upload.size)
                cleaned["article"] = parse_file(upload.read(), upload.name)
                cleaned["source_name"] = upload.name
            else:
                cleaned["article"] = parse_pasted(text)
                cleaned["source_name"] = ""
        except ArticleError as error:
            self.add_error("file" if upload else "text", str(error))
        return cleaned
