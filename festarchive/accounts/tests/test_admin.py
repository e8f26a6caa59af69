"""The staff log-in is limited as visitors' log-ins are, with one budget."""

import pytest
from django.contrib.auth import get_user_model

from .test_accounts import PASSWORD

pytestmark = pytest.mark.django_db

LIMITED = "Too many failed login attempts. Try again later."


def _staff(username="curator"):
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )


def _log_in(client, username, password=PASSWORD, language="en", **extra):
    return client.post(
        f"/{language}/admin/login/",
        {"username": username, "password": password, "next": "/en/admin/"},
        **extra,
    )


def _logged_in(client) -> bool:
    return client.get("/en/admin/").status_code == 200


def test_staff_log_in_with_the_right_password(client):
    _staff()
    response = _log_in(client, "curator")
    assert response.status_code == 302
    assert _logged_in(client)


def test_five_failures_lock_the_staff_account_even_for_the_right_password(client):
    _staff()
    for _ in range(5):
        response = _log_in(client, "curator", "wrong")
        assert "Please enter the correct" in response.content.decode()
    response = _log_in(client, "curator")
    assert response.status_code == 200
    assert LIMITED in response.content.decode()
    assert not _logged_in(client)
    # The account, not the address: another staff member still gets in.
    _staff("archivist")
    assert _log_in(client, "archivist").status_code == 302


def test_the_limit_is_said_in_dutch(client):
    _staff()
    for _ in range(5):
        _log_in(client, "curator", "wrong", language="nl")
    response = _log_in(client, "curator", language="nl")
    assert "Te veel mislukte inlogpogingen. Probeer het later opnieuw." in (
        response.content.decode()
    )


def test_failures_from_one_address_are_limited(client):
    for number in range(10):
        _log_in(client, f"someone{number}", "wrong")
    _staff()
    response = _log_in(client, "curator")
    assert LIMITED in response.content.decode()
    assert not _logged_in(client)
    # Another address still gets in.
    assert _log_in(client, "curator", REMOTE_ADDR="192.0.2.7").status_code == 302


def test_a_successful_log_in_does_not_count_against_the_account(client):
    _staff()
    for _ in range(4):
        _log_in(client, "curator", "wrong")
    assert _log_in(client, "curator").status_code == 302
    client.logout()
    # Its own try was given back; the four failures still count.
    assert _log_in(client, "curator").status_code == 302
    client.logout()
    _log_in(client, "curator", "wrong")
    assert LIMITED in _log_in(client, "curator").content.decode()


def test_visitors_and_staff_share_the_budget_of_an_address(client):
    for number in range(10):
        client.post(
            "/en/accounts/login/",
            {"login": f"someone{number}@example.org", "password": "nope"},
        )
    _staff()
    assert LIMITED in _log_in(client, "curator").content.decode()
    assert not _logged_in(client)


def test_behind_a_proxy_each_forwarded_client_has_its_own_budget(client, settings):
    """The address the log-in limit counts is the one the API's limit counts."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    behind_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(10):
        _log_in(
            client,
            f"someone{number}",
            "wrong",
            # Spoofed entries before the proxy's own do not spread the tries.
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 192.0.2.1",
            **behind_proxy,
        )
    _staff()
    response = _log_in(
        client, "curator", HTTP_X_FORWARDED_FOR="192.0.2.1", **behind_proxy
    )
    assert LIMITED in response.content.decode()
    response = _log_in(
        client, "curator", HTTP_X_FORWARDED_FOR="192.0.2.2", **behind_proxy
    )
    assert response.status_code == 302


def test_another_port_in_the_host_gives_no_fresh_budget(client, settings):
    """Django's host check ignores the port, so the account's budget must too."""
    settings.ALLOWED_HOSTS = ["localhost"]
    _staff()
    for port in range(7000, 7005):
        _log_in(client, "curator", "wrong", HTTP_HOST=f"localhost:{port}")
    response = _log_in(client, "curator", HTTP_HOST="localhost:7100")
    assert LIMITED in response.content.decode()
    assert not _logged_in(client)


def test_the_users_admin_is_the_archives_own_with_the_display_name(staff_client):
    User = get_user_model()
    assert User._meta.label == "accounts.User"
    visitor = User.objects.create_user(
        username="ada@example.org", email="ada@example.org", display_name="Ada"
    )
    listing = staff_client.get("/en/admin/accounts/user/?q=Ada")
    assert listing.status_code == 200
    assert "ada@example.org" in listing.content.decode()
    page = staff_client.get(f"/en/admin/accounts/user/{visitor.pk}/change/")
    assert page.status_code == 200
    assert 'name="display_name"' in page.content.decode()
    assert staff_client.get("/en/admin/auth/user/").status_code == 404
