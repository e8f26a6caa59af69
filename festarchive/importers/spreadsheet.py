"""Films from a spreadsheet: one row per film, the columns in docs/importing.md.

Rows become the same records as the JSON Lines format and go through the same
checks and the same all-or-nothing write, so both imports behave alike.
"""

import csv
import io
import re

from django.conf import settings

from festarchive.catalogue.columns import COLUMNS, INFORMATIONAL
from festarchive.catalogue.models import Company, Film, Person, Role
from festarchive.catalogue.vocabulary import COMPANY_ROLES, DIRECTOR
from festarchive.core.numbers import parse_int
from festarchive.core.spreadsheets import read_cell
from festarchive.core.text import fold, make_slug, unique_slug
from festarchive.festival.models import Edition, Festival, PremiereStatus, Section

from .catalogue_import import (
    ImportReport,
    Refused,
    check_characters,
    plan_records,
    write_plan,
)
from .sources.page_credits import AFFILIATION
from .sources.page_facts import country_code

CREDIT = re.compile(r"^\s*(?P<role>[^:]+?)\s*:\s*(?P<name>.+?)\s*$")


class _Row(ValueError):
    pass


def _items(cell: str) -> list[str]:
    separator = ";" if ";" in cell else ","
    return [item.strip() for item in cell.split(separator) if item.strip()]


def _number(value: str, column: str):
    """A cell's whole number, read as every number the site takes is
    (``parse_int``: the digits 0 to 9); the record's checks then hold it to
    its range."""
    value = value.strip()
    if not value:
        return None
    number = parse_int(value)
    if number is None:
        shown = value if len(value) <= 20 else value[:17] + "…"
        raise _Row(f"{column} {shown!r} is not a whole number")
    return number


class _Names:
    """Slugs for people and companies named in the file: an existing record with
    the same name is reused, otherwise a new, unused slug is made."""

    def __init__(self, model, kind: str):
        self.model, self.kind = model, kind
        self.slugs: dict[str, str] = {}
        self.records: dict[str, dict] = {}
        self.taken: set[str] = set()

    def known(self, name: str) -> bool:
        """Whether the archive has a record of this name."""
        return (
            name in self.slugs and self.slugs[name] not in self.records
        ) or self.model.objects.filter(name=name).exists()

    def slug(self, name: str) -> str:
        if name in self.slugs:
            return self.slugs[name]
        existing = (
            self.model.objects.filter(name=name).values_list("slug", flat=True).first()
        )
        if existing:
            slug = existing
        else:
            slug = unique_slug(
                make_slug(name),
                lambda s: s in self.taken or self.model.objects.filter(slug=s).exists(),
            )
            record = {"type": self.kind, "slug": slug, "name": name}
            if self.kind == "company":
                record["kind"] = "other"
            self.records[slug] = record
        self.taken.add(slug)
        self.slugs[name] = slug
        return slug


class _Vocabulary:
    def __init__(self):
        self.roles = {}
        for role in Role.objects.all():
            self.roles[fold(role.name_en)] = role.slug
            self.roles[fold(role.name_nl)] = role.slug
            self.roles[fold(role.slug)] = role.slug
        self.premieres = {}
        for status in PremiereStatus.objects.all():
            for key in (status.name_en, status.name_nl, status.slug):
                self.premieres[fold(key)] = status.slug


def _festival_records(row, extra: dict) -> tuple[str | None, str | None]:
    """Edition and section slugs for the row, creating festival records as needed."""
    edition_text = row.get("edition", "").strip()
    if not edition_text:
        return None, None
    festival_name = row.get("festival", "").strip()
    match = re.match(r"^(?:(?P<name>.+?)\s+)?(?P<year>[0-9]{4})$", edition_text)
    if not match:
        raise _Row(f"edition {edition_text!r} is not a year or 'Festival 2023'")
    festival_name = festival_name or match["name"] or ""
    if festival_name:
        folded = fold(festival_name)
        festival = next(
            (
                f
                for f in Festival.objects.all()
                if folded in (fold(f.short_name), fold(f.name), f.slug)
            ),
            None,
        )
        festival_slug = festival.slug if festival else make_slug(festival_name)
        if not festival:
            extra["festival"].setdefault(
                festival_slug,
                {
                    "type": "festival",
                    "slug": festival_slug,
                    "name": festival_name,
                    "short_name": festival_name,
                },
            )
    else:
        festival_slug = settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"]
    year = int(match["year"])
    edition = Edition.objects.filter(festival__slug=festival_slug, year=year).first()
    edition_slug = edition.slug if edition else make_slug(f"{festival_slug} {year}")
    if not edition:
        extra["edition"].setdefault(
            edition_slug,
            {
                "type": "edition",
                "slug": edition_slug,
                "festival": festival_slug,
                "year": year,
            },
        )
    section_slug = None
    section_name = row.get("section", "").strip()
    if section_name:
        folded = fold(section_name)
        section = next(
            (
                s
                for s in Section.objects.filter(festival__slug=festival_slug)
                if folded in (fold(s.name_en), fold(s.name_nl))
            ),
            None,
        )
        section_slug = (
            section.slug if section else make_slug(f"{festival_slug} {section_name}")
        )
        if not section:
            extra["section"].setdefault(
                section_slug,
                {
                    "type": "section",
                    "slug": section_slug,
                    "festival": festival_slug,
                    "name_en": section_name,
                },
            )
    return edition_slug, section_slug


def _film(row, vocabulary, people, companies, extra) -> dict:
    title = row.get("title", "").strip()
    if not title:
        raise _Row("title is missing")
    year = _number(row.get("year", ""), "year")
    countries = []
    for name in _items(row.get("countries", "")):
        code = (
            name.upper()
            if len(name) in (2, 4) and name.isalpha() and name.isupper()
            else country_code(name)
        )
        if not code:
            raise _Row(f"country {name!r} is not recognised")
        countries.append(code)
    credits = [
        {"role": DIRECTOR, "person": people.slug(n), "company": None, "order": i}
        for i, n in enumerate(_items(row.get("directors", "")))
    ]
    for entry in _items(row.get("credits", "")):
        match = CREDIT.match(entry)
        if not match:
            raise _Row(f"credit {entry!r} is not 'Role: Name'")
        role = vocabulary.roles.get(fold(match["role"]))
        if not role:
            raise _Row(f"role {match['role']!r} is not in the vocabulary")
        affiliation = AFFILIATION.match(match["name"])
        if affiliation:
            person, company = affiliation["person"], affiliation["company"]
        elif companies.known(match["name"]) and not people.known(match["name"]):
            # A company credited alone, as the download writes it back.
            person, company = None, match["name"]
        elif role in COMPANY_ROLES:
            person, company = None, match["name"]
        else:
            person, company = match["name"], None
        order = sum(1 for c in credits if c["role"] == role)
        credit = {
            "role": role,
            "person": people.slug(person) if person else None,
            "company": companies.slug(company) if company else None,
            "order": order,
        }
        if not any(
            c["role"] == role
            and c["person"] == credit["person"]
            and c["company"] == credit["company"]
            for c in credits
        ):
            credits.append(credit)
    edition, section = _festival_records(row, extra)
    selections = []
    if edition:
        premiere = None
        if row.get("premiere", "").strip():
            premiere = vocabulary.premieres.get(fold(row["premiere"]))
            if not premiere:
                raise _Row(f"premiere {row['premiere']!r} is not in the vocabulary")
        selections.append(
            {"edition": edition, "section": section, "premiere": premiere, "awards": []}
        )
    slug = row.get("slug", "").strip()
    if not slug:
        existing = (
            Film.objects.filter(title_en=title, year=year)
            .values_list("slug", flat=True)
            .first()
        )
        slug = existing or make_slug(f"{title} {year}" if year else title)
    film = {
        "type": "film",
        "slug": slug,
        "title_en": title,
        "title_nl": row.get("title_nl", "").strip(),
        "title_original": row.get("original_title", "").strip(),
        "title_original_latin": row.get("original_title_latin", "").strip(),
        "title_original_language": row.get("original_language", "").strip(),
        "year": year,
        "runtime_minutes": _number(row.get("runtime", ""), "runtime"),
        "synopsis_en": row.get("synopsis_en", "").strip(),
        "synopsis_nl": row.get("synopsis_nl", "").strip(),
        "imdb_id": row.get("imdb_id", "").strip(),
        "wikidata_id": row.get("wikidata_id", "").strip(),
        "eidr_id": row.get("eidr_id", "").strip(),
        "countries": countries,
        "languages": [
            code.strip().lower() for code in _items(row.get("languages", ""))
        ],
        "credits": credits,
        "selections": selections,
    }
    # Only what the file has columns for: a film already in the archive keeps
    # every field and relation the spreadsheet does not carry.
    return {
        key: value
        for key, value in film.items()
        if key in ("type", "slug") or CARRIED_BY[key] & set(row)
    }


# A film record's keys and the columns that carry them.
CARRIED_BY = {
    "title_en": {"title"},
    "title_nl": {"title_nl"},
    "title_original": {"original_title"},
    "title_original_latin": {"original_title_latin"},
    "title_original_language": {"original_language"},
    "year": {"year"},
    "runtime_minutes": {"runtime"},
    "synopsis_en": {"synopsis_en"},
    "synopsis_nl": {"synopsis_nl"},
    "imdb_id": {"imdb_id"},
    "wikidata_id": {"wikidata_id"},
    "eidr_id": {"eidr_id"},
    "countries": {"countries"},
    "languages": {"languages"},
    "credits": {"directors", "credits"},
    "selections": {"edition"},
}


def csv_reader(text: str) -> csv.DictReader:
    """A reader of a CSV file's rows, comma or semicolon separated (whichever
    the first line has more of), a leading byte-order mark read past; shared
    by every spreadsheet import."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)


def unreadable(error: csv.Error) -> str:
    """What the report says of a line the CSV reader cannot read."""
    return _unreadable(error)


def _unreadable(error: csv.Error) -> str:
    if "field limit" in str(error):
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters, "
            "more than any field holds"
        )
    return f"cannot be read as CSV ({error})"


def import_spreadsheet(
    text: str, *, dry_run: bool = False, replace: bool = False, progress=None
) -> ImportReport:
    """Import a CSV file's films (comma or semicolon separated), all or nothing.

    A film already in the archive changes only in the columns the file has;
    its festival selections are only added to or corrected (a row has room
    for one), and so are its credits unless the file has both the directors
    and the credits column. Whatever a row would remove is refused unless
    ``replace``."""
    report = ImportReport()
    reader = csv_reader(text)
    try:
        header = [name.strip() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        report.error = f"line 1: {_unreadable(error)}"
        return report
    if "title" not in header:
        report.error = "the first row must name the columns, and one must be 'title'"
        return report
    unknown = sorted(set(header) - COLUMNS - INFORMATIONAL - {""})
    if unknown:
        report.error = f"unknown columns: {', '.join(unknown)} (see docs/importing.md)"
        return report
    vocabulary = _Vocabulary()
    people, companies = _Names(Person, "person"), _Names(Company, "company")
    extra = {"festival": {}, "edition": {}, "section": {}}
    films = []
    rows = iter(reader)
    while True:
        number = reader.line_num + 1
        try:
            raw = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            report.rejected.append((number, _unreadable(error)))
            break  # the reader cannot go on past a broken line
        row = {(k or "").strip(): read_cell(v or "") for k, v in raw.items() if k}
        if None in raw:
            report.rejected.append((number, "more cells than columns"))
            continue
        try:
            # Before any cell is looked up: PostgreSQL refuses a NUL even in
            # a query.
            check_characters(row)
            films.append((number, _film(row, vocabulary, people, companies, extra)))
        except (_Row, Refused) as error:
            report.rejected.append((number, str(error)))
    seen = {}
    for number, film in films:
        if film["slug"] in seen:
            report.rejected.append(
                (number, f"the same film as line {seen[film['slug']]}")
            )
        seen.setdefault(film["slug"], number)
    records = [
        (1, r)
        for kind in ("festival", "edition", "section")
        for r in extra[kind].values()
    ]
    records += [(1, r) for r in people.records.values()] + [
        (1, r) for r in companies.records.values()
    ]
    add_only = {"selections"}
    if not {"directors", "credits"} <= set(header):
        add_only.add("credits")
    plan = plan_records(
        records + [f for f in films if seen[f[1]["slug"]] == f[0]],
        report,
        add_only=frozenset(add_only),
    )
    return write_plan(plan, report, dry_run=dry_run, replace=replace, progress=progress)
