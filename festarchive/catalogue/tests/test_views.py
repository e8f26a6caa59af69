"""The reference film's page shows every fact of the reference archive page."""

import pytest

from festarchive.catalogue.models import Film
from festarchive.testing.hostile import ODD_NUMBERS, in_other_digits
from festarchive.testing.html import json_ld, section_html, visible_text

pytestmark = pytest.mark.django_db

FILM_URL = "/en/films/we-will-not-fade-away-2023/"

# Role headings in vocabulary order, each with its names, as on the reference page.
EXPECTED_CREDITS = [
    ("Director", ["Alisa Kovalenko"]),
    (
        "Production",
        [
            "Valery Kalmykov for Trueman Production",
            "Yana Kalmykova for Trueman Production",
            "Oleksiy Kobelev for Trueman Production",
        ],
    ),
    (
        "Co-production",
        [
            "Katarzyna Kuczyńska for HAKA Films",
            "Tomasz Morawski for HAKA Films",
            "Stéphane Siohan",
        ],
    ),
    ("Sound", ["Mariia Nesterenko"]),
    ("Music", ["Wojciech Frycz"]),
    ("Involved TV Channel", ["ARTE GEIE", "TVP", "Current Time TV", "VGTV"]),
    ("World Sales", ["Stranger Films Sales"]),
    ("Screening copy", ["Stranger Films Sales"]),
]


@pytest.fixture
def film_page(client, reference_film):
    response = client.get(FILM_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_film_page_shows_title_block(film_page):
    text = visible_text(film_page)
    assert "We Will Not Fade Away" in text
    assert "My ne zgasnemo" in text
    assert "Ми не згаснемо" in text
    assert 'lang="uk-Latn"' in film_page
    head = film_page.split('class="film__head"')[1].split("</header>")[0]
    assert "Alisa Kovalenko" in visible_text(head)


def test_film_page_shows_facts_in_order(film_page):
    facts = visible_text(film_page.split('class="film__facts"')[1].split("</aside>")[0])
    assert "Year 2023" in facts
    assert "Runtime 100 min" in facts
    assert "Countries Ukraine, France, Poland" in facts
    assert "Premiere Dutch Premiere" in facts
    assert "Section Best of Fests" in facts
    assert "Edition IDFA 2023" in facts


def test_film_page_shows_synopsis_as_paragraphs(film_page):
    synopsis = section_html(film_page, "synopsis-heading")
    assert synopsis.count("<p>") == 3
    assert "Andriy, Ruslan, Ilya, Lisa and Lera" in synopsis
    assert "Himalayas" in synopsis


def test_film_page_credits_grouped_by_role_in_vocabulary_order(film_page):
    credits = visible_text(section_html(film_page, "credits-heading"))
    expected = "Credits " + " ".join(
        f"{role} {' '.join(names)}" for role, names in EXPECTED_CREDITS
    )
    assert credits == expected


def test_film_page_lists_each_credit_once(film_page):
    credits = visible_text(section_html(film_page, "credits-heading"))
    for _role, names in EXPECTED_CREDITS[:-2]:
        for name in names:
            assert credits.count(name) == 1, name
    # Stranger Films Sales holds two roles, once each.
    assert credits.count("Stranger Films Sales") == 2


def test_film_page_renders_person_for_company_as_such(film_page):
    credits = section_html(film_page, "credits-heading")
    assert (
        '<a href="/en/people/valery-kalmykov/">Valery Kalmykov</a> '
        '<span class="credits__for">for</span> '
        '<a href="/en/companies/trueman-production/">Trueman Production</a>'
    ) in credits


def test_film_page_shows_festival_history(film_page):
    history = visible_text(section_html(film_page, "history-heading"))
    assert history == (
        "Festival history 2023"
        " 8 November 2023 – 19 November 2023 IDFA 2023 · Best of Fests · Dutch Premiere"
    )


def test_film_page_leaves_out_empty_video_and_image_sections(film_page):
    assert 'id="videos-heading"' not in film_page
    assert 'id="images-heading"' not in film_page
    assert "There are no videos" not in film_page
    assert "There are no images" not in film_page


def test_film_page_embeds_schema_org_movie(film_page):
    [movie] = json_ld(film_page)
    assert movie["@context"] == "https://schema.org"
    assert movie["@type"] == "Movie"
    assert movie["name"] == "We Will Not Fade Away"
    assert "My ne zgasnemo" in movie["alternateName"]
    assert movie["dateCreated"] == "2023"
    assert movie["duration"] == "PT1H40M"
    assert [d["name"] for d in movie["director"]] == ["Alisa Kovalenko"]
    assert [c["name"] for c in movie["countryOfOrigin"]] == [
        "Ukraine",
        "France",
        "Poland",
    ]
    assert [c["name"] for c in movie["productionCompany"]] == [
        "Trueman Production",
        "HAKA Films",
    ]
    assert movie["description"].startswith("Since 2014, war has been part")


def test_json_ld_cannot_be_broken_out_of(client, reference_film):
    reference_film.synopsis_en = "</script><script>alert(1)</script>"
    reference_film.save()
    page = client.get(FILM_URL).content.decode()
    assert "<script>alert(1)" not in page
    assert json_ld(page)[0]["description"] == "</script><script>alert(1)</script>"


def test_unknown_and_unpublished_films_are_404_in_site_design(client, reference_film):
    response = client.get("/en/films/no-such-film/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()

    Film.objects.filter(pk=reference_film.pk).update(is_published=False)
    assert client.get(FILM_URL).status_code == 404


def test_hostile_urls_get_a_plain_404(client, reference_film):
    assert client.get("/en/films/" + "a" * 5000 + "/").status_code == 404
    assert client.get("/en/films/%3Cscript%3E/").status_code == 404


def test_person_page_lists_filmography_by_role_and_edition(client, reference_film):
    page = client.get("/en/people/valery-kalmykov/").content.decode()
    text = visible_text(page)
    assert "Valery Kalmykov" in text
    assert "Production 1" in text
    card = visible_text(page.split('<article class="film-card">')[1])
    assert card.startswith("We Will Not Fade Away My ne zgasnemo Alisa Kovalenko")
    assert "2023 · Ukraine, France, Poland · 100 min" in card
    assert "IDFA 2023 · Best of Fests for Trueman Production" in card


def test_company_page_lists_each_role_it_holds(client, reference_film):
    page = client.get("/en/companies/stranger-films-sales/").content.decode()
    text = visible_text(page)
    assert "World Sales 1" in text
    assert "Screening copy 1" in text
    assert page.count('<h3 class="film-card__title">We Will Not Fade Away</h3>') == 2


def test_company_page_names_who_worked_for_it(client, reference_film):
    text = visible_text(client.get("/en/companies/haka-films/").content.decode())
    assert "Co-production 1" in text
    assert "Katarzyna Kuczyńska" in text
    assert "Tomasz Morawski" in text


def test_unknown_person_and_company_are_404(client, db):
    assert client.get("/en/people/nobody/").status_code == 404
    assert client.get("/en/companies/nothing/").status_code == 404


def test_site_chrome_links_main_sections(client, reference_film):
    page = client.get(FILM_URL).content.decode()
    header = page.split('<header class="site-header">')[1].split("</header>")[0]
    text = visible_text(header)
    for label in (
        "Archive",
        "Festival",
        "Professionals",
        "About",
        "EN",
        "NL",
        "Log in",
    ):
        assert label in text
    assert (
        'href="/language/nl/?next=%2Fnl%2Ffilms%2Fwe-will-not-fade-away-2023%2F"'
        in header
    )
    assert '<a class="skip-link" href="#content">' in page
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in page


def test_root_sends_visitor_to_a_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").headers["Location"] == "/en/"


def test_static_pages_render(client, reference_film):
    for url in ("/en/", "/en/about/", "/en/professionals/"):
        assert client.get(url).status_code == 200
    assert "1 film, from the first edition" in visible_text(
        client.get("/en/").content.decode()
    )


def test_busy_company_page_previews_each_role_and_paginates_the_full_list(
    client, db, settings
):
    from festarchive.catalogue.models import Role
    from festarchive.catalogue.services import company_create, credit_add, film_create

    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "archive_listing_page": 10,
    }
    sales = company_create(name="Busy Sales", kind="sales")
    role = Role.objects.get(slug="world-sales")
    for number in range(30):
        film = film_create(title_en=f"Catalogue Film {number:02d}", year=1990 + number)
        credit_add(film=film, role=role, company=sales)

    text = visible_text(client.get("/en/companies/busy-sales/").content.decode())
    assert "World Sales 30" in text
    assert "Catalogue Film 29" in text  # newest first
    assert "Catalogue Film 05" not in text  # beyond the preview of 24
    assert "All 30 films as World Sales" in text

    page = visible_text(
        client.get("/en/companies/busy-sales/?role=world-sales&page=3").content.decode()
    )
    assert "Page 3 of 3" in page
    assert "Catalogue Film 00" in page and "Catalogue Film 29" not in page
    assert client.get("/en/companies/busy-sales/?role=director").status_code == 404
    # A page number is written in the digits 0-9; any other is the first page.
    for number in [*in_other_digits(3), *ODD_NUMBERS]:
        odd = client.get(
            "/en/companies/busy-sales/", {"role": "world-sales", "page": number}
        )
        assert "Page 1 of 3" in visible_text(odd.content.decode()), number
