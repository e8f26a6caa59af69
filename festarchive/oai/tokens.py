"""Resumption tokens: the rest of a list, carried by the harvester, not stored.

A token is the list's original arguments plus a cursor, the (datestamp, film
id) of the last record sent, signed with the secret key and a timestamp
(Django's ``signing``), so it cannot be forged or edited and expires by itself.
The list goes on after that cursor in (datestamp, id) order: a film changed in
the middle of a harvest moves to the end and is sent again, none is skipped.
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.core import signing

SALT = "festarchive.oai.resumption-token"
VERSION = 1


class InvalidToken(ValueError):
    """Garbled, forged, expired or from another version of the repository."""


@dataclass(frozen=True)
class ListState:
    """Where a ListIdentifiers or ListRecords harvest stands."""

    verb: str
    metadata_prefix: str
    set_spec: str | None
    from_ms: int | None
    until_ms: int | None
    after_ms: int
    after_id: int
    cursor: int  # how many items were sent before the next page
    total: int  # completeListSize, counted at the first request


def issue(state: ListState) -> str:
    return signing.dumps({"v": VERSION, **asdict(state)}, salt=SALT, compress=True)


def read(token: str, *, max_age: dt.timedelta) -> ListState:
    """The state in ``token``, or ``InvalidToken``."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidToken(str(error)) from error
    if not isinstance(data, dict) or data.pop("v", None) != VERSION:
        raise InvalidToken("unknown token version")
    try:
        state = ListState(**data)
    except TypeError as error:
        raise InvalidToken("unknown token fields") from error
    optional_ints = (state.from_ms, state.until_ms)
    ints = (state.after_ms, state.after_id, state.cursor, state.total)
    if not (
        isinstance(state.verb, str)
        and isinstance(state.metadata_prefix, str)
        and (state.set_spec is None or isinstance(state.set_spec, str))
        and all(v is None or type(v) is int for v in optional_ints)
        and all(type(v) is int for v in ints)
    ):
        raise InvalidToken("malformed token")
    return state
