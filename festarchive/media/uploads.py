"""Checking an uploaded image and storing a clean copy of it.

An upload is judged by its content, never by its name or the browser's
content type: Pillow reads the header to tell what the file really is and how
big it claims to be, before anything is decoded. What passes is decoded in
full (a truncated or corrupt file fails there) and written out again without
its metadata, so no camera, location or editing history reaches the public
site. The stored name is derived from the cleaned bytes, so two uploads of the
same picture share a name and a file name never carries the uploader's words.
"""

import hashlib
import io
import struct
import warnings
import zlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from festarchive.core.limits import limit
from festarchive.core.storage import STORAGE_ERRORS, StorageFailed

# The sizes accepted are limits (festarchive.core.limits): "upload_max_bytes",
# "upload_max_side", "upload_max_pixels" (a file declaring more pixels is
# treated as a decompression bomb) and "upload_max_video_bytes".

ORIENTATION = 0x0112  # the EXIF tag

# What we accept, as Pillow names the format, and the extension we store it under.
ACCEPTED = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

# What people most often upload by mistake, named in the refusal.
_KNOWN_KINDS = (
    (b"%PDF", gettext_lazy("PDF document")),
    (b"GIF8", gettext_lazy("GIF image")),
    (b"II*\x00", gettext_lazy("TIFF image")),
    (b"MM\x00*", gettext_lazy("TIFF image")),
    (b"BM", gettext_lazy("BMP image")),
    (b"PK\x03\x04", gettext_lazy("ZIP archive or Office document")),
    (b"<svg", gettext_lazy("SVG drawing")),
    (b"<?xml", gettext_lazy("XML or SVG file")),
)


class ImageRejected(ValidationError):
    """An upload that is not an image we store, with the reason in words."""


# What Pillow raises for a file it cannot read to the end: OSError for a file
# cut off in its header ("Truncated File Read") or its pixels ("image file is
# truncated") and for a WebP it cannot start on ("could not create decoder
# object"), SyntaxError for a broken header or checksum, and the others for
# headers that stop early. They are about the upload, never about our
# storage, so none of them may leave check_image as a bare OSError, which the
# admin reports as a storage failure.
_UNREADABLE = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    struct.error,
    zlib.error,
)

# How the formats we accept begin: a file that starts like one of them but
# cannot be read is a damaged image, not some other kind of file.
_ACCEPTED_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def store_files(fields_and_contents) -> None:
    """Save each (file field, content) pair to storage, all or nothing: when
    one fails, what was written of it (a disk fills up halfway through a
    file) and the files already written for the others are deleted again."""
    written = []
    for field_file, content in fields_and_contents:
        storage, field = field_file.storage, field_file.field
        target = None
        try:
            # The name the storage will choose: free now, so whatever is
            # found under it after a failure is our own half-written file.
            target = storage.get_available_name(
                field.generate_filename(field_file.instance, content.name),
                max_length=field.max_length,
            )
            field_file.save(content.name, content, save=False)
        except STORAGE_ERRORS as error:
            names = [f.name for f in written] + ([target] if target else [])
            for name in names:
                try:
                    if storage.exists(name):
                        storage.delete(name)
                except STORAGE_ERRORS:
                    pass  # the storage is failing: nothing more to do now
            raise StorageFailed(content.name, error) from error
        written.append(field_file)


@dataclass(frozen=True)
class CheckedImage:
    content: ContentFile  # the cleaned file, named <hash>.<extension>
    format: str  # JPEG, PNG or WEBP
    width: int
    height: int


def _damaged(name: str) -> ImageRejected:
    return ImageRejected(
        _(
            "%(name)s is damaged or incomplete (perhaps the upload was cut off); "
            "export it again and upload the new file."
        )
        % {"name": name},
        code="damaged",
    )


def _starts_like_accepted(head: bytes) -> bool:
    return head.startswith(_ACCEPTED_SIGNATURES) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    )


def _describe(head: bytes) -> str:
    stripped = head.lstrip()
    for magic, kind in _KNOWN_KINDS:
        if stripped.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return gettext_lazy("video or HEIC photo")
    return ""


def _read(upload, name: str) -> bytes:
    most = limit("upload_max_bytes")
    size = getattr(upload, "size", None)
    if size is not None and size > most:
        raise ImageRejected(
            _("%(name)s is %(size)s; images may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(most),
            },
            code="too_big",
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(most + 1)
    if len(data) > most:
        raise ImageRejected(
            _("%(name)s is larger than %(limit)s, the most an image may be.")
            % {"name": name, "limit": filesizeformat(most)},
            code="too_big",
        )
    if not data:
        raise ImageRejected(_("%(name)s is empty.") % {"name": name}, code="empty")
    return data


def _open(data: bytes, name: str) -> Image.Image:
    """The image's header, read without decoding its pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb(name) from None
    except UnidentifiedImageError:
        if _starts_like_accepted(data[:16]):
            raise _damaged(name) from None
        kind = _describe(data[:16])
        if kind:
            message = _(
                "%(name)s is a %(kind)s, not an image we accept: "
                "upload a JPEG, PNG or WebP file."
            ) % {"name": name, "kind": kind}
        else:
            message = _(
                "%(name)s is not an image we can read: upload a JPEG, PNG or WebP file."
            ) % {"name": name}
        raise ImageRejected(message, code="not_an_image") from None
    except _UNREADABLE as error:
        # Pillow knew the format but the header stops or breaks part-way.
        raise _damaged(name) from error
    if image.format not in ACCEPTED:
        raise ImageRejected(
            _(
                "%(name)s is a %(format)s image; upload a JPEG, PNG or WebP file "
                "instead."
            )
            % {"name": name, "format": image.format},
            code="wrong_format",
        )
    width, height = image.size
    longest = limit("upload_max_side")
    if width > longest or height > longest:
        raise ImageRejected(
            _(
                "%(name)s is %(width)s × %(height)s pixels; images may be at most "
                "%(limit)s pixels a side."
            )
            % {"name": name, "width": width, "height": height, "limit": longest},
            code="too_large",
        )
    if width * height > limit("upload_max_pixels"):
        raise _bomb(name)
    return image


def _bomb(name: str) -> ImageRejected:
    return ImageRejected(
        _(
            "%(name)s would unpack to more than %(limit)s megapixels: "
            "it looks like a decompression bomb and was not stored."
        )
        % {"name": name, "limit": limit("upload_max_pixels") // 1_000_000},
        code="bomb",
    )


def _decode(data: bytes, name: str) -> Image.Image:
    """The whole image decoded; a damaged or truncated file fails here."""
    try:
        # verify() checks what load() does not, such as PNG checksums; it
        # leaves the image unusable, so the file is opened a second time.
        Image.open(io.BytesIO(data)).verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except _UNREADABLE as error:
        raise _damaged(name) from error
    return image


def _without_metadata(image: Image.Image) -> bytes:
    """The image written again with its colour profile and nothing else.

    EXIF (camera, GPS, dates), XMP, IPTC, comments and PNG text chunks are
    left behind. A photo the camera marked as rotated is turned upright
    first, since the mark that said so goes with the rest of the EXIF.
    """
    source_format = image.format
    icc_profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    turned = image.getexif().get(ORIENTATION, 1) not in (0, 1)
    upright = ImageOps.exif_transpose(image) if turned else image
    # Pillow writes some of what it read (comments, XMP) back out unless told
    # otherwise; with the info emptied there is nothing to carry over.
    image.info = {}
    upright.info = {}
    out = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if source_format == "JPEG":
        if turned:
            upright.save(out, "JPEG", quality=92, optimize=True, **options)
        else:
            # Re-using the file's own quantisation tables avoids a visible
            # second round of compression.
            image.save(
                out,
                "JPEG",
                quality="keep",
                subsampling="keep",
                optimize=True,
                **options,
            )
    elif source_format == "PNG":
        if transparency is not None:
            options["transparency"] = transparency
        upright.save(out, "PNG", **options)
    else:
        if upright.mode not in ("RGB", "RGBA"):
            upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
        upright.save(out, "WEBP", quality=90, method=4, **options)
    return out.getvalue()


def check_image(upload, name: str | None = None) -> CheckedImage:
    """A clean copy of ``upload`` (a file object or bytes), or ImageRejected.

    ``name`` is how the file is named in messages (the upload's own name by
    default); it is never used to decide what the file is.
    """
    if isinstance(upload, bytes):
        upload = io.BytesIO(upload)
    name = name or getattr(upload, "name", None) or _("The file")
    data = _read(upload, name)
    header = _open(data, name)
    image = _decode(data, name)
    try:
        cleaned = _without_metadata(image)
        width, height = Image.open(io.BytesIO(cleaned)).size
    except _UNREADABLE as error:
        # The clean copy is written in memory: what fails here is Pillow
        # reading this file's metadata (a broken EXIF block, say), not storage.
        raise _damaged(name) from error
    digest = hashlib.sha256(cleaned).hexdigest()[:20]
    extension = ACCEPTED[header.format]
    return CheckedImage(
        content=ContentFile(cleaned, name=f"{digest}.{extension}"),
        format=header.format,
        width=width,
        height=height,
    )


# The brands of the MP4 family that browsers play in a <video> element;
# QuickTime ("qt  ") and 3GP files share the container but often do not play.
_MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"dash",
}


def check_video(upload, name: str | None = None):
    """``upload`` if it is an MP4 file within the size limit, else ImageRejected.

    The file is not decoded (that would take a video toolkit); its container
    header says what it is, which is what a renamed file gets wrong. The file
    is renamed after a hash of its content, read in chunks.
    """
    name = name or getattr(upload, "name", None) or _("The file")
    most = limit("upload_max_video_bytes")
    size = getattr(upload, "size", None) or 0
    if size > most:
        raise ImageRejected(
            _("%(name)s is %(size)s; videos may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(most),
            },
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(12)
    if len(head) < 12 or head[4:8] != b"ftyp":
        kind = _describe(head)
        raise ImageRejected(
            _("%(name)s is not an MP4 video%(kind)s; upload an MP4 file.")
            % {"name": name, "kind": f" ({kind})" if kind else ""},
            code="not_a_video",
        )
    if head[8:12] not in _MP4_BRANDS:
        raise ImageRejected(
            _(
                "%(name)s is a %(brand)s video, which browsers may not play; "
                "export it as MP4 (H.264) and upload that."
            )
            % {"name": name, "brand": head[8:12].decode("latin-1").strip() or "?"},
            code="wrong_format",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    upload.name = f"{digest.hexdigest()[:20]}.mp4"
    return upload
