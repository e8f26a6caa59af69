"""What every stored picture has, whatever it shows."""

from pathlib import PurePosixPath

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from festarchive.core.i18n import localized

from .fields import CheckedImageField


class PictureQuerySet(models.QuerySet):
    def public(self):
        """Pictures anyone may see: every one, unless what they belong to has
        a rule of its own (a film's images show once the film is published)."""
        return self.all()


class Picture(models.Model):
    """An image with its texts. Concrete models say what it belongs to and
    where its file goes (``upload_to``), and name their kind for rendition
    URLs (``picture_kind``)."""

    picture_kind = ""

    image = CheckedImageField(
        _("image"), upload_to="images/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_en = models.CharField(
        _("alt text (English)"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    alt_nl = models.CharField(_("alt text (Dutch)"), max_length=300, blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    copyright = models.CharField(
        _("copyright"),
        max_length=200,
        blank=True,
        help_text=_("Who holds the rights, as it should be credited."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PictureQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.caption or self.alt_en or PurePosixPath(self.image.name).name

    @property
    def alt(self) -> str:
        """The alt text in the page's language, else the other one."""
        return localized(self, "alt").text

    @property
    def source_size(self) -> tuple[int, int]:
        return (self.width or 0, self.height or 0)

    @property
    def version(self) -> str:
        """Changes when the file does: stored names are content hashes."""
        return PurePosixPath(self.image.name).stem

    def rendition_url(self, rendition: str, width: int, ext: str) -> str:
        return rendition_address(self, rendition, width, ext)


def rendition_address(picture, rendition: str, width: int, ext: str) -> str:
    """The address of one rendition of ``picture`` (anything with a
    ``picture_kind``, a ``pk`` and a ``version``)."""
    return reverse(
        "media:rendition",
        kwargs={
            "kind": picture.picture_kind,
            "pk": picture.pk,
            "version": picture.version,
            "rendition": rendition,
            "width": width,
            "ext": ext,
        },
    )
