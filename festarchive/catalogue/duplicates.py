"""Find people and companies that are probably the same, for staff to merge.

Three kinds of evidence point at a pair:
- the same name once folded and transliterated ("Kuczyńska" and "Kuczynska",
  "Valeriy Kalmykov" and "Valery Kalmykov", or a name written surname first);
- names one typo apart ("Trueman Production" and "Trueman Productions");
- an initial that fits the full name ("A. Kovalenko" and "Alisa Kovalenko"),
  counted only when the two share a film.
Films the two share rank a pair higher: the same name on the same film is
rarely two people. Nothing here merges anything; staff decide.

Finding the pairs reads every name (a few seconds for 200,000 people), so the
list is kept in the cache for a while; records merged or checked as different
since then drop out of it at once.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from festarchive.core import limits
from festarchive.search.normalise import words

from .models import Company, Credit, DistinctPair, Person

SAME_NAME, ONE_TYPO, INITIALS = "same-name", "one-typo", "initials"
REASONS = {
    SAME_NAME: _("same name once accents and spelling are set aside"),
    ONE_TYPO: _("names one letter apart"),
    INITIALS: _("initials fit the full name"),
}

# Typos are only looked for in names with this many letters: "Wang Ming" and
# "Wang Ying" are usually two people, "Marc Johnson" and "Mark Johnson" one.
TYPO_MIN_LETTERS = 10
CACHE_SECONDS = 15 * 60
# A name shared by more records than this is a common name, not a duplicate
# cluster; listing every pair would bury the real ones.
LARGEST_GROUP = 12

# Legal forms that say nothing about which company it is.
_COMPANY_NOISE = re.compile(
    r"\b(bv|b v|nv|ltd|limited|llc|inc|gmbh|sarl|sas|sa|srl|spa|oy|ab|as|aps|co|"
    r"corp|kft|sp z o o|s r o|ooo|the)\b"
)


@dataclass(frozen=True)
class DuplicatePair:
    """Two records that may be one; ``keep`` has the most credits."""

    keep: Person | Company
    other: Person | Company
    keep_credits: int
    other_credits: int
    reasons: tuple[str, ...]
    shared_films: int

    @property
    def reason_labels(self) -> list[str]:
        return [REASONS[reason] for reason in self.reasons]


def person_duplicates(*, limit: int = 200, fresh: bool = False) -> list[DuplicatePair]:
    return _duplicates(Person, DistinctPair.Kind.PERSON, limit=limit, fresh=fresh)


def company_duplicates(*, limit: int = 200, fresh: bool = False) -> list[DuplicatePair]:
    return _duplicates(Company, DistinctPair.Kind.COMPANY, limit=limit, fresh=fresh)


def name_key(parts: list[str], *, company: bool = False) -> str:
    """A name's words reduced to what tells records apart, in a fixed order."""
    if company:
        parts = _COMPANY_NOISE.sub(" ", " ".join(parts)).split() or parts
    return " ".join(sorted(parts))


def one_edit_apart(a: str, b: str) -> bool:
    """True when one letter added, dropped, changed or swapped turns a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        if a[start + 1 :] == b[start + 1 :]:
            return True
        return (
            start + 1 < len(a)
            and a[start] == b[start + 1]
            and a[start + 1] == b[start]
            and a[start + 2 :] == b[start + 2 :]
        )
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1 :] == shorter[start:]


def _duplicates(model, kind: str, *, limit: int, fresh: bool) -> list[DuplicatePair]:
    key = f"catalogue:duplicates:{kind}"
    ranked = None if fresh else cache.get(key)
    if ranked is None:
        ranked = _ranked_pairs(model)
        cache.set(key, ranked, CACHE_SECONDS)
    distinct = set(
        DistinctPair.objects.filter(kind=kind).values_list("first_id", "second_id")
    )
    ranked = [item for item in ranked if item[0] not in distinct]
    ids = {pk for pair, _why, _shared in ranked[: limit * 2] for pk in pair}
    records = model.objects.in_bulk(ids)
    ranked = [item for item in ranked if set(item[0]) <= records.keys()][:limit]
    credits = dict(
        model.objects.filter(pk__in=ids)
        .annotate(n=Count("credits"))
        .values_list("pk", "n")
    )
    pairs = []
    for (first, second), why, shared in ranked:
        keep, other = sorted((first, second), key=lambda pk: (-credits[pk], pk))
        pairs.append(
            DuplicatePair(
                keep=records[keep],
                other=records[other],
                keep_credits=credits[keep],
                other_credits=credits[other],
                reasons=why,
                shared_films=shared,
            )
        )
    return pairs


def _ranked_pairs(model) -> list[tuple[tuple[int, int], tuple[str, ...], int]]:
    """Every probable pair with its reasons and shared films, most likely first."""
    company = model is Company
    keys: dict[str, set[int]] = defaultdict(set)
    initials_forms: list[tuple[int, list[str]]] = []
    by_surname: dict[str, set[int]] = defaultdict(set)
    full_forms: dict[int, list[list[str]]] = defaultdict(list)
    for pk, name, variants in model.objects.values_list("id", "name", "name_variants"):
        for written in [name, *(variants or [])]:
            parts = words(written)
            key = name_key(parts, company=company)
            if not key:
                continue
            keys[key].add(pk)
            if company or len(parts) < 2:
                continue
            by_surname[parts[-1]].add(pk)
            if any(len(p) == 1 for p in parts[:-1]):
                initials_forms.append((pk, parts))
            else:
                full_forms[pk].append(parts)

    reasons: dict[tuple[int, int], set[str]] = defaultdict(set)
    for ids in keys.values():
        if 1 < len(ids) <= LARGEST_GROUP:
            for pair in combinations(sorted(ids), 2):
                reasons[pair].add(SAME_NAME)
    for pair in _one_typo_pairs(keys):
        reasons[pair].add(ONE_TYPO)
    initial_pairs = set()
    for pk, parts in initials_forms:
        for other in by_surname[parts[-1]]:
            if other != pk and any(
                _initials_fit(parts, full) for full in full_forms.get(other, [])
            ):
                initial_pairs.add((min(pk, other), max(pk, other)))

    shared = _shared_films(model, {*reasons, *initial_pairs})
    for pair in initial_pairs:
        if shared.get(pair):
            reasons[pair].add(INITIALS)
    for why in reasons.values():
        if SAME_NAME in why:
            why.discard(ONE_TYPO)  # the same name says more than "nearly"
    ranked = sorted(
        reasons.items(),
        key=lambda item: (
            -shared.get(item[0], 0),
            SAME_NAME not in item[1],
            -len(item[1]),
            item[0],
        ),
    )
    return [
        (pair, tuple(r for r in REASONS if r in why), shared.get(pair, 0))
        for pair, why in ranked[: limits.limit("duplicates_max_pairs")]
    ]


def _one_typo_pairs(keys: dict[str, set[int]]) -> set[tuple[int, int]]:
    """Pairs whose names are one edit apart.

    Every name and every way of dropping one letter from it is hashed; two
    names one edit apart always share one of these, so sorting the hashes
    brings candidates together without comparing every name with every other.
    """
    long_keys = [key for key in keys if len(key.replace(" ", "")) >= TYPO_MIN_LETTERS]
    hashes, owners = [], []
    for index, key in enumerate(long_keys):
        variants = {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}
        hashes.extend(hash(v) for v in variants)
        owners.extend([index] * len(variants))
    if not hashes:
        return set()
    hashes, owners = np.array(hashes, dtype=np.int64), np.array(owners)
    order = np.argsort(hashes, kind="stable")
    hashes, owners = hashes[order], owners[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    ends = np.r_[starts[1:], len(hashes)]
    pairs = set()
    for start, end in zip(starts, ends, strict=True):
        if end - start < 2 or end - start > LARGEST_GROUP:
            continue
        members = sorted({int(i) for i in owners[start:end]})
        for a, b in combinations(members, 2):
            if one_edit_apart(long_keys[a], long_keys[b]):
                for x in keys[long_keys[a]]:
                    for y in keys[long_keys[b]]:
                        if x != y:
                            pairs.add((min(x, y), max(x, y)))
    return pairs


def _initials_fit(short: list[str], full: list[str]) -> bool:
    """'a kovalenko' fits 'alisa kovalenko'; 'a m kovalenko' fits 'alisa maria kovalenko'."""
    if len(short) != len(full) or short[-1] != full[-1]:
        return False
    return all(
        s == f or (len(s) == 1 and f.startswith(s))
        for s, f in zip(short, full, strict=True)
    )


def _shared_films(model, pairs) -> dict[tuple[int, int], int]:
    """How many films each pair shares."""
    field = "person_id" if model is Person else "company_id"
    ids = sorted({pk for pair in pairs for pk in pair})
    films: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(ids), 2000):
        for pk, film in Credit.objects.filter(
            **{f"{field}__in": ids[start : start + 2000]}
        ).values_list(field, "film_id"):
            films[pk].add(film)
    return {
        pair: len(films[pair[0]] & films[pair[1]])
        for pair in pairs
        if films[pair[0]] & films[pair[1]]
    }
