"""The performance layer: one setting switches every speed-up off, and the
pages it touches are the same either way."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.base import speedups_from_env
from festarchive.core import speedups

ALL, NONE = speedups.NAMES, frozenset()


def test_the_setting_names_all_none_or_some():
    assert speedups.parse(None) == ALL
    assert speedups.parse(" All ") == ALL
    assert speedups.parse("none") == NONE
    assert speedups.parse("frozen-heap, prepared-queries") == {
        "frozen-heap",
        "prepared-queries",
    }


def test_an_unknown_speedup_stops_the_settings_with_the_known_names():
    with pytest.raises(ImproperlyConfigured, match="Unknown speed-up fast-lane") as e:
        speedups_from_env("frozen-heap,fast-lane")
    assert "prepared-queries" in str(e.value)


def test_every_speedup_has_its_decision_record():
    from django.conf import settings

    for speedup in speedups.SPEEDUPS:
        record = settings.BASE_DIR / "docs" / "decisions" / speedup.record
        assert record.is_file(), record
        assert f"`{speedup.name}`" in record.read_text(), record


def _switch(settings, chosen):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SPEEDUPS": chosen}


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.django_db
def test_a_film_page_is_the_same_with_every_speedup_off(
    client, demo_catalogue, settings
):
    url = demo_catalogue["film"].get_absolute_url()
    pages = {}
    for chosen in (ALL, NONE):
        _switch(settings, chosen)
        response = client.get(url)
        assert response.status_code == 200
        pages[chosen] = _without_tokens(response.content.decode())
    assert "Alisa Kovalenko" in pages[ALL]
    assert pages[NONE] == pages[ALL]


@pytest.mark.django_db
def test_a_missing_film_is_not_found_either_way(client, demo_catalogue, settings):
    url = demo_catalogue["film"].get_absolute_url().replace("/films/", "/films/x")
    for chosen in (ALL, NONE):
        _switch(settings, chosen)
        assert client.get(url).status_code == 404
