"""Awards across editions (prizes) and the juries that give them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from festarchive.catalogue.models import Person
from festarchive.core.i18n import localized
from festarchive.core.models import TimeStampedModel

from .festival import Edition, Festival, Section


class Prize(TimeStampedModel):
    """An award of a festival as it returns across editions ("IDFA Award for
    Best Feature-Length Documentary"); each year's giving of it to a film is an
    ``Award``. Publicly it is called an award."""

    festival = models.ForeignKey(
        Festival, on_delete=models.PROTECT, related_name="prizes"
    )
    slug = models.SlugField(max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "name_en"],
                name="prize_name_unique",
                violation_error_message=_(
                    "This festival already has an award of this name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("festival:prize-detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return str(localized(self, "name"))


class PrizeName(models.Model):
    """A name a prize went by before, and the years it did."""

    prize = models.ForeignKey(Prize, on_delete=models.CASCADE, related_name="names")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200, blank=True)
    from_year = models.PositiveSmallIntegerField(_("from"), null=True, blank=True)
    until_year = models.PositiveSmallIntegerField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-until_year", "-from_year", "name_en"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [
            models.UniqueConstraint(
                fields=["prize", "name_en"],
                name="prize_former_name_unique",
                violation_error_message=_("The award already has this former name."),
            ),
            models.CheckConstraint(
                condition=models.Q(from_year__isnull=True)
                | models.Q(until_year__isnull=True)
                | models.Q(until_year__gte=models.F("from_year")),
                name="prize_name_years_in_order",
                violation_error_message=_("A former name cannot end before it begins."),
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return str(localized(self, "name"))

    def covers(self, year: int | None) -> bool:
        """Whether the prize had this name in ``year`` (unknown years count)."""
        if year is None:
            return True
        return (self.from_year is None or self.from_year <= year) and (
            self.until_year is None or year <= self.until_year
        )


class Jury(TimeStampedModel):
    """A jury of an edition, for a competition (a section) or for the
    edition as a whole."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="juries"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="juries",
        help_text=_("The competition it judged; empty for the whole edition."),
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200, blank=True)
    # Its name in the exchange format, which has no database ids.
    slug = models.SlugField(max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("jury")
        verbose_name_plural = _("juries")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name_en"],
                name="jury_name_unique_per_edition",
                violation_error_message=_(
                    "This edition already has a jury of this name."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.edition})" if self.edition_id else self.name_en

    def get_absolute_url(self) -> str:
        return self.edition.get_absolute_url() + f"#jury-{self.pk}"

    @property
    def name(self) -> str:
        return str(localized(self, "name"))

    def clean(self) -> None:
        if (
            self.section_id
            and self.edition_id
            and self.section.festival_id != self.edition.festival_id
        ):
            raise ValidationError(
                {"section": _("The section belongs to another festival.")}
            )


class Juror(models.Model):
    """A person on a jury, as its chair or as a member."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="jurors")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="jury_service"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        constraints = [
            models.UniqueConstraint(
                fields=["jury", "person"],
                name="juror_once_per_jury",
                violation_error_message=_("This person is already on this jury."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
