"""Byte ranges of a stored file, as a video player asks for them."""

import io

import pytest
from django.test import RequestFactory

from festarchive.professionals.streaming import (
    ByteRange,
    RangeNotSatisfiable,
    parse_range,
    ranged_response,
)

SIZE = 1000


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", ByteRange(0, 99)),
        ("bytes=0-0", ByteRange(0, 0)),
        ("bytes=900-", ByteRange(900, 999)),
        ("bytes=900-5000", ByteRange(900, 999)),
        ("bytes=-100", ByteRange(900, 999)),
        ("bytes=-5000", ByteRange(0, 999)),
        ("BYTES = 10 - 19", ByteRange(10, 19)),
        # Read as no range at all: the whole file.
        (None, None),
        ("", None),
        ("bytes=", None),
        ("bytes=-", None),
        ("bytes=20-10", None),
        ("bytes=0-9,20-29", None),
        ("items=0-9", None),
        ("bytes=a-b", None),
        ("bytes=١-٩", None),  # digits, but not ASCII ones
        ("bytes 0-9", None),
    ],
)
def test_parse_range(header, expected):
    assert parse_range(header, SIZE) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_parse_range_past_the_end(header):
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, SIZE)


def test_an_empty_file_satisfies_no_suffix_range():
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=-10", 0)


class Tracked(io.BytesIO):
    closed_by_us = False

    def close(self):
        self.closed_by_us = True
        super().close()


DATA = bytes(range(256)) * 4  # 1,024 bytes


def _respond(method="get", **headers):
    request = getattr(RequestFactory(), method)("/", headers=headers)
    file = Tracked(DATA)
    response = ranged_response(
        request, file, size=len(DATA), content_type="video/webm", etag='"v1"'
    )
    return response, file


# Closing a response, as the server does when the client has gone, sends
# request_finished, whose handler looks at the database connections.
closes_response = pytest.mark.django_db


def _read(response) -> bytes:
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    response.close()
    return content


@closes_response
def test_a_range_is_served_in_full_and_the_file_closed():
    response, file = _respond(Range="bytes=1000-1023")
    assert response.status_code == 206
    assert _read(response) == DATA[1000:]
    assert response["Content-Range"] == "bytes 1000-1023/1024"
    assert file.closed_by_us


@closes_response
def test_a_client_that_goes_away_leaves_the_file_closed():
    response, file = _respond()
    next(iter(response.streaming_content))
    response.close()
    assert file.closed_by_us


def test_head_sends_the_headers_without_the_bytes():
    response, file = _respond("head", Range="bytes=0-9")
    assert response.status_code == 206
    assert response["Content-Length"] == "10"
    assert response.content == b""
    assert file.closed_by_us


def test_416_names_the_size_and_closes_the_file():
    response, file = _respond(Range="bytes=2000-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"
    assert response.content == b""
    assert file.closed_by_us


@closes_response
def test_if_range_with_another_version_gets_the_whole_file():
    response, _file = _respond(Range="bytes=0-9", **{"If-Range": '"v0"'})
    assert response.status_code == 200
    assert _read(response) == DATA
    response, _file = _respond(Range="bytes=0-9", **{"If-Range": '"v1"'})
    assert response.status_code == 206
