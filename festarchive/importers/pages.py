"""Load scraped archive pages into the catalogue.

Each page is one transaction: a page that cannot be loaded leaves nothing
behind, and the others still load. People, companies, festivals, editions,
sections and roles already in the catalogue are reused when their name is the
same; a name that only matches once accents and script are folded away
('Kuczyńska' and 'Kuczynska') is created anew and reported as a probable
duplicate for staff to merge, never merged silently.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from festarchive.catalogue.models import Company, Credit, Film, Person, Role
from festarchive.catalogue.role_aliases import role_for_label
from festarchive.catalogue.services import (
    company_create,
    credit_add,
    film_create,
    film_fill_empty,
    film_provenance_add,
    person_create,
)
from festarchive.catalogue.vocabulary import DIRECTOR, company_kind_for_role
from festarchive.core.text import fold, make_slug, unique_slug
from festarchive.festival.models import (
    Award,
    Edition,
    Festival,
    PremiereStatus,
    Section,
    Selection,
)
from festarchive.festival.services import (
    award_add,
    edition_create,
    festival_create,
    section_create,
    selection_add,
)
from festarchive.search import signals as search_index
from festarchive.search.backends import Query, get_backend
from festarchive.search.backends.base import Term
from festarchive.search.normalise import words

from .batches import import_batch_record
from .models import ImportBatch
from .sources.archive_page import (
    NotAFilmPage,
    country_code,
    parse_page,
    read_page,
)

# The languages the catalogue keeps a synopsis in.
SYNOPSIS_LANGUAGES = ("en", "nl")


@dataclass
class PageImportReport:
    created: Counter = field(default_factory=Counter)
    reused: Counter = field(default_factory=Counter)
    loaded: list[str] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # (page, film title, the facts it gained): a film the catalogue had,
    # given what it lacked
    filled: list[tuple[str, str, list[str]]] = field(default_factory=list)
    probable_duplicates: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: "PageImportReport") -> None:
        self.created.update(other.created)
        self.reused.update(other.reused)
        self.loaded.extend(other.loaded)
        self.warnings.extend(other.warnings)
        self.filled.extend(other.filled)
        self.probable_duplicates.extend(other.probable_duplicates)


class _PageLoader:
    def __init__(self, source: str, report: PageImportReport):
        self.source = source
        self.report = report

    def warn(self, message: str) -> None:
        self.report.warnings.append((self.source, message))

    # -- reuse or create, by name ------------------------------------------
    def _named(self, kind: str, model, name: str, create):
        exact = model.objects.filter(name=name).first()
        if exact:
            self.report.reused[kind] += 1
            return exact
        similar = self._same_folded(kind, model, name)
        created = create(name)
        self.report.created[kind] += 1
        if similar:
            self.report.probable_duplicates.append((kind, created.name, similar.name))
        return created

    @staticmethod
    def _same_folded(kind: str, model, name: str):
        """A record whose name differs from ``name`` only in accents or script."""
        typed = words(name)
        if not typed:
            return None
        # The name index finds the candidates; the folded comparison decides.
        ids = get_backend().match_names(
            "person" if kind == "people" else "company",
            Query(words=[[Term(word)] for word in typed]),
            limit=20,
        )
        folded = fold(name)
        return next(
            (o for o in model.objects.filter(pk__in=ids) if fold(o.name) == folded),
            None,
        )

    def person(self, name: str) -> Person:
        return self._named("people", Person, name, lambda n: person_create(name=n))

    def company(self, name: str, role: Role) -> Company:
        kind = company_kind_for_role(role.slug)
        return self._named(
            "companies", Company, name, lambda n: company_create(name=n, kind=kind)
        )

    def role(self, heading: str) -> Role:
        known = role_for_label(heading)
        if known and (role := Role.objects.filter(slug=known).first()):
            return role
        folded = fold(heading)
        for role in Role.objects.all():
            if folded in (fold(role.name_en), fold(role.name_nl)):
                return role
        self.report.created["roles"] += 1
        self.warn(f"new role {heading!r} added to the vocabulary")
        return Role.objects.create(
            slug=unique_slug(
                make_slug(heading), lambda s: Role.objects.filter(slug=s).exists()
            ),
            name_en=heading,
            name_nl=heading,
        )

    def festival(self, name: str, url: str | None) -> Festival:
        """The festival of this name; pages name ours 'IDFA', 'International
        Documentary Film Festival Amsterdam' or 'IDFA Amsterdam' alike."""
        folded = fold(name)
        for festival in Festival.objects.all():
            if folded in (
                fold(festival.short_name),
                fold(festival.name),
                fold(f"{festival.short_name} {festival.city}"),
            ):
                self.report.reused["festivals"] += 1
                return festival
        self.report.created["festivals"] += 1
        website = f"{urlsplit(url).scheme}://{urlsplit(url).hostname}" if url else ""
        return festival_create(name=name, short_name=name, website=website)

    def edition(self, festival: Festival, year: int) -> Edition:
        edition = Edition.objects.filter(festival=festival, year=year).first()
        if edition:
            self.report.reused["editions"] += 1
            return edition
        self.report.created["editions"] += 1
        return edition_create(festival=festival, year=year)

    def section(self, festival: Festival, name: str, language: str) -> Section:
        folded = fold(name)
        for section in festival.sections.all():
            if folded in (fold(section.name_en), fold(section.name_nl)):
                self.report.reused["sections"] += 1
                return section
        self.report.created["sections"] += 1
        return section_create(
            festival=festival, name_en=name, name_nl=name if language == "nl" else ""
        )

    def premiere(self, page: dict) -> PremiereStatus:
        """The page's premiere status; one the vocabulary lacks is added to it.

        A status is found by its kind before its words: 'Weltpremiere' is the
        world premiere. A national premiere elsewhere ('Austrian Premiere') is
        a fact of the film's festival history too, so it is kept, as the
        status 'national-at', whichever words later pages print it in.
        """
        name, kind = page["premiere"], page["premiere_kind"]
        country = page["premiere_country"]
        if kind == "national" and country == "NL":
            kind = "dutch"
        elif kind == "national" and country:
            kind = f"national-{country.lower()}"
        elif kind == "national":
            kind = None
        known = PremiereStatus.objects.filter(slug=kind).first() if kind else None
        if known:
            return known
        folded = fold(name)
        for status in PremiereStatus.objects.all():
            if folded in (fold(status.name_en), fold(status.name_nl)):
                return status
        self.warn(f"new premiere status {name!r} added to the vocabulary")
        return PremiereStatus.objects.create(
            slug=kind
            or unique_slug(
                make_slug(name)[:40],
                lambda s: PremiereStatus.objects.filter(slug=s).exists(),
            ),
            name_en=name,
            name_nl=name,
        )

    # -- the page ----------------------------------------------------------
    def load(self, page: dict) -> Film:
        countries = []
        for name in page["countries"]:
            code = country_code(name)
            if code and code not in countries:
                countries.append(code)
            elif not code:
                self.warn(f"country {name!r} not recognised; left out")
        existing = self.same_film(page["title"], page["year"])
        synopsis = {}
        if page["language"] in SYNOPSIS_LANGUAGES:
            synopsis[f"synopsis_{page['language']}"] = page["synopsis"] or ""
        elif page["synopsis"]:
            self.warn(
                f"synopsis in {page['language']!r} left out: the catalogue "
                "holds English and Dutch synopses"
            )
        if existing:
            film = existing
            self.report.reused["films"] += 1
            filled = film_fill_empty(
                film=film,
                facts={
                    "year": page["year"],
                    "runtime_minutes": page["runtime_minutes"],
                    "title_original": page["original_title"] or "",
                    **synopsis,
                },
                countries=countries,
            )
            if filled:
                self.report.filled.append((self.source, film.title_en, filled))
        else:
            film = film_create(
                title_en=page["title"],
                title_nl=page["title"] if page["language"] == "nl" else "",
                title_original=page["original_title"] or "",
                year=page["year"],
                runtime_minutes=page["runtime_minutes"],
                countries=countries,
                **synopsis,
            )
            self.report.created["films"] += 1

        self.select(film, page)
        self.select_elsewhere(film, page)
        source = page["source"]
        film_provenance_add(
            film=film,
            importer="import-pages",
            imported_on=datetime.date.fromisoformat(source["date"]),
            source_url=source["url"] or "",
            source_file="" if source["url"] else (source["file"] or ""),
        )
        director = Role.objects.get(slug=DIRECTOR)
        wanted = [(director, name, None) for name in page["directors"]]
        for credit in page["credits"]:
            wanted.append(
                (self.role(credit["role"]), credit["person"], credit["company"])
            )
        for role, person_name, company_name in wanted:
            person = self.person(person_name) if person_name else None
            company = self.company(company_name, role) if company_name else None
            if Credit.objects.filter(
                film=film, role=role, person=person, company=company
            ).exists():
                continue
            credit_add(film=film, role=role, person=person, company=company)
        return film

    @staticmethod
    def same_film(title: str, year: int | None) -> Film | None:
        """The catalogue's film of this title and year.

        A partial page gives no year: its film is the one film of that title,
        if there is just one. A page with a year completes the one film of
        its title that has none, when the catalogue has none of that year.
        """
        titled = Film.objects.filter(Q(title_en=title) | Q(title_nl=title))
        if year is not None:
            # Else the one film of that title without a year (a partial
            # page's), which this page completes.
            titled = titled.filter(Q(year=year) | Q(year=None)).order_by(
                F("year").asc(nulls_last=True)
            )
            dated = list(titled[:2])
            if dated and dated[0].year == year:
                return dated[0]
            return dated[0] if len(dated) == 1 else None
        candidates = list(titled[:2])
        return candidates[0] if len(candidates) == 1 else None

    def select(self, film: Film, page: dict) -> None:
        """Record the film's selection at the page's festival, in its edition."""
        if not page["festival"] or not page["edition"]:
            self.warn("the page states no festival edition; no selection recorded")
            return
        festival = self.festival(page["festival"], page["source"]["url"])
        edition = self.edition(festival, int(page["edition"].rsplit(" ", 1)[1]))
        section = (
            self.section(festival, page["section"], page["language"])
            if page["section"]
            else None
        )
        if Selection.objects.filter(
            film=film, edition=edition, section=section
        ).exists():
            return
        selection_add(
            film=film,
            edition=edition,
            section=section,
            premiere=self.premiere(page) if page["premiere"] else None,
        )

    def select_elsewhere(self, film: Film, page: dict) -> None:
        """The film's selections at the festivals the page lists it at
        ('Festivals & Awards: IDFA (2022)'), with the award it names; an
        edition the film is in already keeps its selection, gaining the award."""
        for entry in page["festivals"]:
            festival = self.festival(entry["festival"], None)
            edition = self.edition(festival, entry["year"])
            selection = Selection.objects.filter(film=film, edition=edition).first()
            if selection is None:
                section = (
                    self.section(festival, entry["section"], page["language"])
                    if entry["section"]
                    else None
                )
                selection = selection_add(film=film, edition=edition, section=section)
                self.report.created["selections"] += 1
            award = entry["award"]
            if award and not selection.awards.filter(name_en=award).exists():
                mention = "mention" in fold(award).split()
                award_add(
                    selection=selection,
                    name_en=award,
                    outcome=(
                        Award.Outcome.SPECIAL_MENTION
                        if mention
                        else Award.Outcome.WINNER
                    ),
                )
                self.report.created["awards"] += 1


def _page_files(paths: list[Path]) -> list[Path]:
    """The files named, and the text files (``*.txt``) in the folders named.

    Crawlers keep notes and the facts they read next to the pages; only the
    pages are taken from a folder.
    """
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            files.append(path)
    return files


def import_pages(paths: list[Path], *, dry_run: bool = False) -> PageImportReport:
    """Load each page file; one transaction per file. ``dry_run`` rolls all back."""
    report = PageImportReport()
    with transaction.atomic():
        for path in _page_files(paths):
            source = str(path)
            try:
                text = read_page(path)
                page = parse_page(text, file=source)
                # Counted apart, and added only once the page has loaded whole.
                page_report = PageImportReport(loaded=[source])
                with transaction.atomic():
                    _PageLoader(source, page_report).load(page)
                    search_index.flush()
                report.add(page_report)
            except FileNotFoundError:
                report.unreadable.append((source, "no such file"))
            except UnicodeDecodeError:
                report.unreadable.append((source, "not UTF-8 text"))
            except (IsADirectoryError, PermissionError):
                report.unreadable.append((source, "cannot be read"))
            except NotAFilmPage as error:
                report.unreadable.append((source, f"not a film page: {error}"))
            except ValidationError as error:
                report.unreadable.append(
                    (source, "refused: " + "; ".join(error.messages))
                )
        if dry_run:
            transaction.set_rollback(True)
        elif report.loaded:
            import_batch_record(
                kind=ImportBatch.Kind.PAGES,
                source=", ".join(str(path) for path in paths),
                counts={
                    "pages": len(report.loaded),
                    "refused": len(report.unreadable),
                    "created": report.created,
                    "reused": report.reused,
                },
            )
    return report
