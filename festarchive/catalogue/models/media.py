from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from festarchive.media.fields import CheckedImageField, CheckedVideoField
from festarchive.media.models import Picture, PictureQuerySet, rendition_address
from festarchive.media.videos import VideoLinkError, parse_video_url

from .company import Company
from .film import Film
from .person import Person


class FilmMediaQuerySet(PictureQuerySet):
    def public(self):
        """A film's images and videos are seen when the film is."""
        return self.filter(film__in=Film.objects.published())


class FilmImage(Picture):
    """A still or poster of a film; one may be the film's key image."""

    picture_kind = "film"

    class Kind(models.TextChoices):
        STILL = "still", _("Still")
        POSTER = "poster", _("Poster")

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="images")
    image = CheckedImageField(
        _("image"), upload_to="films/", width_field="width", height_field="height"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.STILL
    )
    is_key = models.BooleanField(
        _("key image"),
        default=False,
        help_text=_("Shown at the top of the film's page and on its cards."),
    )

    objects = FilmMediaQuerySet.as_manager()

    class Meta(Picture.Meta):
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


class PersonImage(Picture):
    """A portrait of someone credited on films."""

    picture_kind = "person"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="images")
    image = CheckedImageField(
        _("image"), upload_to="people/", width_field="width", height_field="height"
    )

    class Meta(Picture.Meta):
        verbose_name = _("portrait")
        verbose_name_plural = _("portraits")


class CompanyImage(Picture):
    """A company's logo."""

    picture_kind = "company"

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="images"
    )
    image = CheckedImageField(
        _("image"), upload_to="companies/", width_field="width", height_field="height"
    )

    class Meta(Picture.Meta):
        verbose_name = _("logo")
        verbose_name_plural = _("logos")


class FilmVideo(models.Model):
    """A video about a film (trailer, clip, Q&A): a link to YouTube or Vimeo,
    or an MP4 file of our own."""

    picture_kind = "video"

    class Kind(models.TextChoices):
        TRAILER = "trailer", _("Trailer")
        CLIP = "clip", _("Clip")
        QA = "qa", _("Q&A")

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="videos")
    url = models.URLField(
        _("URL"),
        blank=True,
        help_text=_("A YouTube or Vimeo address, as copied from the browser."),
    )
    file = CheckedVideoField(
        _("MP4 file"),
        upload_to="videos/",
        blank=True,
        help_text=_("Or upload the video itself (MP4, at most 1 GB)."),
    )
    poster = CheckedImageField(
        _("poster image"),
        upload_to="posters/",
        blank=True,
        width_field="poster_width",
        height_field="poster_height",
        help_text=_("Shown before the video plays; the film's key image if empty."),
    )
    poster_width = models.PositiveIntegerField(editable=False, null=True)
    poster_height = models.PositiveIntegerField(editable=False, null=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.TRAILER
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = FilmMediaQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file=""))
                | (~models.Q(url="") & models.Q(file="")),
                name="video_link_or_file",
                violation_error_message=_(
                    "Give a YouTube or Vimeo address or upload an MP4 file, not both."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title or self.url or PurePosixPath(self.file.name).name

    def clean(self):
        super().clean()
        if self.url:
            try:
                parse_video_url(self.url)
            except VideoLinkError as error:
                raise ValidationError({"url": str(error)}) from None

    @property
    def link(self):
        """The hosted video this row points at, or None for an uploaded file."""
        if not self.url:
            return None
        try:
            return parse_video_url(self.url)
        except VideoLinkError:
            return None

    # The poster, for the picture tag (see festarchive.media).
    @property
    def source_size(self) -> tuple[int, int]:
        return (self.poster_width or 0, self.poster_height or 0)

    @property
    def version(self) -> str:
        return PurePosixPath(self.poster.name).stem

    def rendition_url(self, rendition: str, width: int, ext: str) -> str:
        return rendition_address(self, rendition, width, ext)
