"""Patients' answers to "Was this page helpful?". No personal data: no name, email or address."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GuideFeedback(models.Model):
    """One anonymous answer: helpful or not, and an optional comment."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.page}: {'helpful' if self.helpful else 'not helpful'}"
