"""The four kinds of user every professional route is tried as, and the
market library they are tried on."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from .factories import make_holder_film, make_professional, make_user


@pytest.fixture
def professional(db):
    return make_professional()


@pytest.fixture
def other_professional(db):
    return make_professional("other@example.org", role="distributor")


@pytest.fixture
def expired_professional(db):
    return make_professional("expired@example.org", days_left=-1)


@pytest.fixture
def visitor_user(db):
    return make_user("visitor@example.org")


@pytest.fixture
def pro_client(client, professional):
    client.force_login(professional)
    return client


@pytest.fixture
def holder_film(db):
    """A published film whose world sales company has an e-mail address."""
    return make_holder_film()


@pytest.fixture
def film_without_holder(db):
    return make_holder_film("Nobody Answers", holder_email=None)


# -- the market library ---------------------------------------------------------
# The demo's test screener: six seconds of a test pattern, WebM (VP8), 90 KB.
SCREENER = (
    Path(__file__).resolve().parents[2] / "demo" / "fixtures" / "screener-test.webm"
)


# The name it is uploaded under, which no page may ever show.
UPLOADED_NAME = "Our film - final cut.webm"


def screener_file() -> ContentFile:
    """The test screener as an upload, for ``services.market``."""
    return ContentFile(SCREENER.read_bytes(), name=UPLOADED_NAME)


@pytest.fixture
def market_edition(db):
    """IDFA 2025 with two sections, and five films in its market library:

    ========================  =========  =====  ===========  =====================
    film                      countries  min    section      market entry
    ========================  =========  =====  ===========  =====================
    Polder Light              NL         35     Competition  screener; tv, vod;
                                                             seeks a distributor
    Coal and Salt             UA, PL     52     Competition  screener; theatrical;
                                                             only for distributors
    Prairie                   US         95     Frontlight   no screener; seeks a
                                                             sales agent
    Long Winter               NL         120    Frontlight   screener
    Hidden Film (unpublished) NL         80     —            screener
    ========================  =========  =====  ===========  =====================
    """
    from festarchive.catalogue.services import film_create
    from festarchive.festival.services import (
        edition_create,
        festival_create,
        section_create,
        selection_add,
    )
    from festarchive.professionals.models import FilmAvailability
    from festarchive.professionals.services.market import (
        market_add,
        market_limit_roles,
    )

    festival = festival_create(name="IDFA", short_name="IDFA", slug="idfa")
    edition = edition_create(festival=festival, year=2025)
    competition = section_create(
        festival=festival, name_en="International Competition", order=1
    )
    frontlight = section_create(festival=festival, name_en="Frontlight", order=2)
    films = {}
    for title, countries, minutes, section, published in [
        ("Polder Light", ["NL"], 35, competition, True),
        ("Coal and Salt", ["UA", "PL"], 52, competition, True),
        ("Prairie", ["US"], 95, frontlight, True),
        ("Long Winter", ["NL"], 120, frontlight, True),
        ("Hidden Film", ["NL"], 80, None, False),
    ]:
        film = film_create(
            title_en=title,
            year=2025,
            runtime_minutes=minutes,
            countries=countries,
            is_published=published,
        )
        if section is not None:
            selection_add(film=film, edition=edition, section=section)
        films[title] = film
    FilmAvailability.objects.create(
        film=films["Polder Light"], rights=["tv", "vod"], seeking=["distributor"]
    )
    FilmAvailability.objects.create(film=films["Coal and Salt"], rights=["theatrical"])
    FilmAvailability.objects.create(film=films["Prairie"], seeking=["sales-agent"])
    entries = {}
    for title, film in films.items():
        entries[title] = market_add(
            film=film,
            edition=edition,
            screener=None if title == "Prairie" else screener_file(),
            holder_name="Docs Sales",
            holder_email="sales@docs.example",
        )
    market_limit_roles(entry=entries["Coal and Salt"], roles=["distributor"])
    return SimpleNamespace(edition=edition, films=films, entries=entries)


@pytest.fixture
def watchable(market_edition):
    """Polder Light's entry: a screener every professional may watch."""
    return market_edition.entries["Polder Light"]


@pytest.fixture
def limited(market_edition):
    """Coal and Salt's entry: only distributors may watch it."""
    return market_edition.entries["Coal and Salt"]


@pytest.fixture
def staff_user(db, django_user_model):
    return django_user_model.objects.create_user(
        username="market-staff", password="staff-password", is_staff=True
    )
