"""Synopses are found by other forms of their words, in English and in Dutch."""

import pytest

from festarchive.search.normalise import stems, word_stems

pytestmark = pytest.mark.django_db


def titles(client, query: str, language: str = "en") -> list[str]:
    response = client.get(f"/{language}/archive/", {"q": query})
    assert response.status_code == 200
    return [film.title_en for film in response.context["results"].films]


@pytest.mark.parametrize(
    "query",
    [
        "toneelstukken",  # Dutch synopsis says "toneelstuk"
        "tochten",  # Dutch synopsis says "tocht"
        "expeditions",  # English synopsis says "expedition"
        "trained",  # English synopsis says "Training"
    ],
)
def test_another_form_of_a_synopsis_word_finds_the_film(client, reference_film, query):
    assert titles(client, query) == ["We Will Not Fade Away"]
    assert titles(client, query, "nl") == ["We Will Not Fade Away"]


def test_stems_leave_unrelated_words_alone(client, reference_film):
    assert titles(client, "toneelstukkenmaker") == []
    assert titles(client, "trainers") == []


def test_stems_are_indexed_per_language():
    assert "tonelstuk" in stems("Twee toneelstukken", "dutch")
    assert stems("Twee toneelstukken", "english") == []
    assert word_stems("families") == ["famili", "familie"]  # English, Dutch
