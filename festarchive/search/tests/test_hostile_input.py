"""Odd and hostile input gets a normal page, never an error."""

import pytest

from festarchive.search.facets import FACETS
from festarchive.testing.hostile import ODD_NUMBERS, in_other_digits

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"unbalanced',
        "*",
        "**kova",
        "NEAR",
        "NEAR(a b)",
        "a NEAR b",
        "-",
        "-kovalenko",
        "kova -",
        "AND",
        "OR NOT",
        "(",
        ")(",
        "{title}: x",
        "title:kovalenko",
        "^kova",
        "😀",
        "🎬 film 🎞️",
        "\x00",
        "kova\x00lenko",
        "'; DROP TABLE catalogue_film; --",
        "%",
        "_",
        "\\",
        "<script>alert(1)</script>",
        "a" * 5000,
        "ж" * 300,
        "   ",
        "0",
        "😀" * 500,
        "kova:*",
        "!@#$%^&*()",
    ],
)
def test_odd_queries_get_a_normal_page(client, catalogue, query):
    response = client.get("/en/archive/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_a_long_query_is_cut_with_a_clear_message(client, catalogue):
    response = client.get("/en/archive/", {"q": "kovalenko " * 100})
    assert response.status_code == 200
    assert len(response.context["params"].q) <= 200
    assert (
        "Your search was shortened to its first 200 characters."
        in response.content.decode()
    )


def test_ten_thousand_repeated_filters(client, catalogue):
    repeated = "&".join(["country=UA"] * 10_000)
    response = client.get(f"/en/archive/?{repeated}")
    assert response.status_code == 200
    assert response.context["results"].total == 3

    distinct = "&".join(f"section=nope-{n}" for n in range(10_000))
    response = client.get(
        f"/en/archive/?{distinct}&decade=abcd&edition=%00&runtime=long"
    )
    assert response.status_code == 200
    assert response.context["results"].total == 0


@pytest.mark.parametrize(
    "query",
    [
        "page=-5",
        "page=abc",
        "page=99999999999999999999",
        "sort=drop",
        "letter=%3Cb%3E",
        "letter=ab",
        "decade=1e9",
        "award=%00",
        "q=%FF%FE",
        "country=%E2%80%AE",
        # A digit to str.isdigit() that int() refuses, and a numeric code.
        "country=%C2%B9",
        "country=%C2%B9&country=804",
        "language=%C2%B9",
    ],
)
def test_malformed_parameters_are_ignored(client, catalogue, query):
    assert client.get(f"/en/archive/?{query}").status_code == 200
    assert client.get(f"/api/v1/films?{query}").status_code in (200, 400)


ARCHIVE_PARAMETERS = ["q", *FACETS, "letter", "sort", "page"]


@pytest.mark.parametrize("value", ODD_NUMBERS)
@pytest.mark.parametrize("name", ARCHIVE_PARAMETERS)
def test_odd_digits_in_any_archive_parameter_are_ignored(
    client, catalogue, name, value
):
    assert client.get("/en/archive/", {name: value}).status_code == 200
    download = client.get("/en/archive/films.csv", {name: value})
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith("\ufefftitle,".encode())
    response = client.get("/api/v1/films", {name: value})
    # The API refuses a query of more than 200 characters; it ignores
    # everything else it does not understand, as the archive page does.
    if name == "q" and len(value) > 200:
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_parameter"
    else:
        assert response.status_code == 200


def test_a_decade_and_a_page_are_written_in_the_digits_0_to_9(client, catalogue):
    def context(**params):
        return client.get("/en/archive/", params).context

    assert context(decade="2010")["results"].total == 4
    for decade in in_other_digits(2010):
        assert context(decade=decade)["results"].total == 0, decade
    assert context(page="7")["params"].page == 7
    for page in in_other_digits(7):
        assert context(page=page)["params"].page == 1, page
