from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from festarchive.core.models import TimeStampedModel


class Company(TimeStampedModel):
    """An organisation credited on a film: producer, broadcaster, sales agent…"""

    class Kind(models.TextChoices):
        PRODUCTION = "production", _("Production company")
        BROADCASTER = "broadcaster", _("Broadcaster")
        SALES = "sales", _("Sales agent")
        DISTRIBUTOR = "distributor", _("Distributor")
        INSTITUTION = "institution", _("Fund or institution")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER
    )
    country = CountryField(_("country"), max_length=4, blank=True)
    name_variants = models.JSONField(
        _("name variants"),
        default=list,
        blank=True,
        help_text=_("Other spellings of the name, one per entry."),
    )
    slug = models.SlugField(max_length=120, unique=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:company-detail", kwargs={"slug": self.slug})
