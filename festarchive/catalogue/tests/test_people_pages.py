"""Person and company pages: a summary of roles, then image cards by role."""

import re

import pytest

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import (
    company_create,
    credit_add,
    film_create,
    film_images_add,
    person_create,
)
from festarchive.media.tests.images import image_bytes
from festarchive.media.uploads import check_image
from festarchive.testing.html import visible_text
from festarchive.testing.queries import MENU_QUERIES

pytestmark = pytest.mark.django_db


def _role(slug):
    return Role.objects.get(slug=slug)


@pytest.fixture
def maker(db):
    """A person who directed three films (one for a company) and shot one."""
    person = person_create(name="Ida Marsh")
    company = company_create(name="Northlight Films")
    films = []
    for n, year in enumerate((2019, 2021, 2023)):
        film = film_create(title_en=f"Tide {n}", year=year, runtime_minutes=70 + n)
        content = check_image(image_bytes("JPEG", (1600, 900))).content
        (image,) = film_images_add(film=film, files=[content])
        image.alt_en = f"A still of Tide {n}"
        image.save()
        credit_add(film=film, role=_role("director"), person=person)
        films.append(film)
    credit_add(film=films[0], role=_role("production"), person=person, company=company)
    shot = film_create(title_en="Winter Light", year=2018)
    credit_add(film=shot, role=_role("cinematography"), person=person)
    return {"person": person, "company": company, "films": films}


def test_person_page_sums_up_roles_with_jump_links(client, maker):
    page = client.get(maker["person"].get_absolute_url()).content.decode()
    summary = page.split('<nav class="role-summary"')[1].split("</nav>")[0]
    summary = summary.split(">", 1)[1]
    assert visible_text(summary) == "Director (3) Production (1) Cinematography (1)"
    for slug in ("director", "production", "cinematography"):
        assert f'href="#role-{slug}"' in summary
        assert f'<h2 id="role-{slug}">' in page
    assert page.index("role-summary") < page.index('id="role-director"')


def test_person_filmography_is_image_cards(client, maker):
    page = client.get(maker["person"].get_absolute_url()).content.decode()
    directing = page.split('id="role-director"')[1].split("</section>")[0]
    cards = re.findall(r'<article class="film-card">.*?</article>', directing, re.S)
    assert len(cards) == 3
    newest = cards[0]
    assert "Tide 2" in newest and "2023" in newest and "Ida Marsh" in newest
    assert 'alt="A still of Tide 2"' in newest and "card-320.webp 320w" in newest
    assert '<h3 class="film-card__title">Tide 2</h3>' in newest
    producing = page.split('id="role-production"')[1].split("</section>")[0]
    assert "for Northlight Films" in visible_text(producing)
    assert 'href="/en/companies/northlight-films/"' in producing
    # Without an image, a typographic card.
    shooting = page.split('id="role-cinematography"')[1].split("</section>")[0]
    assert "film-card__image--type" in shooting


def test_company_page_sums_up_roles_and_names_who_worked_for_it(client, maker):
    page = client.get(maker["company"].get_absolute_url()).content.decode()
    summary = page.split('<nav class="role-summary"')[1].split("</nav>")[0]
    summary = summary.split(">", 1)[1]
    assert visible_text(summary) == "Production (1)"
    assert 'href="#role-production"' in summary
    card = page.split('<article class="film-card">')[1].split("</article>")[0]
    assert "Tide 0" in card and "card-320.webp 320w" in card
    assert "Ida Marsh" in visible_text(card.split("film-card__credits")[1])


@pytest.mark.parametrize(
    "owner, role, with_images, most_queries, cards",
    [
        # One query a role for its films, then the same few whatever their
        # number, and the menus; a person's page also reads their jury service.
        ("person", "director", True, 15 + MENU_QUERIES, 17),
        ("company", "production", False, 12 + MENU_QUERIES, 13),
    ],
)
def test_filmography_reads_a_bounded_number_of_queries(
    client,
    maker,
    django_assert_max_num_queries,
    owner,
    role,
    with_images,
    most_queries,
    cards,
):
    named = maker[owner]
    for n in range(12):
        film = film_create(title_en=f"More {n}", year=2010 + n)
        credit_add(film=film, role=_role(role), **{owner: named})
        if with_images:
            film_images_add(
                film=film, files=[check_image(image_bytes("JPEG", (800, 450))).content]
            )
    with django_assert_max_num_queries(most_queries):
        response = client.get(named.get_absolute_url())
    assert response.content.decode().count('<article class="film-card">') == cards
