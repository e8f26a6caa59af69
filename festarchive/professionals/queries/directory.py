"""Reads of the delegates directory: professionals who chose to be listed and
whose accreditation runs today, for the eyes of other professionals and staff
(callers check ``access.sees_private``). E-mail addresses are never read out."""

from dataclasses import dataclass, field

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils.translation import gettext as _

from festarchive.catalogue.models import Credit, Film

from ..models import Accreditation, DelegateProfile

# Films shown beside a delegate in the directory, and on their own page.
FILMS_IN_LIST = 4
FILMS_ON_PAGE = 12


def _current_of_user(**filters) -> QuerySet[Accreditation]:
    return Accreditation.objects.current().filter(user=OuterRef("user"), **filters)


def listed_profiles() -> QuerySet[DelegateProfile]:
    """Every delegate who opted in and is accredited today."""
    return DelegateProfile.objects.filter(is_listed=True).filter(
        Exists(_current_of_user())
    )


def delegate_search(
    *, organisation: str = "", role: str = "", country: str = ""
) -> QuerySet[DelegateProfile]:
    """``listed_profiles`` whose current accreditation matches: part of the
    organisation's name, a role, a country (any of them left out)."""
    filters = {}
    if organisation:
        filters["organisation__icontains"] = organisation
    if role:
        filters["role"] = role
    if country:
        filters["country"] = country
    profiles = listed_profiles()
    if filters:
        profiles = profiles.filter(Exists(_current_of_user(**filters)))
    return profiles.select_related("user").order_by(
        "user__display_name", "user__last_name", "user__first_name", "user_id"
    )


def directory_countries() -> list[str]:
    """The countries listed delegates come from, for the directory's filter."""
    users = listed_profiles().values("user")
    return sorted(
        set(
            Accreditation.objects.current()
            .filter(user__in=users)
            .values_list("country", flat=True)
        )
    )


@dataclass
class Delegate:
    """One entry of the directory: who, with what accreditation, and a few of
    the published films their person or company in the archive is credited on."""

    profile: DelegateProfile
    accreditation: Accreditation
    films: list[Film] = field(default_factory=list)

    @property
    def user(self):
        return self.profile.user

    @property
    def name(self) -> str:
        """The delegate's name; never their e-mail address."""
        user = self.profile.user
        return (
            user.display_name
            or user.get_full_name()
            or _("A delegate of %(organisation)s")
            % {"organisation": self.accreditation.organisation}
        )


def _published_credits(count: int) -> QuerySet[Credit]:
    # A few more credits than films: one film may credit a delegate twice.
    return (
        Credit.objects.filter(film__is_published=True)
        .select_related("film")
        .order_by("-film__year", "film__sort_title", "film_id")[: count * 3]
    )


def delegates(profiles, *, films: int = FILMS_IN_LIST) -> list[Delegate]:
    """``profiles`` (a page of them) as directory entries, in a fixed number
    of queries however many there are and however many films they made."""
    profiles = list(profiles)
    accreditations = {}
    for accreditation in (
        Accreditation.objects.current()
        .filter(user_id__in=[p.user_id for p in profiles])
        .order_by("user_id", "-valid_until", "-id")
    ):
        accreditations.setdefault(accreditation.user_id, accreditation)
    prefetch_related_objects(
        profiles,
        Prefetch("person__credits", _published_credits(films), to_attr="shown"),
        Prefetch("company__credits", _published_credits(films), to_attr="shown"),
    )
    entries = []
    for profile in profiles:
        accreditation = accreditations.get(profile.user_id)
        if accreditation is None:  # expired since the page was counted
            continue
        # The badge asks access.current_accreditation, which keeps its answer
        # on the user: give it the one just read.
        profile.user._current_accreditation = accreditation
        credits = [
            *(profile.person.shown if profile.person else []),
            *(profile.company.shown if profile.company else []),
        ]
        entries.append(
            Delegate(
                profile=profile,
                accreditation=accreditation,
                films=_first_films([c.film for c in credits], films),
            )
        )
    return entries


def _first_films(films: list[Film], count: int) -> list[Film]:
    """The newest ``count`` films, each once."""
    seen, first = set(), []
    for film in sorted(films, key=lambda f: (-(f.year or 0), f.sort_title, f.pk)):
        if film.pk not in seen:
            seen.add(film.pk)
            first.append(film)
        if len(first) == count:
            break
    return first


def delegate_get(*, user_pk: int) -> Delegate:
    """A listed, currently accredited delegate, else 404: an unlisted one's
    page does not exist, even for other professionals."""
    profile = listed_profiles().filter(user_id=user_pk).select_related("user").first()
    if profile is None:
        raise Http404
    return delegates([profile], films=FILMS_ON_PAGE)[0]
