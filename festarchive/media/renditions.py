"""Named renditions of stored images: defined once, made on first request.

A template asks for a rendition by name ("card", "hero", "poster", "thumb",
"full", "portrait"); the picture tag writes a ``srcset`` of its widths in WebP and
JPEG, so a phone fetches a small file and an old browser still gets a JPEG.
Each file is made by django-imagekit the first time it is requested (see
views.py), saved in the default storage under ``renditions/`` and then served
from there: imagekit records in the cache that it exists, so later requests do
no image work and no storage lookup.

Only the widths listed here (or, for a small original, its own width) can be
requested: a rendition URL cannot be used to make the server resize to
arbitrary sizes.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath
from types import SimpleNamespace

from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import get_default_cachefile_backend
from imagekit.specs import ImageSpec
from imagekit.utils import get_storage
from pilkit.processors import ResizeToFill, ResizeToFit


@dataclass(frozen=True)
class Rendition:
    name: str
    widths: tuple[int, ...]
    # Width:height for renditions cut to a fixed shape; None keeps the
    # original's shape.
    ratio: tuple[int, int] | None = None

    def height_for(self, width: int, source_width: int, source_height: int) -> int:
        if self.ratio:
            return round(width * self.ratio[1] / self.ratio[0])
        return max(1, round(width * source_height / source_width))

    def available_widths(self, source_width: int, source_height: int) -> list[int]:
        """The widths this rendition can be made at without enlarging the
        original; a small original gets one rendition at its own size."""
        if not source_width or not source_height:
            return []
        largest = source_width
        if self.ratio:
            largest = min(source_width, source_height * self.ratio[0] // self.ratio[1])
        widths = [w for w in self.widths if w <= largest]
        return widths or [largest]


RENDITIONS = {
    r.name: r
    for r in (
        # Film cards in search results, lists and filmographies.
        Rendition("card", (320, 480, 640, 960), ratio=(16, 9)),
        # The key image at the top of a film page, full column width.
        Rendition("hero", (480, 800, 1200, 1600, 2000)),
        # A film's poster in the facts column of its page, upright, never cut
        # to a landscape shape.
        Rendition("poster", (160, 320, 480, 720), ratio=(2, 3)),
        # Gallery thumbnails on film pages.
        Rendition("thumb", (240, 360, 480), ratio=(3, 2)),
        # An image opened large from the gallery.
        Rendition("full", (800, 1400, 2000)),
        # People's portraits and companies' logos.
        Rendition("portrait", (160, 320, 480), ratio=(1, 1)),
    )
}

FORMATS = {
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
}


def rendition_folder(source_name: str) -> str:
    """The folder holding every rendition of one original, and nothing else:
    named after the original (whose name is a hash of its content)."""
    stem = PurePosixPath(source_name).stem
    folder = PurePosixPath(source_name).parent.name or "images"
    return f"renditions/{folder}/{stem}"


def rendition_name(source_name: str, rendition: Rendition, width: int, ext: str) -> str:
    """Where a rendition is stored."""
    return f"{rendition_folder(source_name)}/{rendition.name}-{width}.{ext}"


def rendition_storage():
    """The storage renditions are saved in (imagekit's: the default storage)."""
    return get_storage()


def forget_rendition(name: str) -> None:
    """Drop imagekit's record that the rendition stored as ``name`` exists,
    once its file is deleted, so a later request makes it again instead of
    trusting the record."""
    backend = get_default_cachefile_backend()
    if hasattr(backend, "get_key") and hasattr(backend, "cache"):
        backend.cache.delete(backend.get_key(SimpleNamespace(name=name)))


def rendition_file(
    source, source_size: tuple[int, int], rendition: Rendition, width: int, ext: str
) -> ImageCacheFile:
    """The cached file of one rendition of ``source`` (an ImageFieldFile whose
    size, as stored on its model, is ``source_size``).

    Creating it does no work; ``generate()`` makes the file unless it exists.
    """
    pillow_format, options = FORMATS[ext]
    height = rendition.height_for(width, *source_size)
    if rendition.ratio:
        processors = [ResizeToFill(width, height, upscale=False)]
    else:
        processors = [ResizeToFit(width, upscale=False)]
    spec = type(
        "RenditionSpec",
        (ImageSpec,),
        {"processors": processors, "format": pillow_format, "options": options},
    )(source=source)
    return ImageCacheFile(spec, name=rendition_name(source.name, rendition, width, ext))


def rendition_url(image, rendition: str, width=None, ext: str = "jpg") -> str:
    """The address of one rendition of ``image``, at ``width`` or its largest
    available width; "" when the image is too small for the rendition.

    Python code (JSON-LD, the API, the admin) calls this; templates use the
    ``{% rendition_url %}`` tag, which is this function.
    """
    definition = RENDITIONS[rendition]
    widths = definition.available_widths(*image.source_size)
    if not widths:
        return ""
    if width is None or int(width) not in widths:
        width = widths[-1]
    return image.rendition_url(rendition, int(width), ext)
