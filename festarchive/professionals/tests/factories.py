"""Professionals, visitors and rights holders for the tests."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from festarchive.professionals.models import Accreditation

PASSWORD = "a-long-test-password"


def make_user(email: str, **extra):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, **extra
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_professional(
    email: str = "pro@example.org",
    *,
    role: str = "programmer",
    organisation: str = "Docs Festival",
    days_left: int = 30,
):
    """A user with an accreditation approved today and valid ``days_left``
    more days (negative: expired that many days ago)."""
    user = make_user(email, display_name=email.split("@")[0].title())
    today = timezone.localdate()
    Accreditation.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        country="NL",
        status=Accreditation.Status.APPROVED,
        scope=Accreditation.Scope.YEAR,
        valid_from=today - datetime.timedelta(days=max(0, -days_left) + 30),
        valid_until=today + datetime.timedelta(days=days_left),
        decided_at=timezone.now(),
    )
    return user


def make_holder_film(
    title: str = "Delta Nights",
    *,
    holder_email: str | None = "screeners@deltasales.example",
    published: bool = True,
):
    """A film whose world sales company has ``holder_email`` on record (None:
    a world sales credit without contact details)."""
    from festarchive.catalogue.models import Company, Role
    from festarchive.catalogue.services import company_create, credit_add, film_create
    from festarchive.catalogue.vocabulary import ensure_roles
    from festarchive.professionals.models import Contact

    ensure_roles()
    film = film_create(title_en=title, year=2024, is_published=published)
    company = company_create(name=f"{title} Sales", kind=Company.Kind.SALES)
    credit_add(film=film, role=Role.objects.get(slug="world-sales"), company=company)
    if holder_email is not None:
        Contact.objects.create(company=company, email=holder_email)
    return film
