"""The accessibility facet: films that had a screening with subtitles for the
deaf and hard of hearing, audio description or a relaxed screening."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from festarchive.festival.models import Edition
from festarchive.programme import services
from festarchive.programme.vocabulary import ARCHIVE_ACCESS_FEATURES
from festarchive.search.facet_types import registry
from festarchive.search.indexer import rebuild_index

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo(settings.TIME_ZONE)


def at(year, month, day, hour) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=ZONE)


@pytest.fixture
def screened(catalogue):
    """The reference film shown with SDH; "Coal and Salt" in a programme of
    films shown with audio description; a relaxed screening that was cancelled."""
    idfa_2023 = Edition.objects.get(festival__slug="idfa", year=2023)
    idfa_2021 = Edition.objects.get(festival__slug="idfa", year=2021)
    idfa_2015 = Edition.objects.get(festival__slug="idfa", year=2015)
    venue = services.venue_create(name="Tuschinski", address="Reguliersbreestraat 26")
    screen = services.screen_create(venue=venue, name="Zaal 1", capacity=740)
    screenings = {
        "sdh": services.screening_create(
            edition=idfa_2023,
            screen=screen,
            film=catalogue["reference"],
            starts_at=at(2023, 11, 10, 14),
            sdh=True,
        ),
        "plain": services.screening_create(
            edition=idfa_2023,
            screen=screen,
            film=catalogue["reference"],
            starts_at=at(2023, 11, 11, 14),
        ),
    }
    programme = services.film_programme_create(
        edition=idfa_2021,
        title_en="Shorts: Underground",
        title_nl="Korte films: Ondergronds",
        films=[catalogue["edited"]],
    )
    screenings["programme"] = services.screening_create(
        edition=idfa_2021,
        screen=screen,
        film_programme=programme,
        starts_at=at(2021, 11, 12, 20),
        audio_description=True,
    )
    relaxed = services.screening_create(
        edition=idfa_2015,
        screen=screen,
        film=catalogue["silent"],
        starts_at=at(2015, 11, 20, 11),
        relaxed=True,
    )
    screenings["cancelled"] = services.screening_cancel(relaxed)
    rebuild_index()
    return screenings


def access_values(client, path="/en/archive/", **params) -> dict[str, tuple]:
    result = client.get(path, params).context["results"]
    [facet] = [f for f in result.facets if f.name == "access"]
    return {v.value: (v.label, v.count) for v in facet.values}


def titles(client, **params) -> list[str]:
    results = client.get("/en/archive/", params).context["results"]
    return sorted(f.title_en for f in results.films)


def test_the_facet_offers_the_archive_access_features():
    facet = registry["access"]()
    assert registry["access"].label == "Accessibility"
    assert [facet.internal(code) for code in ARCHIVE_ACCESS_FEATURES] == list(
        ARCHIVE_ACCESS_FEATURES
    )
    assert facet.internal("subtitles-en") is None  # not an archive facet value
    assert facet.internal("SDH") == "sdh"


def test_the_facet_filters_films_directly_and_through_programmes(client, screened):
    assert titles(client, access="sdh") == ["We Will Not Fade Away"]
    assert titles(client, access="audio-description") == ["Coal and Salt"]
    assert titles(client, access=["sdh", "audio-description"]) == [
        "Coal and Salt",
        "We Will Not Fade Away",
    ]
    # The relaxed screening was cancelled: it does not make the film accessible.
    assert titles(client, access="relaxed") == []
    assert titles(client, access="nonsense") == []


def test_the_facet_counts_and_labels_in_english_and_dutch(client, screened):
    assert access_values(client) == {
        "sdh": ("Subtitles for the deaf and hard of hearing", 1),
        "audio-description": ("Audio description", 1),
    }
    dutch = access_values(client, "/nl/archive/")
    assert dutch == {
        "sdh": ("Ondertitels voor doven en slechthorenden", 1),
        "audio-description": ("Audiodescriptie", 1),
    }
    # Each facet's counts apply the other filters.
    assert access_values(client, country="UA") == {
        "sdh": ("Subtitles for the deaf and hard of hearing", 1),
        "audio-description": ("Audio description", 1),
    }
    assert access_values(client, country="GR") == {}


def test_the_facet_is_an_api_parameter(client, screened):
    answer = client.get("/api/v1/films?access=audio-description").json()
    assert answer["meta"]["count"] == 1
    assert [f["slug"] for f in answer["data"]] == [
        screened["programme"].ordered_films()[0].slug
    ]


def test_a_screening_that_gains_sdh_shows_on_the_next_search(
    client, screened, django_capture_on_commit_callbacks
):
    assert titles(client, access="sdh") == ["We Will Not Fade Away"]
    with django_capture_on_commit_callbacks(execute=True):
        services.screening_update(screened["programme"], sdh=True)
    assert titles(client, access="sdh") == ["Coal and Salt", "We Will Not Fade Away"]

    with django_capture_on_commit_callbacks(execute=True):
        services.screening_cancel(screened["sdh"])
    assert titles(client, access="sdh") == ["Coal and Salt"]

    with django_capture_on_commit_callbacks(execute=True):
        services.screening_delete(screened["programme"])
    assert titles(client, access="sdh") == []
    assert titles(client, access="audio-description") == []


def test_a_screening_given_another_film_leaves_the_first_films_facet(
    client, screened, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.screening_update(
            screened["cancelled"],
            status="scheduled",
            notice_en="Back on.",
        )
    assert titles(client, access="relaxed") == ["The Silent Orchard"]
    greek = catalogue["greek"]  # selected for IDFA 2012, so moved there as well
    with django_capture_on_commit_callbacks(execute=True):
        services.screening_update(
            screened["cancelled"],
            film=greek,
            edition=Edition.objects.get(festival__slug="idfa", year=2012),
        )
    assert titles(client, access="relaxed") == ["The Silence of the Sea"]
