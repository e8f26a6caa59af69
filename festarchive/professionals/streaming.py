"""Serving a stored file in byte ranges, as a <video> element asks for it.

Browsers play and seek a video by asking for parts of it (``Range: bytes=…``)
and expect ``206 Partial Content`` back; Django serves whole files only.
This serves one range per request (RFC 9110, section 14): a request for
several ranges, or a header we cannot read, gets the whole file, which the
RFC allows and browsers cope with; a range that starts past the end gets
``416`` and no bytes.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.http import HttpResponse, StreamingHttpResponse

CHUNK_BYTES = 64 * 1024
_RANGE = re.compile(r"^\s*([0-9]*)\s*-\s*([0-9]*)\s*$", re.ASCII)


class RangeNotSatisfiable(Exception):
    """A range wholly outside the file."""


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self) -> int:
        return self.end - self.start + 1


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one range ``header`` asks for within a file of ``size`` bytes, or
    None to send the whole file. RangeNotSatisfiable when it starts past the
    end (or asks for the last 0 bytes)."""
    if not header:
        return None
    unit, equals, specs = header.partition("=")
    if not equals or unit.strip().lower() != "bytes":
        return None
    specs = specs.split(",")
    if len(specs) != 1:
        return None
    match = _RANGE.match(specs[0])
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # "-500": the last 500 bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return ByteRange(max(0, size - suffix), size - 1)
    start = int(first)
    if last and int(last) < start:
        return None  # not a valid range: the header is ignored
    if start >= size:
        raise RangeNotSatisfiable
    end = min(int(last), size - 1) if last else size - 1
    return ByteRange(start, end)


def _chunks(file, start: int, length: int) -> Iterator[bytes]:
    # The response closes this generator when the client goes away, which
    # runs the ``finally`` and closes the file.
    try:
        file.seek(start)
        left = length
        while left > 0:
            chunk = file.read(min(CHUNK_BYTES, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        file.close()


def ranged_response(
    request,
    file,
    *,
    size: int,
    content_type: str,
    etag: str,
    headers: dict | None = None,
) -> HttpResponse:
    """A 200, 206 or 416 response for ``file`` (open, binary, seekable), which
    it closes. ``etag`` is quoted (``'"abc"'``); an ``If-Range`` naming
    another version of the file gets the whole of this one."""
    common = {"Accept-Ranges": "bytes", "ETag": etag, **(headers or {})}
    header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if if_range is not None and if_range.strip() != etag:
        header = None
    try:
        wanted = parse_range(header, size)
    except RangeNotSatisfiable:
        file.close()
        response = HttpResponse(status=416, headers=common)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if wanted is None:
        status, start, length = 200, 0, size
    else:
        status, start, length = 206, wanted.start, wanted.length
    if request.method == "HEAD":
        file.close()
        response = HttpResponse(status=status, content_type=content_type)
    else:
        response = StreamingHttpResponse(
            _chunks(file, start, length), status=status, content_type=content_type
        )
    for name, value in common.items():
        response[name] = value
    response["Content-Length"] = str(length)
    if wanted is not None:
        response["Content-Range"] = f"bytes {wanted.start}-{wanted.end}/{size}"
    return response
