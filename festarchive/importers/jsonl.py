"""The catalogue as JSON Lines: one record a line, keyed by slugs, versioned.

The format is documented in docs/export-format.md. Records refer to each other
by slug (never by database id), come in a fixed order and carry no timestamps,
so exporting, importing into an empty database and exporting again gives the
same bytes.
"""

import json
from collections import defaultdict
from collections.abc import Iterator

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
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


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


def _names() -> Iterator[dict]:
    for slug, name, sort_name, variants in (
        Person.objects.order_by("slug")
        .values_list("slug", "name", "sort_name", "name_variants")
        .iterator(chunk_size=5000)
    ):
        yield {
            "type": "person",
            "slug": slug,
            "name": name,
            "sort_name": sort_name,
            "name_variants": variants or [],
        }
    for slug, name, kind, country, variants in (
        Company.objects.order_by("slug")
        .values_list("slug", "name", "kind", "country", "name_variants")
        .iterator(chunk_size=5000)
    ):
        yield {
            "type": "company",
            "slug": slug,
            "name": name,
            "kind": kind,
            "country": country or "",
            "name_variants": variants or [],
        }


def film_records(ids: list[int] | None = None, chunk: int = 5000) -> Iterator[dict]:
    """Films (all, or these) with everything that belongs to them, in slug order."""
    roles = dict(Role.objects.values_list("id", "slug"))
    if ids is not None and not ids:
        return
    if ids is None:
        # A whole export: every person's and company's slug, loaded once, where
        # looking them up per chunk would send a million ids to the database.
        people = dict(
            Person.objects.values_list("id", "slug").iterator(chunk_size=20000)
        )
        companies = dict(
            Company.objects.values_list("id", "slug").iterator(chunk_size=20000)
        )
    else:
        credited = Credit.objects.filter(film_id__in=ids)
        people = dict(
            Person.objects.filter(pk__in=credited.values("person_id")).values_list(
                "id", "slug"
            )
        )
        companies = dict(
            Company.objects.filter(pk__in=credited.values("company_id")).values_list(
                "id", "slug"
            )
        )
    editions = dict(Edition.objects.values_list("id", "slug"))
    sections = dict(Section.objects.values_list("id", "slug"))
    premieres = dict(PremiereStatus.objects.values_list("id", "slug"))
    films_in_order = Film.objects.order_by("slug")
    subset = ids is not None
    if subset:
        films_in_order = films_in_order.filter(pk__in=ids)
    pairs = list(films_in_order.values_list("id", "slug"))
    for start in range(0, len(pairs), chunk):
        batch = [pk for pk, _slug in pairs[start : start + chunk]]
        first, last = pairs[start][1], pairs[min(start + chunk, len(pairs)) - 1][1]

        def of_batch(path: str, batch=batch, first=first, last=last) -> dict:
            # A whole export walks the films in slug order: a slug range is one
            # indexed condition where an id list would be thousands of parameters.
            if subset:
                return {f"{path}id__in" if path else "pk__in": batch}
            return {f"{path}slug__range": (first, last)}

        films = {
            row["id"]: row
            for row in Film.objects.filter(**of_batch("")).values(
                "id", "slug", *FILM_FIELDS
            )
        }
        parts = defaultdict(lambda: defaultdict(list))
        for film_id, title, kind, language in (
            FilmTitle.objects.filter(**of_batch("film__"))
            .order_by("kind", "title", "language")
            .values_list("film_id", "title", "kind", "language")
        ):
            parts[film_id]["titles"].append(
                {"title": title, "kind": kind, "language": language}
            )
        for film_id, code in (
            FilmCountry.objects.filter(**of_batch("film__"))
            .order_by("order", "id")
            .values_list("film_id", "country")
        ):
            parts[film_id]["countries"].append(code)
        for film_id, code in (
            FilmLanguage.objects.filter(**of_batch("film__"))
            .order_by("order", "id")
            .values_list("film_id", "language")
        ):
            parts[film_id]["languages"].append(code)
        # A million credits: sort plain tuples by the export's order first, then
        # build the dicts (sorting dicts by a key function costs twice as much).
        credit_rows = sorted(
            (
                (
                    film_id,
                    roles[role_id],
                    order,
                    people.get(person_id) or "",
                    companies.get(company_id) or "",
                )
                for film_id, role_id, person_id, company_id, order in Credit.objects.filter(
                    **of_batch("film__")
                ).values_list("film_id", "role_id", "person_id", "company_id", "order")
            )
        )
        for film_id, role, order, person, company in credit_rows:
            parts[film_id]["credits"].append(
                {
                    "role": role,
                    "person": person or None,
                    "company": company or None,
                    "order": order,
                }
            )
        awards = defaultdict(list)
        for selection_id, name_en, name_nl, outcome in (
            Award.objects.filter(**of_batch("selection__film__"))
            .order_by("name_en")
            .values_list("selection_id", "name_en", "name_nl", "outcome")
        ):
            awards[selection_id].append(
                {"name_en": name_en, "name_nl": name_nl, "outcome": outcome}
            )
        for (
            sel_id,
            film_id,
            edition_id,
            section_id,
            premiere_id,
        ) in Selection.objects.filter(**of_batch("film__")).values_list(
            "id", "film_id", "edition_id", "section_id", "premiere_id"
        ):
            parts[film_id]["selections"].append(
                {
                    "edition": editions[edition_id],
                    "section": sections.get(section_id),
                    "premiere": premieres.get(premiere_id),
                    "awards": awards[sel_id],
                }
            )
        for image in FilmImage.objects.filter(**of_batch("film__")).order_by(
            "order", "id"
        ):
            parts[image.film_id]["images"].append(
                {
                    "file": image.image.name,
                    "kind": image.kind,
                    "alt_en": image.alt_en,
                    "alt_nl": image.alt_nl,
                    "caption": image.caption,
                    "copyright": image.copyright,
                    "order": image.order,
                    "is_key": image.is_key,
                }
            )
        for video in FilmVideo.objects.filter(**of_batch("film__")).order_by(
            "order", "id"
        ):
            parts[video.film_id]["videos"].append(
                {
                    "url": video.url,
                    "kind": video.kind,
                    "title": video.title,
                    "order": video.order,
                }
            )
        for film_id in sorted(films, key=lambda i: films[i]["slug"]):
            film = films.pop(film_id)
            del film["id"]
            own = parts[film_id]
            film["credits"] = own["credits"]  # already in credit_order
            film["selections"] = sorted(own["selections"], key=selection_order)
            for key in ("titles", "countries", "languages", "images", "videos"):
                film[key] = own[key]
            yield {"type": "film", **film}


def export_lines() -> Iterator[str]:
    """The whole catalogue as JSON Lines, header first."""
    yield _line({"type": "header", "schema": SCHEMA, "version": VERSION})
    for records in (_vocabularies(), _festivals(), _names(), film_records()):
        for record in records:
            yield _line(record)
