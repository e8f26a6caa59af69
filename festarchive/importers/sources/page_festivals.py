"""A film's life at other festivals, as a page lists it.

Festival sites list where else a film was shown under a heading such as
'Festivals & Awards' or 'selected festivals and awards', an entry a line or
several on one line::

    Festivals & Awards:
    IDFA (2022)
    2017 – IDFA Amsterdam: Special Jury Award; CPH:DOX 2018

Each entry with a year becomes ``{"festival", "year", "award"}``; an entry
without a year names no edition and is left out, as is anything that reads
as a sentence.
"""

import re

from festarchive.core.text import fold

from .page_facts import is_prose
from .page_vocabulary import FESTIVALS_HEADINGS

# An entry names a festival and perhaps an award, not more.
MAX_ENTRY_WORDS = 14
MAX_NAME_WORDS = 6
# Words that make what an entry says of the film an award, not a section.
AWARD_WORDS = {
    fold(word)
    for word in (
        "award", "awards", "prize", "winner", "won", "mention", "jury", "grand",
        "best", "prijs", "winnaar", "preis", "gewinner", "auszeichnung", "prix",
        "mention", "laureat", "cena", "nagrada", "nagroda", "premio", "pris",
    )
}  # fmt: skip
# A festival's year, also where a colon follows it ('Sundance 2021: …').
ENTRY_YEAR = re.compile(r"(?<![\d.])((?:19|20)[0-9]{2})(?![\d])")
ENTRIES = re.compile(r"\s*[;|•]\s*")
DASHES = " \t-–—•*·,.()[]"


def festival_entry(text: str) -> dict | None:
    """'2017 – IDFA Amsterdam: Special Jury Award', 'Berlinale 2023, Encounters'
    as the festival, the year and what the film had there: an award (a note
    with an award's words) or a section."""
    text = text.strip(DASHES)
    found = ENTRY_YEAR.search(text)
    if not found or len(text.split()) > MAX_ENTRY_WORDS or is_prose(text):
        return None
    before = _tidy(text[: found.start()])
    after = _tidy(text[found.end() :])
    if re.search(r"[^\W\d_]", before):
        name, note = before, after.lstrip(":").strip(DASHES)
    else:
        name, note = _name_and_award(after)
    name, note = _tidy(name), _tidy(note)
    if not re.search(r"[^\W\d_]", name) or len(name.split()) > MAX_NAME_WORDS:
        return None
    is_award = bool(note) and bool(AWARD_WORDS & set(fold(note).split()))
    return {
        "festival": name,
        "year": int(found.group(1)),
        "award": note if is_award else None,
        "section": note if note and not is_award else None,
    }


def _tidy(text: str) -> str:
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    return " ".join(text.split()).strip(DASHES)


def _name_and_award(rest: str) -> tuple[str, str]:
    """The festival before the first colon that ends a word and is followed by
    a space (so 'CPH:DOX' stays one name), the award after it."""
    match = re.search(r":\s+|:$", rest)
    if not match:
        return rest, ""
    return rest[: match.start()], rest[match.end() :]


def _heading(text: str) -> tuple[bool, str]:
    """Whether a line opens the festivals' list, and what follows its colon."""
    label, colon, value = text.partition(":")
    if fold(text) in FESTIVALS_HEADINGS:
        return True, ""
    if colon and fold(label) in FESTIVALS_HEADINGS:
        return True, value
    return False, ""


def read_festivals(lines: list[str]) -> tuple[list[dict], set[int]]:
    """Every entry of the page's festivals lists, each festival and year once,
    and the lines they stand on."""
    entries, taken, seen = [], set(), set()

    def add(text: str) -> bool:
        added = False
        for part in ENTRIES.split(text):
            entry = festival_entry(part)
            if entry is None:
                continue
            added = True
            key = (fold(entry["festival"]), entry["year"])
            if key not in seen:
                seen.add(key)
                entries.append(entry)
        return added

    index = 0
    while index < len(lines):
        opens, value = _heading(lines[index].strip())
        index += 1
        if not opens:
            continue
        taken.add(index - 1)
        if value.strip():
            add(value)
        # The entries below, after blank lines, up to the first line that is
        # not one.
        met = False
        while index < len(lines):
            text = lines[index].strip()
            if not text:
                if met:
                    break
                index += 1
                continue
            if not add(text):
                break
            met = True
            taken.add(index)
            index += 1
    return entries, taken
