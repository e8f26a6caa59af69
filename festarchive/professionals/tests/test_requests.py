"""Screener requests: a professional asks, the rights holder answers from
the link in their e-mail, reminders follow; tried through the pages as every
kind of user, and through the services."""

import datetime
import re
import smtplib
import time
from io import StringIO

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from festarchive.core.models import ChangeRecord
from festarchive.professionals.models import ScreenerRequest
from festarchive.professionals.queries import requests as queries
from festarchive.professionals.services import requests as services

from .factories import make_holder_film, make_professional, make_user

HOLDER_EMAIL = "screeners@deltasales.example"
PRO_EMAIL = "pro@example.org"
LINK = re.compile(r"https?://\S+?(/[a-z]{2}/holder/requests/[^/\s]+/)")


def _form(**overrides) -> dict:
    return {
        "kind": "screener",
        "purpose": "Docs Festival 2027",
        "wanted_from": "2027-03-01",
        "wanted_until": "2027-03-31",
        "message": "For the competition's selection committee.",
        **overrides,
    }


def _create_url(film) -> str:
    return reverse("professionals:request-create", args=[film.slug])


def _make(film, professional, **overrides) -> ScreenerRequest:
    data = {
        "kind": "screener",
        "purpose": "Docs Festival 2027",
        "wanted_from": None,
        "wanted_until": None,
        "message": "For the selection committee.",
        "language": "en",
        **overrides,
    }
    return services.request_create(film=film, professional=professional, **data)


def _holder_path(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def _actions(screener_request) -> list[str]:
    return list(
        ChangeRecord.objects.filter(
            object_id=str(screener_request.pk),
            content_type__model="screenerrequest",
        )
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


def _holder_client() -> Client:
    """The rights holder: no account, and CSRF checked as in production."""
    return Client(enforce_csrf_checks=True)


def _holder_post(client: Client, path: str, **data):
    if "csrftoken" not in client.cookies:
        client.get(path)
    token = client.cookies["csrftoken"].value
    return client.post(path, {"csrfmiddlewaretoken": token, **data})


# The whole way through


def test_professional_requests_and_holder_approves_from_the_link(
    pro_client, professional, holder_film
):
    response = pro_client.post(_create_url(holder_film), _form())
    screener_request = ScreenerRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "professionals:my-request", args=[screener_request.pk]
    )
    assert screener_request.holder_email == HOLDER_EMAIL
    assert screener_request.status == ScreenerRequest.Status.PENDING
    assert screener_request.wanted_from == datetime.date(2027, 3, 1)

    [to_holder] = mail.outbox
    assert to_holder.to == [HOLDER_EMAIL]
    assert to_holder.reply_to == ["industry@localhost"]
    assert "Delta Nights" in to_holder.subject
    assert "Docs Festival" in to_holder.body
    assert PRO_EMAIL not in to_holder.body
    path = _holder_path(to_holder)

    holder = _holder_client()
    page = holder.get(path)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert page["Referrer-Policy"] == "same-origin"
    html = page.content.decode()
    assert "Delta Nights" in html
    assert "Docs Festival" in html  # organisation and purpose
    assert "Festival programmer" in html
    assert "Netherlands" in html
    assert "For the competition&#x27;s selection committee." in html
    assert PRO_EMAIL not in html

    mail.outbox.clear()
    answered = _holder_post(
        holder,
        path,
        action="approve",
        screener_url="https://vimeo.example/delta",
        screener_password="kestrel-42",
        message="Enjoy the film.",
    )
    assert answered.status_code == 302
    assert answered["Cache-Control"] == "private, no-store"
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.APPROVED
    assert screener_request.screener_url == "https://vimeo.example/delta"
    [to_professional] = mail.outbox
    assert to_professional.to == [PRO_EMAIL]
    assert "https://vimeo.example/delta" in to_professional.body
    assert "kestrel-42" in to_professional.body
    # The holder's link answers the request: it goes to the holder alone.
    assert "/holder/requests/" not in to_professional.body

    after = holder.get(path).content.decode()
    assert "Thank you" in after
    assert "This request is closed" in after
    assert 'name="action"' not in after
    assert PRO_EMAIL not in after

    own = pro_client.get(
        reverse("professionals:my-request", args=[screener_request.pk])
    )
    text = own.content.decode()
    assert "Approved" in text
    assert "https://vimeo.example/delta" in text
    assert "kestrel-42" in text
    assert "Enjoy the film." in text
    listing = pro_client.get(reverse("professionals:my-requests")).content.decode()
    assert "Delta Nights" in listing and "Approved" in listing

    assert _actions(screener_request) == [
        "professionals.request.created",
        "professionals.request.approved",
    ]
    approved = ChangeRecord.objects.get(action="professionals.request.approved")
    # Which of them was given, never the screener's link or password.
    assert "kestrel-42" not in str(approved.data)
    assert approved.data["gave"] == ["screener_url", "screener_password"]
    assert list(screener_request.events.values_list("party", "action")) == [
        ("professional", "created"),
        ("holder", "approved"),
    ]


def test_a_question_and_its_reply_go_back_and_forth(
    pro_client, professional, holder_film
):
    pro_client.post(_create_url(holder_film), _form())
    screener_request = ScreenerRequest.objects.get()
    path = _holder_path(mail.outbox[0])
    holder = _holder_client()
    mail.outbox.clear()

    asked = _holder_post(
        holder, path, action="question", message="Which section is it for?"
    )
    assert asked.status_code == 302
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.QUESTION
    [question] = mail.outbox
    assert question.to == [PRO_EMAIL]
    assert "Which section is it for?" in question.body

    detail_url = reverse("professionals:my-request", args=[screener_request.pk])
    detail = pro_client.get(detail_url).content.decode()
    assert "Which section is it for?" in detail
    assert reverse("professionals:request-reply", args=[screener_request.pk]) in detail

    mail.outbox.clear()
    replied = pro_client.post(
        reverse("professionals:request-reply", args=[screener_request.pk]),
        {"message": "The international competition."},
    )
    assert replied.status_code == 302
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.PENDING
    [reply] = mail.outbox
    assert reply.to == [HOLDER_EMAIL]
    assert "The international competition." in reply.body
    assert PRO_EMAIL not in reply.body
    holder_page = holder.get(_holder_path(reply)).content.decode()
    assert "The international competition." in holder_page
    assert 'value="approve"' in holder_page

    assert _actions(screener_request) == [
        "professionals.request.created",
        "professionals.request.question",
        "professionals.request.replied",
    ]


def test_a_reply_without_a_question_is_refused(pro_client, professional, holder_film):
    screener_request = _make(holder_film, professional)
    mail.outbox.clear()
    response = pro_client.post(
        reverse("professionals:request-reply", args=[screener_request.pk]),
        {"message": "Hello?"},
    )
    assert response.status_code == 302
    page = pro_client.get(response["Location"]).content.decode()
    assert "has not asked a question" in page
    assert mail.outbox == []


def test_holder_declines_and_the_professional_is_told(professional, holder_film):
    screener_request = _make(holder_film, professional)
    path = _holder_path(mail.outbox[0])
    mail.outbox.clear()
    holder = _holder_client()

    response = _holder_post(
        holder, path, action="decline", message="The film is not yet released."
    )
    assert response.status_code == 302
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.DECLINED
    [declined] = mail.outbox
    assert declined.to == [PRO_EMAIL]
    assert "The film is not yet released." in declined.body
    page = holder.get(path).content.decode()
    assert "This request is closed" in page
    assert _actions(screener_request)[-1] == "professionals.request.declined"


def test_approving_a_screener_needs_its_link_or_password(professional, holder_film):
    screener_request = _make(holder_film, professional)
    path = _holder_path(mail.outbox[0])
    mail.outbox.clear()

    response = _holder_post(_holder_client(), path, action="approve", message="Yes")
    assert response.status_code == 400
    assert "link or its password" in response.content.decode()
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.PENDING
    assert mail.outbox == []


def test_approving_a_screening_copy_needs_a_message(professional, holder_film):
    screener_request = _make(holder_film, professional, kind="copy")
    path = _holder_path(mail.outbox[0])
    holder = _holder_client()

    refused = _holder_post(holder, path, action="approve")
    assert refused.status_code == 400
    assert "screening copy will reach them" in refused.content.decode()
    approved = _holder_post(
        holder, path, action="approve", message="A DCP goes out by courier on Monday."
    )
    assert approved.status_code == 302
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.APPROVED


def test_professional_withdraws_and_the_holder_can_no_longer_answer(
    pro_client, professional, holder_film
):
    screener_request = _make(holder_film, professional)
    path = _holder_path(mail.outbox[0])
    holder = _holder_client()
    holder.get(path)  # the page, still open in the holder's browser
    mail.outbox.clear()

    response = pro_client.post(
        reverse("professionals:request-withdraw", args=[screener_request.pk])
    )
    assert response.status_code == 302
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.WITHDRAWN
    [withdrawn] = mail.outbox
    assert withdrawn.to == [HOLDER_EMAIL]
    assert _actions(screener_request)[-1] == "professionals.request.withdrawn"

    mail.outbox.clear()
    late = _holder_post(holder, path, action="approve", screener_password="late")
    assert late.status_code == 400
    assert "This request is closed" in late.content.decode()
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.WITHDRAWN
    assert mail.outbox == []

    again = pro_client.post(
        reverse("professionals:request-withdraw", args=[screener_request.pk]),
        follow=True,
    )
    assert "This request is closed" in again.content.decode()


def test_the_holder_link_is_in_the_language_of_the_request(professional, holder_film):
    _make(holder_film, professional, language="nl")
    assert _holder_path(mail.outbox[0]).startswith("/nl/holder/requests/")
    page = _holder_client().get(_holder_path(mail.outbox[0]))
    assert page.status_code == 200
    assert page.headers["Content-Language"] == "nl"


def test_a_request_made_in_dutch_is_in_dutch(client, professional, holder_film):
    client.force_login(professional)
    url = reverse("professionals:request-create", args=[holder_film.slug])
    client.post(url.replace("/en/", "/nl/", 1), _form())
    assert ScreenerRequest.objects.get().language == "nl"


# Refusals


@pytest.mark.parametrize("kind", ["screener", "copy"])
def test_one_open_request_per_film_and_kind(
    pro_client, professional, holder_film, kind
):
    _make(holder_film, professional, kind=kind)
    mail.outbox.clear()
    response = pro_client.post(_create_url(holder_film), _form(kind=kind))
    assert response.status_code == 200
    assert "already have an open request of this kind" in response.content.decode()
    assert ScreenerRequest.objects.count() == 1
    assert mail.outbox == []
    # The other kind may still be asked for.
    other = "copy" if kind == "screener" else "screener"
    assert (
        pro_client.post(_create_url(holder_film), _form(kind=other)).status_code == 302
    )


def test_a_closed_request_may_be_made_again(professional, holder_film):
    first = _make(holder_film, professional)
    services.request_withdraw(screener_request=first, by=professional)
    assert _make(holder_film, professional).pk != first.pk


def test_the_daily_limit_gives_a_clear_message_and_no_request(
    pro_client, professional, settings
):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "pro_requests_per_day": 2,
    }
    films = [make_holder_film(f"Film {n}") for n in range(3)]
    for film in films[:2]:
        assert pro_client.post(_create_url(film), _form()).status_code == 302
    # Withdrawing does not give a request back.
    services.request_withdraw(
        screener_request=ScreenerRequest.objects.first(), by=professional
    )
    mail.outbox.clear()

    response = pro_client.post(_create_url(films[2]), _form())
    assert response.status_code == 200
    assert (
        "You have made 2 requests in the last 24 hours, as many as one professional "
        "may. Please try again tomorrow." in response.content.decode()
    )
    assert ScreenerRequest.objects.count() == 2
    assert mail.outbox == []

    # A day later the limit is free again.
    ScreenerRequest.objects.update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    assert pro_client.post(_create_url(films[2]), _form()).status_code == 302


def test_the_daily_limit_is_per_professional(
    professional, other_professional, settings
):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "pro_requests_per_day": 1,
    }
    film = make_holder_film()
    _make(film, professional)
    with pytest.raises(ValidationError) as refused:
        _make(film, professional, kind="copy")
    assert refused.value.code == "rate_limited"
    assert _make(film, other_professional).professional == other_professional


def test_a_film_without_a_holder_says_whom_to_write_to(
    pro_client, professional, film_without_holder, settings
):
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "PRO_OFFICE_EMAIL": "industry@festival.example",
    }
    page = pro_client.get(_create_url(film_without_holder)).content.decode()
    assert "industry@festival.example" in page
    assert 'name="purpose"' not in page

    response = pro_client.post(_create_url(film_without_holder), _form())
    assert response.status_code == 200
    assert ScreenerRequest.objects.count() == 0
    with pytest.raises(ValidationError) as refused:
        _make(film_without_holder, professional)
    assert refused.value.code == "no_holder"
    assert "industry@festival.example" in refused.value.messages[0]

    film_page = pro_client.get(film_without_holder.get_absolute_url()).content.decode()
    assert "industry@festival.example" in film_page
    assert _create_url(film_without_holder) not in film_page
    assert mail.outbox == []


def test_an_unpublished_film_cannot_be_asked_for(pro_client, professional):
    film = make_holder_film("Hidden", published=False)
    assert pro_client.get(_create_url(film)).status_code == 404
    assert pro_client.post(_create_url(film), _form()).status_code == 404
    with pytest.raises(ValidationError) as refused:
        _make(film, professional)
    assert refused.value.code == "not_published"


def test_only_accredited_professionals_make_requests(
    staff_client, expired_professional, visitor_user, holder_film
):
    response = staff_client.get(_create_url(holder_film), follow=True)
    assert "Festival staff follow them in the admin" in response.content.decode()
    staff = response.wsgi_request.user
    for user in (staff, expired_professional, visitor_user):
        with pytest.raises(ValidationError) as refused:
            _make(holder_film, user)
        assert refused.value.code == "not_professional"
    assert ScreenerRequest.objects.count() == 0


def test_a_mail_server_that_refuses_leaves_no_request(
    pro_client, holder_film, monkeypatch
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(services.EmailMessage, "send", refuse)
    response = pro_client.post(_create_url(holder_film), _form())
    assert response.status_code == 200
    assert "We could not send the e-mail just now" in response.content.decode()
    assert ScreenerRequest.objects.count() == 0
    assert not ChangeRecord.objects.filter(action__startswith="professionals.").exists()


# Hostile input


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"purpose": "x" * 201}, "purpose"),
        ({"purpose": ""}, "purpose"),
        ({"message": "x" * 4001}, "message"),
        ({"kind": "dvd"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"wanted_from": "2027-13-45"}, "wanted_from"),
        ({"wanted_until": "tomorrow"}, "wanted_until"),
        ({"wanted_from": "2027-04-01", "wanted_until": "2027-03-01"}, "wanted_until"),
        ({"wanted_from": "9" * 5000}, "wanted_from"),
    ],
)
def test_a_bad_request_form_shows_errors_and_makes_nothing(
    pro_client, holder_film, overrides, field
):
    response = pro_client.post(_create_url(holder_film), _form(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert ScreenerRequest.objects.count() == 0
    assert mail.outbox == []


def test_dates_may_be_left_out(pro_client, holder_film):
    response = pro_client.post(
        _create_url(holder_film), _form(wanted_from="", wanted_until="")
    )
    assert response.status_code == 302
    assert ScreenerRequest.objects.get().wanted_from is None


@pytest.mark.parametrize(
    "path",
    [
        "/en/professionals/requests/abc/",
        "/en/professionals/requests/-1/",
        "/en/professionals/requests/99999999999999999999999/",
        "/en/professionals/requests/１２/",
        "/en/professionals/requests/99999999999999999999999/reply/",
        "/en/professionals/requests/abc/withdraw/",
        "/en/films/no-such-film/request-screener/",
    ],
)
def test_odd_addresses_are_not_found(pro_client, path):
    # 405: a form's address that only takes a post.
    assert pro_client.get(path).status_code in (404, 405)
    assert pro_client.post(path, {"message": "x"}).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"action": "delete"},
        {"action": ""},
        {},
        {"action": "question", "message": "x" * 4001},
        {"action": "question", "message": "   "},
        {"action": "approve", "screener_url": "javascript:alert(1)"},
        {"action": "approve", "screener_url": "https://" + "a" * 600 + ".example"},
        {"action": "approve", "screener_password": "p" * 201},
    ],
)
def test_a_bad_answer_shows_errors_and_changes_nothing(professional, holder_film, data):
    screener_request = _make(holder_film, professional)
    path = _holder_path(mail.outbox[0])
    mail.outbox.clear()
    response = _holder_post(_holder_client(), path, **data)
    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"
    assert 'class="errorlist' in response.content.decode()
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.PENDING
    assert mail.outbox == []


def test_a_reply_too_long_is_refused(pro_client, professional, holder_film):
    screener_request = _make(holder_film, professional)
    services.request_answer(
        screener_request=screener_request, action="question", message="Why?"
    )
    response = pro_client.post(
        reverse("professionals:request-reply", args=[screener_request.pk]),
        {"message": "x" * 4001},
    )
    assert response.status_code == 400
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.QUESTION


def test_the_holder_answers_only_with_the_csrf_token(professional, holder_film):
    screener_request = _make(holder_film, professional)
    path = _holder_path(mail.outbox[0])
    holder = _holder_client()
    assert holder.post(path, {"action": "decline"}).status_code == 403
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.PENDING


# The holder's link


def _invalid(response) -> None:
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "This link does not work" in response.content.decode()


def _holder_url(token: str) -> str:
    return reverse("professionals:holder-request", kwargs={"token": token})


def test_a_tampered_holder_link_is_refused(professional, holder_film):
    screener_request = _make(holder_film, professional)
    token = queries.holder_token(screener_request)
    holder = _holder_client()
    holder.get(_holder_url(token))  # a CSRF cookie, so that posts reach the view
    other = _make(make_holder_film("Other"), professional)
    payload, timestamp, signature = token.split(":")
    tampered = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        token.replace(payload, queries.holder_token(other).split(":")[0]),
        signing.dumps(
            {"r": screener_request.pk, "k": screener_request.holder_key}, salt="other"
        ),
        signing.dumps(
            {"r": screener_request.pk, "k": "guessed"}, salt=queries.HOLDER_SALT
        ),
        signing.dumps({"r": str(screener_request.pk)}, salt=queries.HOLDER_SALT),
        signing.dumps([screener_request.pk], salt=queries.HOLDER_SALT),
        signing.dumps({"r": 10**30, "k": "x"}, salt=queries.HOLDER_SALT),
        "not-a-token",
        "x" * 5000,
    ]
    for bad in tampered:
        _invalid(holder.get(_holder_url(bad)))
        _invalid(_holder_post(holder, _holder_url(bad), action="decline"))
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.PENDING


def test_a_holder_link_expires_after_90_days(professional, holder_film, monkeypatch):
    screener_request = _make(holder_film, professional)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now - 91 * 24 * 3600)
    old = queries.holder_token(screener_request)
    monkeypatch.setattr(time, "time", lambda: now - 89 * 24 * 3600)
    recent = queries.holder_token(screener_request)
    monkeypatch.undo()
    holder = _holder_client()
    _invalid(holder.get(_holder_url(old)))
    assert holder.get(_holder_url(recent)).status_code == 200


def test_a_new_link_from_staff_replaces_the_old_one(
    staff_client, professional, holder_film
):
    screener_request = _make(holder_film, professional)
    old_path = _holder_path(mail.outbox[0])
    mail.outbox.clear()

    response = staff_client.post(
        reverse("admin:professionals_screenerrequest_changelist"),
        {"action": "send_new_link", "_selected_action": [screener_request.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Sent 1 holder a new link" in response.content.decode()
    [renewed] = mail.outbox
    assert renewed.to == [HOLDER_EMAIL]
    new_path = _holder_path(renewed)
    assert new_path != old_path

    holder = _holder_client()
    _invalid(holder.get(old_path))
    assert holder.get(new_path).status_code == 200
    assert _actions(screener_request)[-1] == "professionals.request.link_renewed"
    record = ChangeRecord.objects.get(action="professionals.request.link_renewed")
    assert record.by == response.wsgi_request.user


def test_a_link_to_a_deleted_request_is_refused(professional, holder_film):
    screener_request = _make(holder_film, professional)
    path = _holder_path(mail.outbox[0])
    screener_request.delete()
    _invalid(_holder_client().get(path))


def test_the_holder_page_never_shows_the_professionals_email(professional, holder_film):
    professional.display_name = ""
    professional.save()
    screener_request = _make(holder_film, professional)
    path = _holder_path(mail.outbox[0])
    holder = _holder_client()
    pages = [holder.get(path)]
    services.request_answer(
        screener_request=screener_request, action="question", message="Who?"
    )
    services.request_reply(
        screener_request=screener_request, by=professional, message="Me."
    )
    pages.append(holder.get(path))
    pages.append(_holder_post(holder, path, action="approve", message="Hi"))
    for page in pages:
        assert PRO_EMAIL not in page.content.decode()
    for message in mail.outbox:
        if message.to == [HOLDER_EMAIL]:
            assert PRO_EMAIL not in message.body + message.subject


# Reminders


def test_reminders_follow_the_configured_days_and_stop_at_the_most(
    professional, holder_film, settings
):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "pro_request_reminder_days": 3,
        "pro_request_reminders_max": 2,
    }
    screener_request = _make(holder_film, professional)
    created = screener_request.created_at
    mail.outbox.clear()

    def days(n):
        return created + datetime.timedelta(days=n, minutes=1)

    assert services.request_send_reminders(now=days(2)) == []
    assert [r.pk for r in services.request_send_reminders(now=days(3))] == [
        screener_request.pk
    ]
    [reminder] = mail.outbox
    assert reminder.to == [HOLDER_EMAIL]
    assert "Reminder" in reminder.subject
    _holder_path(reminder)
    # Not again until three days after the reminder.
    assert services.request_send_reminders(now=days(5)) == []
    assert len(services.request_send_reminders(now=days(6))) == 1
    assert services.request_send_reminders(now=days(30)) == []
    screener_request.refresh_from_db()
    assert screener_request.reminders_sent == 2
    assert len(mail.outbox) == 2
    assert _actions(screener_request).count("professionals.request.reminded") == 2
    assert (
        screener_request.events.filter(action="reminded", party="system").count() == 2
    )


def test_no_reminder_while_the_professional_owes_a_reply(professional, holder_film):
    screener_request = _make(holder_film, professional)
    services.request_answer(
        screener_request=screener_request, action="question", message="Why?"
    )
    later = timezone.now() + datetime.timedelta(days=30)
    assert services.request_send_reminders(now=later) == []


def test_a_reply_starts_the_wait_again(professional, holder_film, settings):
    screener_request = _make(holder_film, professional)
    services.request_answer(
        screener_request=screener_request, action="question", message="Why?"
    )
    ScreenerRequest.objects.update(
        created_at=timezone.now() - datetime.timedelta(days=20)
    )
    services.request_reply(
        screener_request=screener_request, by=professional, message="Because."
    )
    days = settings.FESTARCHIVE_LIMITS["pro_request_reminder_days"]
    now = timezone.now()
    assert services.request_send_reminders(now=now) == []
    assert (
        len(services.request_send_reminders(now=now + datetime.timedelta(days=days)))
        == 1
    )


def test_closed_requests_get_no_reminders(professional, holder_film):
    screener_request = _make(holder_film, professional)
    services.request_withdraw(screener_request=screener_request, by=professional)
    later = timezone.now() + datetime.timedelta(days=30)
    assert services.request_send_reminders(now=later) == []


def test_the_reminder_command_says_what_it_sent(professional, holder_film):
    screener_request = _make(holder_film, professional)
    ScreenerRequest.objects.update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    out = StringIO()
    call_command("send_request_reminders", stdout=out)
    assert f"Reminded {HOLDER_EMAIL} about request {screener_request.pk}" in (
        out.getvalue()
    )
    assert "Sent 1 reminder." in out.getvalue()
    out = StringIO()
    call_command("send_request_reminders", stdout=out)
    assert "Sent 0 reminders." in out.getvalue()


# Who gets in


def _routes(screener_request, film) -> list[tuple[str, str]]:
    pk = screener_request.pk
    return [
        ("get", _create_url(film)),
        ("post", _create_url(film)),
        ("get", reverse("professionals:my-requests")),
        ("get", reverse("professionals:my-request", args=[pk])),
        ("post", reverse("professionals:request-reply", args=[pk])),
        ("post", reverse("professionals:request-withdraw", args=[pk])),
    ]


def test_anonymous_visitors_are_asked_to_log_in(client, professional, holder_film):
    screener_request = _make(holder_film, professional)
    for method, url in _routes(screener_request, holder_film):
        response = getattr(client, method)(url, _form())
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.PENDING


@pytest.mark.parametrize("who", ["visitor_user", "expired_professional"])
def test_visitors_and_expired_professionals_are_sent_to_the_professionals_page(
    request, client, professional, holder_film, who
):
    screener_request = _make(holder_film, professional)
    client.force_login(request.getfixturevalue(who))
    for method, url in _routes(screener_request, holder_film):
        response = getattr(client, method)(url, _form())
        assert response.status_code == 302, url
        assert response["Location"] == reverse("professionals:home"), url
    assert ScreenerRequest.objects.count() == 1
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.PENDING


def test_another_professionals_request_is_not_found(
    client, professional, other_professional, holder_film
):
    screener_request = _make(holder_film, professional)
    services.request_answer(
        screener_request=screener_request, action="question", message="Why?"
    )
    client.force_login(other_professional)
    for method, url in _routes(screener_request, holder_film)[3:]:
        assert getattr(client, method)(url, {"message": "Mine now"}).status_code == (
            404
        ), url
    listing = client.get(reverse("professionals:my-requests")).content.decode()
    assert "Delta Nights" not in listing
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.QUESTION
    with pytest.raises(ValidationError):
        services.request_withdraw(
            screener_request=screener_request, by=other_professional
        )
    with pytest.raises(ValidationError):
        services.request_reply(
            screener_request=screener_request, by=other_professional, message="x"
        )


def test_staff_see_requests_in_the_admin(staff_client, professional, holder_film):
    screener_request = _make(holder_film, professional)
    services.request_answer(
        screener_request=screener_request, action="question", message="Which cut?"
    )
    changelist = staff_client.get(
        reverse("admin:professionals_screenerrequest_changelist"),
        {"q": "Delta", "status__exact": "question"},
    )
    assert changelist.status_code == 200
    assert "Delta Nights" in changelist.content.decode()
    change = staff_client.get(
        reverse(
            "admin:professionals_screenerrequest_change", args=[screener_request.pk]
        )
    )
    assert change.status_code == 200
    assert "Which cut?" in change.content.decode()
    assert (
        staff_client.get(reverse("admin:professionals_screenerrequest_add")).status_code
        == 403
    )
    own = staff_client.get(reverse("professionals:my-requests"))
    assert own.status_code == 200


# The film page's panel


def test_a_professional_sees_the_request_button_then_the_requests_state(
    pro_client, professional, holder_film
):
    page = pro_client.get(holder_film.get_absolute_url()).content.decode()
    assert _create_url(holder_film) in page
    assert "Request a screener" in page

    screener_request = _make(holder_film, professional)
    page = pro_client.get(holder_film.get_absolute_url()).content.decode()
    assert reverse("professionals:my-request", args=[screener_request.pk]) in page
    assert "Waiting for the rights holder" in page
    assert _create_url(holder_film) in page  # a screening copy may still be asked

    _make(holder_film, professional, kind="copy")
    page = pro_client.get(holder_film.get_absolute_url()).content.decode()
    assert _create_url(holder_film) not in page
    assert "You already have an open request" in page


def test_staff_see_how_many_requests_a_film_has(
    staff_client, professional, holder_film
):
    _make(holder_film, professional)
    page = staff_client.get(holder_film.get_absolute_url()).content.decode()
    assert "This film has 1 screener request." in page
    assert (
        reverse("admin:professionals_screenerrequest_changelist")
        + f"?film__id__exact={holder_film.pk}"
    ) in page
    assert _create_url(holder_film) not in page
    listed = staff_client.get(
        reverse("admin:professionals_screenerrequest_changelist"),
        {"film__id__exact": holder_film.pk},
    )
    assert listed.status_code == 200
    assert "1 screener request" in listed.content.decode()


@pytest.mark.parametrize("who", [None, "visitor_user", "expired_professional"])
def test_the_panel_is_not_shown_to_the_public(request, client, holder_film, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    page = client.get(holder_film.get_absolute_url()).content.decode()
    assert "Screeners and screening copies" not in page
    assert _create_url(holder_film) not in page


def test_a_holder_who_is_a_user_answers_the_same_way(professional, holder_film):
    screener_request = _make(holder_film, professional)
    path = _holder_path(mail.outbox[0])
    holder = _holder_client()
    holder.force_login(make_user("someone@deltasales.example"))
    assert _holder_post(holder, path, action="decline").status_code == 302
    screener_request.refresh_from_db()
    assert screener_request.status == ScreenerRequest.Status.DECLINED


def test_the_holders_requester_card_shows_the_accreditation(holder_film):
    pro = make_professional("lena@example.org", role="broadcaster", organisation="VPRO")
    pro.display_name = "Lena de Vries"
    pro.save()
    card = queries.requester(pro)
    assert card == queries.Requester(
        name="Lena de Vries",
        organisation="VPRO",
        role="Broadcaster",
        country="Netherlands",
    )
    pro.display_name = "lena@example.org"
    assert queries.requester(pro).name == ""
