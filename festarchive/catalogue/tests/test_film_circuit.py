"""A film's festival circuit on its page: a timeline, oldest edition first,
drawn from the selections the page already read."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from festarchive.core import speedups
from festarchive.festival.models import Award, Festival
from festarchive.festival.services import (
    award_add,
    edition_create,
    festival_create,
    selection_add,
)
from festarchive.testing.html import section_html, visible_text

pytestmark = pytest.mark.django_db

FILM_URL = "/en/films/we-will-not-fade-away-2023/"


@pytest.fixture
def circuit(reference_film):
    """After IDFA 2023, the film won at Docs Abroad 2024 and had a special
    mention at an edition of 2022 without dates."""
    abroad = festival_create(name="Docs Abroad", short_name="DA", slug="docs-abroad")
    spring = edition_create(
        festival=abroad,
        year=2024,
        starts_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2024, 3, 5),
    )
    award_add(
        selection=selection_add(film=reference_film, edition=spring),
        name_en="Golden Prize",
    )
    earlier = edition_create(festival=abroad, year=2022)
    award_add(
        selection=selection_add(film=reference_film, edition=earlier),
        name_en="Mention",
        outcome=Award.Outcome.SPECIAL_MENTION,
    )
    return reference_film


def history(client) -> str:
    return section_html(client.get(FILM_URL).content.decode(), "history-heading")


def test_the_circuit_lists_editions_oldest_first_with_their_dates(client, circuit):
    text = visible_text(history(client))
    assert text == (
        "Festival history 2022 2024"  # the line's first and last years
        " 2022 DA 2022 Mention (special mention)"
        " 8 November 2023 – 19 November 2023 IDFA 2023 · Best of Fests · Dutch Premiere"
        " 1 March 2024 – 5 March 2024 DA 2024 Golden Prize (winner)"
    )
    part = history(client)
    assert '<time datetime="2024-03-01">' in part
    assert part.index("<ol") > part.index("<svg")


def test_the_line_places_each_edition_by_its_date(client, circuit):
    part = history(client)
    stops = re.findall(r'<circle cx="([\d.]+)" cy="14" r="(\d+)" class="([^"]+)"', part)
    # 2022 (mid-year), IDFA in November 2023, then March 2024: the winner big.
    positions = [float(x) for x, _r, _c in stops]
    assert positions[0] == 0.0 and positions[2] == 1000.0
    assert 700 < positions[1] < 1000  # nearer the last than the first
    assert stops[2][1] == "9" and "circuit__stop--won" in stops[2][2]
    assert "circuit__stop--host" in stops[1][2]
    assert 'aria-hidden="true"' in part


def test_the_line_reads_the_same_in_dutch(client, circuit):
    part = section_html(
        client.get("/nl/films/we-will-not-fade-away-2023/").content.decode(),
        "history-heading",
    )
    assert "1 maart 2024" in part
    assert re.search(r'<circle cx="\d+\.\d+"', part)  # a point, never a comma


@pytest.mark.parametrize("speedups_on", [speedups.NAMES, frozenset()])
def test_the_circuit_is_the_same_either_way_and_costs_no_query(
    client, circuit, settings, speedups_on
):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SPEEDUPS": speedups_on}
    with CaptureQueriesContext(connection) as three:
        part = history(client)
    assert "Golden Prize (winner)" in visible_text(part)
    assert part.count("<circle") == 3
    autumn = edition_create(
        festival=Festival.objects.get(slug="docs-abroad"), year=2025
    )
    award_add(selection=selection_add(film=circuit, edition=autumn), name_en="Late")
    with CaptureQueriesContext(connection) as four:
        part = history(client)
    assert part.count("<circle") == 4
    assert len(four) == len(three)
