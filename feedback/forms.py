from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    """Was this page helpful? Yes or no, with an optional comment (no personal details)."""

    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Please keep your comment under 500 letters.")},
    )
    # Left empty by people; bots fill it in.
    website = forms.CharField(required=False)
