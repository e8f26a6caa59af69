"""Reads of the change history kept by django-simple-history.

A film's own fields have their history in the admin's history page; its
credits, other titles and festival selections are separate records, so their
changes are gathered here to show beside it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from festarchive.festival.models import Edition, Section, Selection

from .models import Company, Credit, FilmTitle, Person, Role

ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("removed")}


@dataclass(frozen=True)
class RelatedChange:
    at: datetime
    by: str
    action: str
    kind: str
    description: str


def film_related_changes(film_id: int, *, limit: int = 200) -> list[RelatedChange]:
    """The latest changes to a film's credits, other titles and selections."""
    credits = list(
        Credit.history.filter(film_id=film_id)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    titles = list(
        FilmTitle.history.filter(film_id=film_id)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    selections = list(
        Selection.history.filter(film_id=film_id)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    # Historical rows keep ids, not rows: a person merged away since is shown
    # by the id it had.
    people = Person.objects.in_bulk({c.person_id for c in credits} - {None})
    companies = Company.objects.in_bulk({c.company_id for c in credits} - {None})
    roles = Role.objects.in_bulk({c.role_id for c in credits})
    editions = Edition.objects.select_related("festival").in_bulk(
        {s.edition_id for s in selections}
    )
    sections = Section.objects.in_bulk({s.section_id for s in selections} - {None})

    def named(records, pk):
        return str(records[pk]) if pk in records else f"#{pk}"

    changes = [
        _change(
            row,
            _("credit"),
            f"{named(roles, row.role_id)}: "
            + " for ".join(
                named(records, pk)
                for records, pk in (
                    (people, row.person_id),
                    (companies, row.company_id),
                )
                if pk is not None
            ),
        )
        for row in credits
    ]
    changes += [
        _change(row, _("other title"), f"{row.title} ({row.get_kind_display()})")
        for row in titles
    ]
    changes += [
        _change(
            row,
            _("selection"),
            named(editions, row.edition_id)
            + (f", {named(sections, row.section_id)}" if row.section_id else ""),
        )
        for row in selections
    ]
    return sorted(changes, key=lambda c: c.at, reverse=True)[:limit]


def _change(row, kind, description) -> RelatedChange:
    return RelatedChange(
        at=row.history_date,
        by=str(row.history_user) if row.history_user else "",
        action=ACTIONS[row.history_type],
        kind=kind,
        description=description,
    )
