"""Checking a screener video before it is stored, and what to serve it as.

A screener is judged by its first bytes, never by its name: an MP4 file
(through the media app's own check) or a WebM file, the two containers every
current browser plays in a <video> element. It is stored under a name made
of a hash of its content, so the name never carries the uploader's words.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from festarchive.core.limits import limit
from festarchive.media.uploads import ImageRejected, check_video

# WebM is Matroska with the document type "webm", named in the EBML header at
# the very start of the file.
_EBML_MAGIC = b"\x1a\x45\xdf\xa3"
_WEBM_DOCTYPE = b"\x42\x82\x84webm"

CONTENT_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}


@dataclass(frozen=True)
class CheckedScreener:
    file: File
    extension: str  # a key of CONTENT_TYPES


def content_type(name: str) -> str:
    """What a stored screener is served as, from the extension it was given."""
    return CONTENT_TYPES.get(
        name.rsplit(".", 1)[-1].lower(), "application/octet-stream"
    )


def _digest(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()[:20]


def check_screener(upload) -> CheckedScreener:
    """``upload`` if it is an MP4 or WebM video within the video size limit,
    renamed after its content; ValidationError otherwise."""
    name = getattr(upload, "name", None) or _("The file")
    size = getattr(upload, "size", None) or 0
    most = limit("upload_max_video_bytes")
    if size > most:
        raise ValidationError(
            _("%(name)s is %(size)s; videos may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(most),
            },
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    if head.startswith(_EBML_MAGIC) and _WEBM_DOCTYPE in head:
        upload.name = f"{_digest(upload)}.webm"
        return CheckedScreener(file=upload, extension="webm")
    try:
        checked = check_video(upload, name)
    except ImageRejected as rejected:
        if rejected.code != "not_a_video":
            # An MP4 browsers may not play: the media app's words say why.
            raise ValidationError(rejected.messages, code=rejected.code) from None
        raise ValidationError(
            _("%(name)s is not an MP4 or WebM video; upload one of those.")
            % {"name": name},
            code="not_a_video",
        ) from None
    return CheckedScreener(file=checked, extension="mp4")
