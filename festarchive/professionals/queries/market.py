"""Reads of the market library: who may watch what, the library with its
filters, a film's entry, and the viewing reports holders receive.

Callers check ``access.sees_private`` first (the views are
``professional_required``; the film-page tag checks too). The library is one
edition's at a time, small enough (a few hundred films) to filter and count in
memory after four queries.
"""

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, Max, Min, OuterRef, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from festarchive.catalogue.models import Film, FilmCountry
from festarchive.catalogue.queries import films_for_cards
from festarchive.core.limits import limit
from festarchive.core.models import ChangeRecord
from festarchive.core.numbers import parse_int
from festarchive.festival.models import Edition, Selection

from ..access import current_accreditation
from ..models import Accreditation, FilmAvailability, MarketEntry, Viewing
from ..vocabulary import ProfessionalRole, Right, Seeking


# -- who may watch ------------------------------------------------------------
def role_allowed(entry: MarketEntry, role: str) -> bool:
    """Whether a professional in ``role`` may watch ``entry``: every role
    may, unless its holder chose some."""
    return not entry.allowed_roles or role in entry.allowed_roles


def may_watch(user, entry: MarketEntry) -> bool:
    """Staff watch everything; a professional accredited today watches a
    published film whose holder allows their role."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    accreditation = current_accreditation(user)
    return (
        accreditation is not None
        and entry.film.is_published
        and role_allowed(entry, accreditation.role)
    )


def role_labels(roles) -> list[str]:
    """The names of ``roles``, in the vocabulary's order."""
    chosen = set(roles)
    return [str(label) for value, label in ProfessionalRole.choices if value in chosen]


# -- the library --------------------------------------------------------------
# Runtime buckets: (URL value, label, lowest, highest minutes). A film of
# exactly 70 or 100 minutes falls in the "70 to 100" bucket.
LENGTHS = (
    ("under-40", gettext_lazy("Under 40 minutes"), 1, 39),
    ("40-70", gettext_lazy("40 to 70 minutes"), 40, 69),
    ("70-100", gettext_lazy("70 to 100 minutes"), 70, 100),
    ("over-100", gettext_lazy("Over 100 minutes"), 101, None),
)


def length_bucket(minutes: int | None) -> str | None:
    if not minutes:
        return None
    for value, _label, low, high in LENGTHS:
        if minutes >= low and (high is None or minutes <= high):
            return value
    return None


@dataclass(frozen=True)
class FacetSpec:
    name: str  # the URL parameter
    label: object


FACETS = (
    FacetSpec("section", gettext_lazy("Section")),
    FacetSpec("country", gettext_lazy("Production country")),
    FacetSpec("rights", gettext_lazy("Rights available")),
    FacetSpec("seeking", gettext_lazy("Looking for")),
    FacetSpec("length", gettext_lazy("Length")),
)
FACET_NAMES = tuple(f.name for f in FACETS)


@dataclass
class LibraryParams:
    """What the library's address asks for: an edition, filters, a page."""

    edition: str = ""
    chosen: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1

    @classmethod
    def from_query(cls, data) -> "LibraryParams":
        most = limit("search_max_values_per_facet")
        chosen = {}
        for name in FACET_NAMES:
            values = [v.strip() for v in data.getlist(name) if v.strip()]
            if values:
                chosen[name] = list(dict.fromkeys(values))[:most]
        return cls(
            edition=data.get("edition", "").strip(),
            chosen=chosen,
            page=parse_int(data.get("page"), low=1) or 1,
        )

    def url(self, chosen: dict[str, list[str]] | None = None, page: int = 1) -> str:
        """The library's query string with ``chosen`` filters (these by
        default), from its first page unless told otherwise."""
        chosen = self.chosen if chosen is None else chosen
        pairs = [("edition", self.edition)] if self.edition else []
        for name in FACET_NAMES:
            pairs.extend((name, value) for value in chosen.get(name, ()))
        if page > 1:
            pairs.append(("page", str(page)))
        return "?" + urlencode(pairs) if pairs else "?"

    def toggled(self, name: str, value: str) -> str:
        """The address with ``value`` of facet ``name`` switched on or off."""
        chosen = {k: list(v) for k, v in self.chosen.items()}
        values = chosen.setdefault(name, [])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return self.url(chosen)

    def page_url(self, page: int) -> str:
        return self.url(page=page)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    active: bool
    url: str


@dataclass
class FacetResult:
    name: str
    label: object
    values: list[FacetValue]

    @property
    def active(self) -> list[FacetValue]:
        return [v for v in self.values if v.active]


@dataclass
class ActiveFilter:
    label: str
    remove_url: str


@dataclass
class LibraryItem:
    """One film of the library as its card shows it."""

    entry: MarketEntry
    values: dict[str, set[str]]
    sections: list[str] = field(default_factory=list)
    film: Film | None = None  # loaded for cards, for the page shown only
    limited: bool = False

    @property
    def has_screener(self) -> bool:
        return bool(self.entry.screener)


@dataclass
class Library:
    edition: Edition | None
    editions: list[Edition]
    params: LibraryParams
    facets: list[FacetResult]
    filters: list[ActiveFilter]
    total: int
    page: Page | None


def library_editions(user) -> list[Edition]:
    """Editions with films in the market library, the latest first."""
    entries = MarketEntry.objects.all()
    if not user.is_staff:
        entries = entries.filter(film__is_published=True)
    return list(
        Edition.objects.filter(pk__in=entries.values("edition_id"))
        .select_related("festival")
        .order_by("-year", "-starts_on", "festival__name")
    )


class _Labels:
    """The names of the facet values of one library."""

    def __init__(self):
        self.sections: dict[str, tuple[int, str]] = {}  # slug -> (order, name)
        self.rights = dict(Right.choices)
        self.seeking = dict(Seeking.choices)
        self.lengths = {value: label for value, label, _low, _high in LENGTHS}

    def label(self, facet: str, value: str) -> str:
        if facet == "section":
            return self.sections[value][1]
        if facet == "country":
            return str(countries.name(value) or value)
        if facet == "rights":
            return str(self.rights[value])
        if facet == "seeking":
            return str(self.seeking[value])
        return str(self.lengths[value])

    def known(self, facet: str, value: str) -> bool:
        if facet == "section":
            return value in self.sections
        if facet == "country":
            return bool(countries.name(value))
        if facet == "rights":
            return value in self.rights
        if facet == "seeking":
            return value in self.seeking
        return value in self.lengths

    def order(self, facet: str, value: str, count: int) -> tuple:
        if facet == "section":
            return self.sections[value]
        if facet == "country":
            return (-count, self.label(facet, value))
        vocabulary = {
            "rights": list(self.rights),
            "seeking": list(self.seeking),
            "length": list(self.lengths),
        }[facet]
        return (vocabulary.index(value),)


def _library_items(edition: Edition, user, labels: _Labels) -> list[LibraryItem]:
    entries = MarketEntry.objects.filter(edition=edition).select_related("film")
    if not user.is_staff:
        entries = entries.filter(film__is_published=True)
    entries = list(entries)
    in_library = {"film__market_entries__edition": edition}
    sections: dict[int, list] = defaultdict(list)
    selections = (
        Selection.objects.filter(edition=edition, section__isnull=False)
        .filter(film__market_entries__edition=edition)
        .select_related("section")
    )
    for selection in selections:
        section = selection.section
        labels.sections[section.slug] = (section.order, section.name)
        sections[selection.film_id].append(section)
    film_countries: dict[int, set[str]] = defaultdict(set)
    for film_id, code in FilmCountry.objects.filter(**in_library).values_list(
        "film_id", "country"
    ):
        film_countries[film_id].add(str(code))
    availability = {
        film_id: (rights, seeking)
        for film_id, rights, seeking in FilmAvailability.objects.filter(
            **in_library
        ).values_list("film_id", "rights", "seeking")
    }
    items = []
    for entry in entries:
        rights, seeking = availability.get(entry.film_id, ([], []))
        bucket = length_bucket(entry.film.runtime_minutes)
        values = {
            "section": {s.slug for s in sections[entry.film_id]},
            "country": film_countries[entry.film_id],
            "rights": {str(v) for v in rights or () if str(v) in labels.rights},
            "seeking": {str(v) for v in seeking or () if str(v) in labels.seeking},
            "length": {bucket} if bucket else set(),
        }
        items.append(
            LibraryItem(
                entry=entry,
                values=values,
                sections=[s.name for s in sections[entry.film_id]],
                limited=not may_watch(user, entry),
            )
        )
    return items


def _matches(item: LibraryItem, chosen: dict[str, list[str]], skip: str = "") -> bool:
    """Within a facet any chosen value will do; across facets, all must."""
    return all(
        item.values[name].intersection(values)
        for name, values in chosen.items()
        if values and name != skip
    )


def market_library(*, user, params: LibraryParams) -> Library:
    """One edition's market library (the latest unless ``params`` names
    another), filtered by ``params``, with each filter value's count.

    A value's count is of the films it would show with the other filters
    kept, so that choosing a second value of the same filter, which widens the
    list, says by how much. Values that name nothing (a mistyped address, a
    section of another edition) are dropped from ``params``, so that no link
    made from it carries them on.
    """
    editions = library_editions(user)
    edition = next((e for e in editions if e.slug == params.edition), None)
    if edition is None:
        params.edition = ""
        edition = editions[0] if editions else None
    if edition is None:
        return Library(None, [], params, [], [], 0, None)
    labels = _Labels()
    items = _library_items(edition, user, labels)
    params.chosen = chosen = {
        name: known
        for name, values in params.chosen.items()
        if (known := [v for v in values if labels.known(name, v)])
    }
    facets, filters = [], []
    for spec in FACETS:
        counts: dict[str, int] = defaultdict(int)
        for item in items:
            if _matches(item, chosen, skip=spec.name):
                for value in item.values[spec.name]:
                    counts[value] += 1
        active = chosen.get(spec.name, [])
        shown = set(counts) | set(active)
        values = [
            FacetValue(
                value=value,
                label=labels.label(spec.name, value),
                count=counts.get(value, 0),
                active=value in active,
                url=params.toggled(spec.name, value),
            )
            for value in sorted(
                shown, key=lambda v: labels.order(spec.name, v, counts.get(v, 0))
            )
        ]
        facets.append(FacetResult(spec.name, spec.label, values))
        filters.extend(
            ActiveFilter(f"{spec.label}: {v.label}", v.url) for v in values if v.active
        )
    matching = [item for item in items if _matches(item, chosen)]
    page = Paginator(matching, limit("archive_listing_page")).get_page(params.page)
    cards = films_for_cards(
        Film.objects.filter(pk__in=[item.entry.film_id for item in page])
    ).in_bulk()
    for item in page:
        item.film = cards[item.entry.film_id]
    return Library(edition, editions, params, facets, filters, len(matching), page)


# -- one film's entry ---------------------------------------------------------
def market_entry_get(*, pk: int, user) -> MarketEntry:
    """The entry with its film as a card shows it; 404 for a film that is not
    published, except to staff."""
    entries = MarketEntry.objects.select_related("edition__festival")
    if not user.is_staff:
        entries = entries.filter(film__is_published=True)
    entry = get_object_or_404(entries, pk=pk)
    entry.film = films_for_cards(Film.objects.filter(pk=entry.film_id)).get()
    return entry


@dataclass
class EntryPage:
    entry: MarketEntry
    may_watch: bool
    sections: list
    rights: list[str]
    seeking: list[str]
    allowed_roles: list[str]


def _labels(values, choices) -> list[str]:
    held = set(values or ())
    return [str(label) for value, label in choices if value in held]


def market_entry_page(*, entry: MarketEntry, user) -> EntryPage:
    """What the entry's page shows besides the player."""
    availability = FilmAvailability.objects.filter(film_id=entry.film_id).first()
    return EntryPage(
        entry=entry,
        may_watch=may_watch(user, entry),
        sections=[
            s.section
            for s in Selection.objects.filter(
                film_id=entry.film_id, edition_id=entry.edition_id
            )
            .exclude(section=None)
            .select_related("section")
        ],
        rights=_labels(availability and availability.rights, Right.choices),
        seeking=_labels(availability and availability.seeking, Seeking.choices),
        allowed_roles=role_labels(entry.allowed_roles),
    )


def viewer_label(user) -> str:
    """A viewer's name as the watermark and the holder's report give it:
    never their e-mail address."""
    return user.display_name or user.get_full_name() or _("(no name given)")


def watermark_lines(*, user, viewing: Viewing) -> list[str]:
    """The words over the player: the viewer's name, organisation and the
    viewing's number, which staff can look up in the viewing log."""
    accreditation = current_accreditation(user)
    organisation = accreditation.organisation if accreditation else _("Festival staff")
    return [
        viewer_label(user),
        organisation,
        _("Viewing %(number)s") % {"number": viewing.pk},
    ]


# -- the film page's panel ----------------------------------------------------
def film_market_context(*, film, user) -> dict:
    """What the film page's professional panel shows of this feature: for a
    professional who may watch it, a link to the film's screener in the
    market library (its latest edition's); for staff, where it is listed."""
    entries = list(
        MarketEntry.objects.filter(film=film)
        .select_related("edition__festival", "film")
        .order_by("-edition__year", "-edition__starts_on", "-id")
    )
    watchable = next((e for e in entries if e.screener and may_watch(user, e)), None)
    return {
        "market_entry": watchable,
        "market_entries": entries if user.is_staff else [],
    }


# -- viewing reports ----------------------------------------------------------
# The change record of each report sent keeps the last viewing it covered.
REPORT_SENT = "professionals.market.report_sent"
# A viewing is reported once nothing was heard from its player for this
# long; one still playing waits for the next report, so that its minutes are
# whole when the holder reads them.
REPORT_SETTLED_AFTER = datetime.timedelta(minutes=30)


def reported_viewings(entry: MarketEntry) -> QuerySet[Viewing]:
    """The viewings a holder hears of: those of accredited professionals.
    Staff checking a screener are in the viewing log, not in the report."""
    professional = Accreditation.objects.filter(
        user=OuterRef("viewer"), status=Accreditation.Status.APPROVED
    )
    return (
        entry.viewings.filter(Exists(professional))
        .select_related("viewer")
        .order_by("started_at", "id")
    )


@dataclass(frozen=True)
class ReportRow:
    viewing_id: int
    started_at: object  # an aware datetime
    viewer: str
    organisation: str
    role: str
    country: str
    minutes: int


def _accreditation_on(accreditations: list[Accreditation], day) -> Accreditation | None:
    """The accreditation valid on ``day``, else the latest one."""
    for accreditation in accreditations:
        if accreditation.valid_from <= day <= accreditation.valid_until:
            return accreditation
    return accreditations[0] if accreditations else None


def report_rows(viewings) -> list[ReportRow]:
    """One row per viewing: when, who (name, organisation, role, country as
    their accreditation said that day) and for how many minutes. Never an
    e-mail address."""
    viewings = list(viewings)
    by_user = defaultdict(list)
    for accreditation in Accreditation.objects.filter(
        user_id__in={v.viewer_id for v in viewings},
        status=Accreditation.Status.APPROVED,
    ).order_by("-valid_until", "-id"):
        by_user[accreditation.user_id].append(accreditation)
    roles = dict(ProfessionalRole.choices)
    rows = []
    for viewing in viewings:
        started = timezone.localtime(viewing.started_at)
        accreditation = _accreditation_on(by_user[viewing.viewer_id], started.date())
        rows.append(
            ReportRow(
                viewing_id=viewing.pk,
                started_at=started,
                viewer=viewer_label(viewing.viewer),
                organisation=accreditation.organisation if accreditation else "",
                role=str(roles.get(accreditation.role, "")) if accreditation else "",
                country=str(accreditation.country.name) if accreditation else "",
                minutes=(viewing.seconds_watched + 30) // 60,
            )
        )
    return rows


def report_csv(rows: list[ReportRow]) -> str:
    """The rows as CSV, with a header row, in the active language."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Date and time (%(zone)s)") % {"zone": settings.TIME_ZONE},
            _("Viewer"),
            _("Organisation"),
            _("Role"),
            _("Country"),
            _("Minutes watched"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.started_at.strftime("%Y-%m-%d %H:%M"),
                _csv_safe(row.viewer),
                _csv_safe(row.organisation),
                row.role,
                row.country,
                row.minutes,
            ]
        )
    return out.getvalue()


def _csv_safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection): a cell
    starting with = + - @ gets a leading apostrophe."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def last_reported_viewing(entry: MarketEntry) -> int:
    """The highest viewing id a report of ``entry`` covered (0: none yet)."""
    record = (
        ChangeRecord.objects.filter(
            action=REPORT_SENT,
            content_type__app_label="professionals",
            content_type__model="marketentry",
            object_id=str(entry.pk),
        )
        .order_by("-at", "-id")
        .first()
    )
    return int(record.data.get("through_viewing", 0)) if record else 0


def viewings_to_report(entry: MarketEntry, *, now=None) -> list[Viewing]:
    """The professionals' viewings no report has covered yet, oldest first,
    up to the first one still playing (it and those after it wait)."""
    settled_before = (now or timezone.now()) - REPORT_SETTLED_AFTER
    new = reported_viewings(entry).filter(id__gt=last_reported_viewing(entry))
    playing = new.filter(last_seen_at__gte=settled_before).aggregate(first=Min("id"))[
        "first"
    ]
    if playing is not None:
        new = new.filter(id__lt=playing)
    return list(new.order_by("id"))


def entries_with_unreported_viewings() -> list[MarketEntry]:
    """Entries with a holder e-mail address and a viewing newer than their
    last report (whether it is settled yet is ``viewings_to_report``'s say)."""
    entries = (
        MarketEntry.objects.exclude(holder_email="")
        .annotate(newest=Max("viewings__id"))
        .filter(newest__isnull=False)
        .select_related("film", "edition__festival")
        .order_by("id")
    )
    return [e for e in entries if e.newest > last_reported_viewing(e)]
