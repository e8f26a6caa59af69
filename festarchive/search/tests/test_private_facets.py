"""The professionals' availability facets give the same answers with the
process's kept copy of the availability (speed-up ``availability-cache``,
decision 0010) as read afresh, and the kept copy follows every write."""

import pytest
from django.http import QueryDict

from festarchive.catalogue.services import film_create
from festarchive.professionals.models import FilmAvailability
from festarchive.search.indexer import rebuild_index
from festarchive.search.queries import archive_search, parse_params

pytestmark = pytest.mark.django_db


@pytest.fixture
def available():
    films = [film_create(title_en=f"Open Sea {n}", year=2020 + n) for n in range(3)]
    FilmAvailability.objects.create(film=films[0], rights=["vod"], territories=["NL"])
    FilmAvailability.objects.create(film=films[1], rights=["tv"], territories=["WW"])
    rebuild_index()
    return films


def _search(query: str):
    params = parse_params(QueryDict(query), private=True)
    results = archive_search(params, private=True)
    facets = {f.name: {v.value: v.count for v in f.values} for f in results.facets}
    return sorted(f.slug for f in results.films), {
        name: facets[name] for name in ("rights", "territory", "seeking")
    }


@pytest.mark.parametrize(
    "query", ["", "rights=vod", "territory=BE", "territory=NL&rights=tv", "q=sea"]
)
def test_kept_and_fresh_availability_give_the_same_answers(settings, available, query):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SPEEDUPS": frozenset()}
    fresh = _search(query)
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "SPEEDUPS": frozenset({"availability-cache"}),
    }
    assert _search(query) == fresh
    assert _search(query) == fresh  # from the kept copy


def test_the_kept_copy_follows_each_write(settings, available):
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "SPEEDUPS": frozenset({"availability-cache"}),
    }
    first, second, third = available
    assert _search("rights=vod")[0] == [first.slug]

    changed = FilmAvailability.objects.get(film=second)
    changed.rights = ["vod"]
    changed.save()
    assert _search("rights=vod")[0] == sorted([first.slug, second.slug])

    FilmAvailability.objects.create(film=third, rights=["vod"])
    assert len(_search("rights=vod")[0]) == 3

    FilmAvailability.objects.filter(film=first).delete()
    assert _search("rights=vod")[0] == sorted([second.slug, third.slug])
