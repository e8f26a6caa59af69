"""The unlabelled facts in a page's header, near the title.

One fact a line ('Poland' / '2024' / '80 min' / 'World Premiere' / section),
plain or as bullets, with the original title and the directors above; one line
cut by slashes ('Miguel Eek / Spain / 2025 / 84 min'); or one line of them run
together ('by Simon Liu USA 2021 English 30’').
"""

import re
from dataclasses import dataclass, field

from festarchive.core.text import fold

from .page_facts import (
    RUNTIME,
    RUNTIME_IN,
    YEAR,
    YEAR_IN,
    country_code,
    is_countries,
    is_premiere,
    is_prose,
    split_list,
)
from .page_labels import label_line
from .page_vocabulary import CREDITS_HEADINGS, HISTORY_HEADINGS, SYNOPSIS_HEADINGS

BY = re.compile(r"^(?:by|von|door|de|un film de|réalisé par)\s+", re.IGNORECASE)
# Technical facts of the copy shown, printed among the film's facts.
TECHNICAL = set(
    "color|colour|black and white|black white|b w|dcp|digital|35mm|16mm|hd|farbe|"
    "kleur|zwart wit|couleur|noir et blanc|barevny|cernobily|file|blu ray".split("|")
)


@dataclass
class Header:
    """Facts of the unlabelled header near the title, and the lines it took."""

    original_title: str | None = None
    directors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    year: int | None = None
    runtime_minutes: int | None = None
    premiere: str | None = None
    section: str | None = None
    lines: set[int] = field(default_factory=set)


def _inline(text: str) -> dict | None:
    """Facts run together on one line: 'by Simon Liu USA 2021 … 30’'."""
    year_match, runtime = YEAR_IN.search(text), None
    year = int(year_match[1]) if year_match else None
    runtime_match = RUNTIME_IN.search(text)
    if runtime_match:
        runtime = int(runtime_match[1])
    if year is None and runtime is None:
        return None
    words = re.findall(r"[^\s,/&]+", text)
    countries, first_country = [], None
    position = 0
    while position < len(words):
        for size in (4, 3, 2, 1):
            candidate = " ".join(words[position : position + size])
            if not candidate[:1].isupper() or not country_code(candidate):
                continue
            countries.append(candidate)
            if first_country is None:
                first_country = text.find(candidate)
            position += size
            break
        else:
            position += 1
    directors = []
    if BY.match(text):
        stops = [i for i in (first_country, _position(YEAR_IN, text)) if i is not None]
        end = min(stops) if stops else len(text)
        directors = split_list(BY.sub("", text[:end]))
    if not (countries or directors or (year and runtime)):
        return None
    return {
        "year": year,
        "runtime_minutes": runtime,
        "countries": countries,
        "directors": directors,
    }


def _position(pattern: re.Pattern, text: str) -> int | None:
    match = pattern.search(text)
    return match.start() if match else None


def _kind(text: str) -> str | None:
    """Which fact a header line is, if any."""
    if YEAR.match(text):
        return "year"
    if RUNTIME.match(text):
        return "runtime"
    if is_countries(text):
        return "countries"
    if _inline(text):
        return "inline"
    return None


def _slash_parts(text: str) -> list[str] | None:
    parts = [part.strip() for part in text.split(" / ")]
    if len(parts) >= 3 and any(_kind(part) in ("year", "runtime") for part in parts):
        return parts
    return None


def _usable(lines: list[str], index: int, taken: set[int]) -> bool:
    text = lines[index].strip()
    return bool(text) and index not in taken and not is_prose(text)


def read_header(
    lines: list[str], *, start: int, title: str | None, taken: set[int]
) -> Header:
    """The first block of unlabelled facts from line ``start`` on."""
    header = Header()
    title_folded = fold(title or "")
    anchor = None
    for index in range(start, len(lines)):
        text = lines[index].strip()
        if not _usable(lines, index, taken) or fold(text) == title_folded:
            continue
        if _slash_parts(text) or _kind(text):
            anchor = index
            break
    if anchor is None:
        return header
    first = anchor
    while (
        first > start
        and _usable(lines, first - 1, taken)
        and fold(lines[first - 1]) != title_folded
        and not _stops_header(lines[first - 1])
    ):
        first -= 1
    last = anchor
    while (
        last + 1 < len(lines)
        and _usable(lines, last + 1, taken)
        and not _stops_header(lines[last + 1])
    ):
        last += 1
    items: list[str] = []
    for index in range(first, last + 1):
        text = lines[index].strip()
        items.extend(_slash_parts(text) or [text])
    header.lines = set(range(first, last + 1))
    _fill(header, items)
    return header


def _stops_header(line: str) -> bool:
    folded = fold(line)
    return (
        folded in HISTORY_HEADINGS
        or folded in SYNOPSIS_HEADINGS
        or folded in CREDITS_HEADINGS
        or bool(label_line(line.strip()))
    )


def _fill(header: Header, items: list[str]) -> None:
    items = [item for item in items if fold(item) not in TECHNICAL]
    kinds = [_kind(item) for item in items]
    anchors = [i for i, kind in enumerate(kinds) if kind]
    if not anchors:
        return
    for item, kind in zip(items, kinds, strict=True):
        if kind == "year" and header.year is None:
            header.year = int(item)
        elif kind == "runtime" and header.runtime_minutes is None:
            header.runtime_minutes = int(RUNTIME.match(item)["minutes"])
        elif kind == "countries" and not header.countries:
            header.countries = split_list(item)
        elif kind == "inline":
            facts = _inline(item)
            header.year = header.year or facts["year"]
            header.runtime_minutes = header.runtime_minutes or facts["runtime_minutes"]
            header.countries = header.countries or facts["countries"]
            header.directors = header.directors or facts["directors"]
    names = items[: anchors[0]]
    if len(names) >= 2:
        header.original_title = names[-2]
        header.directors = header.directors or split_list(names[-1])
    elif names:
        header.directors = header.directors or split_list(names[0])
    rest = items[anchors[-1] + 1 :]
    if rest and is_premiere(rest[0]):
        header.premiere = rest.pop(0)
    if rest and not is_premiere(rest[0]):
        header.section = rest[0]
