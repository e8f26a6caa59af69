from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from festarchive.core.i18n import localized
from festarchive.core.models import TimeStampedModel


class Festival(TimeStampedModel):
    """A festival: ours, or another one a film travelled to."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=60, help_text=_("As in 'IDFA 2023'.")
    )
    slug = models.SlugField(max_length=80, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), max_length=4, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("festival:festival-detail", kwargs={"slug": self.slug})

    @property
    def is_host(self) -> bool:
        """True for the festival whose archive this is."""
        return self.slug == settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"]


class Edition(TimeStampedModel):
    """One year of a festival: IDFA 2023, the 36th edition."""

    festival = models.ForeignKey(
        Festival, on_delete=models.PROTECT, related_name="editions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("36 for the 36th edition.")
    )
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["-year", "festival__name"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "year"], name="edition_one_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="edition_ends_after_start",
                violation_error_message=_("An edition cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.festival.short_name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("festival:edition-detail", kwargs={"slug": self.slug})


class Section(TimeStampedModel):
    """A programme section of a festival, which returns across editions."""

    festival = models.ForeignKey(
        Festival, on_delete=models.PROTECT, related_name="sections"
    )
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_nl = models.CharField(_("name (Dutch)"), max_length=150, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "name_en"], name="section_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("festival:section-detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return str(localized(self, "name"))
