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


def letters_only(text: str) -> str:
    """``text`` with everything but letters, digits, marks, hyphens and
    apostrophes turned into spaces."""
    # Symbols and emoji would come back from anyascii as words (':grinning:').
    return "".join(
        char if unicodedata.category(char)[0] in "LNM" or char in "-'’" else " "
        for char in text
    )


def fold(text: str) -> str:
    """Lower-case ASCII, letters and digits only: 'Żarnecka-Wójcik' -> 'zarnecka wojcik'.

    The one folding of the archive: search folds words with it, and the
    importers compare names, roles and labels with it ('Kuczyńska' and
    'kuczynska', 'Co-production' and 'co production' are the same).
    """
    folded = anyascii(letters_only(text)).lower()
    folded = re.sub(r"['’`]", "", folded)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def sort_key(title: str) -> str:
    """Key to sort a title by: lower-case ASCII, without a leading article or
    punctuation. (Not ``fold``: inner punctuation stays, so stored keys keep
    their order.)"""
    folded = " ".join(anyascii(title).lower().split())
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
    """``base``, or ``base-2``, ``base-3``… whichever ``taken(slug)`` says is free.

    The one way the archive makes a slug unique. ``taken`` is a callable, or a
    set of slugs already used (the new slug is then added to it).
    """
    if isinstance(taken, set):
        used = taken
        slug = unique_slug(base, used.__contains__)
        used.add(slug)
        return slug
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug
