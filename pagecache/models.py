"""The database's record of purges the page cache may have missed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CacheVersion(models.Model):
    """One row. Its ``value`` changes whenever a purge could not reach the page cache (Redis down
    or failing), in the same transaction as the change that needed it. Every app server compares
    it with the copy kept in the cache: when they differ, the cache missed a purge and is purged
    in full (see pagecache/store.py). Nothing else reads or writes it."""

    value = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("page cache version")

    def __str__(self) -> str:
        return self.value or "-"

    @classmethod
    def current(cls) -> str:
        """The value ("" until a purge was first missed). One single-row query."""
        return cls.objects.filter(pk=1).values_list("value", flat=True).first() or ""

    @classmethod
    def change(cls, value: str) -> None:
        cls.objects.update_or_create(pk=1, defaults={"value": value})
