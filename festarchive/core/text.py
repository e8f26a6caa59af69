"""Text helpers shared by every app: transliteration, sort keys and slugs.

Transliteration uses anyascii, which covers every Unicode script (Cyrillic,
Greek, Arabic, Han…) with one table, so a title stored in any script gets a
Latin form without a hand-made mapping per language.
"""

import re
import unicodedata

from anyascii import anyascii
from django.utils.text import slugify

# Leading articles ignored when sorting English and Dutch titles.
_ARTICLES = re.compile(r"^(the|a|an|de|het|een|'t)\s+", re.IGNORECASE)


def is_latin(text: str) -> bool:
    """True when every letter in ``text`` is from the Latin script."""
    for char in text:
        if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            return False
    return True


def transliterate(text: str) -> str:
    """Latin form of ``text``; words in scripts without spaces keep apart."""
    words = []
    for word in text.split():
        latin = anyascii(word)
        # Han characters come back as one capitalised syllable each
        # ("ChenMoDeHe"); split them so the words read as pinyin.
        if not is_latin(word) and re.search(r"[a-z][A-Z]", latin):
            latin = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", latin)
        words.append(latin)
    return " ".join(words)


def fold(text: str) -> str:
    """Lower-case ASCII form for comparing names: 'Kuczyńska' -> 'kuczynska'."""
    return " ".join(anyascii(text).lower().split())


def sort_key(title: str) -> str:
    """Key to sort a title by: folded, without a leading article or punctuation."""
    folded = fold(title)
    folded = _ARTICLES.sub("", folded)
    folded = re.sub(r"^[^a-z0-9]+", "", folded)
    return folded[:300]


def initial(title: str) -> str:
    """The A–Z browsing letter of a title: 'a'…'z', or '#' for anything else."""
    key = sort_key(title)
    return key[0] if key[:1].isalpha() else "#"


def make_slug(text: str, *, max_length: int = 80) -> str:
    """A URL slug in ASCII for text in any script."""
    slug = slugify(anyascii(text))[:max_length].strip("-")
    return slug or "untitled"


def unique_slug(base: str, taken) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever ``taken(slug)`` says is free."""
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug
