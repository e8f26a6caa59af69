"""Credits on a film page: who did what, and for which company.

Sites print a credit as 'Role: names', as a role heading with the names
indented under it (often twice over), as a role line with its names on the next
line, or as 'Role Name' in one line. Names come as 'Person for Company',
'Company (Person)' or 'Person (Company)'. Names printed without a role are left
out: guessing their role would put wrong facts in the archive.
"""

import re

from festarchive.core.text import fold

from .page_vocabulary import FACT_LABELS, IGNORED_LABELS, ROLE_LABELS

AFFILIATION = re.compile(
    r"^(?P<person>.+?) (?:for|voor|für|pour|za|til|para) (?P<company>.+)$"
)
PARENTHESES = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
NAME_SEPARATORS = re.compile(
    r",\s*|;\s*|\s+(?:and|en|et|und|og|och|y|&)\s+", re.IGNORECASE
)
LEADING_ARTICLE = re.compile(r"^(?:the|les|la|le|die|der|das|de|het)\s+(?=\S)")
COMPANY_ROLES = {
    fold(role)
    for role in (
        "involved tv channel",
        "betrokken tv-zender",
        "world sales",
        "wereldwijde verkoop",
        "weltvertrieb",
        "screening copy",
        "vertoningskopie",
        "distribution",
        "distributie",
        "print source",
        "contact",
        "sales",
    )
}
COMPANY_WORDS = re.compile(
    r"\b(films?|productions?|production|producties|pictures|studios?|media|tv|"
    r"television|channel|broadcasting|sales|distribution|docs|documentaries|"
    r"geie|gmbh|ltd|llc|inc|b\.?v\.?|s\.?a\.?|s\.?r\.?o\.?|sp\. z o\.o\.|oy|ab|as|aps|"
    r"foundation|stichting|fund|fonds|institute|instituut|entertainment|company|"
    r"cinéma|cinema|filmproduktion|produktion)\b",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 8
CAST_ROLES = {
    fold(role)
    for role in ("cast", "with", "mit", "met", "avec", "protagonists", "besetzung")
}


def role_label(label: str) -> bool:
    """Whether ``label`` names a credit role ('Edited by' and the vocabulary)."""
    folded = fold(label)
    if not folded or folded in IGNORED_LABELS:
        return False
    return folded in ROLE_LABELS or (
        folded.endswith(" by") and len(folded.split()) <= 4
    )


def label_known(label: str) -> bool:
    """Whether ``label`` is any label we read: a fact, a role or one we skip."""
    folded = fold(label)
    return folded in FACT_LABELS or folded in IGNORED_LABELS or role_label(label)


def _clean_name(name: str) -> str:
    name = name.strip().strip(",;").strip()
    name = re.sub(r"\s+[-–—]+$", "", name).strip()
    return LEADING_ARTICLE.sub("", name)


def _looks_like_company(role: str, name: str) -> bool:
    return fold(role) in COMPANY_ROLES or bool(COMPANY_WORDS.search(name))


def _credit(role: str, name: str, company: str | None) -> dict:
    if company:
        return {"role": role, "person": name, "company": company}
    if _looks_like_company(role, name):
        return {"role": role, "person": None, "company": name}
    return {"role": role, "person": name, "company": None}


def credits_in(role: str, value: str) -> list[dict]:
    """The credits one printed value gives a role.

    In 'A, B for C' the company is C's and, with no other 'for' in the line,
    A's too; in 'A for C, B, D for E' each name keeps its own.
    """
    parts = [_clean_name(part) for part in NAME_SEPARATORS.split(value)]
    parts = [part for part in parts if part]
    if any(len(part.split()) > MAX_NAME_WORDS for part in parts):
        return []  # a sentence, not names
    affiliated = [AFFILIATION.match(part) for part in parts]
    shared = None
    if sum(1 for match in affiliated if match) == 1 and affiliated[-1]:
        shared = affiliated[-1]["company"].strip()
    credits = []
    for part, match in zip(parts, affiliated, strict=True):
        if match:
            credits.append(
                _credit(role, match["person"].strip(), match["company"].strip())
            )
            continue
        inner = PARENTHESES.match(part)
        if inner and fold(role) in CAST_ROLES:
            # 'Name (Character)': who plays whom, no company.
            credits.append(_credit(role, inner["outer"].strip(), None))
            continue
        if inner:
            outer, within = inner["outer"].strip(), inner["inner"].strip()
            if _looks_like_company("", outer) and not _looks_like_company("", within):
                credits.append(_credit(role, within, outer))
            else:
                credits.append(_credit(role, outer, within))
            continue
        credits.append(_credit(role, part, shared))
    return credits


def unique(credits: list[dict]) -> list[dict]:
    """Credits in page order, each once (sites often print them twice)."""
    seen, kept = set(), []
    for credit in credits:
        key = (fold(credit["role"]), credit["person"], credit["company"])
        if key not in seen:
            seen.add(key)
            kept.append(credit)
    return kept
