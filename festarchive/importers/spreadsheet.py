"""Films from a spreadsheet: one row per film, the columns in docs/importing.md.

Rows become the same records as the JSON Lines format and go through the same
checks and the same all-or-nothing write, so both imports behave alike.
"""

import csv
import io
import re
from collections.abc import Mapping
from pathlib import PurePath

from django.conf import settings
from django.utils import timezone, translation
from django_countries import countries as country_list

from festarchive.catalogue.columns import COLUMNS, INFORMATIONAL
from festarchive.catalogue.models import Company, Film, Person, Role
from festarchive.catalogue.role_aliases import (
    label_key,
    label_parts,
    nearest_roles,
    role_for_label,
    roles_for_label,
)
from festarchive.catalogue.vocabulary import COMPANY_ROLES, DIRECTOR
from festarchive.core.countries import country_code_for_name, split_countries
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
from .models import ImportBatch
from .sources.page_credits import AFFILIATION

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
        # The line each new record was first named on, for its refusals.
        self.lines: dict[str, int] = {}
        self.taken: set[str] = set()

    def known(self, name: str) -> bool:
        """Whether the archive has a record of this name."""
        return (
            name in self.slugs and self.slugs[name] not in self.records
        ) or self.model.objects.filter(name=name).exists()

    def slug(self, name: str, line: int) -> str:
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
            self.lines[slug] = line
        self.taken.add(slug)
        self.slugs[name] = slug
        return slug

    def matched(self) -> list[str]:
        """The names the archive already had a record of."""
        return [n for n, slug in self.slugs.items() if slug not in self.records]

    def created(self) -> list[str]:
        return [r["name"] for r in self.records.values()]


class _Roles:
    """The roles of the file's credit labels: the archive's roles by their
    names, the labels mapped with ``--map-role``, then the alias table
    (``catalogue.role_aliases``); an unknown label is refused, or becomes a
    new role with ``--create-roles``."""

    def __init__(self, *, mapped: Mapping[str, str], create: bool):
        self.names: dict[str, str] = {}
        self.shown: dict[str, str] = {}
        for role in Role.objects.all():
            self.shown[role.slug] = role.name_en
            for label in (role.slug, role.name_en, role.name_nl):
                self.names.setdefault(label_key(label), role.slug)
        self.names.update({label_key(label): slug for label, slug in mapped.items()})
        self.create = create
        self.records: dict[str, dict] = {}
        self.lines: dict[str, int] = {}
        # label as the file wrote it -> the roles it was read as
        self.read: dict[str, tuple[str, ...]] = {}

    def slugs(self, label: str, line: int) -> tuple[str, ...]:
        slugs = roles_for_label(label, names=self.names)
        if not slugs and self.create:
            slugs = tuple(
                dict.fromkeys(
                    role_for_label(part, names=self.names) or self._new(part, line)
                    for part in label_parts(label)
                )
            )
        if not slugs:
            raise _Row(self._unknown(label))
        self.read.setdefault(label, slugs)
        return slugs

    def _new(self, label: str, line: int) -> str:
        name = label.strip(" .:-")[:100]
        slug = unique_slug(
            make_slug(name, max_length=60),
            lambda s: s in self.shown or s in self.records,
        )
        self.records[slug] = {"type": "role", "slug": slug, "name_en": name}
        self.lines[slug] = line
        self.shown[slug] = name
        self.names[label_key(label)] = slug
        return slug

    def _unknown(self, label: str) -> str:
        if self.create:  # only a label without a letter or digit is left
            return f"role {label!r} has no word a role could be named by"
        nearest = [
            f"{self.shown[slug]} ({slug})"
            for slug in nearest_roles(label, names=self.names)
            if slug in self.shown
        ]
        near = (
            f"nearest known roles: {', '.join(nearest)}"
            if nearest
            else "no known role is near it"
        )
        return (
            f"role {label!r} is not in the vocabulary; {near}. Map it with "
            f'--map-role "{label}=SLUG" or add it with --create-roles'
        )

    def describe(self, slug: str) -> str:
        return f"{self.shown.get(slug, slug)} ({slug})"


class _Premieres:
    def __init__(self):
        self.slugs = {}
        for status in PremiereStatus.objects.all():
            for key in (status.name_en, status.name_nl, status.slug):
                self.slugs[fold(key)] = status.slug


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


class _File:
    """What the rows of one file share: the vocabularies, the names met so far
    and the festival records to create, and how each word was read."""

    def __init__(self, *, mapped: Mapping[str, str], create_roles: bool):
        self.roles = _Roles(mapped=mapped, create=create_roles)
        self.premieres = _Premieres()
        self.people = _Names(Person, "person")
        self.companies = _Names(Company, "company")
        self.extra = {"festival": {}, "edition": {}, "section": {}}
        # country as the file spelled it -> its code
        self.countries: dict[str, str] = {}


def _countries(cell: str, file: _File) -> list[str]:
    codes = []
    for name in split_countries(cell):
        code = country_code_for_name(name)
        if not code:
            raise _Row(f"country {name!r} is not recognised")
        file.countries.setdefault(name, code)
        if code not in codes:
            codes.append(code)
    return codes


def _credits(row, file: _File, line: int) -> list[dict]:
    people, companies = file.people, file.companies
    credits = [
        {"role": DIRECTOR, "person": people.slug(n, line), "company": None, "order": i}
        for i, n in enumerate(_items(row.get("directors", "")))
    ]
    for entry in _items(row.get("credits", "")):
        match = CREDIT.match(entry)
        if not match:
            raise _Row(f"credit {entry!r} is not 'Role: Name'")
        name = match["name"]
        # "Sound/Sounddesign: Name" credits the name in each role it joins.
        for role in file.roles.slugs(match["role"], line):
            affiliation = AFFILIATION.match(name)
            if affiliation:
                person, company = affiliation["person"], affiliation["company"]
            elif companies.known(name) and not people.known(name):
                # A company credited alone, as the download writes it back.
                person, company = None, name
            elif role in COMPANY_ROLES:
                person, company = None, name
            else:
                person, company = name, None
            credit = {
                "role": role,
                "person": people.slug(person, line) if person else None,
                "company": companies.slug(company, line) if company else None,
                "order": sum(1 for c in credits if c["role"] == role),
            }
            if not any(
                c["role"] == role
                and c["person"] == credit["person"]
                and c["company"] == credit["company"]
                for c in credits
            ):
                credits.append(credit)
    return credits


def _film(row, file: _File, line: int) -> dict:
    title = row.get("title", "").strip()
    if not title:
        raise _Row("title is missing")
    year = _number(row.get("year", ""), "year")
    countries = _countries(row.get("countries", ""), file)
    credits = _credits(row, file, line)
    edition, section = _festival_records(row, file.extra)
    selections = []
    if edition:
        premiere = None
        if row.get("premiere", "").strip():
            premiere = file.premieres.slugs.get(fold(row["premiere"]))
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
    text: str,
    *,
    dry_run: bool = False,
    replace: bool = False,
    progress=None,
    role_map: Mapping[str, str] | None = None,
    create_roles: bool = False,
    source: str = "",
    by=None,
) -> ImportReport:
    """Import a CSV file's films (comma or semicolon separated), all or nothing.

    A film already in the archive changes only in the columns the file has;
    its festival selections are only added to or corrected (a row has room
    for one), and so are its credits unless the file has both the directors
    and the credits column. Whatever a row would remove is refused unless
    ``replace``. ``role_map`` reads credit labels as the roles of the given
    slugs; ``create_roles`` makes a new role of a label no role answers to.
    What the file's names were read as goes in the report's ``readings``."""
    report = ImportReport()
    role_map = dict(role_map or {})
    unknown_roles = sorted(
        set(role_map.values()) - set(Role.objects.values_list("slug", flat=True))
    )
    if unknown_roles:
        report.error = (
            f"--map-role names no role with the slug {', '.join(unknown_roles)} "
            f"(the roles: {', '.join(Role.objects.values_list('slug', flat=True))})"
        )
        return report
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
    file = _File(mapped=role_map, create_roles=create_roles)
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
            films.append((number, _film(row, file, number)))
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
        for r in file.extra[kind].values()
    ]
    # New records carry the line that first named them, for their refusals.
    for names in (file.roles, file.people, file.companies):
        records += [(names.lines[slug], r) for slug, r in names.records.items()]
    add_only = {"selections"}
    if not {"directors", "credits"} <= set(header):
        add_only.add("credits")
    plan = plan_records(
        records + [f for f in films if seen[f[1]["slug"]] == f[0]],
        report,
        add_only=frozenset(add_only),
        source=_as_source(source),
    )
    lines = {film["slug"]: number for number, film in films}
    for file_slug, archive_slug, _label in report.matched_by_id:
        lines[archive_slug] = lines[file_slug]
    in_archive = _films_in_archive(list(plan.records["film"]))
    report = write_plan(
        plan,
        report,
        dry_run=dry_run,
        replace=replace,
        progress=progress,
        batch=(ImportBatch.Kind.SPREADSHEET, source, by) if source else None,
    )
    report.readings = _readings(file, plan.records["film"], lines, in_archive, report)
    return report


# How the spreadsheet import names itself among a film's sources.
IMPORTER = "spreadsheet"


def _as_source(source: str) -> dict | None:
    """The file, as a source of the films it creates or changes: its name
    (where it was read from on one machine says nothing on another)."""
    if not source:
        return None
    return {
        "source_url": "",
        "source_file": PurePath(source).name,
        "importer": IMPORTER,
        "imported_on": timezone.localdate().isoformat(),
    }


def _films_in_archive(slugs: list[str]) -> set[str]:
    found = set()
    for start in range(0, len(slugs), 5000):  # under SQLite's variable limit
        found.update(
            Film.objects.filter(slug__in=slugs[start : start + 5000]).values_list(
                "slug", flat=True
            )
        )
    return found


def _readings(file: _File, films: dict, lines: dict, in_archive: set, report) -> dict:
    """What the file was read as, heading by heading, for ``--dry-run``: the
    films to create and to update, the names created and matched, and the
    roles and countries each label and spelling was read as."""

    def listed(slugs):
        return [f"{films[s]['title_en']} ({s}), line {lines[s]}" for s in slugs]

    new = [slug for slug in films if slug not in in_archive]
    if report.ok:
        matched = {
            "Films to update": listed(s for s in films if s in report.changes),
            "Films already in the archive as the file has them": listed(
                s for s in films if s in in_archive and s not in report.changes
            ),
        }
    else:
        matched = {
            "Films matched in the archive": listed(s for s in films if s in in_archive)
        }
    with translation.override("en"):
        countries = [
            f"{spelling!r} as {code} ({country_list.name(code)})"
            for spelling, code in file.countries.items()
        ]
    roles = file.roles
    readings = {
        "Films to create": listed(new),
        **matched,
        "People to create": file.people.created(),
        "People matched in the archive": file.people.matched(),
        "Companies to create": file.companies.created(),
        "Companies matched in the archive": file.companies.matched(),
        "Roles to create": [roles.describe(slug) for slug in roles.records],
        "Role labels read": [
            f"{label!r} as {', '.join(roles.describe(s) for s in slugs)}"
            for label, slugs in roles.read.items()
        ],
        "Countries read": countries,
    }
    return {heading: items for heading, items in readings.items() if items}
