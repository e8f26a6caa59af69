from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from festarchive.core.i18n import localized
from festarchive.core.models import TimeStampedModel


class Venue(TimeStampedModel):
    """A cinema, theatre or hall the festival screens in."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Amsterdam")
    # Degrees, WGS 84: six decimals place a door to within about 10 cm.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    step_free = models.BooleanField(
        _("step-free access"),
        default=False,
        help_text=_("From the street to every screen without steps."),
    )
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    wheelchair_places = models.PositiveSmallIntegerField(
        _("wheelchair places"), default=0
    )
    accessibility_en = models.TextField(_("accessibility notes (English)"), blank=True)
    accessibility_nl = models.TextField(_("accessibility notes (Dutch)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("display order"),
        default=100,
        help_text=_("The order of the venues in the timetable grid."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programme:venue-detail", kwargs={"slug": self.slug})

    @property
    def accessibility_notes(self):
        return localized(self, "accessibility")

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def map_url(self) -> str:
        """A link to the venue on OpenStreetMap: by its coordinates when known,
        else a search for its address."""
        from urllib.parse import urlencode

        if self.has_coordinates:
            return (
                "https://www.openstreetmap.org/?"
                + urlencode({"mlat": self.latitude, "mlon": self.longitude})
                + f"#map=18/{self.latitude}/{self.longitude}"
            )
        if self.address:
            query = f"{self.address}, {self.city}"
            return "https://www.openstreetmap.org/search?" + urlencode({"query": query})
        return ""


class Screen(models.Model):
    """A room in a venue, with its seats."""

    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="screens")
    name = models.CharField(_("name"), max_length=100, help_text=_("As in 'Zaal 1'."))
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["venue__order", "venue__name", "order", "name"]
        verbose_name = _("screen")
        verbose_name_plural = _("screens")
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "name"],
                name="screen_name_unique_in_venue",
                violation_error_message=_(
                    "This venue already has a screen of that name."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.venue.name} · {self.name}"
