"""Opaque cursors for the API's lists.

Lists of records (people, companies, editions…) are ordered by id and resume
after the last id seen, so records added while a client pages through never
shift a page; screenings are ordered by their start, then id, and resume
after the last pair seen. Film searches are ordered by relevance or title,
not by id; their cursor carries the position in that order and a fingerprint of the search, so
a cursor cannot be replayed against another search.
"""

import base64
import datetime
import hashlib
import json


class BadCursor(ValueError):
    pass


def encode(**state) -> str:
    raw = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> dict:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        state = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError) as error:
        raise BadCursor("The cursor is not one this API gave out.") from error
    if not isinstance(state, dict):
        raise BadCursor("The cursor is not one this API gave out.")
    return state


def fingerprint(items: list[tuple[str, str]]) -> str:
    """A short hash of a search's parameters (without its page)."""
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()[:12]


def after_id(cursor: str | None) -> int:
    """The id a record list resumes after (0 for the first page)."""
    if not cursor:
        return 0
    value = decode(cursor).get("after")
    if not isinstance(value, int) or value < 0:
        raise BadCursor("The cursor is not one this API gave out.")
    return value


def search_offset(cursor: str | None, search: str) -> int:
    """The position a film search resumes at, checked against the search."""
    if not cursor:
        return 0
    state = decode(cursor)
    offset = state.get("offset")
    if state.get("search") != search or not isinstance(offset, int) or offset < 0:
        raise BadCursor("The cursor belongs to another search.")
    return offset


def after_moment(cursor: str | None) -> tuple[datetime.datetime, int] | None:
    """The (start, id) a list in time order resumes after (None for the
    first page): screenings page by their start, then their id."""
    if not cursor:
        return None
    state = decode(cursor)
    at, after = state.get("at"), state.get("after")
    if not isinstance(at, str) or not isinstance(after, int) or after < 0:
        raise BadCursor("The cursor is not one this API gave out.")
    try:
        moment = datetime.datetime.fromisoformat(at)
    except ValueError as error:
        raise BadCursor("The cursor is not one this API gave out.") from error
    if moment.tzinfo is None:
        raise BadCursor("The cursor is not one this API gave out.")
    return moment, after


def encode_moment(moment: datetime.datetime, pk: int) -> str:
    """The cursor of the page after the record starting at ``moment``."""
    return encode(at=moment.astimezone(datetime.UTC).isoformat(), after=pk)
