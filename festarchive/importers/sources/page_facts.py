"""Single facts as festival pages print them: countries, years, runtimes, prose.

Every reader of a page (labels, the header, the synopsis) decides with these
what a line is: a list of countries ('Spain, France & Cape Verde'), a year, a
runtime ('80 min', "116'"), a premiere, or a sentence of running text.
"""

import re
from functools import cache

from django.utils import translation
from django_countries import countries as django_countries

from festarchive.core.countries import country_code_for_name
from festarchive.core.text import fold

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
LIST_COMMAS = re.compile(r"\s*[,;]\s*")
LIST_WORDS = re.compile(r"\s+(?:and|en|et|und|og|och|y|i|a)\s+|\s*&\s*", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…\"”’»]$")
MAX_HEADER_WORDS = 16
ARTICLES = {"the", "de", "het", "la", "le", "die"}


@cache
def _country_names_abroad() -> dict[str, str]:
    """Folded country names in the other languages of the sites (German,
    French, Spanish, Danish, Czech, Croatian, Polish), to their code; English
    and Dutch names, former names and everyday spellings are the archive's
    own (core.countries)."""
    names: dict[str, str] = {}
    for language in ("de", "fr", "es", "da", "cs", "hr", "pl"):
        with translation.override(language):
            for code, name in django_countries:
                names.setdefault(fold(str(name)), code)
    return names


def country_code(name: str) -> str | None:
    """The ISO code of a country named in one of the sites' languages, if it is one.

    'Netherlands, The' is the Netherlands: some sites sort countries by name.
    """
    code = country_code_for_name(name)
    if code:
        return code
    folded = fold(name)
    words = folded.split()
    if len(words) > 1 and words[-1] in ARTICLES:
        folded = " ".join(words[:-1])
    return _country_names_abroad().get(folded)


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
    if len(words) < 6:
        return False
    # Running text has small words between the names; a long list of names,
    # countries and numbers ('A, B & C / Spain, France / 2025 / 84 min') has not.
    lower = sum(1 for word in words if word[:1].islower()) / len(words)
    if len(words) > MAX_HEADER_WORDS:
        return lower >= 0.25
    return bool(SENTENCE_END.search(line.strip())) and lower >= 0.4


def year_of(value: str) -> int | None:
    """The year in a labelled value; any four digits, so that the catalogue
    can refuse an impossible one rather than the page losing it unseen."""
    match = YEAR_IN.search(value) or re.search(r"\b([0-9]{4})\b", value)
    return int(match[1]) if match else None


def runtime_of(value: str) -> int | None:
    match = RUNTIME_IN.search(value) or re.match(r"^\s*([0-9]{1,4})\s*$", value)
    return int(match[1]) if match else None


def is_premiere(text: str) -> bool:
    """'World Premiere', 'Wereldpremière', 'Deutschlandpremiere', 'Premiéra'…"""
    folded = fold(text)
    return len(folded.split()) <= 5 and bool(
        re.search(r"premi(?:ere|era|jera)\b", folded)
    )
