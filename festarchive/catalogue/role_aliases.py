"""Credit roles as festivals and spreadsheets print them ("Produced by",
"Regisseur", "CAMERA", "Sound/Sounddesign"), to the slugs of the vocabulary.

One table in English, Dutch, German and French, and the other languages
of the festival pages the page reader knows (Czech, Croatian, Polish,
Danish, Spanish), for every importer: a label is
compared folded (``fold``: case, accents and punctuation do not count) and
without the word "by", so "Directed by" and "DIRECTED BY:" are one label. The
roles' own names and slugs (``vocabulary.ROLES``) need no entry here.
"""

import difflib
import re
from collections.abc import Mapping
from functools import cache

from festarchive.core.text import fold

from .vocabulary import ROLES

# Each role's other labels. Executive and line producers are credited as
# Production: the vocabulary has no role of their own.
ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "director": (
        "režija",
        "dirección",
        "instruktør",
        "instruktion",
        "režie",
        "redatelj",
        "reżyseria",
        "directed by",
        "directors",
        "direction",
        "filmmaker",
        "filmmakers",
        "a film by",
        "film by",
        "regisseur",
        "regisseuse",
        "regisseurs",
        "geregisseerd door",
        "regie",
        "regisseurin",
        "réalisation",
        "réalisateur",
        "réalisatrice",
        "réalisé par",
    ),
    "screenplay": (
        "manuskript",
        "scenarij",
        "scenariusz",
        "guion",
        "scénář",
        "script",
        "written by",
        "writer",
        "writers",
        "screenwriter",
        "screenplay by",
        "scenario",
        "scenarist",
        "scenarioschrijver",
        "geschreven door",
        "drehbuch",
        "buch",
        "scénario",
        "scénariste",
    ),
    "production": (
        "produkcija",
        "produkcja",
        "produzent*innen",
        "producción",
        "producer",
        "producers",
        "produced by",
        "executive producer",
        "executive producers",
        "line producer",
        "producent",
        "producenten",
        "geproduceerd door",
        "uitvoerend producent",
        "produktion",
        "produzent",
        "produzentin",
        "produzenten",
        "producteur",
        "productrice",
        "producteurs",
        "produit par",
        "producteur exécutif",
    ),
    "co-production": (
        "co-producer",
        "coproducer",
        "co-producers",
        "co-produced by",
        "coproducent",
        "koproduktion",
        "koproduzent",
        "coproduction",
        "coproducteur",
        "coproductrice",
    ),
    "cinematography": (
        "zdjęcia",
        "fotograf",
        "fotografía",
        "snimatelj",
        "pictures",
        "cinematographer",
        "camera",
        "camera operator",
        "dop",
        "director of photography",
        "photography",
        "cinematografie",
        "cameravoering",
        "kamera",
        "bildgestaltung",
        "image",
        "images",
        "directeur de la photographie",
        "direction de la photographie",
        "chef opérateur",
    ),
    "editing": (
        "montaža",
        "střih",
        "montaje",
        "klip",
        "editor",
        "editors",
        "edited by",
        "film editor",
        "montage",
        "monteur",
        "monteuse",
        "schnitt",
        "chef monteur",
    ),
    "sound": (
        "zvuk",
        "sonido",
        "lyd",
        "sound recording",
        "sound recordist",
        "sound mix",
        "sound mixer",
        "sound engineer",
        "geluid",
        "geluidsopname",
        "ton",
        "tonmischung",
        "son",
        "prise de son",
        "mixage",
    ),
    "sound-design": (
        "sound designer",
        "sounddesign",
        "sounddesigner",
        "geluidsontwerp",
        "tongestaltung",
        "conception sonore",
        "design sonore",
    ),
    "music": (
        "muzyka",
        "hudba",
        "música",
        "glazba",
        "music by",
        "original music",
        "original score",
        "score",
        "composer",
        "muziek",
        "componist",
        "musik",
        "komponist",
        "komponistin",
        "musique",
        "musique originale",
        "compositeur",
        "compositrice",
    ),
    "involved-tv-channel": (
        "tv channel",
        "broadcaster",
        "broadcasters",
        "tv zender",
        "omroep",
        "sender",
        "fernsehsender",
        "diffuseur",
        "chaîne",
    ),
    "world-sales": (
        "sales",
        "international sales",
        "sales agent",
        "wereldverkoop",
        "verkoop",
        "weltvertrieb",
        "vente internationale",
        "ventes internationales",
    ),
    "screening-copy": (
        "print source",
        "copy",
        "kopie",
        "copie",
        "copie de projection",
    ),
}

# What joins two roles in one label: "Sound/Sounddesign", "Camera & Editor".
_JOINS = re.compile(r"\s*[/&+|,]\s*|\s+(?:and|en|und|et)\s+", re.IGNORECASE)


def label_key(label: str) -> str:
    """A role label as it is compared: folded, without the word "by"."""
    return " ".join(word for word in fold(label).split() if word != "by")


@cache
def _slugs_by_key() -> dict[str, str]:
    index: dict[str, str] = {}
    for slug, name_en, name_nl, _order in ROLES:
        for label in (slug, name_en, name_nl):
            index.setdefault(label_key(label), slug)
    for slug, labels in ROLE_ALIASES.items():
        for label in labels:
            index.setdefault(label_key(label), slug)
    return index


def label_parts(label: str) -> list[str]:
    """The roles a combined label joins ("Sound/Sounddesign" has two)."""
    return [part for part in _JOINS.split(label.strip()) if label_key(part)]


def _one(label: str, names: Mapping[str, str]) -> str | None:
    key = label_key(label)
    return names.get(key) or _slugs_by_key().get(key)


def roles_for_label(
    label: str, *, names: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Every role a label names, or () if any part of it is unknown.

    ``names`` maps more ``label_key``s to slugs (the archive's own roles, labels
    mapped at the command line) and goes before the table. A combined label
    names each role of its parts once: "Geluid/Sound" is Sound,
    "Sound/Sounddesign" is Sound and Sound Design."""
    names = names or {}
    whole = _one(label, names)
    if whole:
        return (whole,)
    parts = label_parts(label)
    slugs = [_one(part, names) for part in parts]
    if len(parts) < 2 or not all(slugs):
        return ()
    return tuple(dict.fromkeys(slugs))


def role_for_label(label: str, *, names: Mapping[str, str] | None = None) -> str | None:
    """The one role a label names ("Produced by" is Production), or None when
    it names none or, as a combined label, more than one."""
    slugs = roles_for_label(label, names=names)
    return slugs[0] if len(slugs) == 1 else None


def nearest_roles(
    label: str, *, names: Mapping[str, str] | None = None, limit: int = 3
) -> list[str]:
    """The slugs of the roles whose labels come nearest to an unknown label."""
    index = {**_slugs_by_key(), **(names or {})}
    close = difflib.get_close_matches(label_key(label), index, n=10, cutoff=0.6)
    return list(dict.fromkeys(index[key] for key in close))[:limit]
