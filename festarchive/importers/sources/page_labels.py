"""Labelled facts and credits, wherever on the page they stand.

'Year: 2023', 'label:value', '| Duration | 100 min |' (made a label line by
``page_text.clean``), 'Directed by:' with the names on the lines below, a role
heading with its names indented under it, a role line with its names on the
next line, and 'Director Simon Liu' in one line.
"""

import re
from dataclasses import dataclass, field

from festarchive.core.text import fold

from .page_credits import credits_in, label_known, role_label, unique
from .page_facts import is_prose
from .page_vocabulary import CREDITS_HEADINGS, FACT_LABELS

LABEL = re.compile(r"^(?P<label>[^:|]{1,45}?)\s*:\s*(?P<value>.*)$")
MAX_INLINE_CREDIT_WORDS = 14
# Lower-case words inside names ('Benoît de Villeneuve', 'Kars and Spaans').
NAME_PARTICLES = set(
    "de van von der den da di du la le and & y et und en ten ter bin al".split()
)


@dataclass
class Labelled:
    """Facts and credits the page labels, and the lines they took."""

    facts: dict = field(default_factory=dict)
    directors: list[str] = field(default_factory=list)
    credits: list[dict] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)


def label_line(text: str) -> tuple[str, str] | None:
    """('Label', 'value') of a line whose label we know, or a compound of them."""
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
        labelled = label_line(text)
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
                if label_line(below) or _heading(below):
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
            if not label_line(following.strip()) and not is_prose(following):
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
    labelled = label_line(line.strip())
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
