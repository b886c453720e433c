"""Snippet writes validated as the admin validates them (registered in ``wagtail_hooks``).

Wagtail 8.0.1's create and edit actions skip required fields whenever a write does not
publish, as if saving a draft, even for a snippet that has no drafts (a skin concern): through
API v3, ``POST /snippets/articles.SkinConcern/ {}`` saved a concern with no name or slug, and
the next one failed on the database's unique constraint (a server error). Here, as in the
admin:

* a snippet without drafts (or a published one) must be complete: its admin form validates
  in full, and so does the model (``full_clean``: every field, also those the API does not
  offer, and its unique constraints, also ``(slug, locale)`` which a model form leaves out);
* a draft of a snippet with drafts may be unfinished (Wagtail's deferred validation), but
  what is saved to its table must still be unique;
* so a missing name or a duplicate is a validation error (422), never a 500.
"""

from django.core.exceptions import ValidationError

from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.utils.forms import FormValidationError

TRANSLATION_FIELDS = ("locale", "translation_key")


def validate(action, *, saves_row: bool) -> None:
    """Validate ``action.form`` like the admin, then the instance as the model does."""
    form = action.form
    unfinished_draft = action.draftstate_enabled and not action.publish
    if unfinished_draft and isinstance(form, WagtailAdminModelForm):
        form.defer_required_fields()
        valid = form.is_valid()
        form.restore_required_fields()
    else:
        valid = form.is_valid()
    if not valid:
        raise FormValidationError.from_form(form)
    instance = form.instance
    if isinstance(instance, TranslatableMixin) and instance.locale_id is None:
        instance.locale = instance.get_default_locale()
    try:
        if not unfinished_draft:
            # All fields, not only those on the form (the API may not offer them all).
            instance.full_clean()
        elif saves_row:
            instance.validate_unique()
            instance.validate_constraints()
    except ValidationError as error:
        raise FormValidationError(field_errors(error)) from error


def field_errors(error: ValidationError) -> dict[tuple, list[tuple[str, str]]]:
    """A model's ValidationError as FormValidationError's {(field,): [(message, code)]}, a
    clash on (slug, locale) filed under the slug."""
    errors: dict[tuple, list[tuple[str, str]]] = {}
    for field, field_errors in error.error_dict.items():
        for item in field_errors:
            loc = field
            if item.code == "unique_together" and item.params:
                named = [f for f in item.params["unique_check"] if f not in TRANSLATION_FIELDS]
                loc = named[0] if named else field
            errors.setdefault((loc,), []).extend((m, item.code or "invalid") for m in item)
    return errors


class ValidatedCreateAction(CreateAction):
    def _clean_instance(self):
        if self.form is None:
            return super()._clean_instance()
        validate(self, saves_row=True)


class ValidatedEditAction(EditAction):
    def _clean_instance(self):
        if self.form is None:
            return super()._clean_instance()
        # A draft change to a live snippet is only a revision: its table row stays as it is.
        live_draft = self.draftstate_enabled and self.instance.live and not self.publish
        validate(self, saves_row=not live_draft)


def register_snippet_actions(registry) -> None:
    for model in get_snippet_models():
        if not issubclass(model, Page):
            registry.register(model, ValidatedCreateAction)
            registry.register(model, ValidatedEditAction)
