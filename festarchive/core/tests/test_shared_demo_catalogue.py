"""The demo catalogue a module shares: each test sees it as loaded, whatever
the test before wrote. Both tests run on one worker, in this order."""

import os

import pytest

from festarchive.catalogue.models import Film

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("shared-catalogue")]


def test_a_test_may_change_the_shared_catalogue(demo_catalogue):
    film = demo_catalogue["film"]
    film.title_en = "Changed by the first test"
    film.save()
    Film.objects.exclude(pk=film.pk).delete()
    assert Film.objects.get().title_en == "Changed by the first test"


def test_the_next_test_sees_it_as_loaded(demo_catalogue):
    film = demo_catalogue["film"]
    assert film.title_en != "Changed by the first test"
    assert Film.objects.get(pk=film.pk).title_en == film.title_en
    assert Film.objects.count() >= 1


@pytest.mark.skipif(
    os.environ.get("FESTARCHIVE_SHARED_DEMO_CATALOGUE") == "0",
    reason="sharing the demo catalogue is switched off",
)
def test_the_catalogue_is_loaded_once_for_the_module(demo_catalogue, request):
    shared = request.getfixturevalue("_demo_catalogue_for_module")
    assert shared is demo_catalogue
