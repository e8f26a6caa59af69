"""The catalogue as JSON Lines: one record a line, keyed by slugs, versioned.

The format is documented in docs/export-format.md. Records refer to each other
by slug (never by database id), come in a fixed order and carry no timestamps,
so exporting, importing into an empty database and exporting again gives the
same bytes.
"""

import json
from collections import defaultdict
from collections.abc import Iterator
from operator import itemgetter

from django.db import connection

from festarchive.catalogue.models import (
    Company,
    Credit,
    Film,
    FilmCountry,
    FilmImage,
    FilmLanguage,
    FilmTitle,
    FilmVideo,
    Person,
    Role,
)
from festarchive.festival.models import (
    Award,
    Edition,
    Festival,
    PremiereStatus,
    Section,
    Selection,
)

SCHEMA = "festarchive-catalogue"
VERSION = 1

FILM_FIELDS = (
    "title_en",
    "title_nl",
    "title_original",
    "title_original_latin",
    "title_original_language",
    "year",
    "runtime_minutes",
    "synopsis_en",
    "synopsis_nl",
    "imdb_id",
    "wikidata_id",
    "eidr_id",
    "is_published",
    "is_generated",
)

IMAGE_KEYS = (
    "file",
    "kind",
    "alt_en",
    "alt_nl",
    "caption",
    "copyright",
    "order",
    "is_key",
)

# One encoder for every line: json.dumps with options builds a new one a call.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def credit_order(credit: dict):
    return (
        credit["role"],
        credit.get("order", 0),
        credit.get("person") or "",
        credit.get("company") or "",
    )


def selection_order(selection: dict):
    return (selection["edition"], selection.get("section") or "")


def _line(record: dict) -> str:
    # Records are built with their keys in a fixed order, so the output is
    # deterministic without sorting every object's keys.
    return _encode(record)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _fetch(sql: str, params=()) -> list[tuple]:
    """Rows of a raw query: plain tuples, no model objects or dicts."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _vocabularies() -> Iterator[dict]:
    for role in Role.objects.order_by("slug"):
        yield {
            "type": "role",
            "slug": role.slug,
            "name_en": role.name_en,
            "name_nl": role.name_nl,
            "order": role.order,
        }
    for status in PremiereStatus.objects.order_by("slug"):
        yield {
            "type": "premiere_status",
            "slug": status.slug,
            "name_en": status.name_en,
            "name_nl": status.name_nl,
            "order": status.order,
        }


def _festivals() -> Iterator[dict]:
    for f in Festival.objects.order_by("slug"):
        yield {
            "type": "festival",
            "slug": f.slug,
            "name": f.name,
            "short_name": f.short_name,
            "city": f.city,
            "country": f.country.code or "",
            "website": f.website,
        }
    for e in Edition.objects.select_related("festival").order_by("slug"):
        yield {
            "type": "edition",
            "slug": e.slug,
            "festival": e.festival.slug,
            "year": e.year,
            "number": e.number,
            "starts_on": e.starts_on.isoformat() if e.starts_on else None,
            "ends_on": e.ends_on.isoformat() if e.ends_on else None,
        }
    for s in Section.objects.select_related("festival").order_by("slug"):
        yield {
            "type": "section",
            "slug": s.slug,
            "festival": s.festival.slug,
            "name_en": s.name_en,
            "name_nl": s.name_nl,
            "description_en": s.description_en,
            "description_nl": s.description_nl,
            "order": s.order,
        }


def _variants(value) -> str:
    """A name_variants column as the export writes it: a JSON list, [] for none."""
    if value is None or value == "[]":
        return "[]"
    if isinstance(value, str):  # the column's JSON text, as a raw query reads it
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            pass  # not JSON: written as the text it is, as the field reads it
    return _encode(value or [])


def _name_lines() -> Iterator[str]:
    """People, then companies, in slug order."""
    encode = _encode
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT slug, name, sort_name, name_variants FROM {_table(Person)} "  # noqa: S608
            "ORDER BY slug"
        )
        while rows := cursor.fetchmany(10000):
            for slug, name, sort_name, variants in rows:
                yield (
                    f'{{"type":"person","slug":{encode(slug)},"name":{encode(name)},'
                    f'"sort_name":{encode(sort_name)},'
                    f'"name_variants":{_variants(variants)}}}'
                )
        cursor.execute(
            f"SELECT slug, name, kind, country, name_variants FROM {_table(Company)} "  # noqa: S608
            "ORDER BY slug"
        )
        while rows := cursor.fetchmany(10000):
            for slug, name, kind, country, variants in rows:
                yield (
                    f'{{"type":"company","slug":{encode(slug)},"name":{encode(name)},'
                    f'"kind":{encode(kind)},"country":{encode(country or "")},'
                    f'"name_variants":{_variants(variants)}}}'
                )


def _slugs(rows, *, blank_is_null: bool = False) -> dict:
    """id -> (slug, slug as JSON), and None -> ("", null) for a missing reference.

    A person's or company's empty slug is written as null (blank_is_null)."""
    encode = _encode
    slugs = {
        pk: (slug, "null" if blank_is_null and not slug else encode(slug))
        for pk, slug in rows
    }
    slugs[None] = ("", "null")
    return slugs


def film_lines(ids: list[int] | None = None, chunk: int = 5000) -> Iterator[str]:
    """The lines of films (all, or these) with everything that belongs to them,
    in slug order.

    Rows are read with plain queries, a slice of films at a time, and a film's
    line is put together from pieces already encoded as JSON: at a million
    credits, a model object or a dict per row costs more than the database.
    """
    if ids is not None and not ids:
        return
    encode = _encode
    qn = connection.ops.quote_name
    film, credit = _table(Film), _table(Credit)
    selection, award = _table(Selection), _table(Award)
    subset = ids is not None
    roles = _slugs(_fetch(f"SELECT id, slug FROM {_table(Role)}"))  # noqa: S608
    if subset:
        marks = ", ".join(["%s"] * len(ids))
        credited = f"(SELECT {{}} FROM {credit} WHERE film_id IN ({marks}))"  # noqa: S608
        people = _slugs(
            _fetch(
                f"SELECT id, slug FROM {_table(Person)} WHERE id IN "  # noqa: S608
                + credited.format("person_id"),
                ids,
            ),
            blank_is_null=True,
        )
        companies = _slugs(
            _fetch(
                f"SELECT id, slug FROM {_table(Company)} WHERE id IN "  # noqa: S608
                + credited.format("company_id"),
                ids,
            ),
            blank_is_null=True,
        )
        pairs = _fetch(
            f"SELECT id, slug FROM {film} WHERE id IN ({marks}) ORDER BY slug",  # noqa: S608
            ids,
        )
    else:
        # A whole export: every person's and company's slug, loaded once, where
        # looking them up per chunk would send a million ids to the database.
        people = _slugs(
            _fetch(f"SELECT id, slug FROM {_table(Person)}"),  # noqa: S608
            blank_is_null=True,
        )
        companies = _slugs(
            _fetch(f"SELECT id, slug FROM {_table(Company)}"),  # noqa: S608
            blank_is_null=True,
        )
        pairs = _fetch(f"SELECT id, slug FROM {film} ORDER BY slug")  # noqa: S608
    editions = _slugs(_fetch(f"SELECT id, slug FROM {_table(Edition)}"))  # noqa: S608
    sections = _slugs(_fetch(f"SELECT id, slug FROM {_table(Section)}"))  # noqa: S608
    premieres = _slugs(
        _fetch(f"SELECT id, slug FROM {_table(PremiereStatus)}")  # noqa: S608
    )
    columns = ", ".join(qn(name) for name in ("id", "slug", *FILM_FIELDS))
    # Positions of the flags in a film row: SQLite reads them as 0 and 1.
    flags = [
        index
        for index, name in enumerate(FILM_FIELDS, start=2)
        if Film._meta.get_field(name).get_internal_type() == "BooleanField"
    ]
    order = qn("order")
    for start in range(0, len(pairs), chunk):
        if subset:
            batch = [pk for pk, _slug in pairs[start : start + chunk]]
            marks = ", ".join(["%s"] * len(batch))
            join, where, films_where = "", f"x.film_id IN ({marks})", f"id IN ({marks})"
            params = batch
        else:
            # A whole export walks the films in slug order: a slug range is one
            # indexed condition where an id list would be thousands of parameters.
            join = f"JOIN {film} f ON f.id = x.film_id"
            where, films_where = "f.slug BETWEEN %s AND %s", "slug BETWEEN %s AND %s"
            params = (pairs[start][1], pairs[min(start + chunk, len(pairs)) - 1][1])

        def rows(
            select: str, order_by: str = "", join=join, where=where, params=params
        ) -> list[tuple]:
            return _fetch(f"{select} {join} WHERE {where} {order_by}", params)

        titles = defaultdict(list)
        for film_id, title, kind, language in rows(
            f"SELECT x.film_id, x.title, x.kind, x.language FROM {_table(FilmTitle)} x",  # noqa: S608
            "ORDER BY x.kind, x.title, x.language",
        ):
            titles[film_id].append(
                encode({"title": title, "kind": kind, "language": language})
            )
        countries = defaultdict(list)
        for film_id, code in rows(
            f"SELECT x.film_id, x.country FROM {_table(FilmCountry)} x",  # noqa: S608
            f"ORDER BY x.{order}, x.id",
        ):
            countries[film_id].append(encode(code))
        languages = defaultdict(list)
        for film_id, code in rows(
            f"SELECT x.film_id, x.language FROM {_table(FilmLanguage)} x",  # noqa: S608
            f"ORDER BY x.{order}, x.id",
        ):
            languages[film_id].append(encode(code))
        # A credit as its sort key (role, order, person, company) followed by
        # its JSON text: sorting the tuples puts the texts in the export's order.
        credits = defaultdict(list)
        for film_id, role_id, person_id, company_id, number in rows(
            "SELECT x.film_id, x.role_id, x.person_id, x.company_id, "  # noqa: S608
            f"x.{order} FROM {credit} x"
        ):
            role = roles[role_id]
            person, company = people[person_id], companies[company_id]
            credits[film_id].append(
                (
                    role[0],
                    number,
                    person[0],
                    company[0],
                    f'{{"role":{role[1]},"person":{person[1]},'
                    f'"company":{company[1]},"order":{number}}}',
                )
            )
        awards = defaultdict(list)
        for selection_id, name_en, name_nl, outcome in _fetch(
            "SELECT a.selection_id, a.name_en, a.name_nl, a.outcome "  # noqa: S608
            f"FROM {award} a JOIN {selection} x ON x.id = a.selection_id "
            f"{join} WHERE {where} ORDER BY a.name_en",
            params,
        ):
            awards[selection_id].append(
                {"name_en": name_en, "name_nl": name_nl, "outcome": outcome}
            )
        selections = defaultdict(list)
        for sel_id, film_id, edition_id, section_id, premiere_id in rows(
            "SELECT x.id, x.film_id, x.edition_id, x.section_id, x.premiere_id "  # noqa: S608
            f"FROM {selection} x"
        ):
            edition, section = editions[edition_id], sections[section_id]
            selections[film_id].append(
                (
                    edition[0],
                    section[0],
                    f'{{"edition":{edition[1]},"section":{section[1]},'
                    f'"premiere":{premieres[premiere_id][1]},'
                    f'"awards":{encode(awards[sel_id]) if sel_id in awards else "[]"}}}',
                )
            )
        images = defaultdict(list)
        for film_id, *image in rows(
            "SELECT x.film_id, x.image, x.kind, x.alt_en, x.alt_nl, x.caption, "  # noqa: S608
            f"x.copyright, x.{order}, x.is_key FROM {_table(FilmImage)} x",
            f"ORDER BY x.{order}, x.id",
        ):
            image[-1] = bool(image[-1])
            images[film_id].append(encode(dict(zip(IMAGE_KEYS, image, strict=True))))
        videos = defaultdict(list)
        for film_id, url, kind, title, number in rows(
            f"SELECT x.film_id, x.url, x.kind, x.title, x.{order} "  # noqa: S608
            f"FROM {_table(FilmVideo)} x",
            f"ORDER BY x.{order}, x.id",
        ):
            videos[film_id].append(
                encode({"url": url, "kind": kind, "title": title, "order": number})
            )
        for row in sorted(
            _fetch(f"SELECT {columns} FROM {film} WHERE {films_where}", params),  # noqa: S608
            key=itemgetter(1),
        ):
            film_id = row[0]
            values = list(row)
            for index in flags:
                values[index] = bool(values[index])
            head = encode(
                {
                    "type": "film",
                    "slug": row[1],
                    **dict(zip(FILM_FIELDS, values[2:], strict=True)),
                }
            )
            own_credits = credits.get(film_id)
            own_selections = selections.get(film_id)
            yield "".join(
                (
                    head[:-1],
                    ',"credits":[',
                    ",".join([c[4] for c in sorted(own_credits)])
                    if own_credits
                    else "",
                    '],"selections":[',
                    ",".join(
                        [s[2] for s in sorted(own_selections, key=itemgetter(0, 1))]
                    )
                    if own_selections
                    else "",
                    '],"titles":[',
                    ",".join(titles.get(film_id, ())),
                    '],"countries":[',
                    ",".join(countries.get(film_id, ())),
                    '],"languages":[',
                    ",".join(languages.get(film_id, ())),
                    '],"images":[',
                    ",".join(images.get(film_id, ())),
                    '],"videos":[',
                    ",".join(videos.get(film_id, ())),
                    "]}",
                )
            )


def film_records(ids: list[int] | None = None, chunk: int = 5000) -> Iterator[dict]:
    """Films (all, or these) with everything that belongs to them, in slug order:
    the records of film_lines."""
    for line in film_lines(ids, chunk):
        yield json.loads(line)


def export_lines() -> Iterator[str]:
    """The whole catalogue as JSON Lines, header first."""
    yield _line({"type": "header", "schema": SCHEMA, "version": VERSION})
    for records in (_vocabularies(), _festivals()):
        for record in records:
            yield _line(record)
    yield from _name_lines()
    yield from film_lines()
