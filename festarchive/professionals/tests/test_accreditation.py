"""Applying for accreditation, the festival's decisions and what they open,
through HTTP, the admin and the services."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from festarchive.core.models import ChangeRecord
from festarchive.festival.models import Edition, Festival
from festarchive.professionals import access
from festarchive.professionals.models import Accreditation, TrustedDomain
from festarchive.professionals.services.accreditation import (
    accreditation_apply,
    accreditation_approve,
    accreditation_refuse,
    accreditation_withdraw,
)

from .factories import make_professional, make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
BADGE = '<strong class="pro-badge__title">Accredited professional</strong>'


@pytest.fixture
def host(settings):
    return Festival.objects.create(
        slug=settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"],
        name="International Documentary Film Festival Amsterdam",
        short_name="IDFA",
    )


@pytest.fixture
def edition(host):
    """The coming edition."""
    today = TODAY()
    return Edition.objects.create(
        festival=host,
        year=today.year + 1,
        slug="idfa-next",
        starts_on=today + datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=30),
    )


@pytest.fixture
def past_edition(host):
    today = TODAY()
    return Edition.objects.create(
        festival=host,
        year=today.year - 2,
        slug="idfa-past",
        starts_on=today - datetime.timedelta(days=700),
        ends_on=today - datetime.timedelta(days=690),
    )


@pytest.fixture
def other_edition():
    other = Festival.objects.create(slug="cphdox", name="CPH:DOX", short_name="CPH")
    return Edition.objects.create(
        festival=other, year=TODAY().year + 1, slug="cph-next"
    )


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="staff", password="staff-password", is_staff=True, is_superuser=True
    )


def _form(chosen=None, **changes):
    data = {
        "organisation": "Docs Distribution",
        "role": "distributor",
        "country": "BE",
        "website": "docs.example.org",
        "description": "Looking for films for Belgian cinemas.",
        "scope": "edition" if chosen else "year",
        "edition": chosen.pk if chosen else "",
    }
    data.update(changes)
    return data


def _apply(user, edition=None, **changes):
    data = {
        "organisation": "Docs Distribution",
        "role": "distributor",
        "country": "BE",
        "website": "",
        "description": "",
        "scope": "edition" if edition else "year",
        "edition": edition,
        "language": "en",
    }
    data.update(changes)
    return accreditation_apply(user=user, **data)


def _in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


# The front page, as each kind of visitor sees it.


def test_home_tells_an_anonymous_visitor_to_log_in_or_sign_up(client):
    page = client.get(reverse("professionals:home")).content.decode()
    assert "For professionals" in page  # the page's own text stays
    assert reverse("account_login") in page and reverse("account_signup") in page
    assert reverse("professionals:apply") in page


def test_home_offers_a_visitor_the_application(client, visitor_user):
    client.force_login(visitor_user)
    page = client.get(reverse("professionals:home")).content.decode()
    assert "Apply for accreditation" in page
    assert reverse("account_signup") not in page


def test_home_shows_a_professional_their_badge(pro_client, professional):
    page = pro_client.get(reverse("professionals:home")).content.decode()
    accreditation = professional.accreditations.get()
    assert BADGE in page
    assert "Docs Festival" in page and "Festival programmer" in page
    assert "Valid until" in page
    assert f'href="{reverse("professionals:apply")}"' not in page
    assert accreditation.is_current


def test_home_tells_an_expired_professional_to_apply_again(
    client, expired_professional
):
    client.force_login(expired_professional)
    page = client.get(reverse("professionals:home")).content.decode()
    assert "Your accreditation ended on" in page
    assert BADGE not in page
    assert "Apply again" in page


def test_the_badge_is_on_my_archive(pro_client, client, visitor_user):
    assert BADGE in pro_client.get(reverse("lists:my-archive")).content.decode()
    client.force_login(visitor_user)
    page = client.get(reverse("lists:my-archive")).content.decode()
    assert BADGE not in page


# Applying.


def test_apply_needs_an_account(client):
    response = client.get(reverse("professionals:apply"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("professionals:apply"), _form())
    assert response.status_code == 302 and not Accreditation.objects.exists()


def test_application_approved_with_a_message_is_mailed_in_dutch(
    client, visitor_user, edition, staff_user, django_capture_on_commit_callbacks
):
    client.force_login(visitor_user)
    apply_url = _in("nl", "professionals:apply")
    assert client.get(apply_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url, _form(edition))
    assert response.status_code == 302
    assert response["Location"] == _in("nl", "professionals:home")

    accreditation = Accreditation.objects.get(user=visitor_user)
    assert accreditation.status == "pending" and accreditation.language == "nl"
    assert accreditation.edition == edition
    assert accreditation.website == "https://docs.example.org"
    assert not access.is_professional(visitor_user)
    [applied] = mail.outbox
    assert applied.to == ["visitor@example.org"]
    assert applied.extra_headers["Content-Language"] == "nl"
    # Rendered with Dutch active: its links are the Dutch addresses.
    assert _in("nl", "professionals:home") in applied.body
    page = client.get(_in("nl", "professionals:home")).content.decode()
    assert "Docs Distribution" in page and 'class="notice"' in page
    # A second application while this one waits is not taken.
    assert client.get(apply_url)["Location"] == _in("nl", "professionals:home")

    client.force_login(staff_user)
    decide = reverse(
        "admin:professionals_accreditation_decide", args=[accreditation.pk]
    )
    page = client.get(decide).content.decode()
    assert "Docs Distribution" in page and 'value="approve"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide, {"decision": "approve", "message": "Welkom in Amsterdam!"}
        )
    assert response.status_code == 302
    accreditation.refresh_from_db()
    assert accreditation.status == "approved"
    assert accreditation.valid_from == TODAY()
    assert accreditation.valid_until == edition.ends_on  # the edition's last day
    assert accreditation.decided_by == staff_user
    assert accreditation.decision_message == "Welkom in Amsterdam!"
    approved = mail.outbox[1]
    assert approved.extra_headers["Content-Language"] == "nl"
    assert "Welkom in Amsterdam!" in approved.body
    assert "Distributeur" in approved.body  # the role, in Dutch
    assert _in("nl", "professionals:profile") in approved.body
    assert list(
        ChangeRecord.objects.filter(object_id=str(accreditation.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    ) == ["professionals.accreditation.applied", "professionals.accreditation.approved"]

    client.force_login(visitor_user)
    page = client.get(_in("en", "professionals:home")).content.decode()
    assert BADGE in page and "Distributor" in page
    assert client.get(_in("en", "professionals:delegates")).status_code == 200


def test_application_in_english_is_mailed_in_english(
    client, visitor_user, django_capture_on_commit_callbacks
):
    client.force_login(visitor_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("professionals:apply"), _form())
    [applied] = mail.outbox
    assert applied.extra_headers["Content-Language"] == "en"
    assert applied.subject == "We have received your application for accreditation"
    assert "Thank you for applying" in applied.body
    assert "&amp;" not in applied.body and "&#x27;" not in applied.body


def test_a_trusted_domain_is_approved_at_once(
    client, django_capture_on_commit_callbacks
):
    TrustedDomain.objects.create(domain="VPRO.nl")
    user = make_user("maker@vpro.NL")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("professionals:apply"), _form())
    assert response.status_code == 302
    accreditation = Accreditation.objects.get(user=user)
    assert accreditation.status == "approved" and accreditation.approved_automatically
    assert accreditation.valid_until == TODAY() + datetime.timedelta(days=365)
    assert accreditation.decided_by is None
    assert [m.subject for m in mail.outbox] == ["You are an accredited professional"]
    assert access.is_professional(user)
    page = client.get(reverse("professionals:home")).content.decode()
    assert BADGE in page


def test_a_subdomain_of_a_trusted_domain_waits(db):
    TrustedDomain.objects.create(domain="vpro.nl")
    for email in ("someone@news.vpro.nl", "someone@vpro.nl.example.com"):
        assert _apply(make_user(email)).status == "pending"


def test_one_open_application_at_a_time(visitor_user):
    _apply(visitor_user)
    with pytest.raises(ValidationError, match="already waiting"):
        _apply(visitor_user)
    assert Accreditation.objects.count() == 1


def test_a_current_professional_cannot_apply_until_it_ends(professional, pro_client):
    with pytest.raises(ValidationError, match="apply again once"):
        _apply(professional)
    response = pro_client.post(reverse("professionals:apply"), _form())
    assert response.status_code == 302
    assert Accreditation.objects.filter(user=professional).count() == 1


def test_an_expired_professional_may_apply_again(client, expired_professional):
    client.force_login(expired_professional)
    page = client.get(reverse("professionals:apply")).content.decode()
    # The form is filled in with the last application.
    assert 'value="Docs Festival"' in page
    response = client.post(reverse("professionals:apply"), _form())
    assert response.status_code == 302
    assert expired_professional.accreditations.pending().count() == 1


def test_only_the_host_festivals_coming_editions_are_offered(
    client, visitor_user, edition, past_edition, other_edition, host
):
    undated = Edition.objects.create(festival=host, year=TODAY().year, slug="undated")
    old_undated = Edition.objects.create(festival=host, year=1995, slug="idfa-1995")
    client.force_login(visitor_user)
    form = client.get(reverse("professionals:apply")).context["form"]
    assert set(form.fields["edition"].queryset) == {edition, undated}
    for wrong in (past_edition, other_edition, old_undated):
        response = client.post(reverse("professionals:apply"), _form(wrong))
        assert response.status_code == 200
        assert response.context["form"].errors["edition"]
        with pytest.raises(ValidationError):
            _apply(visitor_user, wrong)
    assert not Accreditation.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"organisation": "x" * 201}, "organisation"),
        ({"organisation": ""}, "organisation"),
        ({"role": "spy"}, "role"),
        ({"role": ""}, "role"),
        ({"country": "XX"}, "country"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"website": "https://" + "a" * 300 + ".org"}, "website"),
        ({"description": "x" * 2001}, "description"),
        ({"scope": "forever"}, "scope"),
        ({"scope": "edition", "edition": ""}, "edition"),
        ({"scope": "edition", "edition": "abc"}, "edition"),
        ({"scope": "edition", "edition": "99999999999999999999999"}, "edition"),
        ({"scope": "edition", "edition": "-1"}, "edition"),
    ],
)
def test_hostile_applications_get_form_errors(client, visitor_user, changes, field):
    client.force_login(visitor_user)
    response = client.post(reverse("professionals:apply"), _form(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "needs another look" in response.content.decode()
    assert not Accreditation.objects.exists()


def test_odd_requests_to_apply_are_answered(client, visitor_user):
    client.force_login(visitor_user)
    assert client.put(reverse("professionals:apply")).status_code == 405
    response = client.post(
        reverse("professionals:apply"), {"organisation": ["a", "b"], "x": "\x00"}
    )
    assert response.status_code == 200
    response = client.post(reverse("professionals:apply"), _form(organisation="A\x00B"))
    assert response.status_code == 200 and not Accreditation.objects.exists()


# Decisions.


def test_the_default_period_of_access(visitor_user, host, edition, settings):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "accreditation_year_days": 100,
    }
    today = TODAY()
    year = today + datetime.timedelta(days=100)
    cases = [
        (edition, edition.ends_on),
        (Edition.objects.create(festival=host, year=today.year, slug="u"), year),
        (None, year),
    ]
    for n, (chosen, until) in enumerate(cases):
        user = make_user(f"applicant{n}@example.org")
        accreditation = _apply(user, chosen)
        accreditation_approve(accreditation=accreditation, by=None)
        assert (accreditation.valid_from, accreditation.valid_until) == (today, until)
    # An edition that ended since the application: a year, as for no end date.
    accreditation = _apply(make_user("late@example.org"), edition)
    Edition.objects.filter(pk=edition.pk).update(
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today - datetime.timedelta(days=1),
    )
    accreditation.edition.refresh_from_db()
    accreditation_approve(accreditation=accreditation, by=None)
    assert accreditation.valid_until == year


def test_approving_with_a_last_day_set_by_staff(visitor_user):
    accreditation = _apply(visitor_user)
    with pytest.raises(ValidationError):
        accreditation_approve(
            accreditation=accreditation,
            by=None,
            valid_until=TODAY() - datetime.timedelta(days=1),
        )
    until = TODAY() + datetime.timedelta(days=3)
    accreditation_approve(accreditation=accreditation, by=None, valid_until=until)
    accreditation.refresh_from_db()
    assert accreditation.valid_until == until
    with pytest.raises(ValidationError, match="decided already"):
        accreditation_approve(accreditation=accreditation, by=None)


def test_refused_with_a_message(
    client, visitor_user, staff_user, django_capture_on_commit_callbacks
):
    accreditation = _apply(visitor_user)
    with django_capture_on_commit_callbacks(execute=True):
        accreditation_refuse(
            accreditation=accreditation,
            by=staff_user,
            message="We accredit companies only.",
        )
    assert accreditation.status == "refused"
    [refused] = mail.outbox
    assert "We accredit companies only." in refused.body
    assert refused.subject == "About your application for accreditation"
    with pytest.raises(ValidationError):
        accreditation_refuse(accreditation=accreditation, by=staff_user, message="")
    client.force_login(visitor_user)
    page = client.get(reverse("professionals:home")).content.decode()
    assert "We could not accept your last application." in page
    assert "We accredit companies only." in page and "Apply again" in page
    assert not access.is_professional(visitor_user)


def test_withdrawal_ends_access_at_once(
    client, professional, staff_user, django_capture_on_commit_callbacks
):
    client.force_login(professional)
    assert client.get(reverse("professionals:delegates")).status_code == 200
    accreditation = professional.accreditations.get()
    with django_capture_on_commit_callbacks(execute=True):
        accreditation_withdraw(
            accreditation=accreditation, by=staff_user, message="Misuse of screeners."
        )
    response = client.get(reverse("professionals:delegates"))
    assert response["Location"] == reverse("professionals:home")
    page = client.get(reverse("professionals:home")).content.decode()
    assert "Your accreditation was withdrawn." in page
    assert "Misuse of screeners." in page
    assert mail.outbox[0].subject == "Your accreditation has ended"
    with pytest.raises(ValidationError):
        accreditation_withdraw(accreditation=accreditation, by=staff_user)


def test_only_a_running_accreditation_is_withdrawn(visitor_user, expired_professional):
    with pytest.raises(ValidationError):
        accreditation_withdraw(accreditation=_apply(visitor_user), by=None)
    with pytest.raises(ValidationError):
        accreditation_withdraw(
            accreditation=expired_professional.accreditations.get(), by=None
        )


def test_decisions_clear_the_cached_access(visitor_user):
    accreditation = _apply(visitor_user)
    assert not access.is_professional(accreditation.user)
    accreditation_approve(accreditation=accreditation, by=None)
    assert access.is_professional(accreditation.user)
    accreditation_withdraw(accreditation=accreditation, by=None)
    assert not access.is_professional(accreditation.user)


def test_an_expired_accreditation_gives_no_access(client, expired_professional):
    assert not access.is_professional(expired_professional)
    assert not access.sees_private(expired_professional)
    client.force_login(expired_professional)
    for name in ("professionals:delegates", "professionals:profile"):
        assert client.get(reverse(name))["Location"] == reverse("professionals:home")


def test_access_ends_after_its_last_day(professional):
    accreditation = professional.accreditations.get()
    assert accreditation.is_current
    Accreditation.objects.filter(pk=accreditation.pk).update(
        valid_until=TODAY() - datetime.timedelta(days=1)
    )
    access.forget(professional)
    assert not access.is_professional(professional)


# The admin: the queue, its actions, and a decision with a message.


def test_the_queue_in_the_admin(client, staff_user, professional):
    waiting = _apply(make_user("waiting@example.org"), organisation="Waiting Films")
    client.force_login(staff_user)
    url = reverse("admin:professionals_accreditation_changelist")
    page = client.get(url, {"status__exact": "pending"}).content.decode()
    assert "Waiting Films" in page and "waiting@example.org" in page
    assert "Docs Festival" not in page
    page = client.get(url, {"q": "waiting"}).content.decode()
    assert "Waiting Films" in page
    change = reverse("admin:professionals_accreditation_change", args=[waiting.pk])
    page = client.get(change).content.decode()
    decide = reverse("admin:professionals_accreditation_decide", args=[waiting.pk])
    assert decide in page
    # The change page shows; it saves nothing.
    client.post(change, {"organisation": "Changed"})
    waiting.refresh_from_db()
    assert waiting.organisation == "Waiting Films"


def test_admin_actions_approve_and_refuse(
    client, staff_user, professional, django_capture_on_commit_callbacks
):
    first = _apply(make_user("first@example.org"))
    second = _apply(make_user("second@example.org"))
    decided = professional.accreditations.get()
    client.force_login(staff_user)
    url = reverse("admin:professionals_accreditation_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"action": "approve_selected", "_selected_action": [first.pk, decided.pk]},
            follow=True,
        )
    page = response.content.decode()
    assert "Approved 1 application" in page and "decided already" in page
    first.refresh_from_db()
    assert first.status == "approved" and first.decided_by == staff_user
    assert [m.to for m in mail.outbox] == [["first@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "refuse_selected", "_selected_action": [second.pk]})
    second.refresh_from_db()
    assert second.status == "refused"
    assert mail.outbox[-1].to == ["second@example.org"]


def test_admin_refuses_and_withdraws_with_a_message(
    client, staff_user, visitor_user, professional, django_capture_on_commit_callbacks
):
    accreditation = _apply(visitor_user)
    client.force_login(staff_user)
    decide = reverse(
        "admin:professionals_accreditation_decide", args=[accreditation.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide, {"decision": "refuse", "message": "Please apply as a company."}
        )
    assert response.status_code == 302
    accreditation.refresh_from_db()
    assert accreditation.status == "refused"
    assert accreditation.decision_message == "Please apply as a company."
    assert "Please apply as a company." in mail.outbox[0].body
    # Deciding again, or the wrong way, is an error on the page.
    for decision in ("approve", "refuse", "withdraw", "", "explode"):
        response = client.post(decide, {"decision": decision})
        assert response.status_code == 200
        assert "does not fit" in response.content.decode()

    running = professional.accreditations.get()
    withdraw = reverse("admin:professionals_accreditation_decide", args=[running.pk])
    assert "Withdraw now" in client.get(withdraw).content.decode()
    assert client.post(withdraw, {"decision": "approve"}).status_code == 200
    response = client.post(withdraw, {"decision": "withdraw", "message": "Ended."})
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.status == "withdrawn" and running.decision_message == "Ended."


def test_admin_decision_rejects_bad_input(client, staff_user, visitor_user):
    accreditation = _apply(visitor_user)
    client.force_login(staff_user)
    decide = reverse(
        "admin:professionals_accreditation_decide", args=[accreditation.pk]
    )
    for data in (
        {"decision": "approve", "valid_until": "not a date"},
        {"decision": "approve", "valid_until": "2001-01-01"},
        {"decision": "refuse", "message": "x" * 2001},
    ):
        assert client.post(decide, data).status_code == 200
    accreditation.refresh_from_db()
    assert accreditation.status == "pending"
    for bad in ("abc", "99999999999999999999999", "0"):
        url = f"/en/admin/professionals/accreditation/{bad}/decide/"
        assert client.get(url).status_code == 404


def test_only_staff_reach_the_decision(client, visitor_user, professional):
    accreditation = _apply(visitor_user)
    decide = reverse(
        "admin:professionals_accreditation_decide", args=[accreditation.pk]
    )
    for user in (None, visitor_user, professional):
        if user:
            client.force_login(user)
        response = client.post(decide, {"decision": "approve"})
        assert response.status_code == 302
        assert "login" in response["Location"]
    accreditation.refresh_from_db()
    assert accreditation.status == "pending"


def test_trusted_domains_are_kept_as_compared(client, staff_user):
    client.force_login(staff_user)
    url = reverse("admin:professionals_trusteddomain_add")
    response = client.post(url, {"domain": " @VPRO.nl ", "note": "Broadcaster"})
    assert response.status_code == 302
    assert TrustedDomain.objects.get().domain == "vpro.nl"
    for bad in ("someone@vpro.nl", "vpro", "v pro.nl"):
        assert client.post(url, {"domain": bad}).status_code == 200
    assert TrustedDomain.objects.count() == 1


# Expiry notices.


def test_expiry_notices_are_sent_once(
    db, professional, other_professional, django_capture_on_commit_callbacks
):
    ending = make_professional("ending@example.org", days_left=7)
    make_professional("later@example.org", days_left=8)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_accreditation_expiry_notices", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["ending@example.org"]]
    assert mail.outbox[0].subject == "Your accreditation ends soon"
    assert ChangeRecord.objects.filter(
        action="professionals.accreditation.expiry_noticed",
        object_id=str(ending.accreditations.get().pk),
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_accreditation_expiry_notices", stdout=io.StringIO())
    assert len(mail.outbox) == 1
