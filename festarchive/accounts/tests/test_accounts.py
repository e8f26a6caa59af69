"""Signing up, verifying, logging in: e-mail, passwords, limits and cookies."""

import logging
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "Documentary-Archive-2024"


def _signup(
    client, email="visitor@example.org", password=PASSWORD, language="en", **extra
):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": password, "password2": password},
        **extra,
    )


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_sign_up_verify_by_mail_then_log_in(client):
    response = _signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="visitor@example.org")
    # Not logged in until the address is verified.
    assert client.get("/en/my-archive/").status_code == 302
    (message,) = mail.outbox
    assert message.to == ["visitor@example.org"]
    confirm = _link(message)
    assert "/en/accounts/confirm-email/" in confirm
    page = client.get(confirm)
    assert page.status_code == 200
    response = client.post(confirm)
    assert response.status_code == 302
    assert client.get("/en/my-archive/").status_code == 200
    user.refresh_from_db()
    assert user.emailaddress_set.get().verified


def test_a_name_given_at_sign_up_greets_the_visitor_in_my_archive(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "ada@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "  Ada  ",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ada@example.org")
    assert user.display_name == "Ada"
    assert user.shown_name == "Ada"
    user.emailaddress_set.update(verified=True)
    client.force_login(user)
    page = client.get("/en/my-archive/").content.decode()
    assert "Logged in as Ada (ada@example.org)." in page


def test_without_a_name_the_visitor_is_greeted_by_e_mail(client):
    _signup(client)
    user = get_user_model().objects.get(email="visitor@example.org")
    assert user.display_name == ""
    assert user.shown_name == "visitor@example.org"
    user.emailaddress_set.update(verified=True)
    client.force_login(user)
    page = client.get("/en/my-archive/").content.decode()
    assert "Logged in as visitor@example.org." in page


def test_the_sign_up_page_asks_for_a_name_after_the_password(client):
    page = client.get("/en/accounts/signup/").content.decode()
    assert 'name="display_name"' in page
    assert page.index('name="password2"') < page.index('name="display_name"')


def test_unverified_account_cannot_log_in(client):
    _signup(client)
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "visitor@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verif" in response["Location"]
    assert client.get("/en/my-archive/").status_code == 302


def test_mail_speaks_the_visitors_language(client):
    _signup(client, language="nl")
    (message,) = mail.outbox
    assert "/nl/accounts/confirm-email/" in message.body
    assert "e-mailadres" in message.body.lower() or "bevestig" in message.body.lower()


def test_weak_passwords_are_refused_with_django_validators(client):
    for password, message in (
        ("short1", "too short"),
        ("password123", "too common"),
        ("38472910384756", "entirely numeric"),
    ):
        response = _signup(client, password=password)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not get_user_model().objects.exists()


def test_passwords_are_hashed_with_argon2_and_never_logged(client, settings, caplog):
    from config.settings.base import PASSWORD_HASHERS

    settings.PASSWORD_HASHERS = PASSWORD_HASHERS
    caplog.set_level(logging.DEBUG)
    _signup(client)
    client.post(
        "/en/accounts/login/", {"login": "visitor@example.org", "password": "wrong one"}
    )
    user = get_user_model().objects.get()
    assert user.password.startswith("argon2$")
    assert PASSWORD not in user.password
    for record in caplog.records:
        assert PASSWORD not in record.getMessage()
        assert "wrong one" not in record.getMessage()


def _verified_user(email="member@example.org"):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_repeated_failures_lock_the_account_with_a_clear_message(client):
    _verified_user()
    for _ in range(5):
        response = client.post(
            "/en/accounts/login/", {"login": "member@example.org", "password": "nope"}
        )
        assert "not correct" in response.content.decode()
    # Even the right password is refused now, and the page says why.
    response = client.post(
        "/en/accounts/login/", {"login": "member@example.org", "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/en/my-archive/").status_code == 302


def test_repeated_failures_from_one_address_are_limited(client):
    for number in range(10):
        client.post(
            "/en/accounts/login/",
            {"login": f"someone{number}@example.org", "password": "nope"},
        )
    _verified_user("late@example.org")
    response = client.post(
        "/en/accounts/login/", {"login": "late@example.org", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_by_mail(client):
    _verified_user()
    client.post("/en/accounts/password/reset/", {"email": "member@example.org"})
    (message,) = mail.outbox
    page = client.get(_link(message), follow=True)
    new = "Another-Long-Password-77"
    response = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else _link(message),
        {"password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert client.login(username="member@example.org", password=new)


def test_mailed_links_use_the_site_address_whatever_the_host(client, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "SITE_URL": "https://archive.example.org",
    }
    _verified_user()
    client.post(
        "/en/accounts/password/reset/",
        {"email": "member@example.org"},
        HTTP_HOST="localhost:6666",
    )
    _signup(client, HTTP_HOST="localhost:6666")
    reset, confirm = mail.outbox
    assert "https://archive.example.org/en/accounts/password/reset/key/" in reset.body
    assert "https://archive.example.org/en/accounts/confirm-email/" in confirm.body
    assert "6666" not in reset.body + confirm.body


def test_session_cookie_is_httponly_and_lax(client):
    _verified_user()
    client.post(
        "/en/accounts/login/", {"login": "member@example.org", "password": PASSWORD}
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_cookies_are_secure_in_production():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "True"]


def test_pages_carry_a_content_security_policy(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()
    }
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-src"] == [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]


def test_forms_need_their_csrf_token():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/en/accounts/login/", {"login": "member@example.org", "password": PASSWORD}
    )
    assert response.status_code == 403


def test_change_password_and_e_mail_address(client):
    user = _verified_user()
    client.force_login(user)
    new = "A-Brand-New-Passphrase-9"
    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)

    page = client.get("/en/accounts/email/")
    assert page.status_code == 200
    response = client.post(
        "/en/accounts/email/", {"action_add": "", "email": "new@example.org"}
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["new@example.org"]
    assert "/en/accounts/confirm-email/" in message.body


def test_log_out_is_a_post(client):
    client.force_login(_verified_user())
    assert client.get("/en/my-archive/").status_code == 200
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/en/my-archive/").status_code == 302
