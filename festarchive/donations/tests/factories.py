"""Visitors and staff for the donation tests."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

PASSWORD = "a-long-test-password"


def make_user(email: str, **extra):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, **extra
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_staff(email: str, *codenames: str):
    """A staff member with the donations permissions named (none: staff who
    may not see donations)."""
    user = make_user(email, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="donations", codename__in=codenames
        )
    )
    return user
