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
