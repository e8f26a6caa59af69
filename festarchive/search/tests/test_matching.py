"""Every matching rule of archive search, through the public page."""

import pytest

from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db


def titles(client, **params) -> list[str]:
    response = client.get("/en/archive/", params)
    assert response.status_code == 200
    return [film.title_en for film in response.context["results"].films]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kuczynska", "We Will Not Fade Away"),
        ("KUCZYŃSKA", "We Will Not Fade Away"),
        ("zarnecka wojcik", "The Silent Orchard"),
        ("Żarnecka-Wójcik", "The Silent Orchard"),
        ("stephane siohan", "We Will Not Fade Away"),
    ],
)
def test_case_and_diacritics_are_forgiven(client, catalogue, query, expected):
    assert expected in titles(client, q=query)


@pytest.mark.parametrize(
    "query", ["Ми не згаснемо", "my ne zgasnemo", "mi ne zgasnemo", "MY NE ZGASNEMO"]
)
def test_reference_film_is_found_in_either_script_and_any_transliteration(
    client, catalogue, query
):
    assert titles(client, q=query)[0] == "We Will Not Fade Away"


def test_greek_query_finds_a_title_stored_only_in_latin(client, catalogue):
    assert titles(client, q="Η σιωπή της θάλασσας")[0] == "The Silence of the Sea"


def test_arabic_query_finds_a_title_stored_only_in_latin(client, catalogue):
    assert "The Distant Sea" in titles(client, q="البحر البعيد")


@pytest.mark.parametrize("query", ["tysha nad rikoyu", "tisha nad rikoiu", "Тиша"])
def test_latin_query_finds_a_title_stored_only_in_cyrillic(client, catalogue, query):
    assert "Quiet over the River" in titles(client, q=query)


@pytest.mark.parametrize(
    "query",
    [
        "kovalneko",  # swapped letters
        "kovalenk",  # missing letter
        "kovallenko",  # extra letter
        "kovelenko",  # wrong letter
        "kowalenko",  # another transliteration
    ],
)
def test_one_typo_in_a_long_word_is_forgiven(client, catalogue, query):
    assert titles(client, q=query)[0] == "We Will Not Fade Away"


def test_short_words_are_not_fuzzy(client, catalogue):
    # 'coak' is one letter from 'coal' but too short to be a typo match.
    assert "Coal and Salt" not in titles(client, q="coak")


@pytest.mark.parametrize("query", ["kova", "kov", "We Will N", "himal"])
def test_word_prefixes_match_while_typing(client, catalogue, query):
    assert "We Will Not Fade Away" in titles(client, q=query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Himalayas", "We Will Not Fade Away"),  # English synopsis
        ("moestuin", "We Will Not Fade Away"),  # Dutch synopsis
        ("boomgaard", "The Silent Orchard"),  # Dutch only
    ],
)
def test_both_languages_are_searched(client, catalogue, query, expected):
    assert expected in titles(client, q=query)


def test_a_directors_name_shows_their_films_first(client, catalogue):
    found = titles(client, q="kovalenko")
    # Two directors named Kovalenko: the newer edition first; the editor last.
    assert found == ["We Will Not Fade Away", "Quiet over the River", "Coal and Salt"]


def test_ranking_follows_title_then_other_titles_then_people_then_synopsis(
    client, harbour_films
):
    assert titles(client, q="harbour") == [
        "Harbour",  # exact title
        "Harbour Lights",  # title prefix
        "Old Harbour",  # title, newer edition first on a tie
        "Old Harbour Days",
        "Port Stories",  # other title
        "Blue Water",  # director
        "Green Water",  # other credit
        "Open Water",  # synopsis
    ]


def test_people_and_companies_are_listed_above_the_films(client, catalogue):
    response = client.get("/en/archive/", {"q": "kalmykov"})
    results = response.context["results"]
    assert [p.name for p in results.people] == ["Valery Kalmykov", "Yana Kalmykova"]
    text = visible_text(response.content.decode())
    assert text.index("Valery Kalmykov") < text.index("We Will Not Fade Away")

    results = client.get("/en/archive/", {"q": "trueman"}).context["results"]
    assert [c.name for c in results.companies] == ["Trueman Production"]


def test_no_results_suggests_a_respelling(client, catalogue):
    response = client.get("/en/archive/", {"q": "hilamayas"})
    results = response.context["results"]
    assert results.total == 0
    assert results.suggestion == "himalayas"
    text = visible_text(response.content.decode())
    assert "No films match “hilamayas”." in text
    assert "Did you mean himalayas" in text
    assert f'href="{results.suggestion_url}"' in response.content.decode().replace(
        "&amp;", "&"
    )
    assert "We Will Not Fade Away" in titles(client, q=results.suggestion)


def test_no_results_suggests_removing_a_filter(client, catalogue):
    response = client.get("/en/archive/", {"q": "kovalenko", "section": "masters"})
    results = response.context["results"]
    assert results.total == 0
    assert [(label, count) for label, _url, count in results.relaxations] == [
        ("Section: Masters", 3)
    ]
    assert "Without Section: Masters: 3 films" in visible_text(
        response.content.decode()
    )


def test_results_show_every_card_fact(client, catalogue):
    text = visible_text(
        client.get("/en/archive/", {"q": "we will not fade away"}).content.decode()
    )
    for fact in (
        "We Will Not Fade Away",
        "My ne zgasnemo",
        "Alisa Kovalenko",
        "2023",
        "Ukraine, France, Poland",
        "100 min",
        "Dutch Premiere",
        "IDFA 2023 · Best of Fests",
    ):
        assert fact in text, fact
