from django.db import models


class CatalogueVersion(models.Model):
    """One row: moves on whenever anything the public pages show is written.

    Cached pages are keyed by it, so a change to the catalogue retires every
    cached page at once, in every process and on every app server."""

    counter = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "catalogue version"

    def __str__(self) -> str:
        return f"{self.counter} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
