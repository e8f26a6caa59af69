"""The performance layer: code that exists only to be faster, declared.

Each entry is a shortcut past a plain, slower way of doing the same thing,
with a decision record (``docs/decisions/``) saying what it buys, measured,
what it costs, and how it is switched off. One setting switches them:
``FESTARCHIVE["SPEEDUPS"]``, from the ``FESTARCHIVE_SPEEDUPS`` environment
variable: ``all`` (the default), ``none``, or the names of those to keep,
separated by commas. With ``none`` every page, feed and export takes the plain
way, gives the same answers, and the test suite passes (CI runs it so).
``bench/speedups.py`` measures each one against its plain way.

No Django at import time: the settings read ``parse`` while they load.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Speedup:
    name: str
    summary: str
    record: str  # the decision record, under docs/decisions/


SPEEDUPS = (
    Speedup(
        "prepared-queries",
        "the film page's queries compiled to SQL once per connection",
        "0005-prepared-queries.md",
    ),
    Speedup(
        "frozen-heap",
        "gc.freeze() once the facet arrays are built",
        "0007-facet-arrays.md",
    ),
    Speedup(
        "export-as-text",
        "the JSON Lines export assembled from JSON pieces, SQLite read mapped",
        "0008-export-as-text.md",
    ),
    Speedup(
        "availability-cache",
        "each process keeps the professionals' availability slots until a write",
        "0010-availability-cache.md",
    ),
    Speedup(
        "blank-map",
        "the statistics' world map drawn once a process, each page only shading it",
        "0011-statistics-across-editions.md",
    ),
)
NAMES = frozenset(speedup.name for speedup in SPEEDUPS)


def parse(value: str | None) -> frozenset[str]:
    """The speed-ups that ``FESTARCHIVE_SPEEDUPS`` keeps on; ValueError
    naming the known ones for a name that is not one of them."""
    value = (value or "all").strip().lower()
    if value == "all":
        return NAMES
    if value in ("none", "off", ""):
        return frozenset()
    chosen = frozenset(name.strip() for name in value.split(",") if name.strip())
    unknown = chosen - NAMES
    if unknown:
        raise ValueError(
            f"Unknown speed-up {', '.join(sorted(unknown))}: use all, none or "
            f"some of {', '.join(sorted(NAMES))}."
        )
    return chosen


def enabled(name: str) -> bool:
    """Whether the speed-up ``name`` is on (read at each call, so that
    ``override_settings`` switches it in tests)."""
    from django.conf import settings

    return name in settings.FESTARCHIVE.get("SPEEDUPS", NAMES)
