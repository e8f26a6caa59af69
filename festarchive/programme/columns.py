"""The columns of the timetable spreadsheet: what the programme's CSV export
writes (programme.exports) and what the timetable import reads
(importers.timetable), and how each cell is written and read.

Kept here, apart from both, so that neither side imports the other and an
exported file always imports unchanged.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from .clock import festival_zone
from .vocabulary import ACCESS_BY_CODE, ACCESS_FEATURES

# The columns, in the order the export writes them.
COLUMN_ORDER = (
    "id",
    "edition",
    "film",
    "title",
    "year",
    "programme",
    "venue",
    "screen",
    "start",
    "end",
    "extra_minutes",
    "kind",
    "language_version",
    "subtitles",
    "access",
    "qa",
    "tickets",
    "ticket_url",
    "status",
    "notice_en",
    "notice_nl",
)
COLUMNS = frozenset(COLUMN_ORDER)
# Columns the export adds that the import reads past.
INFORMATIONAL = frozenset({"url"})
# Columns every file must have.
REQUIRED = ("edition", "venue", "screen", "start")

# Subtitle languages the ``subtitles`` column names, and their model fields.
SUBTITLES = {"en": "subtitles_en", "nl": "subtitles_nl"}
# The ``access`` column carries the features that are not subtitles.
ACCESS_COLUMN_FEATURES = tuple(
    f for f in ACCESS_FEATURES if f.field not in SUBTITLES.values()
)

YES = frozenset({"yes", "y", "ja", "j", "true", "1", "x"})
NO = frozenset({"no", "n", "nee", "false", "0", ""})

LOCAL_FORMAT = "%Y-%m-%d %H:%M"
_MOMENT = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{1,2}:\d{2})"
    r"(?:\s*(?P<offset>[+-]\d{2}:?\d{2}|Z))?$"
)
_TIME = re.compile(r"^(?P<time>\d{1,2}:\d{2})$")


class BadCell(ValueError):
    """A cell that cannot be read; the message says why, for the report."""


def format_local(moment: datetime.datetime) -> str:
    """A moment as the festival's clock shows it, ``YYYY-MM-DD HH:MM``.

    A time the clock shows twice (the night summer time ends) gets its UTC
    offset, so that reading it back gives the same moment."""
    zone = festival_zone()
    local = moment.astimezone(zone)
    text = local.strftime(LOCAL_FORMAT)
    if is_ambiguous(local.replace(tzinfo=None), zone):
        offset = local.strftime("%z")
        text += f" {offset[:3]}:{offset[3:]}"
    return text


def is_ambiguous(naive: datetime.datetime, zone: ZoneInfo) -> bool:
    """Whether the clock shows this wall time twice (clocks going back)."""
    first = naive.replace(tzinfo=zone, fold=0).utcoffset()
    second = naive.replace(tzinfo=zone, fold=1).utcoffset()
    return first != second and not is_missing(naive, zone)


def is_missing(naive: datetime.datetime, zone: ZoneInfo) -> bool:
    """Whether the clock skips this wall time (clocks going forward)."""
    aware = naive.replace(tzinfo=zone)
    back = aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    return back != naive


def parse_local(text: str, *, column: str = "start") -> tuple[datetime.datetime, str]:
    """A cell's moment on the festival's clock, aware, and a warning or "".

    ``YYYY-MM-DD HH:MM``, optionally followed by a UTC offset (``+01:00``).
    A time the clock skips (02:30 on the night summer time begins) is refused.
    A time it shows twice (02:30 on the night summer time ends) is read as the
    first of the two, in summer time, with a warning, unless an offset says
    which one is meant."""
    match = _MOMENT.match(text.strip())
    if not match:
        raise BadCell(f"{column} {_shown(text)} is not a time like 2026-10-22 14:30")
    try:
        naive = datetime.datetime.strptime(
            f"{match['date']} {match['time']}", "%Y-%m-%d %H:%M"
        )
    except ValueError as error:
        raise BadCell(f"{column} {_shown(text)} is not a real date and time") from error
    return _aware(naive, match["offset"], text, column)


def parse_end(
    text: str, *, start: datetime.datetime
) -> tuple[datetime.datetime, str] | tuple[None, str]:
    """The ``end`` cell: a full time as ``parse_local`` reads it, or ``HH:MM``
    alone, on the start's day or, when earlier than the start, the next day."""
    text = text.strip()
    if not text:
        return None, ""
    match = _TIME.match(text)
    if not match:
        return parse_local(text, column="end")
    try:
        clock = datetime.datetime.strptime(match["time"], "%H:%M").time()
    except ValueError as error:
        raise BadCell(f"end {_shown(text)} is not a time of day") from error
    day = start.astimezone(festival_zone()).date()
    naive = datetime.datetime.combine(day, clock)
    end, warning = _aware(naive, None, text, "end")
    if end <= start:
        naive += datetime.timedelta(days=1)
        end, warning = _aware(naive, None, text, "end")
    return end, warning


def _aware(naive, offset: str | None, text: str, column: str):
    zone = festival_zone()
    if is_missing(naive, zone):
        raise BadCell(
            f"{column} {_shown(text)} does not exist in {zone.key}: the clocks "
            "skip that hour the night summer time begins"
        )
    if offset:
        wanted = _offset(offset)
        for fold in (0, 1):
            aware = naive.replace(tzinfo=zone, fold=fold)
            if aware.utcoffset() == wanted:
                return _utc(aware), ""
        raise BadCell(
            f"{column} {_shown(text)}: {zone.key} is not at {offset} at that time"
        )
    aware = naive.replace(tzinfo=zone, fold=0)
    if is_ambiguous(naive, zone):
        first = aware.strftime("%z")
        second = naive.replace(tzinfo=zone, fold=1).strftime("%z")
        return _utc(aware), (
            f"{column} {_shown(text)} happens twice the night summer time ends; "
            f"read as the first one ({first[:3]}:{first[3:]}). Write "
            f"{second[:3]}:{second[3:]} after the time for the second one"
        )
    return _utc(aware), ""


def _utc(aware: datetime.datetime) -> datetime.datetime:
    # In UTC: Python never finds a time in the fold (the second 02:30) equal
    # to the same moment in another zone, so the database's value would
    # always look changed.
    return aware.astimezone(datetime.UTC)


def _offset(text: str) -> datetime.timedelta:
    if text == "Z":
        return datetime.timedelta(0)
    digits = text.replace(":", "")
    sign = -1 if digits[0] == "-" else 1
    return sign * datetime.timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))


def _shown(value: str) -> str:
    value = value.strip()
    return repr(value if len(value) <= 30 else value[:27] + "…")


def format_yes_no(value: bool) -> str:
    return "yes" if value else "no"


def parse_yes_no(text: str, *, column: str) -> bool:
    folded = text.strip().lower()
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise BadCell(f"{column} {_shown(text)} is not yes or no")


def _codes(text: str) -> list[str]:
    return [code for code in re.split(r"[\s,;]+", text.strip().lower()) if code]


def format_subtitles(screening) -> str:
    return " ".join(
        code for code, field in SUBTITLES.items() if getattr(screening, field)
    )


def format_access(screening) -> str:
    return " ".join(
        f.code for f in ACCESS_COLUMN_FEATURES if getattr(screening, f.field)
    )


def parse_subtitles(text: str) -> dict[str, bool]:
    """The ``subtitles`` cell (``en nl``) as the model's subtitle fields."""
    codes = _codes(text)
    unknown = [c for c in codes if c not in SUBTITLES]
    if unknown:
        raise BadCell(f"subtitles {', '.join(map(repr, unknown))}: give en, nl or both")
    return {field: code in codes for code, field in SUBTITLES.items()}


def parse_access(text: str) -> dict[str, bool]:
    """The ``access`` cell (``sdh relaxed``) as the model's feature fields.

    The subtitle codes (``subtitles-en``) are taken here too; they only add
    to what the ``subtitles`` column says."""
    codes = _codes(text)
    unknown = [c for c in codes if c not in ACCESS_BY_CODE]
    if unknown:
        raise BadCell(
            f"access {', '.join(map(repr, unknown))} is not one of "
            + ", ".join(f.code for f in ACCESS_FEATURES)
        )
    return {
        f.field: f.code in codes
        for f in ACCESS_FEATURES
        if f in ACCESS_COLUMN_FEATURES or f.code in codes
    }


def parse_code(text: str, choices, *, column: str, default: str) -> str:
    """A vocabulary code (case does not matter); an empty cell is ``default``."""
    folded = text.strip().lower()
    if not folded:
        return default
    codes = [str(value) for value in choices.values]
    if folded not in codes:
        raise BadCell(f"{column} {_shown(text)} is not one of {', '.join(codes)}")
    return folded
