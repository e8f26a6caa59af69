from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from festarchive.core.models import TimeStampedModel


class Person(TimeStampedModel):
    """Someone credited on a film: director, producer, editor…"""

    name = models.CharField(_("name"), max_length=200)
    sort_name = models.CharField(
        _("sort name"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("How the name sorts, e.g. 'Kovalenko, Alisa'."),
    )
    name_variants = models.JSONField(
        _("name variants"),
        default=list,
        blank=True,
        help_text=_("Other spellings and scripts of the name, one per entry."),
    )
    slug = models.SlugField(max_length=120, unique=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["sort_name", "name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:person-detail", kwargs={"slug": self.slug})
