"""Load a JSON Lines catalogue export: checked whole first, then written in one go.

Every line is read and checked before anything is written. If any line is
refused, the file is refused and the database is untouched; the report lists
each refused line with its number and the reason. Films are matched by
external id (IMDb, Wikidata, EIDR), then by slug; other records by slug. So
importing the same file twice changes nothing the second time.
"""

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, islice

from django.db import (
    DataError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    models,
    transaction,
)
from django.utils import timezone

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
from festarchive.core import pagetags
from festarchive.core.text import initial, sort_key
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
    festival_selections_tag,
)
from festarchive.festival.services import prize_for_name
from festarchive.search.indexer import index_films, index_names, rebuild_index

from .batches import import_batch_record, written_counts
from .changes import RELATIONS, film_change
from .jsonl import (
    PICTURE_KEYS,
    PROVENANCE_KEYS,
    SCHEMA,
    VERSION,
    VIDEO_KEYS,
    award_record,
    credit_order,
    film_records,
    picture_record,
    provenance_order,
    selection_order,
)
from .models import ImportBatch
from .record_schema import FILM_FIELDS, RECORDS, Refused, as_date, short, slug_of

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
BATCH = 2000


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    # (slug in the file, slug in the archive, which id matched)
    matched_by_id: list[tuple[str, str, str]] = field(default_factory=list)
    error: str | None = None
    film_ids: list[int] = field(default_factory=list)
    # After the commit: whether the search index caught up, or why not.
    indexed: bool = False
    index_error: str | None = None
    # film slug -> what the import changes in it, and what it removes
    changes: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    # heading -> what a file's names and labels were read as ("Countries
    # read": "'Netherlands, The' as NL …"), for a dry run to show
    readings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error and not self.rejected


EXTERNAL_IDS = {
    "imdb_id": "IMDb id",
    "wikidata_id": "Wikidata id",
    "eidr_id": "EIDR id",
}


def check_characters(record) -> None:
    """No text in the record holds a NUL (databases refuse it, and a file path
    with one breaks its address) or half of a UTF-16 pair (JSON's ``\\ud800``,
    which no database can store)."""
    stack = [record]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            if "\x00" in value:
                raise Refused(f"the text {short(value)} holds a NUL character")
            if _SURROGATE.search(value):
                raise Refused(
                    f"the text {short(value)} holds a lone surrogate "
                    "(half of a UTF-16 pair), which is not a character"
                )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _add_source(change, source: dict) -> None:
    """Note the file among the sources of a film it changes, unless it is
    there already (a source is known by address, file and importer)."""

    def identity(p):
        return (p.get("source_url", ""), p.get("source_file", ""), p["importer"])

    sources = change.film.get("provenance", [])
    if any(identity(p) == identity(source) for p in sources):
        return
    change.film["provenance"] = sorted([*sources, source], key=provenance_order)
    change.changed_relations.add("provenance")


def _picture(p: dict, *, of_film: bool = False) -> dict:
    """An image as the export writes it, every key present."""
    picture = {
        "file": p["file"],
        "width": p.get("width"),
        "height": p.get("height"),
        "alt_en": p.get("alt_en", ""),
        "alt_nl": p.get("alt_nl", ""),
        "caption": p.get("caption", ""),
        "copyright": p.get("copyright", ""),
        "order": p.get("order", 0),
    }
    if of_film:
        picture["kind"] = p.get("kind", "still")
        picture["is_key"] = bool(p.get("is_key", False))
    return {
        key: picture[key]
        for key in (*PICTURE_KEYS, *(("kind", "is_key") if of_film else ()))
    }


def _provenance_key(p: dict):
    return provenance_order(_source(p))


def _source(p: dict) -> dict:
    return {
        "source_url": p.get("source_url", ""),
        "source_file": p.get("source_file", ""),
        "importer": p["importer"],
        "imported_on": p["imported_on"],
    }


def _video(v: dict) -> dict:
    video = {
        "url": v.get("url", ""),
        "file": v.get("file", ""),
        "poster": v.get("poster", ""),
        "poster_width": v.get("poster_width"),
        "poster_height": v.get("poster_height"),
        "kind": v.get("kind", "trailer"),
        "title": v.get("title", ""),
        "order": v.get("order", 0),
    }
    return {key: video[key] for key in VIDEO_KEYS}


class _Plan:
    """Every record of the file, checked, by kind and slug."""

    def __init__(self, *, add_only: frozenset[str] = frozenset()):
        # Relations of a film that the file's format can only add to.
        self.add_only = add_only
        # The file as a source of the films it creates or changes (a format
        # whose records carry their own sources, like the export, has none).
        self.source: dict | None = None
        self.records: dict[str, dict[str, dict]] = {
            kind: {}
            for kind in (
                "role",
                "premiere_status",
                "festival",
                "edition",
                "section",
                "prize",
                "person",
                "company",
                "jury",
                "film",
            )
        }
        self.line_numbers: dict[tuple[str, str], int] = {}
        self._in_archive: set[tuple[str, str]] = set()

    def check(self, record: dict, *, escaped: bool = True) -> None:
        """Check a record; ``escaped=False`` says its JSON line had no ``\\u``
        escape, so it can hold no NUL or surrogate (JSON allows neither raw)."""
        kind = record.get("type")
        if not isinstance(kind, str) or kind not in self.records:
            raise Refused(f"unknown record type {short(kind)}")
        if escaped:
            check_characters(record)
        declared = RECORDS[kind]
        slug = slug_of(record, max_length=declared.slug_length)
        if slug in self.records[kind]:
            raise Refused(f"{kind} {slug!r} appears twice")
        declared.check(record, self._known)
        self.records[kind][slug] = record

    def match_films_by_external_id(self, report: "ImportReport") -> None:
        """A film new by slug but known to the archive by IMDb, Wikidata or EIDR
        id is that film: it takes the archive's slug, so its address stays."""
        films = self.records["film"]
        if not films or not Film.objects.exists():
            return
        new = set(films) - set(_slug_ids(Film, films))
        for key, label in EXTERNAL_IDS.items():
            by_id = {films[slug][key]: slug for slug in new if films[slug].get(key)}
            values = list(by_id)
            for start in range(0, len(values), 5000):
                for value, archive_slug in Film.objects.filter(
                    **{f"{key}__in": values[start : start + 5000]}
                ).values_list(key, "slug"):
                    slug = by_id[value]
                    if slug not in new:
                        continue  # matched already, by another id
                    new.discard(slug)
                    if archive_slug in films:
                        report.rejected.append(
                            (
                                self.line_numbers.get(("film", slug), 0),
                                f"film {slug!r} has the {label} {value} of the "
                                f"archive's film {archive_slug!r}, which is also "
                                "in the file",
                            )
                        )
                        continue
                    films[archive_slug] = {**films.pop(slug), "slug": archive_slug}
                    report.matched_by_id.append((slug, archive_slug, label))

    def _known(self, kind: str, slug: str) -> None:
        """References must point to a record earlier in the file or in the
        archive (asked once per slug: a spreadsheet names the same roles and
        people on line after line)."""
        if slug in self.records[kind] or (kind, slug) in self._in_archive:
            return
        if not _MODELS[kind].objects.filter(slug=slug).exists():
            raise Refused(f"{kind} {slug!r} is neither in the file nor in the archive")
        self._in_archive.add((kind, slug))


def read_plan(lines, report: ImportReport) -> _Plan | None:
    plan = _Plan()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            report.rejected.append((number, f"not valid JSON ({error.msg})"))
            continue
        except ValueError:
            # Python refuses to read a whole number of more digits than
            # sys.get_int_max_str_digits() (4,300), a guard against slow input.
            report.rejected.append(
                (number, "not valid JSON here (a number with too many digits)")
            )
            continue
        except RecursionError:
            report.rejected.append(
                (number, "not valid JSON here (lists or objects nested too deeply)")
            )
            continue
        if not isinstance(record, dict):
            report.rejected.append((number, "not a JSON object"))
            continue
        if number == 1:
            if record.get("type") != "header" or record.get("schema") != SCHEMA:
                report.error = (
                    "line 1 is not the header of a festarchive catalogue export"
                )
                return None
            if (
                not isinstance(record.get("version"), int)
                or record["version"] > VERSION
            ):
                report.error = (
                    f"the file is format version {record.get('version')!r}; "
                    f"this archive reads up to version {VERSION}"
                )
                return None
            continue
        try:
            plan.check(record, escaped="\\u" in raw)
        except Refused as error:
            report.rejected.append((number, str(error)))
        else:
            plan.line_numbers[(record["type"], record["slug"])] = number
    plan.match_films_by_external_id(report)
    return plan


def _slug_ids(model, slugs) -> dict[str, int]:
    """slug -> id of the rows with these slugs (a plain query: at hundreds of
    thousands of slugs, the ORM's handling of each parameter costs seconds)."""
    slugs = list(slugs)
    if not slugs:
        return {}
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # All of them as one array: the server matches them in one pass
            # over the table, where it would make that pass for each chunk.
            cursor.execute(
                f"SELECT slug, id FROM {table} WHERE slug = ANY(%s)",  # noqa: S608
                [slugs],
            )
            return dict(cursor.fetchall())
        found = {}
        for start in range(0, len(slugs), 5000):
            chunk = slugs[start : start + 5000]
            cursor.execute(
                f"SELECT slug, id FROM {table} "  # noqa: S608
                f"WHERE slug IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            found.update(cursor.fetchall())
        return found


# Fields that store text, a number or a flag as it is: their values need no
# conversion for the database when they are of that type already.
_PLAIN_FIELDS = {
    models.CharField: str,
    models.SlugField: str,
    models.TextField: str,
    models.URLField: str,
    models.BooleanField: bool,
    models.PositiveSmallIntegerField: int,
    models.PositiveIntegerField: int,
    models.SmallIntegerField: int,
    models.IntegerField: int,
}


def _new_ids(model, count: int) -> list[int]:
    """Ids for rows about to be copied in, from the table's own sequence
    (PostgreSQL): COPY returns none, and looking them up by slug afterwards
    costs more than drawing them first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_serial_sequence(%s, %s)",
            [
                connection.ops.quote_name(model._meta.db_table),
                model._meta.pk.column,
            ],
        )
        (sequence,) = cursor.fetchone()
        cursor.execute(
            "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
            [sequence, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def _create(model, rows: list[dict]) -> dict[str, int]:
    """Insert new records given as field values, without a model object each;
    returns slug -> id of the new records.

    The database's values are made row by row as they are inserted."""
    if not rows:
        return {}
    pks = _new_ids(model, len(rows)) if connection.vendor == "postgresql" else None
    columns = list(rows[0])
    fields = [model._meta.get_field(name) for name in columns]
    # Both timestamps are the same for every row: converted once.
    stamped = any(f.name == "created_at" for f in model._meta.fields)
    stamps = ()
    if stamped:
        now = timezone.now()
        stamps = tuple(
            model._meta.get_field(name).get_db_prep_save(now, connection)
            for name in ("created_at", "updated_at")
        )
    plain = [_PLAIN_FIELDS.get(type(f)) for f in fields]
    prepare = [f.get_db_prep_save for f in fields]
    values = (
        tuple(
            value
            if kind and (value is None or type(value) is kind)
            else prep(value, connection)
            for value, kind, prep in zip(
                [row[name] for name in columns], plain, prepare, strict=True
            )
        )
        + stamps
        for row in rows
    )
    names = (*columns, *(("created_at", "updated_at") if stamped else ()))
    if pks is not None:
        names = (model._meta.pk.name, *names)
        values = ((pk, *row) for pk, row in zip(pks, values, strict=True))
    _insert(model, tuple(model._meta.get_field(n).column for n in names), values)
    if pks is not None:
        return {row["slug"]: pk for row, pk in zip(rows, pks, strict=True)}
    return _slug_ids(model, (row["slug"] for row in rows))


def _festival_part_fields(record: dict, festival_ids: dict[str, int]) -> dict:
    """The fields a section and a prize share: a festival's named, described,
    ordered part."""
    return {
        "festival_id": festival_ids[record["festival"]],
        "name_en": record["name_en"],
        "name_nl": record.get("name_nl", ""),
        "description_en": record.get("description_en", ""),
        "description_nl": record.get("description_nl", ""),
        "order": record.get("order", 100),
    }


def _sync(
    model,
    kind,
    records: dict,
    fields: Callable[[dict], dict],
    report: ImportReport,
    *,
    plan: "_Plan",
    replace: bool,
):
    """Create or update simple records by slug; returns slug -> id.

    An existing record takes only the values whose keys its line carries (a
    field named ``festival_id`` comes from the key ``festival``); a value the
    line would empty is refused unless ``replace``."""
    ids = _slug_ids(model, records)
    existing = {}
    pks = list(ids.values())
    for start in range(0, len(pks), 5000):
        existing.update(
            (o.slug, o) for o in model.objects.filter(pk__in=pks[start : start + 5000])
        )
    new, changed, written = [], [], set()
    for slug, record in records.items():
        values = fields(record)
        obj = existing.get(slug)
        if obj is None:
            new.append({"slug": slug, **values})
            continue
        values = {k: v for k, v in values.items() if k.removesuffix("_id") in record}
        differ = {k: v for k, v in values.items() if getattr(obj, k) != v}
        if not differ:
            report.unchanged[kind] += 1
            continue
        emptied = [
            k
            for k, v in differ.items()
            if v in _EMPTY and getattr(obj, k) not in _EMPTY
        ]
        if emptied and not replace:
            record_type = record["type"]
            report.rejected.append(
                (
                    plan.line_numbers.get((record_type, slug), 0),
                    f"{record_type} {slug!r} would remove {', '.join(emptied)}; "
                    "import with --replace to remove them",
                )
            )
            continue
        for k, v in differ.items():
            setattr(obj, k, v)
        written.update(differ)
        changed.append(obj)
    ids.update(_create(model, new))
    if changed:
        model.objects.bulk_update(changed, sorted(written), batch_size=BATCH)
    if new:
        report.created[kind] += len(new)
    if changed:
        report.updated[kind] += len(changed)
    return ids


# Values that hold nothing: a line that turns a value into one removes it.
_EMPTY = ("", None, [])


def _film_values(record: dict) -> dict:
    values = {key: record.get(key) for key in FILM_FIELDS}
    for key in FILM_FIELDS:
        if values[key] is None and key not in ("year", "runtime_minutes"):
            values[key] = Film._meta.get_field(key).get_default()
    values["sort_title"] = sort_key(values["title_en"])
    values["title_initial"] = initial(values["title_en"])
    return values


# Each kind of record's model.
_MODELS = {kind: declared.model for kind, declared in RECORDS.items()}

# A film's relations (changes.RELATIONS) and the names Django gives them.
_RELATED = {
    "titles": "titles",
    "countries": "production_countries",
    "languages": "spoken_languages",
    "credits": "credits",
    "selections": "selections",
    "images": "images",
    "videos": "videos",
    "provenance": "provenances",
}


def _write(plan: _Plan, report: ImportReport, progress, *, replace: bool) -> None:
    records = plan.records
    roles = _sync(
        Role,
        "roles",
        records["role"],
        lambda r: {
            "name_en": r["name_en"],
            "name_nl": r.get("name_nl", ""),
            "order": r.get("order", 100),
        },
        report,
        plan=plan,
        replace=replace,
    )
    premieres = _sync(
        PremiereStatus,
        "premiere statuses",
        records["premiere_status"],
        lambda r: {
            "name_en": r["name_en"],
            "name_nl": r.get("name_nl", ""),
            "order": r.get("order", 100),
        },
        report,
        plan=plan,
        replace=replace,
    )
    festivals = _sync(
        Festival,
        "festivals",
        records["festival"],
        lambda r: {
            "name": r["name"],
            "short_name": r["short_name"],
            "city": r.get("city", ""),
            "country": r.get("country", ""),
            "website": r.get("website", ""),
        },
        report,
        plan=plan,
        replace=replace,
    )
    festival_ids = {**dict(Festival.objects.values_list("slug", "id")), **festivals}
    editions = _sync(
        Edition,
        "editions",
        records["edition"],
        lambda r: {
            "festival_id": festival_ids[r["festival"]],
            "year": r["year"],
            "number": r.get("number"),
            "starts_on": as_date(r.get("starts_on")),
            "ends_on": as_date(r.get("ends_on")),
        },
        report,
        plan=plan,
        replace=replace,
    )
    sections = _sync(
        Section,
        "sections",
        records["section"],
        lambda r: _festival_part_fields(r, festival_ids),
        report,
        plan=plan,
        replace=replace,
    )
    sections = {**dict(Section.objects.values_list("slug", "id")), **sections}
    prizes = _sync(
        Prize,
        "prizes",
        records["prize"],
        lambda r: _festival_part_fields(r, festival_ids),
        report,
        plan=plan,
        replace=replace,
    )
    _sync_parts(
        PrizeName,
        "prize",
        "former_names",
        records["prize"],
        prizes,
        lambda former: {
            "name_en": former["name_en"],
            "name_nl": former.get("name_nl", ""),
            "from_year": former.get("from_year"),
            "until_year": former.get("until_year"),
        },
        "name_en",
        report,
        plan=plan,
        replace=replace,
    )
    people = _sync(
        Person,
        "people",
        records["person"],
        lambda r: {
            "name": r["name"],
            "sort_name": r.get("sort_name", ""),
            "name_variants": r.get("name_variants", []),
        },
        report,
        plan=plan,
        replace=replace,
    )
    companies = _sync(
        Company,
        "companies",
        records["company"],
        lambda r: {
            "name": r["name"],
            "kind": r.get("kind", "other"),
            "country": r.get("country", ""),
            "name_variants": r.get("name_variants", []),
        },
        report,
        plan=plan,
        replace=replace,
    )

    def ids(model, known):
        return (
            {**dict(model.objects.values_list("slug", "id")), **known}
            if known is not None
            else {}
        )

    roles, premieres = ids(Role, roles), ids(PremiereStatus, premieres)
    editions, sections = ids(Edition, editions), ids(Section, sections)
    people, companies = ids(Person, people), ids(Company, companies)
    prizes = ids(Prize, prizes)
    juries = _sync(
        Jury,
        "juries",
        records["jury"],
        lambda r: {
            "edition_id": editions[r["edition"]],
            "section_id": sections[r["section"]] if r.get("section") else None,
            "name_en": r["name_en"],
            "name_nl": r.get("name_nl", ""),
            "order": r.get("order", 100),
        },
        report,
        plan=plan,
        replace=replace,
    )
    _sync_parts(
        Juror,
        "jury",
        "jurors",
        records["jury"],
        juries,
        lambda juror: {
            "person_id": people[juror["person"]],
            "role": juror.get("role") or Juror.Role.MEMBER,
            "order": juror.get("order", 100),
        },
        "person_id",
        report,
        plan=plan,
        replace=replace,
    )
    _sync_pictures(
        PersonImage,
        "person",
        "portraits",
        records["person"],
        people,
        report,
        plan=plan,
        replace=replace,
    )
    _sync_pictures(
        CompanyImage,
        "company",
        "logos",
        records["company"],
        companies,
        report,
        plan=plan,
        replace=replace,
    )

    films = records["film"]
    slugs = list(films)
    known_ids = _slug_ids(Film, slugs)
    done = 0
    for start in range(0, len(slugs), BATCH):
        batch = {slug: films[slug] for slug in slugs[start : start + BATCH]}
        known = [known_ids[slug] for slug in batch if slug in known_ids]
        existing = (
            {f.slug: f for f in Film.objects.filter(pk__in=known)} if known else {}
        )
        current = {
            r["slug"]: r for r in film_records([f.pk for f in existing.values()])
        }
        new, rewrite = {}, []
        for slug, record in batch.items():
            film = existing.get(slug)
            if film is None:
                new[slug] = _film_values(record)
                if plan.source:
                    batch[slug] = {
                        **record,
                        "provenance": [*record.get("provenance", []), plan.source],
                    }
                continue
            change = film_change(
                current[slug],
                _keeping_award_keys(normalised_film(record), record, current[slug]),
                carried=set(record),
                add_only=plan.add_only,
            )
            if not change.changed:
                report.unchanged["films"] += 1
                continue
            if change.removals and not replace:
                report.rejected.append(
                    (
                        plan.line_numbers.get(("film", slug), 0),
                        f"film {slug!r} would remove {', '.join(change.removals)}; "
                        "import with --replace to remove them",
                    )
                )
                continue
            if plan.source:
                _add_source(change, plan.source)
            report.changes[slug] = change.changes
            if change.removals:
                report.removed[slug] = change.removals
            if change.changed_fields:
                for k, v in _film_values(change.film).items():
                    setattr(film, k, v)
                film.save()
            rewrite.append((film, change))
            report.updated["films"] += 1
        created = _create(
            Film, [{"slug": slug, **values} for slug, values in new.items()]
        )
        targets = [(created[slug], batch[slug], RELATIONS) for slug in new]
        if new:
            report.created["films"] += len(new)
        for film, change in rewrite:
            # Only the relations that change are written again, so the rows of
            # the others (and their ids, which image addresses use) stay.
            for relation in change.changed_relations:
                getattr(film, _RELATED[relation]).all().delete()
            targets.append((film.pk, change.film, change.changed_relations))
        _children(
            targets, roles, people, companies, editions, sections, premieres, prizes
        )
        report.film_ids.extend(pk for pk, _record, _relations in targets)
        done += len(batch)
        if progress:
            progress(done, len(slugs))


# An award's keys a line may leave out, which then keep the archive's values.
_AWARD_KEPT = ("prize", "statement_en", "statement_nl")


def _keeping_award_keys(film: dict, record: dict, current: dict) -> dict:
    """``film`` (normalised from ``record``) with the archive's prize and jury
    statement on each award whose line leaves them out (a file written before
    awards had them, a spreadsheet): a line changes only what it carries."""
    given = {
        (s["edition"], s.get("section"), a["name_en"], a["outcome"]): a
        for s in record.get("selections") or []
        for a in s.get("awards") or []
    }
    archive = {
        (s["edition"], s["section"], a["name_en"], a["outcome"]): a
        for s in current["selections"]
        for a in s["awards"]
    }
    for selection in film["selections"]:
        for award in selection["awards"]:
            key = (
                selection["edition"],
                selection["section"],
                award["name_en"],
                award["outcome"],
            )
            line, was = given.get(key, {}), archive.get(key)
            if was is None:
                continue
            for name in _AWARD_KEPT:
                if name not in line:
                    award[name] = was[name]
    return film


def normalised_film(record: dict) -> dict:
    """A film record with every key, in the order and shape the export writes."""
    film = {"type": "film", "slug": record["slug"]}
    for key in FILM_FIELDS:
        default = Film._meta.get_field(key).get_default()
        film[key] = record.get(
            key, None if key in ("year", "runtime_minutes") else default
        )
        if film[key] is None and key not in ("year", "runtime_minutes"):
            film[key] = default
    film["credits"] = sorted(
        (
            {
                "role": c["role"],
                "person": c.get("person"),
                "company": c.get("company"),
                "order": c.get("order", 0),
            }
            for c in record.get("credits", [])
        ),
        key=credit_order,
    )
    film["selections"] = sorted(
        (
            {
                "edition": s["edition"],
                "section": s.get("section"),
                "premiere": s.get("premiere"),
                "awards": sorted(
                    (
                        award_record(
                            a["name_en"],
                            a.get("name_nl", ""),
                            a["outcome"],
                            a.get("prize"),
                            a.get("statement_en") or "",
                            a.get("statement_nl") or "",
                        )
                        for a in s.get("awards", [])
                    ),
                    key=lambda a: a["name_en"],
                ),
            }
            for s in record.get("selections", [])
        ),
        key=selection_order,
    )
    film["titles"] = sorted(
        (
            {"title": t["title"], "kind": t["kind"], "language": t.get("language", "")}
            for t in record.get("titles", [])
        ),
        key=lambda t: (t["kind"], t["title"], t["language"]),
    )
    film["countries"] = list(record.get("countries", []))
    film["languages"] = list(record.get("languages", []))
    film["images"] = sorted(
        (_picture(p, of_film=True) for p in record.get("images", [])),
        key=lambda p: p["order"],
    )
    film["videos"] = sorted(
        (_video(v) for v in record.get("videos", [])), key=lambda v: v["order"]
    )
    film["provenance"] = sorted(
        (_source(p) for p in record.get("provenance", [])), key=provenance_order
    )
    return film


def _sync_parts(
    model,
    owner: str,
    key: str,
    records: dict,
    ids: dict,
    values: Callable[[dict], dict],
    identity: str,
    report,
    *,
    plan: "_Plan",
    replace: bool,
):
    """A prize's former names or a jury's jurors, made equal to the file's
    list where a record carries ``key`` and its list differs; one that would
    leave out a part the archive has (by ``identity``) is refused unless
    ``replace``."""
    stated = {
        ids[slug]: sorted(
            (values(part) for part in record[key] or []),
            key=lambda v: sorted(v.items()),
        )
        for slug, record in records.items()
        if key in record
    }
    if not stated:
        return
    columns = _part_columns(model)
    current: dict[int, list] = {}
    for part in model.objects.filter(**{f"{owner}_id__in": list(stated)}).values(
        f"{owner}_id", *columns
    ):
        current.setdefault(part.pop(f"{owner}_id"), []).append(part)
    for parts in current.values():
        parts.sort(key=lambda v: sorted(v.items()))
    changed = [pk for pk, parts in stated.items() if parts != current.get(pk, [])]
    if not replace:
        slugs = {pk: slug for slug, pk in ids.items() if slug in records}
        for pk in list(changed):
            lost = {p[identity] for p in current.get(pk, [])} - {
                p[identity] for p in stated[pk]
            }
            if lost:
                slug = slugs[pk]
                report.rejected.append(
                    (
                        plan.line_numbers.get((owner, slug), 0),
                        f"{owner} {slug!r} would remove {len(lost)} of its {key}; "
                        "import with --replace to remove them",
                    )
                )
                changed.remove(pk)
    if not changed:
        return
    model.objects.filter(**{f"{owner}_id__in": changed}).delete()
    _insert(
        model,
        (f"{owner}_id", *columns),
        [(pk, *(p[c] for c in columns)) for pk in changed for p in stated[pk]],
    )
    report.updated[key.replace("_", " ")] += len(changed)


def _part_columns(model) -> tuple[str, ...]:
    """The fields of a former name or a juror that the file gives."""
    if model is PrizeName:
        return ("name_en", "name_nl", "from_year", "until_year")
    return ("person_id", "role", "order")


def _sync_pictures(
    model,
    owner: str,
    kind: str,
    records: dict,
    ids: dict,
    report,
    *,
    plan: "_Plan",
    replace: bool,
):
    """Portraits or logos of the people or companies in the file: replaced
    where the file's list differs from the archive's. A record without an
    ``images`` key (an older export) leaves its images alone; one whose list
    leaves out an image the archive has is refused unless ``replace``."""
    stated = {
        ids[slug]: record["images"]
        for slug, record in records.items()
        if "images" in record
    }
    if not stated:
        return
    current: dict[int, list] = {}
    owner_ids = list(stated)
    for start in range(0, len(owner_ids), 5000):
        for picture in model.objects.filter(
            **{f"{owner}_id__in": owner_ids[start : start + 5000]}
        ).order_by("order", "id"):
            current.setdefault(getattr(picture, f"{owner}_id"), []).append(
                _picture(picture_record(picture))
            )
    changed = [
        pk
        for pk, pictures in stated.items()
        if sorted((_picture(p) for p in pictures), key=lambda p: p["order"])
        != current.get(pk, [])
    ]
    if not replace:
        slugs = {pk: slug for slug, pk in ids.items() if slug in records}
        for pk in list(changed):
            lost = {p["file"] for p in current.get(pk, [])} - {
                p["file"] for p in stated[pk]
            }
            if lost:
                slug = slugs[pk]
                report.rejected.append(
                    (
                        plan.line_numbers.get((owner, slug), 0),
                        f"{owner} {slug!r} would remove the image(s) "
                        f"{', '.join(sorted(lost))}; import with --replace to "
                        "remove them",
                    )
                )
                changed.remove(pk)
    if not changed:
        return
    model.objects.filter(**{f"{owner}_id__in": changed}).delete()
    rows = [
        (
            pk,
            p["file"],
            p["width"],
            p["height"],
            p["alt_en"],
            p["alt_nl"],
            p["caption"],
            p["copyright"],
            p["order"],
        )
        for pk in changed
        for p in sorted((_picture(p) for p in stated[pk]), key=lambda p: p["order"])
    ]
    _insert(
        model,
        (
            f"{owner}_id",
            "image",
            "width",
            "height",
            "alt_en",
            "alt_nl",
            "caption",
            "copyright",
            "order",
        ),
        rows,
    )
    report.updated[kind] += len(changed)


def _insert(model, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Insert plain rows: Django's bulk_create builds a model object per row,
    which costs more than the database's own work at a million credits.

    Rows given by a generator are made while the database stores earlier ones
    (on PostgreSQL) or a few thousand at a time (on SQLite)."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    rows = chain([first], rows)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams every row in one statement, where executemany sends
            # an INSERT a row. Errors are raised as Django's (IntegrityError).
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        while chunk := list(islice(rows, BATCH * 5)):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                chunk,
            )


def _children(films, roles, people, companies, editions, sections, premieres, prizes):
    """Titles, countries, languages, credits, selections, awards, images and
    videos of films given as (id, record, relations to write) triples."""

    def own(relation):
        return [(pk, record) for pk, record, written in films if relation in written]

    _insert(
        FilmTitle,
        ("film_id", "title", "kind", "language"),
        (
            (pk, t["title"], t["kind"], t.get("language", ""))
            for pk, record in own("titles")
            for t in record.get("titles", [])
        ),
    )
    _insert(
        FilmCountry,
        ("film_id", "country", "order"),
        (
            (pk, c, i)
            for pk, record in own("countries")
            for i, c in enumerate(record.get("countries", []))
        ),
    )
    _insert(
        FilmLanguage,
        ("film_id", "language", "order"),
        (
            (pk, c, i)
            for pk, record in own("languages")
            for i, c in enumerate(record.get("languages", []))
        ),
    )
    _insert(
        Credit,
        ("film_id", "role_id", "person_id", "company_id", "order"),
        (
            (
                pk,
                roles[c["role"]],
                people[c["person"]] if c.get("person") else None,
                companies[c["company"]] if c.get("company") else None,
                c.get("order", 0),
            )
            for pk, record in own("credits")
            for c in record.get("credits", [])
        ),
    )
    selections, awarded = [], []
    for pk, record in own("selections"):
        for sel in record.get("selections", []):
            row = (
                pk,
                editions[sel["edition"]],
                sections[sel["section"]] if sel.get("section") else None,
                premieres[sel["premiere"]] if sel.get("premiere") else None,
            )
            selections.append(row)
            if sel.get("awards"):
                awarded.append((row, sel["awards"]))
    _insert(
        Selection, ("film_id", "edition_id", "section_id", "premiere_id"), selections
    )
    _insert(
        FilmImage,
        (
            "film_id",
            "image",
            "width",
            "height",
            "alt_en",
            "alt_nl",
            "caption",
            "copyright",
            "order",
            "kind",
            "is_key",
        ),
        (
            (pk, *_picture(p, of_film=True).values())
            for pk, record in own("images")
            for p in record.get("images", [])
        ),
    )
    _insert(
        FilmProvenance,
        ("film_id", *PROVENANCE_KEYS),
        (
            (pk, *_source(p).values())
            for pk, record in own("provenance")
            for p in sorted(record.get("provenance", []), key=_provenance_key)
        ),
    )
    _insert(
        FilmVideo,
        ("film_id", *VIDEO_KEYS),
        (
            (pk, *_video(v).values())
            for pk, record in own("videos")
            for v in record.get("videos", [])
        ),
    )
    if awarded:
        selection_ids = {
            (s.film_id, s.edition_id, s.section_id): s.pk
            for s in Selection.objects.filter(
                film_id__in={row[0] for row, _a in awarded}
            )
        }
        prize_of = _award_prizes(awarded, prizes)
        _insert(
            Award,
            (
                "selection_id",
                "name_en",
                "name_nl",
                "outcome",
                "prize_id",
                "statement_en",
                "statement_nl",
            ),
            [
                (
                    selection_ids[row[:3]],
                    a["name_en"],
                    a.get("name_nl", ""),
                    a["outcome"],
                    prize_of(row[1], a),
                    a.get("statement_en") or "",
                    a.get("statement_nl") or "",
                )
                for row, awards in awarded
                for a in awards
            ],
        )


def _award_prizes(awarded, prizes: dict[str, int]):
    """How an award line finds its prize's id: by its ``prize`` slug, else by
    its name in its edition's year (``festival.services.prize_for_name``,
    which creates a prize for a name the festival has none of). A prize of
    another festival than the edition's is refused."""
    editions = {
        e.pk: e
        for e in Edition.objects.select_related("festival").filter(
            pk__in={row[1] for row, _a in awarded}
        )
    }
    festival_of_prize = dict(
        Prize.objects.filter(pk__in=prizes.values()).values_list("pk", "festival_id")
    )
    by_name: dict[tuple[int, str], int] = {}

    def prize_of(edition_id: int, award: dict) -> int:
        edition = editions[edition_id]
        if award.get("prize"):
            pk = prizes[award["prize"]]
            if festival_of_prize[pk] != edition.festival_id:
                raise IntegrityError(
                    f"award prize {award['prize']!r} belongs to another festival "
                    f"than {edition.slug!r}"
                )
            return pk
        key = (edition_id, award["name_en"])
        if key not in by_name:
            by_name[key] = prize_for_name(
                festival=edition.festival,
                name_en=award["name_en"],
                name_nl=award.get("name_nl", ""),
                year=edition.year,
            ).pk
        return by_name[key]

    return prize_of


def import_catalogue(
    lines,
    *,
    dry_run: bool = False,
    replace: bool = False,
    progress=None,
    source: str = "",
    by=None,
    reindex: bool = True,
) -> ImportReport:
    """Check every line, then write the whole file in one transaction (or nothing).

    A film's key that a line leaves out leaves that field or relation alone;
    whatever the file would remove is refused unless ``replace``. ``source``
    (the file's name) puts the import on record (importers.batches)."""
    report = ImportReport()
    plan = read_plan(lines, report)
    return write_plan(
        plan,
        report,
        dry_run=dry_run,
        replace=replace,
        progress=progress,
        batch=(ImportBatch.Kind.CATALOGUE, source, by) if source else None,
        reindex=reindex,
    )


def plan_records(
    numbered_records,
    report: ImportReport,
    *,
    add_only: frozenset[str] = frozenset(),
    source: dict | None = None,
) -> _Plan:
    """Check records given as (line number, record) pairs, from any file format;
    ``add_only`` names the film relations the format can only add to, and
    ``source`` (a provenance record) is noted on every film the file creates
    or changes."""
    plan = _Plan(add_only=add_only)
    plan.source = source
    for number, record in numbered_records:
        try:
            plan.check(record)
        except Refused as error:
            report.rejected.append((number, str(error)))
        else:
            plan.line_numbers[(record["type"], record["slug"])] = number
    plan.match_films_by_external_id(report)
    return plan


def write_plan(
    plan,
    report: ImportReport,
    *,
    dry_run: bool = False,
    replace: bool = False,
    progress=None,
    batch: tuple | None = None,
    reindex: bool = True,
):
    """Write a checked plan in one transaction, unless anything was refused
    (a film that would lose data without ``replace`` is refused as it is met).
    ``batch``, (kind, source, by), puts the import on record with it; the
    search index follows the committed import unless ``reindex`` is off."""
    if not report.ok or plan is None:
        return report
    try:
        with transaction.atomic(), pagetags.writing() as retired:
            # Bulk writes go round the models' signals: the import names the
            # pages it changes itself, when it commits.
            _write(plan, report, progress, replace=replace)
            retired |= _retired_tags(report)
            if batch and not (dry_run or report.rejected):
                kind, source, by = batch
                import_batch_record(
                    kind=kind,
                    source=source,
                    by=by,
                    counts=written_counts(report),
                )
            if dry_run or report.rejected:
                transaction.set_rollback(True)
    except (IntegrityError, DataError) as error:
        # What the checks let through and the database still refuses (a value
        # the checks do not know the limit of): the file is refused whole.
        reason = str(error).strip().splitlines()[0] if str(error).strip() else error
        report.error = f"the database refused the file, nothing was written: {reason}"
        return report
    if report.ok and not dry_run and len(report.film_ids) > _REBUILD_ABOVE:
        _refresh_statistics()
    if reindex and report.ok and not dry_run and report.film_ids:
        _reindex(report)
    return report


def _refresh_statistics() -> None:
    """After a large import, PostgreSQL's planner learns the new sizes of the
    tables at once: until autovacuum gets round to them, it plans the film
    page's queries for the empty tables it last saw (a film page took 374 ms
    instead of 30 on a freshly imported archive of 100,000 films)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# Above this many films, rebuilding the whole index is quicker than updating
# it, and retiring every cached page quicker than naming them.
_REBUILD_ABOVE = 1000


def _retired_tags(report: ImportReport) -> set[str]:
    """The page tags an import retires (core.pagetags): those of the films it
    wrote, of the people and companies credited on them and of the lists of
    their editions and sections; every page after a large import, or one
    that changed other records (a person's name, a festival)."""
    if not (report.created or report.updated):
        return set()
    others = (+report.created) + (+report.updated)
    others.pop("films", None)
    if len(report.film_ids) > _REBUILD_ABOVE or others:
        return {pagetags.ALL}
    ids = report.film_ids
    tags = {pagetags.tag(Film, pk) for pk in ids} | pagetags.every_kind()
    if report.created["films"]:
        tags.add(pagetags.collection(Film))
    for person, company in Credit.objects.filter(film_id__in=ids).values_list(
        "person_id", "company_id"
    ):
        tags.add(
            pagetags.tag(Person, person) if person else pagetags.tag(Company, company)
        )
    for edition, section, festival in Selection.objects.filter(
        film_id__in=ids
    ).values_list("edition_id", "section_id", "edition__festival_id"):
        tags.add(pagetags.list_tag(pagetags.tag(Edition, edition), Selection))
        tags.add(festival_selections_tag(festival))
        if section:
            tags.add(pagetags.list_tag(pagetags.tag(Section, section), Selection))
    return tags


def _reindex(report: ImportReport) -> None:
    """Bring the search index up to the committed import: bulk writes go
    round the signals that keep it current for single edits."""
    try:
        if len(report.film_ids) > _REBUILD_ABOVE:
            rebuild_index()
        else:
            credits = Credit.objects.filter(film_id__in=report.film_ids)
            index_films(report.film_ids)
            index_names("person", credits.values_list("person_id", flat=True))
            index_names("company", credits.values_list("company_id", flat=True))
    except (OperationalError, InterfaceError):
        report.index_error = (
            "the database went away before the search index was brought up to "
            "date; run `festarchive rebuild_search_index` when it is back."
        )
    else:
        report.indexed = True
