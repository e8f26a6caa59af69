import pytest

from festarchive.festival.models import Award, Selection
from festarchive.festival.services import award_add
from festarchive.testing.hostile import ODD_NUMBERS, in_other_digits
from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db


def test_festival_page_lists_editions_and_sections(client, reference_film):
    text = visible_text(client.get("/en/festivals/idfa/").content.decode())
    assert "International Documentary Film Festival Amsterdam" in text
    assert "IDFA 2023 · edition 36 1 film" in text
    assert "IDFA 1988 · edition 1 0 films" in text
    assert "Best of Fests 1 film" in text


def test_edition_page_shows_sections_with_their_films_and_awards(
    client, reference_film
):
    selection = Selection.objects.get(film=reference_film)
    award_add(selection=selection, name_en="Audience Award", name_nl="Publieksprijs")
    text = visible_text(client.get("/en/editions/idfa-2023/").content.decode())
    assert "IDFA 2023" in text
    assert "8 November – 19 November 2023" in text
    assert "Awards Audience Award — We Will Not Fade Away · Alisa Kovalenko" in text
    assert "Best of Fests 1 film" in text


def test_edition_page_puts_winners_before_special_mentions(client, reference_film):
    from festarchive.catalogue.services import film_create
    from festarchive.festival.services import selection_add

    selection = Selection.objects.get(film=reference_film)
    other = film_create(title_en="Another Entry", year=2023)
    other_selection = selection_add(
        film=other, edition=selection.edition, section=selection.section
    )
    award_add(
        selection=selection, name_en="Zeta Prize", outcome=Award.Outcome.SPECIAL_MENTION
    )
    award_add(selection=other_selection, name_en="Zeta Prize")
    text = visible_text(client.get("/en/editions/idfa-2023/").content.decode())
    assert text.index("Another Entry") < text.index("special mention")


def test_section_page_spans_editions_and_filters_by_one(client, reference_film):
    text = visible_text(client.get("/en/sections/best-of-fests/").content.decode())
    assert "Best of Fests" in text
    assert "We Will Not Fade Away" in text
    assert "2023 1" in text
    filtered = visible_text(
        client.get(
            "/en/sections/best-of-fests/", {"edition": "idfa-2022"}
        ).content.decode()
    )
    # An edition in which the section showed nothing is not offered; the filter
    # falls back to every edition rather than failing.
    assert "We Will Not Fade Away" in filtered


def test_section_page_numbers_are_written_in_the_digits_0_to_9(
    client, reference_film, settings
):
    from festarchive.catalogue.services import film_create
    from festarchive.festival.services import selection_add

    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "archive_listing_page": 1,
    }
    section = Selection.objects.get(film=reference_film).section
    edition = Selection.objects.get(film=reference_film).edition
    for number in range(2):
        film = film_create(title_en=f"Section Film {number}", year=2023)
        selection_add(film=film, edition=edition, section=section)
    url = f"/en/sections/{section.slug}/"
    assert "Page 3 of 3" in visible_text(
        client.get(url, {"page": "3"}).content.decode()
    )
    for number in [*in_other_digits(3), *ODD_NUMBERS]:
        page = visible_text(client.get(url, {"page": number}).content.decode())
        assert "Page 1 of 3" in page, number


def test_unknown_festival_edition_section_are_404(client, db):
    for url in ("/en/festivals/nope/", "/en/editions/nope-1999/", "/en/sections/nope/"):
        assert client.get(url).status_code == 404
