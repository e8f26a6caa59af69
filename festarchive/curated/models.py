from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from festarchive.catalogue.models import Film
from festarchive.core.i18n import LocalizedText, localized
from festarchive.core.models import TimeStampedModel


def selections_list_tag() -> str:
    """The page tag of the list of selections: the selections page, and the
    home page's featured ones. Any change to a selection retires it (a new
    title, published, featured or not any more)."""
    return "curatedselection:list"


class CuratedSelectionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def featured(self):
        return self.published().filter(featured=True)


class CuratedSelection(TimeStampedModel):
    """A titled, ordered set of films staff chose, with an introduction and a
    note for each film, in English and Dutch. Publicly a "selection"."""

    slug = models.SlugField(max_length=120, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, blank=True)
    introduction_en = models.TextField(
        _("introduction (English)"),
        blank=True,
        help_text=_("Paragraphs separated by an empty line."),
    )
    introduction_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("Shown on the home page while it is published."),
    )
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Newest first in the list of selections."),
    )
    order = models.PositiveSmallIntegerField(
        _("display order"),
        default=100,
        help_text=_("Lower numbers first, then the newest."),
    )
    films = models.ManyToManyField(
        Film, through="CuratedFilm", related_name="curated_selections"
    )

    objects = CuratedSelectionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "-published_on", "title_en"]
        verbose_name = _("curated selection")
        verbose_name_plural = _("curated selections")

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("curated:selection-detail", kwargs={"slug": self.slug})

    def page_tags(self) -> set[str]:
        return {selections_list_tag()}

    @property
    def title(self):
        return localized(self, "title")

    @property
    def introduction(self):
        return localized(self, "introduction")

    @property
    def introduction_lead(self) -> LocalizedText:
        """The introduction's first paragraph, for lists and the home page."""
        text = localized(self, "introduction")
        first = text.text.strip().split("\n\n", 1)[0].strip()
        return LocalizedText(first, text.language, text.is_fallback)


class CuratedFilm(models.Model):
    """A film's place in a curated selection, with its note."""

    selection = models.ForeignKey(
        CuratedSelection, on_delete=models.CASCADE, related_name="entries"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_nl = models.TextField(_("note (Dutch)"), blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("film in a selection")
        verbose_name_plural = _("films in the selection")
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "film"],
                name="curated_film_once",
                violation_error_message=_("A film is in a selection only once."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.selection} {self.order}. {self.film}"

    @property
    def note(self):
        return localized(self, "note")
