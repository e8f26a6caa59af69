"""The statistics as figures: for each chart its title, a sentence saying
what it shows, and its numbers as rows, in the page's language.

One figure feeds its chart (``charts.py``), the table under it and its CSV
download, so the three always agree.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries as country_list

from .queries import RUNTIME_BINS, RUNTIME_UNKNOWN, Statistics


@dataclass
class Figure:
    """One chart's numbers: ``rows`` of a label and one value per column."""

    slug: str  # its address: statistics/<slug>.csv
    title: str
    description: str  # what the chart shows, in a sentence, for everyone
    label_heading: str  # the heading of the labels' column
    columns: list[str]  # headings of the value columns
    rows: list[tuple[str, list]] = field(default_factory=list)
    kind: str = "bar"  # bar, histogram, map, line, share
    codes: list[str] = field(default_factory=list)  # map: each row's country
    note: str = ""  # how it counts

    @property
    def is_empty(self) -> bool:
        return not any(any(values) for _label, values in self.rows)


def country_name(code: str) -> str:
    """A production country's name in the page's language."""
    return str(country_list.name(code)) or code


def figures_for(stats: Statistics) -> list[Figure]:
    """The figures of a statistics page, in the order it shows them."""
    figures = [
        _countries(stats),
        _premieres(stats),
        _sections(stats),
        _runtimes(stats),
        _first_films(stats),
        _coproductions(stats),
    ]
    if stats.scope.edition is None:
        figures.append(_over_time(stats))
    figures.append(_won_elsewhere(stats))
    return figures


def figure_by_slug(stats: Statistics, slug: str) -> Figure | None:
    return next((f for f in figures_for(stats) if f.slug == slug), None)


FILMS = "films"  # the one value column most figures have


def _films_column() -> list[str]:
    return [_("Films")]


def _countries(stats: Statistics) -> Figure:
    named = [(country_name(code), code, films) for code, films in stats.countries]
    return Figure(
        slug="countries",
        title=_("Films by production country"),
        description=ngettext(
            "The films came from %(count)s production country.",
            "The films came from %(count)s production countries.",
            len(named),
        )
        % {"count": number_format(len(named))},
        label_heading=_("Country"),
        columns=_films_column(),
        rows=[(name, [films]) for name, _code, films in named],
        codes=[code for _name, code, _films in named],
        kind="map",
        note=_("A co-production counts once for each of its production countries."),
    )


def _premieres(stats: Statistics) -> Figure:
    return Figure(
        slug="premieres",
        title=_("Films by premiere"),
        description=_(
            "How many films had their world, international or other premiere here."
        ),
        label_heading=_("Premiere"),
        columns=_films_column(),
        rows=[
            (level.name if level else _("No premiere"), [films])
            for level, films in stats.premieres
        ],
    )


def _sections(stats: Statistics) -> Figure:
    return Figure(
        slug="sections",
        title=_("Films by section"),
        description=_("How many films each section showed."),
        label_heading=_("Section"),
        columns=_films_column(),
        rows=[
            (section.name if section else _("No section recorded"), [films])
            for section, films in stats.sections
        ],
    )


def _runtime_label(low: int) -> str:
    if low == RUNTIME_UNKNOWN:
        return _("Runtime unknown")
    if low == RUNTIME_BINS[-1][1]:
        return _("%(minutes)s minutes or more") % {"minutes": low}
    if low == RUNTIME_BINS[0][0]:
        return _("Under %(minutes)s minutes") % {"minutes": RUNTIME_BINS[0][1]}
    return _("%(low)s to %(high)s minutes") % {"low": low, "high": low + 19}


def _runtimes(stats: Statistics) -> Figure:
    return Figure(
        slug="runtimes",
        title=_("Films by runtime"),
        description=_("How long the films ran, in bins of 20 minutes."),
        label_heading=_("Runtime"),
        columns=_films_column(),
        rows=[(_runtime_label(low), [films]) for low, films in stats.runtimes],
        kind="histogram",
    )


def _first_films(stats: Statistics) -> Figure:
    first = stats.first_films
    rows = [
        (_("First films"), [first.first]),
        (_("Later films"), [first.later]),
    ]
    if first.unknown:
        rows.append((_("Year or director unknown"), [first.unknown]))
    return Figure(
        slug="first-films",
        title=_("First films"),
        description=ngettext(
            "%(count)s film was its director's first.",
            "%(count)s films were their directors' first.",
            first.first,
        )
        % {"count": number_format(first.first)},
        label_heading=_("Film"),
        columns=_films_column(),
        rows=rows,
        note=_(
            "A first film is one none of whose directors directed a film of an"
            " earlier year in this archive."
        ),
    )


def _coproductions(stats: Statistics) -> Figure:
    def label(count: int) -> str:
        if count == 0:
            return _("No country recorded")
        if count == 1:
            return _("One country")
        if count == 2:
            return _("Two countries")
        return _("Three or more countries")

    return Figure(
        slug="co-productions",
        title=_("Co-productions"),
        description=ngettext(
            "%(count)s film was made in more than one country.",
            "%(count)s films were made in more than one country.",
            stats.coproductions,
        )
        % {"count": number_format(stats.coproductions)},
        label_heading=_("Production countries"),
        columns=_films_column(),
        rows=[(label(count), [films]) for count, films in stats.country_counts],
    )


def _over_time(stats: Statistics) -> Figure:
    codes = stats.over_time_countries
    return Figure(
        slug="countries-over-time",
        title=_("Countries over time"),
        description=ngettext(
            "Films from the %(count)s country with the most films, edition by edition.",
            "Films from the %(count)s countries with the most films, edition by edition.",
            len(codes),
        )
        % {"count": len(codes)},
        label_heading=_("Edition"),
        columns=[country_name(code) for code in codes],
        rows=[
            (str(edition.year), [counts.get(code, 0) for code in codes])
            for edition, counts in stats.over_time
        ],
        codes=codes,
        kind="line",
    )


def _won_elsewhere(stats: Statistics) -> Figure:
    rows = stats.won_elsewhere
    if stats.scope.edition is not None:
        row = rows[0]
        description = _(
            "%(won)s of %(films)s films went on to win an award at another festival."
        ) % {"won": number_format(row.won), "films": number_format(row.films)}
    else:
        description = _(
            "For each edition, how many of its films went on to win an award at"
            " another festival."
        )
    return Figure(
        slug="won-elsewhere",
        title=_("Went on to win elsewhere"),
        description=description,
        label_heading=_("Edition"),
        columns=[_("Films"), _("Won elsewhere later"), _("Share (%)")],
        rows=[
            (
                str(row.edition.year),
                [row.films, row.won, round(row.share * 100, 1)],
            )
            for row in rows
        ],
        kind="share",
        note=_(
            "A film counts when it won (not a special mention) at an edition of"
            " another festival in a later year, or later in the same year."
        ),
    )
