"""Every kind of public page, at a laptop's and a phone's width, as axe-core
sees it: a visitor's own pages signed in, everything else as a stranger."""

import pytest

from festarchive.testing.browser import (
    DESKTOP,
    PHONE,
    axe_violations,
    logged_in,
    open_page,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILM = "/en/films/we-will-not-fade-away-2023/"

# One address for each template a visitor can reach without signing in.
PUBLIC_PAGES = [
    "/en/",
    "/nl/",
    "/en/about/",
    "/en/professionals/",
    "/en/archive/",
    "/en/archive/?q=forest&decade=2020s",
    "/en/archive/?q=netherlands",
    "/en/archive/?q=zzzzqqq&decade=1980s",
    "/en/archive/?letter=w",
    FILM,
    "/nl" + FILM[3:],
    "/en/people/valery-kalmykov/",
    "/en/companies/trueman-production/",
    "/en/festivals/idfa/",
    "/en/editions/idfa-2023/",
    "/en/editions/idfa-2023/statistics/",
    "/en/sections/best-of-fests/",
    "/en/editions/idfa-2023/statistics/",
    "/en/festivals/idfa/statistics/",
    "/en/awards/",
    "/en/awards/award-for-best-film/",
    "/en/selections/",
    "/en/selections/films-about-the-donbas/",
    "/nl/selections/films-about-the-donbas/",
    # The festival's timetable (with screenings: programme/tests/test_browser_timetable.py).
    "/en/festival/",
    # The festival's own pages (Wagtail), as the demo makes them.
    "/en/institute/",
    "/nl/instituut/",
    "/en/visiting/",
    "/en/news/",
    "/en/news/documentary-lab-call/",
    "/en/accounts/login/",
    "/en/accounts/signup/",
    "/en/accounts/password/reset/",
    "/en/films/no-such-film/",
]
# The pictures the docs show (`make screenshots`): (width, page) -> name.
SCREENSHOT_OF = {
    ("desktop", "/en/"): "home",
    ("phone", "/en/archive/?q=netherlands"): "archive-phone",
    ("phone", FILM): "film-page-phone",
    ("desktop", "/en/institute/"): "editorial-page",
    ("desktop", "/en/awards/award-for-best-film/"): "award-page",
    ("desktop", "/en/selections/films-about-the-donbas/"): "selection",
}
VISITOR_PAGES = ["/en/my-archive/", "/en/my-archive/lists/{pk}/", FILM]


@pytest.fixture
def archive(demo_catalogue, home):
    from festarchive.demo.awards import ensure_juries_and_statements
    from festarchive.demo.generator import generate_catalogue
    from festarchive.demo.pages import ensure_pages
    from festarchive.demo.pictures import add_key_images, add_reference_gallery
    from festarchive.demo.selections import ensure_selections
    from festarchive.search.indexer import rebuild_index

    generate_catalogue(films=24, seed=5)
    add_key_images()
    add_reference_gallery(demo_catalogue["film"])
    ensure_juries_and_statements(demo_catalogue["festivals"].host)
    ensure_selections()
    rebuild_index()
    ensure_pages()
    return demo_catalogue


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_public_page_has_an_accessibility_violation(archive, browser, viewport):
    width = "phone" if viewport == PHONE else "desktop"
    from festarchive.lists.services import list_add_film, list_create, list_set_public

    chromium, base_url = browser
    found = {}
    stranger = open_page(chromium, viewport)
    for path in PUBLIC_PAGES:
        stranger.goto(base_url + path)
        found[path] = axe_violations(stranger)
        if (width, path) in SCREENSHOT_OF:
            screenshot(stranger, SCREENSHOT_OF[width, path])

    visitor = open_page(chromium, viewport)
    user = logged_in(visitor, base_url)
    film_list = list_create(user=user, name="Research")
    list_add_film(film_list=film_list, film=archive["film"], note="Sound design")
    list_set_public(film_list=film_list, public=True)
    for path in VISITOR_PAGES:
        path = path.format(pk=film_list.pk)
        visitor.goto(base_url + path)
        if path == FILM:  # with the lists panel open
            visitor.locator(".film__actions summary").click()
        found["signed in " + path] = axe_violations(visitor)
    film_list.refresh_from_db()
    stranger.goto(f"{base_url}{film_list.get_public_url()}")
    found["shared list"] = axe_violations(stranger)

    assert {page: rules for page, rules in found.items() if rules} == {}
