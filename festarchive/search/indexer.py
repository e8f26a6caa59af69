"""Turns catalogue records into search documents and keeps the index in step.

A film's document holds its words by column (title, other titles, directors,
other credits, synopsis, plus consonant keys for abjad queries) and its facet
values. Documents are built from a few bulk queries per chunk of films, so a
full rebuild of 100,000 films takes seconds per chunk, not a query per film.
"""

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from festarchive.catalogue.models import (
    Company,
    Credit,
    Film,
    FilmCountry,
    FilmLanguage,
    FilmTitle,
    Person,
)
from festarchive.catalogue.vocabulary import DIRECTOR
from festarchive.core.db import prepare_bulk_write
from festarchive.curated.models import CuratedFilm
from festarchive.festival.models import Award, Selection
from festarchive.programme.models import ProgrammeFilm, Screening
from festarchive.programme.vocabulary import (
    ACCESS_BY_CODE,
    ARCHIVE_ACCESS_FEATURES,
    ScreeningStatus,
)

from .backends import FilmText, get_backend
from .facet_types import FilmFacts, registry
from .models import SearchDocument, SearchTerm
from .normalise import consonant_words, spellings, stems, words

CHUNK = 5000
# Film fields the indexer reads; facet classes may ask for more (film_fields).
FILM_FIELDS = (
    "id",
    "title_en",
    "title_nl",
    "title_original",
    "title_original_latin",
    "synopsis_en",
    "synopsis_nl",
    "year",
    "is_published",
    "sort_title",
    "title_initial",
)


def now_version() -> int:
    return int(time.time() * 1000)


def _text(*parts: str) -> str:
    return " ".join(word for part in parts if part for word in words(part))


def _heads(texts) -> str:
    """Each title as one token, its words run together."""
    return " ".join("".join(words(t)) for t in texts if t and words(t))


def _chunks(ids: list[int], size: int = CHUNK):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _access(film_ids: list[int]) -> dict[int, set[str]]:
    """The ARCHIVE_ACCESS_FEATURES codes each film's screenings had: its own
    screenings and those of the programmes of films it is in; cancelled ones
    do not count."""
    fields = [ACCESS_BY_CODE[code].field for code in ARCHIVE_ACCESS_FEATURES]
    any_feature = Q()
    for name in fields:
        any_feature |= Q(**{name: True})
    screenings = Screening.objects.exclude(status=ScreeningStatus.CANCELLED).filter(
        any_feature
    )
    found = defaultdict(set)
    rows = list(screenings.filter(film_id__in=film_ids).values_list("film_id", *fields))
    programmes = defaultdict(list)
    for film_id, programme_id in ProgrammeFilm.objects.filter(
        film_id__in=film_ids
    ).values_list("film_id", "programme_id"):
        programmes[programme_id].append(film_id)
    if programmes:
        for programme_id, *flags in screenings.filter(
            film_programme_id__in=list(programmes)
        ).values_list("film_programme_id", *fields):
            rows.extend((film_id, *flags) for film_id in programmes[programme_id])
    for film_id, *flags in rows:
        found[film_id].update(
            code
            for code, flag in zip(ARCHIVE_ACCESS_FEATURES, flags, strict=True)
            if flag
        )
    return found


@dataclass
class _Built:
    texts: list[FilmText]
    documents: list[SearchDocument]
    terms: Counter
    spellings: dict[str, str]


def _build(film_ids: list[int], version: int) -> _Built:
    host = settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"]
    films = {
        row["id"]: row
        for row in Film.objects.filter(pk__in=film_ids).values(
            *FILM_FIELDS, *sorted(registry.film_fields() - set(FILM_FIELDS))
        )
    }
    others = defaultdict(list)
    for film_id, title in FilmTitle.objects.filter(film_id__in=film_ids).values_list(
        "film_id", "title"
    ):
        others[film_id].append(title)
    directors, credited = defaultdict(list), defaultdict(list)
    for film_id, role, name, variants, company in Credit.objects.filter(
        film_id__in=film_ids
    ).values_list(
        "film_id",
        "role__slug",
        "person__name",
        "person__name_variants",
        "company__name",
    ):
        names = [n for n in (name, *(variants or ()), company) if n]
        (directors if role == DIRECTOR and name else credited)[film_id].extend(names)
    countries, languages = defaultdict(list), defaultdict(list)
    for film_id, code in (
        FilmCountry.objects.filter(film_id__in=film_ids)
        .values_list("film_id", "country")
        .order_by("film_id", "order")
    ):
        countries[film_id].append(code)
    for film_id, code in (
        FilmLanguage.objects.filter(film_id__in=film_ids)
        .values_list("film_id", "language")
        .order_by("film_id", "order")
    ):
        languages[film_id].append(code)
    selections = defaultdict(list)
    for row in Selection.objects.filter(film_id__in=film_ids).values(
        "film_id",
        "edition_id",
        "edition__year",
        "edition__festival__slug",
        "section_id",
        "premiere_id",
    ):
        selections[row["film_id"]].append(row)
    awards = defaultdict(set)
    for film_id, outcome in Award.objects.filter(
        selection__film_id__in=film_ids
    ).values_list("selection__film_id", "outcome"):
        awards[film_id].add(outcome)
    access = _access(film_ids)
    curated = defaultdict(set)
    for film_id, selection_id in CuratedFilm.objects.filter(
        film_id__in=film_ids
    ).values_list("film_id", "selection_id"):
        curated[film_id].add(selection_id)

    texts, documents, terms, spelled = [], [], Counter(), {}
    extractors = list(registry)
    for film_id, film in films.items():
        titles = [film["title_en"], film["title_nl"]]
        original = [
            film["title_original"],
            film["title_original_latin"],
            *others[film_id],
        ]
        text = FilmText(
            film_id=film_id,
            title=_text(*titles),
            other=_text(*original),
            directors=_text(*directors[film_id]),
            credits=_text(*credited[film_id]),
            synopsis=" ".join(
                [
                    _text(film["synopsis_en"], film["synopsis_nl"]),
                    *stems(film["synopsis_en"], "english"),
                    *stems(film["synopsis_nl"], "dutch"),
                ]
            ).strip(),
            consonants=" ".join(
                key
                for part in (*titles, *original, *directors[film_id])
                if part
                for key in consonant_words(part)
            ),
            heads=_heads(titles),
            otherheads=_heads(original),
        )
        texts.append(text)
        terms.update(
            set(
                f"{text.title} {text.other} {text.directors} {text.credits} {text.synopsis}".split()
            )
        )
        for part in (
            *titles,
            *original,
            *directors[film_id],
            *credited[film_id],
            film["synopsis_en"],
            film["synopsis_nl"],
        ):
            if part:
                for term, spelling in spellings(part).items():
                    spelled.setdefault(term, spelling)
        ours = [s for s in selections[film_id] if s["edition__festival__slug"] == host]
        years = [s["edition__year"] for s in ours]
        facts = FilmFacts(
            film=film,
            selections=ours,
            awards=awards[film_id],
            countries=countries[film_id],
            languages=languages[film_id],
            access=access.get(film_id, set()),
            curated=curated[film_id],
        )
        # Sort keys, then each facet's own entry (decade reads "year").
        facets = {
            "year": film["year"],
            "rank_year": max(years) if years else (film["year"] or 0),
            "sort": film["sort_title"],
            "initial": film["title_initial"],
        }
        for facet in extractors:
            stored = facet.extract(facts)
            if stored is not NotImplemented:
                facets[facet.name] = stored

        documents.append(
            SearchDocument(
                film_id=film_id,
                version=version,
                is_visible=film["is_published"],
                facets=facets,
            )
        )
    return _Built(texts=texts, documents=documents, terms=terms, spellings=spelled)


def _write_terms(terms: Counter, spelled: dict[str, str]) -> None:
    rows = [
        SearchTerm(term=t[:100], spelling=spelled.get(t, t)[:100], frequency=n)
        for t, n in terms.items()
    ]
    SearchTerm.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


@transaction.atomic
def index_films(film_ids: Iterable[int]) -> None:
    """Write the documents of these films; films that no longer exist are hidden."""
    film_ids = sorted({pk for pk in film_ids if pk is not None})
    if not film_ids:
        return
    backend = get_backend()
    version = now_version()
    for chunk in _chunks(film_ids):
        built = _build(chunk, version)
        backend.write_films(built.texts)
        SearchDocument.objects.bulk_create(
            built.documents,
            update_conflicts=True,
            unique_fields=["film_id"],
            update_fields=["version", "is_visible", "facets"],
        )
        _write_terms(built.terms, built.spellings)
        gone = sorted(set(chunk) - {d.film_id for d in built.documents})
        if gone:
            backend.delete_films(gone)
            # Kept as invisible, with a new version, so every process's facet
            # cache notices the film is gone.
            SearchDocument.objects.filter(film_id__in=gone).update(
                is_visible=False, version=version
            )


def _name_rows(kind: str, ids: list[int] | None):
    if kind == "person":
        people = (
            Person.objects.all() if ids is None else Person.objects.filter(pk__in=ids)
        )
        for pk, name, variants in people.values_list(
            "id", "name", "name_variants"
        ).iterator(chunk_size=CHUNK):
            yield pk, _text(name, *(variants or ()))
    else:
        companies = (
            Company.objects.all() if ids is None else Company.objects.filter(pk__in=ids)
        )
        for pk, name, variants in companies.values_list(
            "id", "name", "name_variants"
        ).iterator(chunk_size=CHUNK):
            yield pk, _text(name, *(variants or ()))


@transaction.atomic
def index_names(kind: str, ids: Iterable[int]) -> None:
    """Write the name index rows of these people or companies (by ``kind``)."""
    ids = sorted({pk for pk in ids if pk is not None})
    if not ids:
        return
    backend = get_backend()
    rows = list(_name_rows(kind, ids))
    backend.write_names(kind, rows)
    backend.delete_names(kind, sorted(set(ids) - {row[0] for row in rows}))
    _write_terms(
        Counter(word for _pk, text in rows for word in set(text.split())),
        {},
    )


@dataclass
class RebuildReport:
    films: int
    people: int
    companies: int
    terms: int
    seconds: float
    size_bytes: int


def rebuild_index(*, log: Callable[[str], None] = lambda _m: None) -> RebuildReport:
    """Throw the index away and build it again from the catalogue."""
    started = time.perf_counter()
    backend = get_backend()
    version = now_version()
    prepare_bulk_write()
    with transaction.atomic():
        backend.clear()
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        film_ids = list(Film.objects.order_by("pk").values_list("pk", flat=True))
        terms: Counter = Counter()
        spelled: dict[str, str] = {}
        for done, chunk in enumerate(_chunks(film_ids), start=1):
            built = _build(chunk, version)
            backend.write_films(built.texts, replace=False)
            SearchDocument.objects.bulk_create(built.documents, batch_size=2000)
            terms.update(built.terms)
            for term, spelling in built.spellings.items():
                spelled.setdefault(term, spelling)
            log(f"{min(done * CHUNK, len(film_ids))}/{len(film_ids)} films")
        counts = {}
        for kind in ("person", "company"):
            rows = list(_name_rows(kind, None))
            for start in range(0, len(rows), CHUNK):
                backend.write_names(kind, rows[start : start + CHUNK])
            for _pk, text in rows:
                terms.update(set(text.split()))
            counts[kind] = len(rows)
        _write_terms(terms, spelled)
    backend.optimise()
    return RebuildReport(
        films=len(film_ids),
        people=counts["person"],
        companies=counts["company"],
        terms=len(terms),
        seconds=time.perf_counter() - started,
        size_bytes=backend.size_bytes(),
    )
