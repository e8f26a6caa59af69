"""How the archive reads text for search, in one place for indexing and querying.

Everything is folded to lower-case ASCII with anyascii (so 'Kuczyńska',
'kuczynska' and 'Ми' meet), then to a *skeleton* that removes the spelling
differences between transliteration systems: 'my ne zgasnemo' and 'mi ne
zgasnemo' (Ukrainian и), 'Mariia' and 'Mariya', 'Shchastya' and 'Ščastja' all
reduce to the same key. The same function runs on the indexed text and on the
query, so whatever it conflates, it conflates on both sides.

Scripts that leave out short vowels (Arabic, Hebrew, Persian) cannot be matched
letter by letter against a Latin transliteration; for those, titles and names
are also indexed as consonant keys ('Al-Bahr al-Ba'id' and 'البحر البعيد' both
become 'lbhr lbd').

Synopses are also indexed by their word stems, English for the English one and
Dutch for the Dutch one, with the Snowball stemmers PostgreSQL's own
``english`` and ``dutch`` configurations use: 'herinneringen' finds
'herinnering', 'families' finds 'family', on SQLite and PostgreSQL alike.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer
from anyascii import anyascii

from festarchive.core.limits import limit
from festarchive.core.text import fold, letters_only

# Applied in this order to folded words: longer spellings first.
_DIGRAPHS = [
    ("shch", "s"),
    ("sch", "s"),
    ("tch", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("sc", "s"),
    ("zh", "z"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("ou", "u"),
    ("x", "ks"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
]
_DIGRAPH_RE = re.compile("|".join(re.escape(a) for a, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_REPEATS = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouyw]")
_ABJADS = ("ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO")


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as typed, without control characters, and whether it was cut."""
    text = "".join(
        " " if unicodedata.category(char).startswith("C") else char for char in raw
    )
    text = " ".join(text.split())
    longest = limit("search_max_query_length")
    if len(text) > longest:
        return text[:longest].rsplit(" ", 1)[0] or text[:longest], True
    return text, False


def skeleton_word(word: str) -> str:
    """One folded word with transliteration differences removed."""
    word = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], word)
    return _REPEATS.sub(r"\1", word)


def words(text: str) -> list[str]:
    """The searchable words of ``text``: folded, then reduced to skeletons."""
    return [skeleton_word(word) for word in fold(text).split()]


def spellings(text: str) -> dict[str, str]:
    """Each searchable word of ``text`` with a readable spelling of it
    ('himalaias' -> 'himalayas'), for suggestions."""
    return {skeleton_word(word): word for word in fold(text).split()}


def consonant_word(word: str) -> str:
    """A folded word without vowels, the way an abjad writes it: 'almadina' -> 'lmdn'."""
    key = _REPEATS.sub(r"\1", _VOWELS.sub("", word))
    return key[:-1] if len(key) > 2 and key.endswith("h") else key


def consonant_words(text: str) -> list[str]:
    """Consonant keys of ``text``; hyphenated words ('al-Bahr') also as one word."""
    folded = anyascii(letters_only(text)).lower()
    folded = re.sub(r"['’`]", "", folded)
    keys = []
    for chunk in re.sub(r"[^a-z0-9-]+", " ", folded).split():
        parts = [part for part in chunk.split("-") if part]
        candidates = parts + (["".join(parts)] if len(parts) > 1 else [])
        keys.extend(key for key in map(consonant_word, candidates) if key)
    return keys


def is_abjad(text: str) -> bool:
    """True when ``text`` has letters from a script that omits short vowels."""
    return any(
        unicodedata.name(char, "").startswith(_ABJADS)
        for char in text
        if char.isalpha()
    )


STEM_LANGUAGES = ("english", "dutch")
_stemmers = threading.local()  # a Snowball stemmer is not safe to share


@lru_cache(maxsize=500_000)
def _stem(language: str, word: str) -> str:
    stemmers = _stemmers.__dict__
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return skeleton_word(stemmers[language].stemWord(word))


def stems(text: str, language: str) -> list[str]:
    """The stems of ``text``'s words that differ from the words themselves."""
    found = {}
    for word in fold(text).split():
        stem = _stem(language, word)
        if stem != skeleton_word(word):
            found[stem] = None
    return list(found)


def word_stems(word: str) -> list[str]:
    """A folded query word's stems in every language, where they differ from it."""
    plain = skeleton_word(word)
    return list(
        dict.fromkeys(
            stem
            for stem in (_stem(language, word) for language in STEM_LANGUAGES)
            if stem != plain
        )
    )
