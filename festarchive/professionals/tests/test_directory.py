"""The delegates directory, a delegate's page and one's own entry, through
HTTP, as each kind of user."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import (
    company_create,
    credit_add,
    film_create,
    person_create,
)
from festarchive.professionals.models import DelegateProfile

from .factories import make_professional

pytestmark = pytest.mark.django_db


def _listed(user, **extra) -> DelegateProfile:
    return DelegateProfile.objects.create(user=user, is_listed=True, **extra)


@pytest.fixture
def listed(other_professional):
    """A listed delegate: a distributor from the Netherlands."""
    _listed(other_professional, bio="Distributing documentaries since 1999.")
    return other_professional


@pytest.fixture
def unlisted(db):
    user = make_professional("quiet@example.org", organisation="Quiet Films")
    DelegateProfile.objects.create(user=user, is_listed=False)
    return user


def _delegate_url(user) -> str:
    return reverse("professionals:delegate", args=[user.pk])


# Who gets in.


def test_anonymous_visitors_are_sent_to_log_in_or_find_nothing(client, listed):
    for name in ("professionals:delegates", "professionals:profile"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert client.get(_delegate_url(listed)).status_code == 404
    response = client.post(reverse("professionals:profile"), {"is_listed": "on"})
    assert response.status_code == 302 and not DelegateProfile.objects.filter(
        is_listed=True
    ).exclude(user=listed)


@pytest.mark.parametrize("kind", ["visitor_user", "expired_professional"])
def test_the_unaccredited_are_sent_to_the_professionals_page(
    client, listed, request, kind
):
    client.force_login(request.getfixturevalue(kind))
    for name in ("professionals:delegates", "professionals:profile"):
        assert client.get(reverse(name))["Location"] == reverse("professionals:home")
    assert client.get(_delegate_url(listed)).status_code == 404


def test_staff_see_the_directory(staff_client, listed):
    page = staff_client.get(reverse("professionals:delegates")).content.decode()
    assert "Other" in page
    assert staff_client.get(_delegate_url(listed)).status_code == 200


# What the directory lists.


def test_only_listed_and_accredited_delegates_are_listed(
    pro_client, listed, unlisted, expired_professional
):
    _listed(expired_professional)
    page = pro_client.get(reverse("professionals:delegates")).content.decode()
    assert _delegate_url(listed) in page
    assert _delegate_url(unlisted) not in page and "Quiet Films" not in page
    assert _delegate_url(expired_professional) not in page
    assert "Expired" not in page
    assert pro_client.get(_delegate_url(unlisted)).status_code == 404
    assert pro_client.get(_delegate_url(expired_professional)).status_code == 404


def test_the_directory_never_shows_an_email_address(pro_client, listed, unlisted):
    _listed(make_professional("noname@example.org"))
    listed.display_name = ""
    listed.save()
    for url in (
        reverse("professionals:delegates"),
        _delegate_url(listed),
        reverse("professionals:profile"),
    ):
        page = pro_client.get(url).content.decode()
        assert "@example.org" not in page
    page = pro_client.get(reverse("professionals:delegates")).content.decode()
    assert "A delegate of Docs Festival" in page


def test_an_entry_shows_name_badge_organisation_role_and_country(pro_client, listed):
    page = pro_client.get(reverse("professionals:delegates")).content.decode()
    assert "Other" in page and "Accredited professional" in page
    assert "Docs Festival" in page and "Distributor" in page
    assert "Netherlands" in page
    # The last day of someone else's access is theirs to know.
    assert "Valid until" not in page


def test_the_directory_is_searched_by_organisation_role_and_country(pro_client, listed):
    agent = make_professional(
        "agent@example.org", role="sales-agent", organisation="Cat & Docs Sales"
    )
    agent.accreditations.update(country="FR")
    _listed(agent)
    url = reverse("professionals:delegates")

    def found(**query):
        page = pro_client.get(url, query).content.decode()
        return {
            name
            for name, user in (("other", listed), ("agent", agent))
            if _delegate_url(user) in page
        }

    assert found() == {"other", "agent"}
    assert found(organisation="cat & DOCS") == {"agent"}
    assert found(organisation="docs") == {"other", "agent"}
    assert found(role="distributor") == {"other"}
    assert found(country="FR") == {"agent"}
    assert found(country="FR", role="distributor") == set()
    assert (
        "No delegates match this search"
        in pro_client.get(url, {"organisation": "nobody"}).content.decode()
    )
    # The country filter offers the countries delegates come from.
    form = pro_client.get(url).context["form"]
    assert [code for code, _ in form.fields["country"].choices] == ["", "FR", "NL"]


@pytest.mark.parametrize(
    "query",
    [
        {"role": "spy"},
        {"country": "XX"},
        {"organisation": "x" * 5000},
        {"organisation": "\x00"},
        {"page": "abc"},
        {"page": "99999999999999999999999"},
        {"page": "-1"},
        {"role": ["distributor", "press"]},
    ],
)
def test_odd_searches_are_answered(pro_client, listed, query):
    response = pro_client.get(reverse("professionals:delegates"), query)
    assert response.status_code == 200


def test_a_delegates_films_are_their_published_films(pro_client, listed):
    director = Role.objects.get(slug="director")
    production = Role.objects.get(slug="production")
    person = person_create(name="Ada Maker")
    company = company_create(name="Docs Productions")
    films = [film_create(title_en=f"Shown {n}", year=2010 + n) for n in range(3)]
    hidden = film_create(title_en="Not Yet Public", year=2024, is_published=False)
    for film in [*films, hidden]:
        credit_add(film=film, role=director, person=person)
    # The same film through the person and the company is shown once.
    credit_add(film=films[0], role=production, company=company)
    profile = listed.delegate_profile
    profile.person, profile.company = person, company
    profile.save()

    page = pro_client.get(reverse("professionals:delegates")).content.decode()
    for film in films:
        assert film.get_absolute_url() in page
    assert page.count(films[0].get_absolute_url()) == 1
    assert "Not Yet Public" not in page
    detail = pro_client.get(_delegate_url(listed)).content.decode()
    assert "Shown 2" in detail and "Not Yet Public" not in detail
    assert "Distributing documentaries since 1999." in detail
    assert person.get_absolute_url() in detail


def test_the_directory_takes_a_fixed_number_of_queries(
    pro_client, django_assert_max_num_queries
):
    director = Role.objects.get(slug="director")
    for n in range(6):
        person = person_create(name=f"Maker Number{n}")
        credit_add(
            film=film_create(title_en=f"Film {n}", year=2000 + n),
            role=director,
            person=person,
        )
        _listed(make_professional(f"delegate{n}@example.org"), person=person)
    with django_assert_max_num_queries(15):
        response = pro_client.get(reverse("professionals:delegates"))
    assert response.content.decode().count('class="delegate"') == 6


def test_a_delegate_page_for_a_bad_id_is_not_found(pro_client, listed):
    for bad in ("0", "99999999999999999999999", "abc", "-1"):
        url = f"/en/professionals/delegates/{bad}/"
        assert pro_client.get(url).status_code == 404


def test_a_delegate_whose_accreditation_ends_leaves_the_directory(pro_client, listed):
    listed.accreditations.update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = pro_client.get(reverse("professionals:delegates")).content.decode()
    assert _delegate_url(listed) not in page
    assert pro_client.get(_delegate_url(listed)).status_code == 404


# One's own entry.


def test_a_professional_lists_themselves(pro_client, professional, other_professional):
    url = reverse("professionals:profile")
    assert pro_client.get(url).status_code == 200
    response = pro_client.post(
        url,
        {
            "is_listed": "on",
            "bio": "  Programming for Docs Festival.  ",
            # Not fields of the form: neither is taken.
            "user": other_professional.pk,
            "person": 1,
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    profile = DelegateProfile.objects.get()
    assert profile.user == professional and profile.person is None
    assert profile.is_listed and profile.bio == "Programming for Docs Festival."
    client_page = pro_client.get(_delegate_url(professional)).content.decode()
    assert "Programming for Docs Festival." in client_page
    assert "Change your entry" in client_page

    pro_client.post(url, {"bio": "Gone quiet."})
    profile.refresh_from_db()
    assert not profile.is_listed
    assert pro_client.get(_delegate_url(professional)).status_code == 404


def test_a_professional_changes_only_their_own_entry(pro_client, professional, listed):
    pro_client.post(reverse("professionals:profile"), {"bio": "Mine."})
    listed.delegate_profile.refresh_from_db()
    assert listed.delegate_profile.bio == "Distributing documentaries since 1999."
    assert listed.delegate_profile.is_listed
    page = pro_client.get(_delegate_url(listed)).content.decode()
    assert "Change your entry" not in page


def test_an_overlong_bio_is_a_form_error(pro_client):
    response = pro_client.post(
        reverse("professionals:profile"), {"is_listed": "on", "bio": "x" * 2001}
    )
    assert response.status_code == 200
    assert "bio" in response.context["form"].errors
    assert not DelegateProfile.objects.exists()


def test_the_profile_page_takes_only_get_and_post(pro_client):
    assert pro_client.put(reverse("professionals:profile")).status_code == 405


def test_staff_link_a_profile_to_the_archive_in_the_admin(staff_client, listed):
    person = person_create(name="Linked Person")
    profile = listed.delegate_profile
    url = reverse("admin:professionals_delegateprofile_change", args=[profile.pk])
    response = staff_client.post(
        url,
        {
            "user": listed.pk,
            "is_listed": "on",
            "bio": profile.bio,
            "person": person.pk,
            "company": "",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.person == person
