"""The catalogue as JSON Lines: one record a line, keyed by slugs, versioned.

The format is documented in docs/export-format.md. Records refer to each other
by slug (never by database id), come in a fixed order and carry no timestamps,
so exporting, importing into an empty database and exporting again gives the
same bytes.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import groupby
from json.encoder import encode_basestring
from operator import itemgetter

from django.db import connection
from django.db.models import Prefetch

from festarchive.catalogue.models import (
    Company,
    CompanyImage,
    Credit,
    Film,
    FilmCountry,
    FilmImage,
    FilmLanguage,
    FilmProvenance,
    FilmTitle,
    FilmVideo,
    Person,
    PersonImage,
    Role,
)
from festarchive.core import speedups
from festarchive.festival.models import (
    Award,
    Edition,
    Festival,
    Juror,
    Jury,
    PremiereStatus,
    Prize,
    PrizeName,
    Section,
    Selection,
)

from .record_schema import FILM_FIELDS

SCHEMA = "festarchive-catalogue"
VERSION = 1


# An image of a film, person or company, and a video, key by key in the
# export's order; the files themselves travel separately (storage paths).
PICTURE_KEYS = (
    "file",
    "width",
    "height",
    "alt_en",
    "alt_nl",
    "caption",
    "copyright",
    "order",
)
FILM_IMAGE_KEYS = (*PICTURE_KEYS, "kind", "is_key")
VIDEO_KEYS = (
    "url",
    "file",
    "poster",
    "poster_width",
    "poster_height",
    "kind",
    "title",
    "order",
)
# Where a film's facts came from (catalogue.FilmProvenance), in the export's order.
PROVENANCE_KEYS = ("source_url", "source_file", "importer", "imported_on")


def provenance_order(source: dict):
    """The order sources are written in: by day, then by address."""
    return (
        source["imported_on"],
        source["source_url"],
        source["source_file"],
        source["importer"],
    )


# One encoder for every line: json.dumps with options builds a new one a call.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# A string as JSON, exactly as _encode writes it (ensure_ascii=False), but a
# direct call into C: the export quotes millions of strings, and _encode's
# Python layers cost more than the quoting.
_quote = encode_basestring


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
    former = Prefetch(
        "names", queryset=PrizeName.objects.order_by("from_year", "name_en", "id")
    )
    for p in (
        Prize.objects.select_related("festival")
        .prefetch_related(former)
        .order_by("slug")
    ):
        yield {
            "type": "prize",
            "slug": p.slug,
            "festival": p.festival.slug,
            "name_en": p.name_en,
            "name_nl": p.name_nl,
            "description_en": p.description_en,
            "description_nl": p.description_nl,
            "order": p.order,
            "former_names": [
                {
                    "name_en": n.name_en,
                    "name_nl": n.name_nl,
                    "from_year": n.from_year,
                    "until_year": n.until_year,
                }
                for n in p.names.all()
            ],
        }


def juror_order(juror: dict):
    return (juror["order"], juror["person"])


def _juries() -> Iterator[dict]:
    """Juries in slug order, each with its jurors (after the people they name)."""
    jurors = Prefetch("jurors", queryset=Juror.objects.select_related("person"))
    for j in (
        Jury.objects.select_related("edition", "section")
        .prefetch_related(jurors)
        .order_by("slug")
    ):
        yield {
            "type": "jury",
            "slug": j.slug,
            "edition": j.edition.slug,
            "section": j.section.slug if j.section else None,
            "name_en": j.name_en,
            "name_nl": j.name_nl,
            "order": j.order,
            "jurors": sorted(
                (
                    {
                        "person": juror.person.slug,
                        "role": juror.role,
                        "order": juror.order,
                    }
                    for juror in j.jurors.all()
                ),
                key=juror_order,
            ),
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


def _pictures(model, owner: str) -> dict[int, str]:
    """owner id -> the JSON of its images (portraits, logos), in order."""
    encode = _encode
    rows = _fetch(
        f"SELECT {owner}_id, image, width, height, alt_en, alt_nl, caption, "  # noqa: S608
        f'copyright, "order" FROM {_table(model)} ORDER BY {owner}_id, "order", id'
    )
    return {
        owner_id: ",".join(
            [
                encode(dict(zip(PICTURE_KEYS, picture, strict=True)))
                for _owner_id, *picture in group
            ]
        )
        for owner_id, group in groupby(rows, _by_first)
    }


def _name_lines() -> Iterator[str]:
    """People, then companies, in slug order, each with its images."""
    if not speedups.enabled("export-as-text"):
        yield from _name_lines_plainly()
        return
    quote, variants_json = _quote, _variants
    portraits = _pictures(PersonImage, "person")
    logos = _pictures(CompanyImage, "company")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, slug, name, sort_name, name_variants FROM {_table(Person)} "  # noqa: S608
            "ORDER BY slug"
        )
        while rows := cursor.fetchmany(10000):
            yield from [
                f'{{"type":"person","slug":{quote(slug)},"name":{quote(name)},'
                f'"sort_name":{quote(sort_name)},'
                f'"name_variants":{variants_json(variants)},'
                f'"images":[{portraits.get(pk, "")}]}}'
                for pk, slug, name, sort_name, variants in rows
            ]
        cursor.execute(
            f"SELECT id, slug, name, kind, country, name_variants FROM {_table(Company)} "  # noqa: S608
            "ORDER BY slug"
        )
        while rows := cursor.fetchmany(10000):
            yield from [
                f'{{"type":"company","slug":{quote(slug)},"name":{quote(name)},'
                f'"kind":{quote(kind)},"country":{quote(country or "")},'
                f'"name_variants":{variants_json(variants)},'
                f'"images":[{logos.get(pk, "")}]}}'
                for pk, slug, name, kind, country, variants in rows
            ]


def _film_head(row) -> str:
    """A film's own fields as the start of its JSON object (no closing brace).

    Written out field by field: encoding a dict of sixteen keys costs several
    times more, and is a large part of the export at 100,000 films. The fields
    are those of FILM_FIELDS, in that order: the query selects FILM_FIELDS, so
    a field added there and not here fails at the unpacking."""
    (
        slug,
        title_en,
        title_nl,
        title_original,
        title_original_latin,
        title_original_language,
        year,
        runtime_minutes,
        synopsis_en,
        synopsis_nl,
        imdb_id,
        wikidata_id,
        eidr_id,
        is_published,
        is_generated,
    ) = row
    quote = _quote
    return (
        f'{{"type":"film","slug":{quote(slug)},"title_en":{quote(title_en)},'
        f'"title_nl":{quote(title_nl)},"title_original":{quote(title_original)},'
        f'"title_original_latin":{quote(title_original_latin)},'
        f'"title_original_language":{quote(title_original_language)},'
        f'"year":{"null" if year is None else year},'
        f'"runtime_minutes":{"null" if runtime_minutes is None else runtime_minutes},'
        f'"synopsis_en":{quote(synopsis_en)},"synopsis_nl":{quote(synopsis_nl)},'
        f'"imdb_id":{quote(imdb_id)},"wikidata_id":{quote(wikidata_id)},'
        f'"eidr_id":{quote(eidr_id)},'
        # true or false whether a flag is read as a bool or as 0 and 1
        f'"is_published":{"true" if is_published else "false"},'
        f'"is_generated":{"true" if is_generated else "false"}'
    )


def _slugs(rows, *, blank_is_null: bool = False) -> tuple[dict, dict]:
    """id -> slug (to sort by) and id -> slug as JSON; None, a missing
    reference, is "" and null.

    A person's or company's empty slug is written as null (blank_is_null).
    Two plain dicts rather than one of pairs: the credits loop looks up a
    million of each, and a lookup is cheaper than taking a pair apart."""
    slugs = dict(rows)
    as_json = dict(zip(slugs, map(_quote, slugs.values()), strict=True))
    if blank_is_null:
        as_json.update((pk, "null") for pk, slug in slugs.items() if not slug)
    slugs[None], as_json[None] = "", "null"
    return slugs, as_json


# Rows come from the database grouped by film (or by selection, for awards):
# itertools.groupby cuts them into a group a film, and a list comprehension
# turns each group into its film's JSON text. That costs far less a row than a
# loop filing every row under its film in a dict of lists.
_by_first = itemgetter(0)


def _titles(rows) -> dict[int, str]:
    quote = _quote
    return {
        film_id: ",".join(
            [
                f'{{"title":{quote(title)},"kind":{quote(kind)},'
                f'"language":{quote(language)}}}'
                for _film_id, title, kind, language in group
            ]
        )
        for film_id, group in groupby(rows, _by_first)
    }


def _codes(rows) -> dict[int, str]:
    """Country or language codes."""
    quote = _quote
    return {
        film_id: ",".join([quote(code) for _film_id, code in group])
        for film_id, group in groupby(rows, _by_first)
    }


def _credits(rows, roles, people, companies) -> dict[int, str]:
    """A film's credits in the export's order: by role, order, person, company.

    roles, people and companies are the pairs of dicts of _slugs. A credit is
    put together as its sort key followed by its JSON text, so sorting the
    tuples puts the texts in order."""
    (role_slug, role_json), (person_slug, person_json) = roles, people
    company_slug, company_json = companies
    credits = {}
    for film_id, group in groupby(rows, _by_first):
        own = [
            (
                role_slug[role],
                number,
                person_slug[person],
                company_slug[company],
                f'{{"role":{role_json[role]},"person":{person_json[person]},'
                f'"company":{company_json[company]},"order":{number}}}',
            )
            for _film_id, role, person, company, number in group
        ]
        own.sort()
        credits[film_id] = ",".join([credit[4] for credit in own])
    return credits


def _awards(rows) -> dict[int, str]:
    """Awards by selection, as JSON lists."""
    encode = _encode
    return {
        selection_id: encode([award_record(*award) for _selection_id, *award in group])
        for selection_id, group in groupby(rows, _by_first)
    }


def award_record(
    name_en: str,
    name_nl: str,
    outcome: str,
    prize: str | None,
    statement_en: str,
    statement_nl: str,
) -> dict:
    """An award as the export writes it, key by key."""
    return {
        "name_en": name_en,
        "name_nl": name_nl,
        "outcome": outcome,
        "prize": prize,
        "statement_en": statement_en,
        "statement_nl": statement_nl,
    }


def _selections(rows, editions, sections, premieres, awards) -> dict[int, str]:
    """A film's selections by edition and section (the rows come in id order,
    which a tie keeps)."""
    edition_slug, edition_json = editions
    section_slug, section_json = sections
    premiere_json = premieres[1]
    selections = {}
    for film_id, group in groupby(rows, _by_first):
        own = [
            (
                edition_slug[edition],
                section_slug[section],
                f'{{"edition":{edition_json[edition]},'
                f'"section":{section_json[section]},'
                f'"premiere":{premiere_json[premiere]},'
                f'"awards":{awards.get(selection_id, "[]")}}}',
            )
            for _film_id, selection_id, edition, section, premiere in group
        ]
        own.sort(key=_by_edition_and_section)
        selections[film_id] = ",".join([selection[2] for selection in own])
    return selections


_by_edition_and_section = itemgetter(0, 1)


def _images(rows) -> dict[int, str]:
    encode = _encode
    return {
        film_id: ",".join(
            [
                encode(dict(zip(FILM_IMAGE_KEYS, (*image, bool(is_key)), strict=True)))
                for _film_id, *image, is_key in group
            ]
        )
        for film_id, group in groupby(rows, _by_first)
    }


def _videos(rows) -> dict[int, str]:
    encode = _encode
    return {
        film_id: ",".join(
            [
                encode(dict(zip(VIDEO_KEYS, video, strict=True)))
                for _film_id, *video in group
            ]
        )
        for film_id, group in groupby(rows, _by_first)
    }


def _provenance(rows) -> dict[int, str]:
    encode = _encode
    return {
        film_id: ",".join(
            [
                # The day as text: SQLite hands it over as text, PostgreSQL as a date.
                encode(dict(zip(PROVENANCE_KEYS, (*source, str(day)), strict=True)))
                for _film_id, *source, day in group
            ]
        )
        for film_id, group in groupby(rows, _by_first)
    }


def film_lines(ids: list[int] | None = None, chunk: int = 5000) -> Iterator[str]:
    """The lines of films (all, or these) with everything that belongs to them,
    in slug order.

    Rows are read with plain queries and a film's line is put together from
    pieces already encoded as JSON: at a million credits, a model object or a
    dict per row costs more than the database.
    """
    if ids is not None and not ids:
        return
    if not speedups.enabled("export-as-text"):
        yield from _film_lines_plainly(ids, chunk)
        return
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
        of_films, params = f"WHERE x.film_id IN ({marks})", ids
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
        of_films, params = "", ()
    editions = _slugs(_fetch(f"SELECT id, slug FROM {_table(Edition)}"))  # noqa: S608
    sections = _slugs(_fetch(f"SELECT id, slug FROM {_table(Section)}"))  # noqa: S608
    premieres = _slugs(
        _fetch(f"SELECT id, slug FROM {_table(PremiereStatus)}")  # noqa: S608
    )
    order = qn("order")

    def rows(select: str, order_by: str) -> list[tuple]:
        """The rows of all the films (or these), a film's rows together (for
        groupby), in order_by within a film."""
        return _fetch(
            f"{select} {of_films} ORDER BY x.film_id, {order_by}",  # noqa: S608
            params,
        )

    # Everything but the credits is read once, for all the films (or these), in
    # film id order, which the film_id indexes give nearly for free. What is
    # kept is a few short pieces of JSON a film; reading them a slice of films
    # at a time, as the credits are, would cost a lookup a film in every table.
    titles = _titles(
        rows(
            f"SELECT x.film_id, x.title, x.kind, x.language FROM {_table(FilmTitle)} x",  # noqa: S608
            "x.kind, x.title, x.language",
        )
    )
    countries = _codes(
        rows(
            f"SELECT x.film_id, x.country FROM {_table(FilmCountry)} x",  # noqa: S608
            f"x.{order}, x.id",
        )
    )
    languages = _codes(
        rows(
            f"SELECT x.film_id, x.language FROM {_table(FilmLanguage)} x",  # noqa: S608
            f"x.{order}, x.id",
        )
    )
    awards = _awards(
        _fetch(
            "SELECT a.selection_id, a.name_en, a.name_nl, a.outcome, p.slug, "  # noqa: S608
            "a.statement_en, a.statement_nl "
            f"FROM {award} a JOIN {selection} x ON x.id = a.selection_id "
            f"LEFT JOIN {_table(Prize)} p ON p.id = a.prize_id "
            f"{of_films} ORDER BY a.selection_id, a.name_en",
            params,
        )
    )
    selections = _selections(
        rows(
            "SELECT x.film_id, x.id, x.edition_id, x.section_id, x.premiere_id "  # noqa: S608
            f"FROM {selection} x",
            "x.id",
        ),
        editions,
        sections,
        premieres,
        awards,
    )
    images = _images(
        rows(
            "SELECT x.film_id, x.image, x.width, x.height, x.alt_en, x.alt_nl, "  # noqa: S608
            f"x.caption, x.copyright, x.{order}, x.kind, x.is_key "
            f"FROM {_table(FilmImage)} x",
            f"x.{order}, x.id",
        )
    )
    videos = _videos(
        rows(
            "SELECT x.film_id, x.url, x.file, x.poster, x.poster_width, "  # noqa: S608
            f"x.poster_height, x.kind, x.title, x.{order} FROM {_table(FilmVideo)} x",
            f"x.{order}, x.id",
        )
    )
    provenance = _provenance(
        rows(
            "SELECT x.film_id, x.source_url, x.source_file, x.importer, "  # noqa: S608
            f"x.imported_on FROM {_table(FilmProvenance)} x",
            "x.imported_on, x.source_url, x.source_file, x.importer",
        )
    )

    columns = ", ".join(qn(name) for name in ("id", "slug", *FILM_FIELDS))
    for start in range(0, len(pairs), chunk):
        if subset:
            batch = [pk for pk, _slug in pairs[start : start + chunk]]
            marks = ", ".join(["%s"] * len(batch))
            credits_of, films_where = (
                f"WHERE x.film_id IN ({marks})",
                f"id IN ({marks})",
            )
            by_film, chunk_params = "x.film_id", batch
        else:
            # A whole export walks the films in slug order: a slug range is one
            # indexed condition where an id list would be thousands of parameters.
            credits_of = (
                f"JOIN {film} f ON f.id = x.film_id WHERE f.slug BETWEEN %s AND %s"
            )
            films_where = "slug BETWEEN %s AND %s"
            # By slug, the credits come in the order the join reads them: the
            # database has nothing to sort.
            by_film = "f.slug"
            chunk_params = (
                pairs[start][1],
                pairs[min(start + chunk, len(pairs)) - 1][1],
            )
        credits = _credits(
            _fetch(
                "SELECT x.film_id, x.role_id, x.person_id, x.company_id, "  # noqa: S608
                f"x.{order} FROM {credit} x {credits_of} ORDER BY {by_film}",
                chunk_params,
            ),
            roles,
            people,
            companies,
        )
        for film_id, *row in sorted(
            _fetch(f"SELECT {columns} FROM {film} WHERE {films_where}", chunk_params),  # noqa: S608
            key=itemgetter(1),
        ):
            yield (
                f'{_film_head(row)},"credits":[{credits.get(film_id, "")}],'
                f'"selections":[{selections.get(film_id, "")}],'
                f'"titles":[{titles.get(film_id, "")}],'
                f'"countries":[{countries.get(film_id, "")}],'
                f'"languages":[{languages.get(film_id, "")}],'
                f'"images":[{images.get(film_id, "")}],'
                f'"videos":[{videos.get(film_id, "")}],'
                f'"provenance":[{provenance.get(film_id, "")}]}}'
            )


def film_records(ids: list[int] | None = None, chunk: int = 5000) -> Iterator[dict]:
    """Films (all, or these) with everything that belongs to them, in slug order:
    the records of film_lines."""
    for line in film_lines(ids, chunk):
        yield json.loads(line)


# -- the plain way -------------------------------------------------------------------
# The same lines through the ORM, a dict a record, for FESTARCHIVE_SPEEDUPS=none
# (docs/decisions/0008-export-as-text.md): several times slower on a large
# archive, and the reference the fast way above is tested against, byte for byte.


def picture_record(picture) -> dict:
    """An image (a film's, a portrait, a logo) as the export writes it."""
    return {
        "file": picture.image.name,
        **{key: getattr(picture, key) for key in PICTURE_KEYS if key != "file"},
    }


def _name_lines_plainly() -> Iterator[str]:
    portraits = Prefetch("images", queryset=PersonImage.objects.order_by("order", "id"))
    for person in Person.objects.order_by("slug").prefetch_related(portraits):
        yield _line(
            {
                "type": "person",
                "slug": person.slug,
                "name": person.name,
                "sort_name": person.sort_name,
                "name_variants": person.name_variants or [],
                "images": [picture_record(image) for image in person.images.all()],
            }
        )
    logos = Prefetch("images", queryset=CompanyImage.objects.order_by("order", "id"))
    for company in Company.objects.order_by("slug").prefetch_related(logos):
        yield _line(
            {
                "type": "company",
                "slug": company.slug,
                "name": company.name,
                "kind": company.kind,
                "country": company.country.code or "",
                "name_variants": company.name_variants or [],
                "images": [picture_record(image) for image in company.images.all()],
            }
        )


def _slug_or_none(record) -> str | None:
    return (record.slug or None) if record is not None else None


def _film_record(film: Film) -> dict:
    record = {"type": "film", "slug": film.slug}
    record.update((name, getattr(film, name)) for name in FILM_FIELDS)
    credits = sorted(
        film.credits.all(),
        key=lambda c: (
            c.role.slug,
            c.order,
            c.person.slug if c.person else "",
            c.company.slug if c.company else "",
        ),
    )
    selections = sorted(
        film.selections.all(),
        key=lambda s: (s.edition.slug, s.section.slug if s.section else ""),
    )
    record["credits"] = [
        {
            "role": c.role.slug,
            "person": _slug_or_none(c.person),
            "company": _slug_or_none(c.company),
            "order": c.order,
        }
        for c in credits
    ]
    record["selections"] = [
        {
            "edition": s.edition.slug,
            "section": s.section.slug if s.section else None,
            "premiere": s.premiere.slug if s.premiere else None,
            "awards": [
                award_record(
                    a.name_en,
                    a.name_nl,
                    a.outcome,
                    a.prize.slug if a.prize else None,
                    a.statement_en,
                    a.statement_nl,
                )
                for a in s.awards.all()
            ],
        }
        for s in selections
    ]
    record["titles"] = [
        {"title": t.title, "kind": t.kind, "language": t.language}
        for t in film.titles.all()
    ]
    record["countries"] = [c.country.code for c in film.production_countries.all()]
    record["languages"] = [lang.language for lang in film.spoken_languages.all()]
    record["images"] = [
        {**picture_record(image), "kind": image.kind, "is_key": image.is_key}
        for image in film.images.all()
    ]
    record["videos"] = [
        {
            "url": v.url,
            "file": v.file.name,
            "poster": v.poster.name,
            "poster_width": v.poster_width,
            "poster_height": v.poster_height,
            "kind": v.kind,
            "title": v.title,
            "order": v.order,
        }
        for v in film.videos.all()
    ]
    record["provenance"] = [
        {
            "source_url": p.source_url,
            "source_file": p.source_file,
            "importer": p.importer,
            "imported_on": p.imported_on.isoformat(),
        }
        for p in film.provenances.all()
    ]
    return record


def _film_lines_plainly(ids: list[int] | None, chunk: int) -> Iterator[str]:
    films = Film.objects.order_by("slug")
    if ids is not None:
        films = films.filter(id__in=ids)
    by_order = ("order", "id")
    related = (
        Prefetch(
            "credits",
            queryset=Credit.objects.select_related("role", "person", "company"),
        ),
        Prefetch(
            "selections",
            queryset=Selection.objects.order_by("id")
            .select_related("edition", "section", "premiere")
            .prefetch_related(
                Prefetch(
                    "awards",
                    queryset=Award.objects.select_related("prize").order_by("name_en"),
                )
            ),
        ),
        Prefetch(
            "titles", queryset=FilmTitle.objects.order_by("kind", "title", "language")
        ),
        Prefetch(
            "production_countries", queryset=FilmCountry.objects.order_by(*by_order)
        ),
        Prefetch("spoken_languages", queryset=FilmLanguage.objects.order_by(*by_order)),
        Prefetch("images", queryset=FilmImage.objects.order_by(*by_order)),
        Prefetch("videos", queryset=FilmVideo.objects.order_by(*by_order)),
        Prefetch(
            "provenances",
            queryset=FilmProvenance.objects.order_by(
                "imported_on", "source_url", "source_file", "importer"
            ),
        ),
    )
    pks = list(films.values_list("pk", flat=True))
    for start in range(0, len(pks), chunk):
        batch = Film.objects.filter(pk__in=pks[start : start + chunk])
        # The database's order of slugs a slice at a time, and within a
        # slice Python's, as the fast way has them.
        for film in sorted(batch.prefetch_related(*related), key=lambda f: f.slug):
            yield _line(_film_record(film))


@contextmanager
def _mapped_reads() -> Iterator[None]:
    """SQLite: read the database file through memory mapping meanwhile.

    The export reads most of the database, in index order, so jumping across
    the tables: mapped, a page is read where it lies, where otherwise every page
    that misses SQLite's cache costs a system call and a copy. (Only for
    reading: a disk error while mapped ends the process rather than a query.)"""
    if connection.vendor != "sqlite" or not speedups.enabled("export-as-text"):
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size")
        before = cursor.fetchone()  # None for a database in memory (the tests')
        if before is not None:
            # SQLite caps this at its compile-time limit (2 GB, usually).
            cursor.execute(f"PRAGMA mmap_size = {1 << 40}")
    try:
        yield
    finally:
        if before is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA mmap_size = {int(before[0])}")


def export_lines() -> Iterator[str]:
    """The whole catalogue as JSON Lines, header first."""
    with _mapped_reads():
        yield _line({"type": "header", "schema": SCHEMA, "version": VERSION})
        for records in (_vocabularies(), _festivals()):
            for record in records:
                yield _line(record)
        yield from _name_lines()
        for record in _juries():
            yield _line(record)
        yield from film_lines()
