"""Every route of the professionals' section, tried as each wrong kind of
user: an anonymous visitor, a visitor without accreditation, a professional
whose accreditation expired, and another professional reaching for the first
one's things. None of them gets in, sees the owner's data or breaks a page;
a route added without being listed here fails the test."""

import pytest
from django.urls import reverse

from festarchive.professionals import urls as professional_urls
from festarchive.professionals.market_links import video_token
from festarchive.professionals.models import ScreenerRequest, Viewing
from festarchive.professionals.services.directory import delegate_profile_update
from festarchive.professionals.services.market import viewing_start
from festarchive.professionals.services.requests import request_create

from .factories import make_professional, make_user

pytestmark = pytest.mark.django_db

SECRET = "owner-only-note-4711"  # the message of the owner's request
# The kinds of user a route refuses: who is tried, and who they are.
WRONG_USERS = ("anonymous", "visitor", "expired professional", "other professional")
# A route a logged-in non-professional is sent away from goes to the section's
# front page; an anonymous visitor is sent to log in.
FRONT, LOGIN = "/en/professionals/", "/en/accounts/login/"


@pytest.fixture
def world(
    holder_film, market_edition, professional, django_capture_on_commit_callbacks
):
    """The owner's things: a listed profile, a request, a viewing, a video link."""
    # Listed: other professionals may read the bio, so it holds no secret.
    delegate_profile_update(user=professional, is_listed=True, bio="Listed.")
    with django_capture_on_commit_callbacks(execute=True):
        owners_request = request_create(
            film=holder_film,
            professional=professional,
            kind=ScreenerRequest.Kind.SCREENER,
            purpose="Owner's festival",
            wanted_from=None,
            wanted_until=None,
            message=SECRET,
            language="en",
        )
    entry = market_edition.entries["Polder Light"]
    viewing = viewing_start(entry=entry, viewer=professional)
    return {
        "film": holder_film,
        "request": owners_request,
        "entry": entry,
        "viewing": viewing,
        "owner": professional,
        "video": video_token(entry=entry, viewer=professional),
    }


def _route_kwargs(world) -> dict[str, dict]:
    """Arguments for every named route, pointing at the owner's things."""
    bad_token = "not-a-real-signed-token"
    return {
        "home": {},
        "apply": {},
        "delegates": {},
        "delegate": {"pk": world["owner"].pk},
        "profile": {},
        "request-create": {"slug": world["film"].slug},
        "my-requests": {},
        "my-request": {"pk": world["request"].pk},
        "request-reply": {"pk": world["request"].pk},
        "request-withdraw": {"pk": world["request"].pk},
        "holder-request": {"token": bad_token},
        "market": {},
        "market-film": {"pk": world["entry"].pk},
        "market-video": {"token": world["video"]},
        "market-progress": {"pk": world["viewing"].pk},
        "holder-market": {"token": bad_token},
        "holder-market-csv": {"token": bad_token},
        "holder-market-availability": {"token": bad_token},
    }


# What each route gives each wrong user: "login" or "front" (a redirect
# there), "404", "403", "open" (the route is theirs too: it must still show
# nothing of the owner's), or a set of acceptable status codes.
NOT_PROFESSIONAL = {
    "anonymous": "login",
    "visitor": "front",
    "expired professional": "front",
}
EXPECTED = {
    "home": dict.fromkeys(WRONG_USERS, "open"),
    "apply": {
        "anonymous": "login",
        "visitor": "open",
        "expired professional": "open",
        # Accredited already: the front page says so.
        "other professional": "front",
    },
    "delegates": {**NOT_PROFESSIONAL, "other professional": "open"},
    # Whether a delegate exists is itself private.
    "delegate": {**dict.fromkeys(WRONG_USERS[:3], "404"), "other professional": "open"},
    "profile": {**NOT_PROFESSIONAL, "other professional": "open"},
    "request-create": {**NOT_PROFESSIONAL, "other professional": "open"},
    "my-requests": {**NOT_PROFESSIONAL, "other professional": "open"},
    "my-request": {**NOT_PROFESSIONAL, "other professional": "404"},
    "request-reply": {**NOT_PROFESSIONAL, "other professional": "404"},
    "request-withdraw": {**NOT_PROFESSIONAL, "other professional": "404"},
    "holder-request": dict.fromkeys(WRONG_USERS, "404"),
    "market": {**NOT_PROFESSIONAL, "other professional": "open"},
    "market-film": {**NOT_PROFESSIONAL, "other professional": "open"},
    # The owner's signed video link is worth nothing to anyone else.
    "market-video": dict.fromkeys(WRONG_USERS, {403, 404}),
    "market-progress": {
        "anonymous": {302, 403},
        "visitor": {302, 403, 404},
        "expired professional": {302, 403, 404},
        "other professional": {403, 404},
    },
    "holder-market": dict.fromkeys(WRONG_USERS, "404"),
    "holder-market-csv": dict.fromkeys(WRONG_USERS, "404"),
    "holder-market-availability": dict.fromkeys(WRONG_USERS, "404"),
}
POST_ONLY = {
    "request-reply",
    "request-withdraw",
    "market-progress",
    "holder-market-availability",
}


def test_every_route_is_listed_here():
    names = {pattern.name for pattern in professional_urls.urlpatterns}
    assert names == set(EXPECTED), names ^ set(EXPECTED)


def _log_in(client, who: str):
    if who == "visitor":
        client.force_login(make_user("curious@example.org"))
    elif who == "expired professional":
        client.force_login(make_professional("lapsed@example.org", days_left=-1))
    elif who == "other professional":
        client.force_login(make_professional("rival@example.org", role="programmer"))


def _check(response, expected, name, who):
    where = (name, who, response.status_code)
    assert response.status_code != 500, where
    if isinstance(expected, set):
        assert response.status_code in expected, where
    elif expected == "login":
        assert response.status_code == 302, where
        assert response["Location"].startswith(LOGIN), where
    elif expected == "front":
        assert response.status_code == 302, where
        assert response["Location"] == FRONT, where
    elif expected in ("403", "404"):
        assert response.status_code == int(expected), where
    else:
        assert response.status_code in (200, 302), where
    body = b"" if response.streaming else response.content
    assert SECRET.encode() not in body, where
    assert b"webm" not in body.lower() or expected == "open", where


@pytest.mark.parametrize("who", WRONG_USERS)
def test_no_wrong_user_gets_in_anywhere(client, world, who):
    _log_in(client, who)
    arguments = _route_kwargs(world)
    for name, expected_by_user in EXPECTED.items():
        url = reverse(f"professionals:{name}", kwargs=arguments[name])
        expected = expected_by_user[who]
        if name in POST_ONLY:
            response = client.post(url, {"message": "hijack", "seconds": "9999"})
        else:
            response = client.get(url)
        _check(response, expected, name, who)

    # Nothing of the owner's changed.
    world["request"].refresh_from_db()
    assert world["request"].status == ScreenerRequest.Status.PENDING
    assert world["request"].events.count() == 1
    assert Viewing.objects.get(pk=world["viewing"].pk).seconds_watched == 0


def test_the_owner_does_get_in(client, world):
    """The control: the same routes open for the owner."""
    client.force_login(world["owner"])
    arguments = _route_kwargs(world)
    for name in ("my-request", "market-film", "delegate"):
        url = reverse(f"professionals:{name}", kwargs=arguments[name])
        response = client.get(url)
        assert response.status_code == 200, name
    page = client.get(
        reverse("professionals:my-request", kwargs=arguments["my-request"])
    )
    assert SECRET in page.content.decode()
    video = client.get(
        reverse("professionals:market-video", kwargs=arguments["market-video"])
    )
    assert video.status_code == 200
