"""The facts of a film as pages set them out: countries, year, runtime, names.

Two ways of printing them are read here. Labelled facts ('Year: 2023',
'| Duration | 100 min |', 'Directed by:' with the names below, a role heading
with indented names) are found anywhere on the page. Unlabelled facts stand in
a header near the title: one fact a line ('Poland' / '2024' / '80 min'), one
line cut by slashes ('Netherlands / 2021 / 80 min'), or one line of them
('by Simon Liu USA 2021 30’').
"""

import re
from dataclasses import dataclass, field
from functools import cache

import pycountry
from django.utils import translation
from django_countries import countries as django_countries

from festarchive.core.text import fold

from .page_credits import credits_in, label_known, role_label, unique
from .page_vocabulary import (
    CREDITS_HEADINGS,
    FACT_LABELS,
    HISTORY_HEADINGS,
    SYNOPSIS_HEADINGS,
)

YEAR = re.compile(r"^(?:18|19|20)[0-9]{2}$")
YEAR_IN = re.compile(r"(?<![\d.:/-])((?:18|19|20)[0-9]{2})(?![\d.:'’′])")
RUNTIME = re.compile(
    r"^(?P<minutes>[0-9]{1,4})\s*(?:min\.?|mins|minutes|minuten|minuty|minutter|"
    r"minuta|['’′])$",
    re.IGNORECASE,
)
RUNTIME_IN = re.compile(
    r"(?<![\d.,])([0-9]{1,4})\s*(?:min\b\.?|mins\b|minutes\b|minuten\b|['’′])",
    re.IGNORECASE,
)
LABEL = re.compile(r"^(?P<label>[^:|]{1,45}?)\s*:\s*(?P<value>.*)$")
LIST_COMMAS = re.compile(r"\s*[,;]\s*")
LIST_WORDS = re.compile(r"\s+(?:and|en|et|und|og|och|y|i|a)\s+|\s*&\s*", re.IGNORECASE)
BY = re.compile(r"^(?:by|von|door|de|un film de|réalisé par)\s+", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…\"”’»]$")
MAX_HEADER_WORDS = 16
MAX_INLINE_CREDIT_WORDS = 14
# Lower-case words inside names ('Benoît de Villeneuve', 'Kars and Spaans').
NAME_PARTICLES = {
    "de",
    "van",
    "von",
    "der",
    "den",
    "da",
    "di",
    "du",
    "la",
    "le",
    "and",
    "&",
    "y",
    "et",
    "und",
    "en",
    "ten",
    "ter",
    "bin",
    "al",
}
# Technical facts of the copy shown, printed among the film's facts.
TECHNICAL = {
    "color",
    "colour",
    "black and white",
    "black white",
    "b w",
    "dcp",
    "digital",
    "35mm",
    "16mm",
    "hd",
    "farbe",
    "kleur",
    "zwart wit",
    "couleur",
    "noir et blanc",
    "barevny",
    "cernobily",
    "file",
    "blu ray",
}
ARTICLES = {"the", "de", "het", "la", "le", "die"}


@cache
def _country_names() -> dict[str, str]:
    """Folded country names in the languages of the sites, to their ISO code."""
    names: dict[str, str] = {}
    for language in ("en", "nl", "de", "fr", "es", "da", "cs", "hr", "pl"):
        with translation.override(language):
            for code, name in django_countries:
                names.setdefault(fold(str(name)), code)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(fold(value), country.alpha_2)
    for alias, code in {
        "usa": "US",
        "us": "US",
        "cape verde": "CV",
        "ivory coast": "CI",
        "czech republic": "CZ",
        "south korea": "KR",
        "north korea": "KP",
        "russia": "RU",
        "iran": "IR",
        "syria": "SY",
        "vietnam": "VN",
        "palestine": "PS",
        "kosovo": "XK",
        "taiwan": "TW",
        "turkey": "TR",
        "uk": "GB",
        "ussr": "SUHH",
        "soviet union": "SUHH",
        "east germany": "DDDE",
        "yugoslavia": "YUCS",
        "czechoslovakia": "CSHH",
        "tsjecho slowakije": "CSHH",
        "sovjet unie": "SUHH",
        "joegoslavie": "YUCS",
        "oost duitsland": "DDDE",
    }.items():
        names.setdefault(alias, code)
    return names


def country_code(name: str) -> str | None:
    """The ISO code of a country named in one of the sites' languages, if it is one.

    'Netherlands, The' is the Netherlands: some sites sort countries by name.
    """
    folded = fold(name)
    words = folded.split()
    if len(words) > 1 and words[-1] in ARTICLES:
        folded = " ".join(words[:-1])
    return _country_names().get(folded)


def split_list(line: str) -> list[str]:
    """'Spain, France & Cape Verde' as three; 'Netherlands, The' stays one.

    A part that is one country ('Bosnia and Herzegovina') is not cut at its 'and'.
    """
    parts: list[str] = []
    for part in LIST_COMMAS.split(line.strip().rstrip(",")):
        part = part.strip()
        if not part:
            continue
        if parts and part.lower() in ARTICLES:
            parts[-1] = f"{parts[-1]}, {part}"
            continue
        pieces = [part] if country_code(part) else LIST_WORDS.split(part)
        parts.extend(piece.strip() for piece in pieces if piece.strip())
    return parts


def is_countries(line: str) -> bool:
    """Whether the line lists countries; one name we do not know may be among them."""
    parts = split_list(line)
    known = sum(1 for part in parts if country_code(part))
    if len(parts) >= 3:
        return known >= len(parts) - 1
    return bool(parts) and known == len(parts)


def is_data(line: str) -> bool:
    """A row of a spreadsheet or data file ('a,b,,c'), not text of a page."""
    return line.count(",") - line.count(", ") >= 3 or "\t" in line.strip()


def is_prose(line: str) -> bool:
    """A sentence of running text rather than a name, label or fact."""
    if is_data(line):
        return False
    words = line.split()
    if len(words) > MAX_HEADER_WORDS:
        return True
    if len(words) < 6 or not SENTENCE_END.search(line.strip()):
        return False
    lower = sum(1 for word in words if word[:1].islower())
    return lower / len(words) >= 0.4


def year_of(value: str) -> int | None:
    """The year in a labelled value; any four digits, so that the catalogue
    can refuse an impossible one rather than the page losing it unseen."""
    match = YEAR_IN.search(value) or re.search(r"\b([0-9]{4})\b", value)
    return int(match[1]) if match else None


def runtime_of(value: str) -> int | None:
    match = RUNTIME_IN.search(value) or re.match(r"^\s*([0-9]{1,4})\s*$", value)
    return int(match[1]) if match else None


@dataclass
class Labelled:
    """Facts and credits the page labels, and the lines they took."""

    facts: dict = field(default_factory=dict)
    directors: list[str] = field(default_factory=list)
    credits: list[dict] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)


def _label_line(text: str) -> tuple[str, str] | None:
    match = LABEL.match(text)
    if not match:
        return None
    label = match["label"].strip()
    if label_known(label) or (
        "/" in label and all(label_known(part) for part in label.split("/"))
    ):
        return label, match["value"].strip()
    return None


def _heading(text: str) -> bool:
    return role_label(text) or fold(text) in CREDITS_HEADINGS


def _record(result: Labelled, label: str, value: str) -> None:
    """Put one labelled value where it belongs: a fact, credits, or both."""
    if "/" in label:
        labels, values = label.split("/"), value.split("/")
        if len(labels) == len(values):
            for one_label, one_value in zip(labels, values, strict=True):
                _record(result, one_label.strip(), one_value.strip())
        return
    key = FACT_LABELS.get(fold(label))
    if key == "directors":
        result.directors.extend(
            c["person"] or c["company"] for c in credits_in(label, value)
        )
    elif key and key not in result.facts and value:
        result.facts[key] = value
    if role_label(label) and value:
        result.credits.extend(credits_in(label, value))


def read_labelled(lines: list[str]) -> Labelled:
    """Every labelled fact and credit, in page order, each credit once."""
    result = Labelled()
    in_credits = False
    last_credit = -2
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.strip()
        index += 1
        if not text:
            continue
        if fold(text) in CREDITS_HEADINGS:
            in_credits = True
            result.lines.add(index - 1)
            continue
        indented = line[:1].isspace()
        labelled = _label_line(text)
        if labelled:
            label, value = labelled
            result.lines.add(index - 1)
            if value:
                _record(result, label, value)
                if role_label(label):
                    last_credit = index - 1
                continue
            # 'Directed by:' with the names on the lines below it.
            while index < len(lines) and lines[index].strip():
                below = lines[index].strip()
                if _label_line(below) or _heading(below):
                    break
                result.lines.add(index)
                _record(result, label, below)
                index += 1
            continue
        following = lines[index] if index < len(lines) else ""
        unknown = _unknown_role(text)
        if unknown and (last_credit == index - 2 or _starts_credit(following)):
            # A role we have no word for, in a list of credits ('Dramaturgy: …').
            result.lines.add(index - 1)
            _record_credit(result, *unknown)
            last_credit = index - 1
            continue
        if indented:
            continue
        names_indented = following[:1].isspace() and following.strip()
        short = len(text.split()) <= 6 and ":" not in text
        if (role_label(text) or (in_credits and short)) and names_indented:
            result.lines.add(index - 1)
            while index < len(lines) and lines[index][:1].isspace():
                if lines[index].strip():
                    result.lines.add(index)
                    _record_credit(result, text, lines[index].strip())
                index += 1
            continue
        if role_label(text) and following.strip() and not _heading(following.strip()):
            # A role line with its names on the next line, unindented.
            if not _label_line(following.strip()) and not is_prose(following):
                result.lines.update({index - 1, index})
                _record_credit(result, text, following.strip())
                index += 1
            continue
        inline = _role_and_name(text)
        if inline:
            result.lines.add(index - 1)
            _record_credit(result, *inline)
    result.credits = unique(result.credits)
    result.directors = list(dict.fromkeys(result.directors))
    return result


def _unknown_role(text: str) -> tuple[str, str] | None:
    """'Label: names' whose label we do not know, if the value reads as names."""
    match = LABEL.match(text)
    if not match or not match["value"].strip():
        return None
    label, value = match["label"].strip(), match["value"].strip()
    if len(label.split()) > 3 or re.search(r"[0-9]", label) or label_known(label):
        return None
    names = [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
    if all(len(n.split()) <= 5 and n[:1].isupper() for n in names):
        return label, value
    return None


def _starts_credit(line: str) -> bool:
    labelled = _label_line(line.strip())
    return bool(labelled) and role_label(labelled[0])


def _record_credit(result: Labelled, role: str, value: str) -> None:
    role = role.rstrip(":").strip()
    result.credits.extend(credits_in(role, value))
    if FACT_LABELS.get(fold(role)) == "directors":
        result.directors.extend(
            c["person"] or c["company"] for c in credits_in(role, value)
        )


def _role_and_name(text: str) -> tuple[str, str] | None:
    """'Director Simon Liu' as ('Director', 'Simon Liu'): a known role, then a name."""
    words = text.split()
    if ":" in text or len(words) > MAX_INLINE_CREDIT_WORDS:
        return None
    for size in (4, 3, 2, 1):
        role, name = " ".join(words[:size]), words[size:]
        if len(name) > 1 and role_label(role):
            if all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in name):
                return role, " ".join(name)
            return None
    return None


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
        or bool(_label_line(line.strip()))
    )


def _fill(header: Header, items: list[str]) -> None:
    items = [item for item in items if fold(item) not in TECHNICAL]
    kinds = [_kind(item) for item in items]
    anchors = [i for i, kind in enumerate(kinds) if kind]
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


def is_premiere(text: str) -> bool:
    """'World Premiere', 'Wereldpremière', 'Deutschlandpremiere', 'Premiéra'…"""
    folded = fold(text)
    return len(folded.split()) <= 5 and bool(
        re.search(r"premi(?:ere|era|jera)\b", folded)
    )
