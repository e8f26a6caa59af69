"""OAI-PMH datestamps: UTC, to the second (``YYYY-MM-DDThh:mm:ssZ``).

Internally a datestamp is milliseconds since 1970 (the unit of the search
index's ``version``), so comparing and ordering never goes through strings.
``from`` and ``until`` accept days or seconds, as the protocol requires of a
repository whose granularity is seconds.
"""

import datetime as dt
import re
from dataclasses import dataclass

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DAY = "day"
SECOND = "second"

# ASCII digits only (``\d`` would take any script's digits; see core.numbers).
_PATTERNS = {
    DAY: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    SECOND: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"),
}
_FORMATS = {DAY: "%Y-%m-%d", SECOND: "%Y-%m-%dT%H:%M:%SZ"}
_SPAN_MS = {DAY: 86_400_000, SECOND: 1000}


class InvalidDatestamp(ValueError):
    """A ``from`` or ``until`` value that is no date in either granularity."""


@dataclass(frozen=True)
class DateBound:
    """A ``from`` or ``until`` argument: the span of time it names.

    ``2024-03-01`` covers the whole day, ``2024-03-01T10:00:00Z`` one second;
    ``from`` takes the first millisecond of the span, ``until`` the last.
    """

    granularity: str
    first_ms: int
    last_ms: int


def parse_bound(value: str) -> DateBound:
    """Read a ``from``/``until`` argument, or raise ``InvalidDatestamp``."""
    for granularity, pattern in _PATTERNS.items():
        if pattern.fullmatch(value):
            try:
                moment = dt.datetime.strptime(value, _FORMATS[granularity])
            except ValueError as error:  # 2024-02-30, 25:00:00…
                raise InvalidDatestamp(value) from error
            first = to_ms(moment.replace(tzinfo=dt.UTC))
            return DateBound(granularity, first, first + _SPAN_MS[granularity] - 1)
    raise InvalidDatestamp(value)


def to_ms(moment: dt.datetime) -> int:
    """An aware datetime as milliseconds since 1970."""
    return int(moment.timestamp() * 1000)


def format_ms(ms: int) -> str:
    """Milliseconds since 1970 as an OAI-PMH datestamp, cut to the second."""
    moment = dt.datetime.fromtimestamp(ms // 1000, tz=dt.UTC)
    return moment.strftime(_FORMATS[SECOND])


def format_datetime(moment: dt.datetime) -> str:
    return format_ms(to_ms(moment))


def now() -> dt.datetime:
    return dt.datetime.now(tz=dt.UTC)
