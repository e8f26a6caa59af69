from django.db import models


class CatalogueVersion(models.Model):
    """One row: moves on whenever anything the public pages show is written.

    A cached page keeps the version it was rendered at; a write moves the
    version on and marks the tags it retires with the new one
    (``RetiredTag``), so the pages with those tags, and only those, are old."""

    counter = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "catalogue version"

    def __str__(self) -> str:
        return f"{self.counter} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class RetiredTag(models.Model):
    """A tag of the public pages (festarchive.core.pagetags) and the catalogue
    version its records last changed at: a cached page with that tag stored
    at an earlier version is retired."""

    tag = models.CharField(max_length=120, primary_key=True)
    # Each process reads the retirements after the last version it has seen.
    version = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = "retired page tag"

    def __str__(self) -> str:
        return f"{self.tag} at {self.version}"
