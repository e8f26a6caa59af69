import datetime
import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from festarchive.catalogue.models import Film, Person
from festarchive.core import pagetags
from festarchive.core.i18n import localized
from festarchive.core.models import TimeStampedModel
from festarchive.festival.models import Edition, Section

from ..clock import festival_day_of
from ..vocabulary import (
    ACCESS_FEATURES,
    LanguageVersion,
    ScreeningKind,
    ScreeningStatus,
    TicketState,
)
from .venue import Screen


class FilmProgramme(TimeStampedModel):
    """Several films shown together under one title, in order: a shorts
    programme, or a feature with the short that opens it."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="film_programmes"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="film_programmes",
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_nl = models.TextField(_("text (Dutch)"), blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    films = models.ManyToManyField(
        Film, through="ProgrammeFilm", related_name="film_programmes"
    )

    class Meta:
        ordering = ["edition", "title_en"]
        verbose_name = _("programme of films")
        verbose_name_plural = _("programmes of films")

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("programme:programme-detail", kwargs={"slug": self.slug})

    @property
    def title(self):
        return localized(self, "title")

    @property
    def text(self):
        return localized(self, "text")

    def ordered_films(self) -> list[Film]:
        return [entry.film for entry in self.entries.all()]


class ProgrammeFilm(models.Model):
    """A film's place in a programme of films."""

    programme = models.ForeignKey(
        FilmProgramme, on_delete=models.CASCADE, related_name="entries"
    )
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("film in a programme")
        verbose_name_plural = _("films in the programme")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "film"], name="programme_film_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.position}. {self.film}"


def day_list_tag(edition_id: int, day: datetime.date) -> str:
    """The page tag of an edition's screenings on one festival day."""
    return pagetags.keyed_list(f"edition:{edition_id}", "day", day.isoformat())


def days_list_tag(edition_id: int) -> str:
    """The page tag of which festival days an edition has screenings on."""
    return pagetags.keyed_lists(f"edition:{edition_id}", "day")


class Screening(TimeStampedModel):
    """One showing of a film, or of a programme of films, in a screen.

    Times are stored in UTC and shown in the festival's zone (TIME_ZONE), so a
    screening keeps its moment across a daylight-saving change. ``ends_at``
    is stored, not derived on every read, because the overlap check and the
    planner compare intervals in the database.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="screenings"
    )
    screen = models.ForeignKey(
        Screen, on_delete=models.PROTECT, related_name="screenings"
    )
    film = models.ForeignKey(
        Film,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
        help_text=_("The film shown; leave empty for a programme of films."),
    )
    film_programme = models.ForeignKey(
        FilmProgramme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
        verbose_name=_("programme of films"),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
        help_text=_("Taken from the film's selection in the edition when empty."),
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    end_set_by_hand = models.BooleanField(
        _("end set by hand"),
        default=False,
        help_text=_("Otherwise the end follows the runtimes and the extra minutes."),
    )
    extra_minutes = models.PositiveSmallIntegerField(
        _("introduction and Q&A minutes"), default=0
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ScreeningKind.choices,
        default=ScreeningKind.PUBLIC,
    )
    language_version = models.CharField(
        _("language version"),
        max_length=10,
        choices=LanguageVersion.choices,
        default=LanguageVersion.ORIGINAL,
    )
    subtitles_en = models.BooleanField(_("English subtitles"), default=False)
    subtitles_nl = models.BooleanField(_("Dutch subtitles"), default=False)
    sdh = models.BooleanField(
        _("subtitles for the deaf and hard of hearing"), default=False
    )
    audio_description = models.BooleanField(_("audio description"), default=False)
    relaxed = models.BooleanField(_("relaxed screening"), default=False)
    has_qa = models.BooleanField(_("Q&A"), default=False)
    guests = models.ManyToManyField(
        Person, blank=True, related_name="screening_visits", verbose_name=_("guests")
    )
    ticket_state = models.CharField(
        _("tickets"),
        max_length=10,
        choices=TicketState.choices,
        default=TicketState.NOT_YET_ON_SALE,
    )
    ticket_url = models.URLField(_("ticket address"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ScreeningStatus.choices,
        default=ScreeningStatus.SCHEDULED,
    )
    notice_en = models.CharField(_("notice (English)"), max_length=300, blank=True)
    notice_nl = models.CharField(_("notice (Dutch)"), max_length=300, blank=True)
    # Where and when it was before it moved, so plans and feeds can say so.
    moved_from_starts_at = models.DateTimeField(null=True, blank=True, editable=False)
    moved_from_screen = models.ForeignKey(
        Screen,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Counts each change a visitor's calendar must see (the iCal SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["starts_at", "screen__venue__order", "screen__order", "id"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(film__isnull=False, film_programme__isnull=True)
                    | models.Q(film__isnull=True, film_programme__isnull=False)
                ),
                name="screening_one_film_or_programme",
                violation_error_message=_(
                    "A screening shows one film or one programme of films."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="screening_ends_after_start",
                violation_error_message=_("A screening must end after it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "starts_at"]),
            models.Index(fields=["screen", "starts_at"]),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.title_en} · {self.screen} · {local:%Y-%m-%d %H:%M}"

    def page_tags(self) -> set[str]:
        """Beyond its own and its records' tags (core.pagetags): the list of
        its edition's screenings on its festival day, the timetable's."""
        return {day_list_tag(self.edition_id, festival_day_of(self.starts_at))}

    def get_absolute_url(self) -> str:
        return reverse("programme:screening-detail", kwargs={"uid": self.uid})

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from .. import rules

        errors = {}
        if self.film_id and self.film_programme_id:
            errors["film_programme"] = _(
                "A screening shows one film or one programme of films, not both."
            )
        if self.edition_id and self.film_programme_id:
            if self.film_programme.edition_id != self.edition_id:
                errors["film_programme"] = _(
                    "The programme of films belongs to another edition."
                )
        if self.edition_id and (self.film_id or self.film_programme_id):
            outside = rules.films_outside_edition(self.edition, self.ordered_films())
            if outside:
                errors["film" if self.film_id else "film_programme"] = _(
                    "Not selected for %(edition)s: %(films)s."
                ) % {
                    "edition": self.edition,
                    "films": ", ".join(film.title_en for film in outside),
                }
        if self.section_id and self.edition_id:
            if self.section.festival_id != self.edition.festival_id:
                errors["section"] = _("The section belongs to another festival.")
        clash = rules.overlapping(self).select_related("screen__venue").first()
        if clash is not None:
            errors["starts_at"] = _(
                "%(screen)s is taken then: %(other)s, %(start)s to %(end)s."
            ) % {
                "screen": self.screen,
                "other": clash.title_en,
                "start": f"{timezone.localtime(clash.starts_at):%H:%M}",
                "end": f"{timezone.localtime(clash.ends_at):%H:%M}",
            }
        if errors:
            raise ValidationError(errors)

    @property
    def shows(self):
        """The film or the programme this screening shows."""
        return self.film if self.film_id else self.film_programme

    @property
    def title_en(self) -> str:
        return self.shows.title_en if self.shows else ""

    @property
    def title(self) -> str:
        return str(localized(self.shows, "title")) if self.shows else ""

    def ordered_films(self) -> list[Film]:
        if self.film_id:
            return [self.film]
        return self.film_programme.ordered_films() if self.film_programme_id else []

    def published_films(self) -> list[Film]:
        """The films the public may see of what the screening shows, in order:
        a programme is public as a programme, its unpublished films left out."""
        return [film for film in self.ordered_films() if film.is_published]

    @property
    def notice(self):
        return localized(self, "notice")

    @property
    def is_cancelled(self) -> bool:
        return self.status == ScreeningStatus.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.status == ScreeningStatus.MOVED

    @property
    def access_features(self) -> list:
        return [f for f in ACCESS_FEATURES if getattr(self, f.field)]

    @property
    def duration_minutes(self) -> int:
        # In UTC: between two times of one zone Python subtracts wall clocks.
        utc = datetime.UTC
        span = self.ends_at.astimezone(utc) - self.starts_at.astimezone(utc)
        return int(span.total_seconds() // 60)
