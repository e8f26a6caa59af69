"""The selections in the JSON API: published ones only, films in order."""

import pytest

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def test_the_list_holds_published_selections(client, nineties, draft):
    answer = _json(client.get("/api/v1/selections"))
    assert [s["slug"] for s in answer["data"]] == [nineties.slug]
    assert answer["meta"] == {"count": None, "limit": 24, "next_cursor": None}
    assert answer["links"]["self"] == "/api/v1/selections"


def test_a_selection_whole(client, nineties, films):
    answer = _json(client.get(f"/api/v1/selections/{nineties.slug}?lang=nl"))
    data = answer["data"]
    data["updated_at"] = "(changes)"
    films_out = data.pop("films")
    assert data == {
        "slug": "best-of-the-1990s",
        "url": "/api/v1/selections/best-of-the-1990s",
        "html": "/nl/selections/best-of-the-1990s/",
        "title": "Het beste van de jaren negentig",
        "title_en": "Best of the 1990s",
        "title_nl": "Het beste van de jaren negentig",
        "introduction": {
            "text": "Tien jaar films die goed keken.\n\nEen tweede alinea.",
            "language": "nl",
            "is_fallback": False,
        },
        "introduction_en": (
            "Ten years of films that looked hard.\n\nA second paragraph."
        ),
        "introduction_nl": "Tien jaar films die goed keken.\n\nEen tweede alinea.",
        "featured": True,
        "published_on": None,
        "updated_at": "(changes)",
    }
    assert [
        (f["position"], f["film"]["slug"], f["note"], f["note_en"], f["note_nl"])
        for f in films_out
    ] == [
        (
            1,
            films["salt"].slug,
            {
                "text": "Mijnwerkers praten over de zee.",
                "language": "nl",
                "is_fallback": False,
            },
            "Miners talk about the sea.",
            "Mijnwerkers praten over de zee.",
        ),
        (
            2,
            films["orchard"].slug,
            {"text": "Only in English.", "language": "en", "is_fallback": True},
            "Only in English.",
            "",
        ),
    ]
    assert films_out[0]["film"]["title"] == "Kolen en zout"
    assert answer["links"]["html"] == "/nl/selections/best-of-the-1990s/"


@pytest.mark.parametrize(
    "slug", ["films-about-the-donbas", "nothing", "a%20b", "x" * 300]
)
def test_unpublished_unknown_and_malformed_selections_are_not_found(
    client, draft, slug
):
    answer = _json(client.get(f"/api/v1/selections/{slug}"), status=404)
    assert answer["error"]["code"] == "not_found"
