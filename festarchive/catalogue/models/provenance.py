from django.db import models
from django.utils.translation import gettext_lazy as _

from .film import Film


class FilmProvenance(models.Model):
    """Where a film's facts came from: a page or file, the importer, the day.

    One row per source and importer; loading the same page again adds none,
    so the rows list every place the archive learnt about the film from.
    """

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="provenances")
    source_url = models.URLField(_("source address"), max_length=1000, blank=True)
    source_file = models.CharField(_("source file"), max_length=500, blank=True)
    importer = models.CharField(_("importer"), max_length=50)
    imported_on = models.DateField(_("imported on"))

    class Meta:
        ordering = ["imported_on", "id"]
        verbose_name = _("source of facts")
        verbose_name_plural = _("sources of facts")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "source_url", "source_file", "importer"],
                name="film_provenance_unique",
            )
        ]

    def __str__(self) -> str:
        return self.source_url or self.source_file
