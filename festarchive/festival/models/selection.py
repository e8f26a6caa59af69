from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from festarchive.catalogue.models import Film
from festarchive.core.i18n import localized

from .festival import Edition, Section
from .prize import Prize


class PremiereStatus(models.Model):
    """Vocabulary: World, International, European, Dutch premiere…"""

    slug = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("premiere status")
        verbose_name_plural = _("premiere statuses")

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return str(localized(self, "name"))


def festival_selections_tag(festival_id: int) -> str:
    """The page tag of every selection in a festival's editions (the film
    counts of its editions and sections)."""
    return f"festival:{festival_id}:selection"


def edition_awards_tag(edition_id: int) -> str:
    """The page tag of an edition's awards."""
    return f"edition:{edition_id}:award"


class Selection(models.Model):
    """A film shown in an edition, in a section, with its premiere status."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="selections")
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="selections"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="selections",
        help_text=_("Leave empty when the section at another festival is unknown."),
    )
    premiere = models.ForeignKey(
        PremiereStatus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="selections",
        verbose_name=_("premiere status"),
        help_text=_("Empty when the screening was no premiere."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-edition__year", "edition__festival__name", "id"]
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        constraints = [
            models.UniqueConstraint(
                "film",
                "edition",
                Coalesce("section", 0, output_field=models.BigIntegerField()),
                name="selection_unique",
                violation_error_message=_(
                    "This film is already selected in this edition and section."
                ),
            )
        ]
        indexes = [models.Index(fields=["edition", "section"])]

    def __str__(self) -> str:
        where = (
            f"{self.edition} · {self.section}" if self.section else str(self.edition)
        )
        return f"{self.film} — {where}"

    def page_tags(self) -> set[str]:
        """Beyond its own and its records' (core.pagetags): the film counts
        of its festival's editions and sections."""
        return {festival_selections_tag(self.edition.festival_id)}

    def clean(self) -> None:
        if (
            self.section_id
            and self.edition_id
            and self.section.festival_id != self.edition.festival_id
        ):
            raise ValidationError(
                {"section": _("The section belongs to another festival.")}
            )


class Award(models.Model):
    """A prize or special mention given to a selected film at an edition: one
    year's giving of a ``Prize``.

    The edition is the selection's: an award is always given to a film shown
    there, so it is not stored twice. Its name is the prize's name that year.
    """

    class Outcome(models.TextChoices):
        WINNER = "winner", _("Winner")
        SPECIAL_MENTION = "special_mention", _("Special mention")

    selection = models.ForeignKey(
        Selection, on_delete=models.CASCADE, related_name="awards"
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.WINNER
    )
    prize = models.ForeignKey(
        Prize,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        help_text=_("The award across editions that this one is a year of."),
    )
    statement_en = models.TextField(_("jury statement (English)"), blank=True)
    statement_nl = models.TextField(_("jury statement (Dutch)"), blank=True)

    class Meta:
        ordering = ["-outcome", "name_en"]  # winners before special mentions
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "name_en"], name="award_unique_per_selection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.get_outcome_display()})"

    def page_tags(self) -> set[str]:
        """Beyond its own and its selection's (core.pagetags): its edition's
        list of awards."""
        return {edition_awards_tag(self.selection.edition_id)}

    @property
    def edition(self) -> Edition:
        return self.selection.edition

    def clean(self) -> None:
        if (
            self.prize_id
            and self.selection_id
            and self.prize.festival_id != self.selection.edition.festival_id
        ):
            raise ValidationError(
                {"prize": _("The award belongs to another festival.")}
            )

    @property
    def name(self) -> str:
        return str(localized(self, "name"))
