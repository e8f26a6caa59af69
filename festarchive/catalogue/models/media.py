from django.db import models
from django.utils.translation import gettext_lazy as _

from .film import Film


class FilmImage(models.Model):
    """A still or poster of a film; one may be the film's key image."""

    class Kind(models.TextChoices):
        STILL = "still", _("Still")
        POSTER = "poster", _("Poster")

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("image"), upload_to="films/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.STILL
    )
    alt_en = models.CharField(_("alt text (English)"), max_length=300, blank=True)
    alt_nl = models.CharField(_("alt text (Dutch)"), max_length=300, blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    copyright = models.CharField(_("copyright"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_key = models.BooleanField(_("key image"), default=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.UniqueConstraint(
                fields=["film"],
                condition=models.Q(is_key=True),
                name="film_one_key_image",
                violation_error_message=_("A film has one key image."),
            )
        ]

    def __str__(self) -> str:
        return self.caption or self.image.name


class FilmVideo(models.Model):
    """A video about a film (trailer, clip, Q&A), hosted on a video site."""

    class Kind(models.TextChoices):
        TRAILER = "trailer", _("Trailer")
        CLIP = "clip", _("Clip")
        QA = "qa", _("Q&A")

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="videos")
    url = models.URLField(_("URL"))
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.TRAILER
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self) -> str:
        return self.title or self.url
