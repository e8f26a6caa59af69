"""Image files for upload tests, made on the spot with Pillow."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

GPS_IFD = 0x8825
MAKE, MODEL, ORIENTATION, ARTIST = 0x010F, 0x0110, 0x0112, 0x013B


def image_bytes(fmt="JPEG", size=(1200, 800), colour=(180, 90, 40), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, fmt, **save)
    return out.getvalue()


def upload(data: bytes, name: str, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_with_metadata(size=(1200, 800), orientation=1) -> bytes:
    """A JPEG as a phone writes it: camera, artist, GPS position, orientation."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[MODEL] = "Pocket 12"
    exif[ARTIST] = "Jan Jansen"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (52.0, 22.0, 12.0), 3: "E", 4: (4.0, 53.0, 0.0)}
    )
    return image_bytes("JPEG", size, exif=exif.tobytes(), comment=b"shot at home")


def png_with_text(size=(600, 400)) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jan Jansen")
    info.add_text("Location", "Keizersgracht 1, Amsterdam")
    return image_bytes("PNG", size, pnginfo=info)


def bomb_png() -> bytes:
    """11,000 × 11,000 pixels of nothing: 15 KB on disk, 121 megapixels open."""
    out = io.BytesIO()
    Image.new("1", (11_000, 11_000)).save(out, "PNG")
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", (1200, 800), quality=95)
    return data[: len(data) // 2]


def jpeg_with_large_profile_cut_in_half() -> bytes:
    """A small JPEG carrying a colour profile larger than its pixels (as some
    scanners and print workflows write it), cut in half: the file stops inside
    its header, before Pillow has read what kind of JPEG it is."""
    profile = bytes(range(256)) * 160
    data = image_bytes("JPEG", (300, 200), icc_profile=profile)
    return data[: len(data) // 2]


def truncated_webp() -> bytes:
    data = image_bytes("WEBP", (1200, 800))
    return data[: len(data) // 2]


def gif_bytes() -> bytes:
    return image_bytes("GIF", (200, 100))


def minimal_mp4() -> bytes:
    """The first boxes of an MP4 file: enough for its header to say what it is."""
    ftyp = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    mdat = b"\x00\x00\x00\x10mdat" + b"\x00" * 8
    return ftyp + mdat
