import datetime
from typing import NamedTuple

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from festarchive.core.languages import language_name
from festarchive.core.models import TimeStampedModel
from festarchive.core.pagetags import CardsQuerySet
from festarchive.core.text import initial, sort_key

FIRST_FILM_YEAR = 1888  # Roundhay Garden Scene
MAX_RUNTIME_MINUTES = 1500


def validate_not_after_next_year(year: int) -> None:
    if year is not None and year > datetime.date.today().year + 1:
        raise ValidationError(
            _("The year cannot be later than next year."), code="future_year"
        )


def validate_language_code(code: str) -> None:
    if code and not (
        pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    ):
        raise ValidationError(
            _("%(code)s is not an ISO 639 language code."),
            code="language",
            params={"code": code},
        )


class ExternalLink(NamedTuple):
    """A film's identifier in another register, and the page it resolves to."""

    scheme: str  # "imdb", "wikidata", "eidr"
    label: str  # the register's name, as shown on the page
    id: str
    url: str


class FilmQuerySet(CardsQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Film(TimeStampedModel):
    """A film as the archive knows it: titles, facts, synopses and identifiers."""

    title_en = models.CharField(_("English title"), max_length=300)
    title_nl = models.CharField(_("Dutch title"), max_length=300, blank=True)
    title_original = models.CharField(
        _("original title"),
        max_length=300,
        blank=True,
        help_text=_("As written, in its own script."),
    )
    title_original_latin = models.CharField(
        _("original title, transliterated"),
        max_length=300,
        blank=True,
        help_text=_("The Latin form, when the original title is in another script."),
    )
    title_original_language = models.CharField(
        _("language of the original title"),
        max_length=3,
        blank=True,
        validators=[validate_language_code],
        help_text=_("ISO 639 code, e.g. uk for Ukrainian."),
    )
    # Derived from title_en on save, for A–Z browsing and sorting by title.
    sort_title = models.CharField(max_length=300, editable=False, db_index=True)
    title_initial = models.CharField(max_length=1, editable=False, db_index=True)

    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_FILM_YEAR), validate_not_after_next_year],
    )
    runtime_minutes = models.PositiveSmallIntegerField(
        _("runtime (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RUNTIME_MINUTES)],
    )
    synopsis_en = models.TextField(_("synopsis (English)"), blank=True)
    synopsis_nl = models.TextField(_("synopsis (Dutch)"), blank=True)

    imdb_id = models.CharField(
        _("IMDb ID"),
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(r"^tt\d{7,10}$", _("An IMDb ID looks like tt1234567."))
        ],
    )
    wikidata_id = models.CharField(
        _("Wikidata ID"),
        max_length=16,
        blank=True,
        validators=[RegexValidator(r"^Q\d+$", _("A Wikidata ID looks like Q12345."))],
    )
    eidr_id = models.CharField(
        _("EIDR ID"),
        max_length=34,
        blank=True,
        validators=[
            RegexValidator(
                r"^10\.5240/([0-9A-F]{4}-){5}[0-9A-Z]$",
                _("An EIDR ID looks like 10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C."),
            )
        ],
    )

    slug = models.SlugField(max_length=120, unique=True)
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    is_generated = models.BooleanField(
        _("generated demo record"),
        default=False,
        help_text=_("Made up by the demo generator; not a real film."),
    )

    objects = FilmQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    # Shown on the film's own page and never on its card (includes/_film_card.html):
    # a save that changes only these leaves the pages listing the film cached.
    PAGE_ONLY_FIELDS = (
        "synopsis_en",
        "synopsis_nl",
        "imdb_id",
        "wikidata_id",
        "eidr_id",
        "is_generated",
        "updated_at",
    )

    class Meta:
        ordering = ["sort_title", "year", "id"]
        verbose_name = _("film")
        verbose_name_plural = _("films")
        constraints = [
            # The database keeps a fixed floor and ceiling; the "not after next
            # year" rule moves with the calendar, so it lives in the validator.
            models.CheckConstraint(
                condition=models.Q(year__isnull=True)
                | models.Q(year__gte=FIRST_FILM_YEAR, year__lte=2200),
                name="film_year_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(runtime_minutes__isnull=True)
                | models.Q(runtime_minutes__gte=1, runtime_minutes__lte=1500),
                name="film_runtime_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_en} ({self.year})" if self.year else self.title_en

    def save(self, *args, **kwargs):
        self.sort_title = sort_key(self.title_en)
        self.title_initial = initial(self.title_en)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("catalogue:film-detail", kwargs={"slug": self.slug})

    @property
    def key_image(self):
        """The image marked as key, or None. Uses what a page or card query
        prefetched (``key_images``, ``card_images`` or ``images``) before
        asking the database."""
        prefetched = getattr(self, "key_images", None)
        if prefetched is not None:
            return prefetched[0] if prefetched else None
        card_images = getattr(self, "card_images", None)
        if card_images is not None:
            return next((image for image in card_images if image.is_key), None)
        if "images" in getattr(self, "_prefetched_objects_cache", {}):
            return next((image for image in self.images.all() if image.is_key), None)
        return self.images.filter(is_key=True).first()

    @property
    def card_image(self):
        """What a film card shows: the key image, else the first poster, else
        None. Uses ``card_images`` when ``films_for_cards`` prefetched them."""
        card_images = getattr(self, "card_images", None)
        if card_images is not None:
            return card_images[0] if card_images else None
        return self.key_image or self.images.filter(kind="poster").first()

    def external_links(self) -> list[ExternalLink]:
        """The film's identifiers in other registers, each with its address.

        The one place those addresses are built: the film page, its JSON-LD
        ``sameAs`` and both OAI-PMH formats all read this. EIDR ids are DOIs
        (``10.5240/…``), so they resolve through doi.org.
        """
        links = []
        if self.imdb_id:
            links.append(
                ExternalLink(
                    "imdb",
                    "IMDb",
                    self.imdb_id,
                    f"https://www.imdb.com/title/{self.imdb_id}/",
                )
            )
        if self.wikidata_id:
            links.append(
                ExternalLink(
                    "wikidata",
                    "Wikidata",
                    self.wikidata_id,
                    f"https://www.wikidata.org/wiki/{self.wikidata_id}",
                )
            )
        if self.eidr_id:
            links.append(
                ExternalLink(
                    "eidr", "EIDR", self.eidr_id, f"https://doi.org/{self.eidr_id}"
                )
            )
        return links

    @property
    def original_title_display(self) -> str:
        """The original title as most visitors can read it (Latin script)."""
        return self.title_original_latin or self.title_original


class FilmTitle(models.Model):
    """Any further title: alternative, working, festival or translated."""

    class Kind(models.TextChoices):
        ALTERNATIVE = "alternative", _("Alternative title")
        WORKING = "working", _("Working title")
        TRANSLATED = "translated", _("Translated title")
        FESTIVAL = "festival", _("Festival title")

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(
        _("language"), max_length=3, blank=True, validators=[validate_language_code]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("other title")
        verbose_name_plural = _("other titles")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "title", "kind", "language"], name="film_title_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class FilmCountry(models.Model):
    """A production country of a film, in the order the film credits them."""

    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="production_countries"
    )
    # Four characters so that ISO 3166-3 codes (SUHH for the USSR) fit.
    country = CountryField(_("country"), max_length=4)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("production country")
        verbose_name_plural = _("production countries")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "country"], name="film_country_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.country.name)


class FilmLanguage(models.Model):
    """A language spoken in a film (ISO 639), in order of importance."""

    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="spoken_languages"
    )
    language = models.CharField(
        _("language"), max_length=3, validators=[validate_language_code]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "language"], name="film_language_unique"
            )
        ]

    def __str__(self) -> str:
        return language_name(self.language)
