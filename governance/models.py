"""Clinical review records: who checked a guide, which version, when, and when it is due again.

"Last reviewed" and "Reviewed by" on a guide are never typed by hand. A clinical reviewer
approving a guide in the "Clinical review" workflow (or publishing it themselves) creates a
:class:`ClinicalReview` tied to the exact revision they approved. A guide's :class:`ReviewStatus`
follows its live version: if what patients see is not the reviewed revision, it needs a new review.
"""

import datetime
from functools import cached_property

from django import forms
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, Page, PagePermissionTester, get_page_models
from wagtail.search import index

from .api_fields import ReviewInfoField
from .dates import add_months
from .languages import (
    DEFAULT_REVIEW_LANGUAGE,
    LanguagesField,
    base_language,
    default_review_languages,
    in_default_language,
    language_name,
    page_language,
)


def due_soon_days() -> int:
    """How many days before its due date a guide counts as "due soon" for review: the dashboard,
    the Guide reviews report and the API all read this one number (REVIEW_DUE_SOON_DAYS)."""
    return settings.REVIEW_DUE_SOON_DAYS


DEFAULT_INTERVAL_MONTHS = 12


class ClinicianProfile(index.Indexed, models.Model):
    """A clinician who reviews guides. Patients see their name and credentials on each guide."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clinician_profile",
        verbose_name=_("admin user"),
        help_text=_("The admin login this clinician approves guides with."),
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("For example 'Dr Ana Ruiz'."))
    credentials = models.CharField(
        _("credentials"),
        max_length=120,
        blank=True,
        help_text=_("Degrees and board certification, for example 'MD, FAAD'."),
    )
    role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_("For example 'Board-certified dermatologist'."),
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_(
            "Where review links go. A clinician with an email and no admin login can still "
            "approve guides: send them a review link from the guide's menu."
        ),
    )

    review_languages = LanguagesField(
        _("reviews in"),
        max_length=200,
        default=default_review_languages,
        help_text=_(
            "The languages this clinician reads well enough to approve a guide in. They can "
            "approve only guides in these languages."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("user"),
        FieldPanel("review_languages"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("clinician")
        verbose_name_plural = _("clinicians")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """'Dr Ana Ruiz, MD, FAAD': how patients see the reviewer."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def reviews_in(self, language: str) -> bool:
        """True if the clinician approves guides written in ``language`` ('es')."""
        return base_language(language) in self.review_languages

    @classmethod
    def for_user(cls, user) -> "ClinicianProfile":
        """The user's clinician profile, made from their admin name if they have none yet."""
        profile = cls.objects.filter(user=user).first()
        if profile is None:
            name = user.get_full_name() or user.get_username()
            profile = cls.objects.create(user=user, name=name)
        return profile


def language_refusal(page: Page, *, user=None, clinician: ClinicianProfile | None = None) -> str:
    """Why ``clinician`` (or the clinician profile of ``user``) may not review ``page``, or ''.

    A clinician reviews only guides in a language their profile lists. A user with no clinician
    profile yet reviews in English, as every profile does at first. Nobody approves a translation
    that still holds machine-translated text no person has checked (:func:`machine_refusal`).
    """
    language = page_language(page)
    if refusal := machine_refusal(page):
        return refusal
    if clinician is None and user is not None:
        clinician = ClinicianProfile.objects.filter(user=user).first() if user.pk else None
        if clinician is None:
            if language == DEFAULT_REVIEW_LANGUAGE:
                return ""
            name = user.get_full_name() or user.get_username()
            return refusal_message(name, language)
    if clinician is None or clinician.reviews_in(language):
        return ""
    return refusal_message(clinician.name, language)


def machine_translated_texts(page: Page) -> int:
    """How many texts of a translation kept in wagtail-localize were written by a machine
    translation service and not yet checked (edited) by a person."""
    if in_default_language(page):
        return 0
    from wagtail_localize.models import StringTranslation

    return StringTranslation.objects.filter(
        locale_id=page.locale_id,
        context__object_id=page.translation_key,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).count()


def machine_refusal(page: Page) -> str:
    count = machine_translated_texts(page)
    if not count:
        return ""
    return ngettext(
        "Machine translated — needs review: %(count)s text was written by a translation service. "
        "A translator must check it in the translation editor before the guide can go live.",
        "Machine translated — needs review: %(count)s texts were written by a translation service. "
        "A translator must check each one in the translation editor before the guide can go live.",
        count,
    ) % {"count": count}


def refusal_message(name: str, language: str) -> str:
    return _(
        "%(name)s does not review in %(language)s. Ask a clinician who reads %(language)s."
    ) % {"name": name, "language": language_name(language)}


class ReviewApprovalForm(TaskStateCommentForm):
    comment = forms.CharField(
        label=_("Scope of your review (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Saved with the review record, for example 'Checked all sections against the 2025 "
            "AAD guidance'."
        ),
    )


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """A workflow step in which a clinical reviewer approves (and so publishes) a guide.

    Works like Wagtail's group approval task; approving also records a clinical review of the
    exact version approved, with the approval comment as the scope note. Only a clinician who
    reviews in the guide's language may approve it (:func:`language_refusal`).
    """

    def get_actions(self, obj, user):
        """Approving is offered only to clinicians who read the guide's language."""
        actions = super().get_actions(obj, user)
        if actions and language_refusal(obj, user=user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object
        if action_name == "approve":
            refusal = language_refusal(page, user=user)
            if refusal:
                raise PermissionDenied(refusal)
        # Approving a version that has since been edited restarts the review of the newer one
        # (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT) and publishes nothing: no review then.
        reviewed = task_state.revision
        publishes = reviewed is None or reviewed == page.get_latest_revision()
        # The review and the publish it records are one change: if publishing fails, no review
        # of a version patients never saw is left behind.
        with transaction.atomic():
            if action_name == "approve" and publishes:
                record_review(
                    page,
                    user,
                    scope_note=kwargs.get("comment", ""),
                    method=ClinicalReview.Method.WORKFLOW,
                    revision=reviewed,
                )
            return super().on_action(task_state, user, action_name, **kwargs)

    def get_form_for_action(self, action):
        if action == "approve":
            return ReviewApprovalForm
        return super().get_form_for_action(action)

    @classmethod
    def get_description(cls):
        return _("A clinical reviewer checks the guide; approving records the review and publishes")

    class Meta:
        verbose_name = _("Clinical review task")
        verbose_name_plural = _("Clinical review tasks")


class ClinicalReview(models.Model):
    """One clinician's approval of one version (revision) of a guide."""

    class Method(models.TextChoices):
        WORKFLOW = "workflow", _("Approved in the clinical review workflow")
        PUBLISHED = "published", _("Published by the reviewer")
        IMPORTED = "imported", _("Recorded when the demo content was loaded")
        OUTSIDE_LINK = "outside_link", _("Approved through a review link sent by email")

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="clinical_reviews"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        related_name="clinical_reviews",
        help_text=_("The exact version the reviewer approved."),
    )
    reviewer = models.ForeignKey(ClinicianProfile, on_delete=models.PROTECT, related_name="reviews")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)
    scope_note = models.TextField(
        _("scope note"),
        blank=True,
        help_text=_("What the reviewer checked, for example 'Aftercare and warning signs only'."),
    )
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.WORKFLOW)

    class Meta:
        verbose_name = _("clinical review")
        ordering = ["-reviewed_at", "-pk"]
        indexes = [models.Index(fields=["page", "-reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.page} reviewed by {self.reviewer} on {self.reviewed_at:%Y-%m-%d}"


class OutsideReviewLink(models.Model):
    """A review link emailed to a clinician without an admin login: it shows one version of one
    guide, as patients will see it, and lets them approve it or ask for changes, once.

    Only a hash of the link's secret is stored: the secret itself is in the emailed address only.
    """

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="outside_review_links"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The exact version the clinician is asked to review."),
    )
    clinician = models.ForeignKey(
        ClinicianProfile, on_delete=models.CASCADE, related_name="outside_review_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The review task the clinician's answer finished, if any."),
    )

    class Meta:
        verbose_name = _("review link")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.page} for {self.clinician} ({self.created_at:%Y-%m-%d})"

    @property
    def state(self) -> str:
        """'open', 'used', 'revoked', 'expired' or 'changed' (the guide has a newer version)."""
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        latest = Page.objects.filter(pk=self.page_id).values_list("latest_revision_id", flat=True)
        if latest.first() != self.revision_id:
            return "changed"
        return "open"


class ReviewStatus(models.Model):
    """Where a guide stands on review, kept up to date whenever it is published or reviewed.

    ``review`` is the review of the version patients see now (empty if that version was never
    reviewed); ``next_review_due`` is that review's date plus the guide's review interval.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="review_status"
    )
    review = models.ForeignKey(
        ClinicalReview, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_review = models.ForeignKey(
        ClinicalReview,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The most recent review of any version, even if the guide changed since."),
    )
    next_review_due = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("review status")
        verbose_name_plural = _("review statuses")

    def __str__(self) -> str:
        return f"{self.page}: {self.state}"

    @staticmethod
    def due_date(review: ClinicalReview, interval_months: int) -> datetime.date:
        return add_months(timezone.localdate(review.reviewed_at), interval_months)

    @property
    def state(self) -> str:
        """'current', 'due_soon', 'overdue', 'changed' (edited since review) or 'never'."""
        if self.review is None:
            return "changed" if self.last_review_id else "never"
        today = timezone.localdate()
        if self.next_review_due < today:
            return "overdue"
        if self.next_review_due <= today + datetime.timedelta(days=due_soon_days()):
            return "due_soon"
        return "current"

    @property
    def is_overdue(self) -> bool:
        """True when patients should be told the page is due for review."""
        return self.state in ("overdue", "changed", "never")


class ReviewLanguagePermissionTester(PagePermissionTester):
    """Publishing a reviewed page is a review of it: a clinical reviewer may publish it only in a
    language they review in, however they publish (the editor, bulk actions, the API)."""

    def can_publish(self) -> bool:
        return super().can_publish() and not self.language_refusal()

    def language_refusal(self) -> str:
        from .reviews import is_clinical_reviewer  # reviews.py builds on this module

        if not is_clinical_reviewer(self.user):
            return ""
        return language_refusal(self.page, user=self.user)


class ReviewedPage(models.Model):
    """A page type that clinicians review (a treatment guide): mix it in before ``Page``.

    It brings the review interval (with ``review_panels`` for the page's settings tab), the
    page's review status and the review facts apps and search engines get. Governance finds
    reviewed pages through this class (:func:`reviewed_page_models`), never by page type.
    """

    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=DEFAULT_INTERVAL_MONTHS,
        validators=[
            MinValueValidator(3, _("Review a guide at most every 3 months.")),
            MaxValueValidator(24, _("Review a guide at least every 24 months (2 years).")),
        ],
        help_text=_(
            "How long a clinical review stays valid. 12 months suits most guides; "
            "choose less for fast-changing treatments. Between 3 and 24."
        ),
    )

    review_panels = [FieldPanel("review_interval_months", heading=_("Clinical review"))]
    review_api_fields = [
        APIField("review_interval_months", writable=True),
        APIField("review_info", serializer=ReviewInfoField()),
    ]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        """Wagtail's page permissions, with publishing limited to the languages a clinical
        reviewer reviews in (:class:`ReviewLanguagePermissionTester`)."""
        return ReviewLanguagePermissionTester(user, self)

    @cached_property
    def review(self) -> ReviewStatus | None:
        """The page's review status (last reviewed, by whom, next due), or None."""
        return review_status(self)

    @cached_property
    def translation_state(self) -> "TranslationStatus | None":
        """For a translation: whether it still matches the English guide patients see (None for
        an English guide, or a translation never published)."""
        if in_default_language(self):
            return None
        try:
            return self.translation_status
        except ObjectDoesNotExist:
            return None

    @property
    def review_info(self) -> dict:
        """Review facts for apps and search engines; ``overdue`` is true for a live version that
        was never reviewed or whose review has run out."""
        status = self.review
        review = status.review if status else None
        return {
            "state": status.state if status else "never",
            "overdue": status.is_overdue if status else True,
            "last_reviewed": review.reviewed_at.date().isoformat() if review else None,
            "next_review_due": status.next_review_due.isoformat() if review else None,
            "reviewed_by": (
                {
                    "name": review.reviewer.name,
                    "credentials": review.reviewer.credentials,
                    "role": review.reviewer.role,
                }
                if review
                else None
            ),
            "translation": (self.translation_state.api_info() if self.translation_state else None),
        }


def reviewed_page_models() -> list[type[Page]]:
    """Every page type clinicians review."""
    return [model for model in get_page_models() if issubclass(model, ReviewedPage)]


def reviewed_pages():
    """Pages of every reviewed type, as their specific classes, each with its review status and
    reviewer in the same query."""
    return (
        Page.objects.type(*reviewed_page_models())
        .specific()
        .select_related(
            "review_status__review__reviewer",
            "translation_status",
            "locale",
            for_specific_subqueries=True,
        )
    )


# --- Recording reviews ----------------------------------------------------------------------------


@transaction.atomic
# Everything a review record holds; callers name all but the page.
def record_review(  # noqa: PLR0913
    page: Page,
    user=None,
    *,
    reviewer: ClinicianProfile | None = None,
    scope_note: str = "",
    method: str = ClinicalReview.Method.WORKFLOW,
    revision=None,
    reviewed_at=None,
) -> ClinicalReview:
    """Record that ``user`` (or the clinician ``reviewer``) approved the page's latest revision
    (or ``revision``).

    The latest revision is the one that gets published when a workflow finishes, so it is the
    version the reviewer saw and approved, including any edits they made while reviewing.
    """
    page = page.specific
    revision = revision or page.get_latest_revision()
    review = ClinicalReview(
        page=page,
        revision=revision,
        reviewer=reviewer or ClinicianProfile.for_user(user),
        user=user,
        scope_note=scope_note or "",
        method=method,
    )
    if reviewed_at is not None:
        review.reviewed_at = reviewed_at
    review.save()
    refresh_review_status(page)
    return review


def refresh_review_status(page: Page) -> ReviewStatus:
    """Point the page's review status at the review of its live version, and work out when the
    next review is due. A page whose live version was never reviewed gets no due date."""
    page = page.specific
    reviews = ClinicalReview.objects.filter(page=page).select_related("reviewer")
    # Read the live version from the database: publishing updates its own copy of the page.
    live_revision_id = Page.objects.filter(pk=page.pk).values_list("live_revision_id", flat=True)[0]
    current = reviews.filter(revision_id=live_revision_id).first() if live_revision_id else None
    interval = getattr(page, "review_interval_months", None) or DEFAULT_INTERVAL_MONTHS
    status, _created = ReviewStatus.objects.get_or_create(page=page)
    status.review = current
    status.last_review = reviews.first()
    status.next_review_due = ReviewStatus.due_date(current, interval) if current else None
    status.save()
    return status


def review_status(page: Page) -> ReviewStatus | None:
    """The page's review status, or None if it has never been published or reviewed: with the
    review and its clinician, in one query (every guide page shows them)."""
    return ReviewStatus.objects.select_related("review__reviewer").filter(page_id=page.pk).first()


# --- Translations ---------------------------------------------------------------------------------
# A translation is new clinical content: it is reviewed on its own, and it must say when the guide
# it was translated from has changed since. See governance/translations.py.


class TranslatedRevision(models.Model):
    """The version of the source-language guide that one saved version of a translation was made
    from. Recorded when the translation's version is saved; never typed by hand."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="translated_from"
    )
    source_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text=_("The version of the source-language guide this version was translated from."),
    )

    class Meta:
        verbose_name = _("translated version")

    def __str__(self) -> str:
        return f"Revision {self.revision_id} translated from revision {self.source_revision_id}"


class SourceSync(models.Model):
    """The version of a source guide that a wagtail-localize translation source last took its
    text from (when the translation was started, or last synced with the source)."""

    source = models.OneToOneField(
        "wagtail_localize.TranslationSource", on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("translation source version")

    def __str__(self) -> str:
        return f"{self.source} from revision {self.revision_id}"


class TranslationStatus(models.Model):
    """Whether the translation patients see still matches the source-language guide patients see:
    kept up to date whenever either is published or unpublished.

    ``changed_segments`` counts the texts of the source guide that changed since the version the
    live translation was made from; more than none means "out of date with the English version".
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_status"
    )
    source_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    translated_from = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source_live_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_segments = models.PositiveIntegerField(default=0, db_index=True)
    source_changed_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")

    def __str__(self) -> str:
        return f"{self.page}: {'out of date' if self.out_of_date else 'up to date'}"

    @property
    def out_of_date(self) -> bool:
        """True when the source guide's live text changed after this translation was made."""
        return self.changed_segments > 0

    def api_info(self) -> dict:
        """What apps get in ``review_info.translation``."""
        source = self.source_page
        return {
            "source_locale": source.locale.language_code,
            "source_id": source.pk,
            "source_url": source.full_url,
            "out_of_date": self.out_of_date,
            "changed_texts": self.changed_segments,
            "source_changed_at": (
                self.source_changed_at.date() if self.source_changed_at else None
            ),
        }
