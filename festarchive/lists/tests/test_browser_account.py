"""A visitor's whole journey in a real browser: sign up, verify, favourite,
make and share a list, take it back, and leave."""

import re

import pytest
from django.core import mail

from festarchive.catalogue.services import film_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "journey@example.org"
PASSWORD = "Documentary-Archive-2024"


@pytest.fixture
def films(demo_catalogue):
    from festarchive.search.indexer import rebuild_index

    made = [
        film_create(title_en="Harbour Songs", year=2019, runtime_minutes=74),
        film_create(title_en="Harbour Lights", year=2021, runtime_minutes=88),
    ]
    rebuild_index()
    return made


def test_sign_up_favourite_share_a_list_and_leave(films, browser_page):
    from playwright.sync_api import expect

    page, base_url = browser_page

    # Sign up, then follow the link in the mail.
    page.goto(f"{base_url}/en/accounts/signup/")
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    message = next(m for m in reversed(mail.outbox) if EMAIL in m.to)
    link = re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/en/my-archive/")
    expect(page.locator("h1")).to_have_text("My archive")

    # A favourite from the search results (htmx).
    page.goto(f"{base_url}/en/archive/?q=harbour")
    card = page.locator("article.film-card", has_text="Harbour Songs")
    heart = card.locator(".favourite__button")
    expect(heart).to_have_attribute("aria-pressed", "false")
    heart.click()
    expect(card.locator(".favourite__button")).to_have_attribute("aria-pressed", "true")

    # A list, with two films added from their pages.
    page.goto(f"{base_url}/en/my-archive/")
    expect(page.locator("#favourites-heading + .card-grid")).to_contain_text(
        "Harbour Songs"
    )
    page.locator("input[name=name]").fill("Sea films")
    page.get_by_role("button", name="Make a list").click()
    expect(page.locator("h1")).to_have_text("Sea films")
    for film in films:
        page.goto(f"{base_url}{film.get_absolute_url()}")
        page.locator(".film__actions summary").click()
        page.locator(".film__actions select").select_option(label="Sea films")
        page.locator(".film__actions .add-to-list__add button").click()
        expect(page.locator(".add-to-list__status")).to_contain_text("Sea films")
    page.goto(f"{base_url}/en/my-archive/")
    page.get_by_role("link", name="Sea films").click()
    expect(page.locator(".list-item")).to_have_count(2)

    # Public: the address works for anyone, logged out.
    page.get_by_role("button", name="Make public").click()
    share_url = page.locator("a.share-url").get_attribute("href")
    stranger = page.context.browser.new_context()
    try:
        other = stranger.new_page()
        response = other.goto(share_url)
        assert response.status == 200
        expect(other.locator(".list-item")).to_have_count(2)
        expect(other.locator("body")).not_to_contain_text("Make private")

        # Private again: the same address stops working.
        page.get_by_role("button", name="Make private").click()
        expect(page.locator(".messages")).to_contain_text("private again")
        assert other.goto(share_url).status == 404
    finally:
        stranger.close()

    # Leaving: the password is asked for, and everything goes.
    page.goto(f"{base_url}/en/my-archive/")
    page.get_by_role("link", name="Delete your account").click()
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".messages")).to_contain_text("deleted")
    expect(page.locator(".site-tools")).to_contain_text("Log in")

    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email=EMAIL).exists()
