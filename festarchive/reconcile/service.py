"""The archive as a reconciliation service (W3C Entity Reconciliation
Community Group, Reconciliation Service API 0.2): its manifest, and the
candidates for a batch of queries.

Candidates come from the archive's own search, the one behind the search
box (``search.queries``: prefixes, one typo, any script, stems), so a name
that finds a film there finds it here. This module only scores what the
search found: how close the name is, and whether the properties given (a
film's year and director; a person's film and role) agree.
"""

import difflib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.http import QueryDict

from festarchive.catalogue.models import Credit, Film, Person
from festarchive.catalogue.vocabulary import DIRECTOR
from festarchive.core.text import fold
from festarchive.search.queries import archive_film_ids, matching_names, parse_params

# How many queries one batch may hold, how long a query may be, how many
# candidates a query may ask for, and how many the search is asked for.
MOST_QUERIES = 50
MOST_QUERY_LENGTH = 200
DEFAULT_LIMIT = 5
MOST_CANDIDATES = 25
SEARCHED = 25
# Properties, by type: what each says.
PROPERTIES = {
    "film": {"year": "Year", "director": "Director"},
    "person": {"film": "Film", "role": "Role"},
}
TYPES = {"film": "Film", "person": "Person"}
# A disagreeing property costs this much of the score (out of 100).
PENALTY = 30


class BadQuery(ValueError):
    """A query batch that cannot be read; the message says why."""


@dataclass
class Query:
    """One query of a batch, checked."""

    text: str
    type: str
    limit: int
    properties: dict[str, list]  # pid -> values (strings, or ids for records)


def manifest(*, origin: str) -> dict:
    """The service manifest; ``origin`` is the site's scheme and host."""
    return {
        "versions": ["0.2"],
        "name": settings.FESTARCHIVE["SITE_NAME"],
        "identifierSpace": f"{origin}/en/records/",
        "schemaSpace": f"{origin}/reconcile#properties",
        "view": {"url": f"{origin}/en/records/{{{{id}}}}/"},
        "preview": {
            "url": f"{origin}/reconcile/preview?id={{{{id}}}}",
            "width": 400,
            "height": 140,
        },
        "defaultTypes": [{"id": kind, "name": name} for kind, name in TYPES.items()],
    }


def parse_batch(raw: str) -> dict[str, Query]:
    """The queries of a batch (``queries=`` as OpenRefine sends it), checked;
    ``BadQuery`` says what is wrong with one that cannot be answered."""
    try:
        batch = json.loads(raw)
    except ValueError:
        raise BadQuery("The queries are not valid JSON.") from None
    if not isinstance(batch, dict):
        raise BadQuery("The queries must be a JSON object of queries by key.")
    if len(batch) > MOST_QUERIES:
        raise BadQuery(f"A batch holds at most {MOST_QUERIES} queries.")
    return {str(key)[:100]: _query(key, value) for key, value in batch.items()}


def _query(key, value) -> Query:
    if not isinstance(value, dict):
        raise BadQuery(f"Query {key!r} is not an object.")
    text = value.get("query", "")
    if not isinstance(text, str):
        raise BadQuery(f"Query {key!r}: 'query' must be a string.")
    kind = value.get("type") or "film"
    if isinstance(kind, list):
        kind = next((k for k in kind if k in TYPES), kind[0] if kind else "film")
    if not isinstance(kind, str) or kind not in TYPES:
        raise BadQuery(f"Query {key!r}: the type must be one of {', '.join(TYPES)}.")
    limit = value.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int | float):
        raise BadQuery(f"Query {key!r}: 'limit' must be a number.")
    properties: dict[str, list] = {}
    raw_properties = value.get("properties", [])
    if not isinstance(raw_properties, list):
        raise BadQuery(f"Query {key!r}: 'properties' must be a list.")
    for item in raw_properties:
        if not isinstance(item, dict) or not isinstance(item.get("pid"), str):
            raise BadQuery(f"Query {key!r}: each property needs a 'pid'.")
        if item["pid"] not in PROPERTIES[kind]:
            raise BadQuery(
                f"Query {key!r}: a {kind} has no property {item['pid'][:40]!r}."
            )
        values = item.get("v")
        values = values if isinstance(values, list) else [values]
        properties.setdefault(item["pid"], []).extend(_values(key, values))
    if not text.strip() and not properties:
        raise BadQuery(f"Query {key!r} has neither a query nor properties.")
    return Query(
        text=text[:MOST_QUERY_LENGTH],
        type=kind,
        limit=max(1, min(int(limit), MOST_CANDIDATES)),
        properties=properties,
    )


def _values(key, values) -> list:
    out = []
    for value in values[:20]:
        if isinstance(value, dict):
            value = value.get("id") or value.get("name")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise BadQuery(f"Query {key!r}: a property value must be text or a number.")
        out.append(str(value)[:MOST_QUERY_LENGTH])
    return out


def reconcile(queries: dict[str, Query]) -> dict[str, dict]:
    """Each query's candidates, best first."""
    return {key: {"result": _candidates(query)} for key, query in queries.items()}


def _similarity(text: str, names) -> float:
    """How close ``text`` is to the closest of ``names``, 0 to 1, folded."""
    wanted = fold(text)
    return max(
        (
            difflib.SequenceMatcher(None, wanted, fold(name)).ratio()
            for name in names
            if name
        ),
        default=0.0,
    )


def _agrees(wanted: list[str], kind: str, ids: set[int], names: list[str]) -> bool:
    """Whether one of the values given is one of the record's: an id
    ('person/12') or a name, compared forgivingly."""
    for value in wanted:
        prefix, _, pk = value.partition("/")
        if prefix == kind and pk.isdigit():
            if int(pk) in ids:
                return True
        elif names and _similarity(value, names) >= 0.85:
            return True
    return False


def _scored(query: Query, name_score: float, agreements: list[bool]) -> float:
    score = 100 * name_score if query.text.strip() else 100.0
    return round(max(0.0, score - PENALTY * agreements.count(False)), 1)


def _films(query: Query) -> list[dict]:
    data = QueryDict(mutable=True)
    data["q"] = query.text
    params = parse_params(data)
    ids = archive_film_ids(params)[:SEARCHED] if params.q else []
    directors = Prefetch(
        "credits",
        queryset=Credit.objects.filter(role__slug=DIRECTOR, person__isnull=False)
        .select_related("person")
        .order_by("order", "id"),
        to_attr="director_credits",
    )
    films = (
        Film.objects.published()
        .filter(pk__in=ids)
        .prefetch_related("titles", directors)
        .in_bulk()
    )
    candidates = []
    for rank, pk in enumerate(ids):
        film = films.get(pk)
        if film is None:
            continue
        titles = [
            film.title_en,
            film.title_nl,
            film.title_original,
            film.title_original_latin,
            *(t.title for t in film.titles.all()),
        ]
        people = [c.person for c in film.director_credits]
        agreements = []
        if years := query.properties.get("year"):
            agreements.append(str(film.year) in {y.split(".")[0] for y in years})
        if wanted := query.properties.get("director"):
            agreements.append(
                _agrees(
                    wanted, "person", {p.pk for p in people}, [p.name for p in people]
                )
            )
        name_score = _similarity(query.text, titles)
        description = ", ".join(
            part
            for part in (
                str(film.year or ""),
                ", ".join(p.name for p in people),
            )
            if part
        )
        candidates.append(
            (
                rank,
                {
                    "id": f"film/{film.pk}",
                    "name": film.title_en,
                    "description": description,
                    "score": _scored(query, name_score, agreements),
                    "type": [{"id": "film", "name": TYPES["film"]}],
                },
                name_score == 1.0 and all(agreements),
            )
        )
    return _ranked(query, candidates)


def _people(query: Query) -> list[dict]:
    people = matching_names(Person, query.text, limit=SEARCHED)
    credits: dict[int, list[Credit]] = {}
    for credit in Credit.objects.filter(
        person__in=people, film__is_published=True
    ).select_related("film", "role"):
        credits.setdefault(credit.person_id, []).append(credit)
    candidates = []
    for rank, person in enumerate(people):
        own = credits.get(person.pk, [])
        agreements = []
        if wanted := query.properties.get("film"):
            films = {c.film for c in own}
            agreements.append(
                _agrees(
                    wanted,
                    "film",
                    {f.pk for f in films},
                    [t for f in films for t in (f.title_en, f.title_original) if t],
                )
            )
        if wanted := query.properties.get("role"):
            roles = {c.role for c in own}
            agreements.append(
                _agrees(
                    wanted,
                    "role",
                    set(),
                    [n for r in roles for n in (r.slug, r.name_en, r.name_nl) if n],
                )
            )
        name_score = _similarity(query.text, [person.name, *person.name_variants])
        films = sorted({c.film for c in own}, key=lambda f: (-(f.year or 0), f.pk))
        candidates.append(
            (
                rank,
                {
                    "id": f"person/{person.pk}",
                    "name": person.name,
                    "description": ", ".join(str(f) for f in films[:3]),
                    "score": _scored(query, name_score, agreements),
                    "type": [{"id": "person", "name": TYPES["person"]}],
                },
                name_score == 1.0 and all(agreements),
            )
        )
    return _ranked(query, candidates)


def _ranked(query: Query, candidates) -> list[dict]:
    """Best score first (the search's order among equals); ``match`` only
    for the one candidate that matches exactly, when it is the only one."""
    candidates.sort(key=lambda item: (-item[1]["score"], item[0]))
    exact = [item for item in candidates if item[2]]
    results = []
    for _rank, result, is_exact in candidates[: query.limit]:
        result["match"] = is_exact and len(exact) == 1
        results.append(result)
    return results


def _candidates(query: Query) -> list[dict]:
    if not query.text.strip():
        return []  # properties alone: the archive's search needs words
    return _films(query) if query.type == "film" else _people(query)
