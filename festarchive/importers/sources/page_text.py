"""Text of a scraped page made readable: one layout of lines for every site.

Crawlers save pages with their damage: text decoded with the wrong encoding
('â€œ' for '“'), non-breaking spaces, cookie banners and share buttons, and
each site's own way of setting out facts (bullets, pipe tables). ``clean``
repairs the text, drops what is not the page's own, and turns bullets and table
rows into plain lines ('| Year | 2023 |' becomes 'Year: 2023').
"""

import re
from pathlib import Path

import ftfy

from festarchive.core.text import fold

from .page_vocabulary import NOISE_FRAGMENTS, NOISE_LINES

URL_LINE = re.compile(r"^(?:url:\s*)?(?P<url>https?://\S+)\s*$", re.IGNORECASE)
BULLET = re.compile(r"^\s*[•·▪◦●\-*]\s+")
PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
# A stray 'Â' is what is left of a non-breaking space read as Latin-1 once the
# space itself was lost; ftfy cannot tell it from a real letter.
STRAY_A = re.compile(r"Â(?=\s|$)")
SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a]")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
COUNTER = re.compile(r"^[0-9]{1,2}$")


class NotAFilmPage(ValueError):
    """The text is not a film page of a festival site."""


def read_page(path: Path) -> str:
    """The text of a page file; a binary file is refused before decoding.

    Raises ``UnicodeDecodeError`` for text in another encoding than UTF-8.
    """
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise NotAFilmPage("the file is binary, not a text page")
    return data.decode("utf-8-sig")


def repair(text: str) -> str:
    """The text with mojibake undone and odd spaces made plain."""
    text = ftfy.fix_text(
        text.replace("\r\n", "\n").replace("\r", "\n"), uncurl_quotes=False
    )
    text = STRAY_A.sub("", text)
    text = INVISIBLE.sub("", text)
    return SPACES.sub(" ", text)


def is_noise(line: str) -> bool:
    """Navigation, widgets and banners: text of the site, not of the film."""
    folded = fold(line)
    if not folded and line.strip():
        # Punctuation alone, such as a lone '-' between the rows of a list.
        return True
    if folded in NOISE_LINES or COUNTER.match(line.strip()):
        return True
    lowered = line.lower()
    return any(fragment in lowered for fragment in NOISE_FRAGMENTS)


def _pipe_row(line: str) -> str | None:
    """'| Label | value |' as 'Label: value'; a one-cell row as its text."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    cells = [cell for cell in cells if cell]
    if not cells:
        return ""
    if len(cells) == 1:
        return cells[0]
    return f"{cells[0]}: {' '.join(cells[1:])}"


def clean(text: str) -> tuple[str | None, list[str]]:
    """The page's address (from a first 'URL: …' line) and its readable lines.

    Lines keep their indentation, which some sites use to set names under a
    role; bullets and table rows lose theirs, being headers of their own.
    """
    lines = repair(text).split("\n")
    url = None
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and (match := URL_LINE.match(lines[first].strip())):
        url = match["url"]
        lines = lines[first + 1 :]
    readable = []
    for line in lines:
        line = line.rstrip()
        if line.lstrip().startswith("|"):
            if PIPE_RULE.match(line):
                continue
            line = _pipe_row(line)
        elif BULLET.match(line):
            line = BULLET.sub("", line)
        if line.strip() and is_noise(line):
            continue
        readable.append(line)
    return url, readable
