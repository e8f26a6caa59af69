"""A professional's whole way through the section, in a real browser: apply,
be approved by staff in the admin, request a screener from a film's page,
have the rights holder approve it from the link in their e-mail, and watch
the film in the market library."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import company_create, credit_add
from festarchive.catalogue.vocabulary import ensure_roles
from festarchive.professionals.models import Accreditation, Contact, Viewing
from festarchive.testing.browser import (
    DESKTOP,
    axe_violations,
    logged_in,
    open_page,
    screenshot,
)

from .factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOLDER = "screeners@polder-sales.example"


def _form_with(page, button: str):
    return page.locator("form", has=page.get_by_role("button", name=button))


def test_apply_be_approved_request_a_screener_and_watch(
    browser, market_edition, django_user_model
):
    from playwright.sync_api import expect

    chromium, base_url = browser
    film = market_edition.films["Polder Light"]
    entry = market_edition.entries["Polder Light"]
    ensure_roles()  # a transactional test may follow one that emptied the table
    sales = company_create(name="Polder Sales", kind="sales", country="NL")
    credit_add(film=film, role=Role.objects.get(slug="world-sales"), company=sales)
    Contact.objects.create(company=sales, email=HOLDER)

    # A visitor applies.
    visitor = make_user("anna@northdocs.example", display_name="Anna Visser")
    page = open_page(chromium, DESKTOP)
    logged_in(page, base_url, visitor)
    page.goto(base_url + reverse("professionals:home"))
    page.get_by_role("link", name="Apply for accreditation").click()
    page.locator("[name=organisation]").fill("North Docs")
    page.locator("[name=role]").select_option("programmer")
    page.locator("[name=country]").select_option("NL")
    page.locator("[name=scope][value=year]").check()
    page.locator("textarea[name=description]").fill("I programme documentaries.")
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator(".pro-standing")).to_contain_text("waiting for a decision")
    accreditation = Accreditation.objects.get(user=visitor)

    # Staff approve it in the admin, with a word for the applicant.
    staff_user = django_user_model.objects.create_user(
        username="office", password="office-password", is_staff=True, is_superuser=True
    )
    staff = open_page(chromium, DESKTOP)
    logged_in(staff, base_url, staff_user)
    staff.goto(
        base_url
        + reverse("admin:professionals_accreditation_decide", args=[accreditation.pk])
    )
    staff.locator("[name=message]").fill("Welcome to the festival.")
    staff.get_by_role("button", name="Approve").click()
    staff.wait_for_load_state()
    accreditation.refresh_from_db()
    assert accreditation.status == "approved"
    approved = [m for m in mail.outbox if visitor.email in m.to][-1]
    assert "Welcome to the festival." in approved.body

    # Now a professional: the film's page has the panel, and a request goes out.
    page.goto(base_url + film.get_absolute_url())
    expect(page.locator("#pro-contacts-heading")).to_be_visible()
    expect(page.locator(".film__professionals")).to_contain_text(HOLDER)
    page.locator(".film__professionals").scroll_into_view_if_needed()
    screenshot(page, "film-page-professional")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Request a screener").click()
    page.locator("[name=kind][value=screener]").check()
    page.locator("[name=purpose]").fill("North Docs 2026")
    page.locator("[name=message]").fill("For our spring selection.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("main")).to_contain_text("Waiting for the rights holder")

    # The rights holder answers from the link in their e-mail, without an account.
    asked = next(m for m in mail.outbox if HOLDER in m.to)
    path = re.search(r"/holder/requests/\S+", asked.body).group(0)
    holder = open_page(chromium, DESKTOP)
    holder.goto(base_url + path)
    expect(holder.locator("main")).to_contain_text("North Docs")
    expect(holder.locator("main")).not_to_contain_text(visitor.email)
    approve = _form_with(holder, "Approve the request")
    approve.locator("[name=screener_url]").fill("https://vimeo.com/123456789")
    approve.locator("[name=screener_password]").fill("polder-2026")
    approve.get_by_role("button", name="Approve the request").click()
    expect(holder.locator("main")).to_contain_text("Approved")
    screenshot(holder, "holder-answer")
    assert axe_violations(holder) == []

    # The professional sees the answer under My requests.
    page.goto(base_url + reverse("professionals:my-requests"))
    expect(page.locator("main")).to_contain_text("Approved")
    page.get_by_role("link", name=re.compile("Polder Light")).first.click()
    expect(page.locator("main")).to_contain_text("polder-2026")

    # And watches the film in the market library, under a watermark.
    page.goto(base_url + reverse("professionals:market"))
    page.get_by_role("link", name="Polder Light").first.click()
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    expect(page.locator(".market-watermark")).to_contain_text("North Docs")
    expect(page.locator(".market-watermark")).to_contain_text("Anna Visser")
    screenshot(page, "market-watch")
    assert Viewing.objects.filter(entry=entry, viewer=visitor).exists()
    for opened in (page, staff, holder):
        opened.context.close()
