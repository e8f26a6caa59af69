"""What a file does to a film the archive already holds: the film it leaves
behind, each change, and what it would remove.

A file changes only what it carries. A field whose key (or column) the file
lacks is left alone, and so is a relation it lacks. A relation a format can
only add to (the spreadsheet's one festival selection a row) gains what the
file names and loses nothing. Anything a file would remove (a field emptied, a
credit, a selection, an award, an image gone from the list) is removed only
when the import is told to (``replace``); otherwise the film is refused with
what it would lose, so an unedited download can never delete data.

Films are compared in the export's shape (``jsonl.film_records``), so the
rules hold for every format that is turned into those records.
"""

from dataclasses import dataclass, field

from .jsonl import credit_order, provenance_order, selection_order
from .record_schema import FILM_FIELDS

# Each relation of a film, with what makes one of its items the same item:
# an item whose identity is gone has been removed, one whose other values
# differ has been changed.
RELATIONS = {
    "titles": lambda t: (t["kind"], t["title"], t["language"]),
    "countries": lambda code: code,
    "languages": lambda code: code,
    "credits": lambda c: (c["role"], c["person"], c["company"]),
    "selections": lambda s: (s["edition"], s["section"]),
    "images": lambda p: p["file"],
    "videos": lambda v: (v["url"], v["file"]),
    "provenance": lambda p: (p["source_url"], p["source_file"], p["importer"]),
}
# Kept in the order the export writes them, so films compare equal.
_ORDER = {
    "credits": credit_order,
    "selections": selection_order,
    "titles": lambda t: (t["kind"], t["title"], t["language"]),
    "images": lambda p: p["order"],
    "videos": lambda v: v["order"],
    "provenance": provenance_order,
}
EMPTY = ("", None)


@dataclass
class FilmChange:
    """A film as a file leaves it, with its changes and removals described."""

    film: dict
    changed_fields: set[str] = field(default_factory=set)
    changed_relations: set[str] = field(default_factory=set)
    changes: list[str] = field(default_factory=list)
    removals: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changed_fields or self.changed_relations)


def film_change(current: dict, incoming: dict, *, carried: set[str], add_only=()):
    """``current`` updated by ``incoming`` (both in the export's shape) for the
    keys the file ``carried``; relations in ``add_only`` are only added to."""
    result = FilmChange(film=dict(current))
    for key in FILM_FIELDS:
        if key not in carried or incoming[key] == current[key]:
            continue
        result.film[key] = incoming[key]
        result.changed_fields.add(key)
        result.changes.append(
            f"{key}: {_short(current[key])} → {_short(incoming[key])}"
        )
        if current[key] not in EMPTY and incoming[key] in EMPTY:
            result.removals.append(key)
    for relation, identity in RELATIONS.items():
        if relation not in carried:
            continue
        before = current[relation]
        if relation == "selections" and relation in add_only:
            after = _add_selections(before, incoming[relation])
        elif relation in add_only:
            known = {identity(item) for item in before}
            after = before + [i for i in incoming[relation] if identity(i) not in known]
        else:
            after = incoming[relation]
        if relation == "credits":
            after = _keep_credit_order(before, after)
        if relation in _ORDER:
            after = sorted(after, key=_ORDER[relation])
        if after == before:
            continue
        result.film[relation] = after
        result.changed_relations.add(relation)
        _describe(result, relation, before, after)
    return result


def _add_selections(before: list[dict], incoming: list[dict]) -> list[dict]:
    """Selections named by a format that carries one a row: a selection of an
    edition the film was not in is added; one of an edition it was in corrects
    that selection's section or premiere (its awards stay); none is removed."""
    after = [dict(s) for s in before]
    for selection in incoming:
        same_edition = [s for s in after if s["edition"] == selection["edition"]]
        exact = [s for s in same_edition if s["section"] == selection["section"]]
        if exact or (same_edition and selection["section"] is None):
            target = (exact or same_edition)[0]
        elif len(same_edition) == 1:
            target = same_edition[0]
            target["section"] = selection["section"]
        else:
            after.append({**selection, "awards": list(selection["awards"])})
            continue
        if selection["premiere"] is not None:
            target["premiere"] = selection["premiere"]
        known = {(a["name_en"], a["outcome"]) for a in target["awards"]}
        target["awards"] = sorted(
            target["awards"]
            + [
                a
                for a in selection["awards"]
                if (a["name_en"], a["outcome"]) not in known
            ],
            key=lambda a: a["name_en"],
        )
    return after


def _keep_credit_order(before: list[dict], after: list[dict]) -> list[dict]:
    """A role whose people and companies come in the same sequence keeps its
    own order numbers: a format that numbers credits afresh (the spreadsheet)
    does not renumber them."""

    def by_role(credits):
        roles: dict[str, list[dict]] = {}
        for credit in sorted(credits, key=credit_order):
            roles.setdefault(credit["role"], []).append(credit)
        return roles

    old, new = by_role(before), by_role(after)
    identity = RELATIONS["credits"]
    kept = []
    for role, credits in new.items():
        if [identity(c) for c in credits] == [identity(c) for c in old.get(role, [])]:
            kept.extend(old[role])
        else:
            kept.extend(credits)
    return kept


def _describe(result: FilmChange, relation: str, before, after) -> None:
    identity = RELATIONS[relation]
    old = {identity(item): item for item in before}
    new = {identity(item): item for item in after}
    gone = [key for key in old if key not in new]
    added = [key for key in new if key not in old]
    pairs = [(old[key], new[key]) for key in old if key in new and old[key] != new[key]]
    if relation == "selections":
        # A selection whose section was corrected is the same selection: one
        # gone and one added in an edition are paired up.
        for edition in {key[0] for key in gone}:
            was = [key for key in gone if key[0] == edition]
            now = [key for key in added if key[0] == edition]
            if len(was) == len(now) == 1:
                gone.remove(was[0])
                added.remove(now[0])
                pairs.append((old[was[0]], new[now[0]]))
    for key in gone:
        result.changes.append(f"{relation}: - {_item(relation, old[key])}")
        result.removals.append(f"{relation[:-1]} {_item(relation, old[key])}")
    for was, now in pairs:
        result.changes.append(f"{relation}: ~ {_item(relation, now)}")
        if relation == "selections":
            lost = {(a["name_en"], a["outcome"]) for a in was["awards"]} - {
                (a["name_en"], a["outcome"]) for a in now["awards"]
            }
            result.removals.extend(
                f"award {name!r} ({outcome}) of {was['edition']}"
                for name, outcome in sorted(lost)
            )
    for key in added:
        result.changes.append(f"{relation}: + {_item(relation, new[key])}")


def _item(relation: str, item) -> str:
    if relation == "credits":
        who = " for ".join(n for n in (item["person"], item["company"]) if n)
        return f"{item['role']}: {who}"
    if relation == "selections":
        return " ".join(n for n in (item["edition"], item["section"]) if n)
    if relation == "titles":
        return repr(item["title"])
    if relation == "images":
        return item["file"]
    if relation == "videos":
        return item["url"] or item["file"]
    if relation == "provenance":
        return f"{item['source_url'] or item['source_file']} ({item['importer']})"
    return str(item)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"
