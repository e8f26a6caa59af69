"""The market library, through its pages and services: who sees it, its
filters, the per-viewer video link and its byte ranges, the viewing log, the
rights holder's page and the viewing reports."""

import csv
import datetime
import html
import io
import re
import time

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import company_create, credit_add, film_create
from festarchive.catalogue.vocabulary import ensure_roles
from festarchive.core.models import ChangeRecord
from festarchive.festival.services import edition_create
from festarchive.professionals.market_links import (
    holder_path,
    video_token,
    video_url,
)
from festarchive.professionals.models import (
    Contact,
    FilmAvailability,
    MarketEntry,
    Viewing,
)
from festarchive.professionals.services.market import (
    PROGRESS_MARGIN_SECONDS,
    market_add,
    market_holder_link_replace,
    market_limit_roles,
    market_remove,
    market_report_send,
    market_set_screener,
    viewing_progress,
    viewing_start,
)

from .conftest import SCREENER, UPLOADED_NAME, screener_file

VIDEO = SCREENER.read_bytes()
VIDEO_SRC = re.compile(r'<video[^>]*\ssrc="([^"]+)"')
LIBRARY = reverse("professionals:market")


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def entry_url(entry) -> str:
    return reverse("professionals:market-film", kwargs={"pk": entry.pk})


def video_src(response) -> str:
    match = VIDEO_SRC.search(response.content.decode())
    assert match, "no player on the page"
    return html.unescape(match.group(1))


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def titles(response) -> list[str]:
    return sorted(item.film.title_en for item in response.context["library"].page)


def counts(response) -> dict[str, dict[str, int]]:
    return {
        facet.name: {value.value: value.count for value in facet.values}
        for facet in response.context["library"].facets
    }


def settle(*viewings, minutes_ago=60):
    """Make viewings look finished: their player last spoke a while ago."""
    Viewing.objects.filter(pk__in=[v.pk for v in viewings]).update(
        last_seen_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )


def watched(entry, viewer, seconds: int) -> Viewing:
    """A viewing of ``seconds``, started long enough ago to allow them."""
    viewing = viewing_start(entry=entry, viewer=viewer)
    Viewing.objects.filter(pk=viewing.pk).update(
        started_at=timezone.now() - datetime.timedelta(seconds=seconds + 60)
    )
    viewing.refresh_from_db()
    return viewing_progress(viewing=viewing, seconds=seconds)


@pytest.fixture
def signed_long_ago(monkeypatch):
    """Sign what is signed while the block runs ``seconds`` in the past."""

    def at(seconds):
        monkeypatch.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda self: signing.b62_encode(int(time.time()) - seconds),
        )

    yield at
    monkeypatch.undo()


# -- the library and its filters ----------------------------------------------
def test_library_lists_the_published_films_of_the_latest_edition(
    pro_client, market_edition
):
    response = pro_client.get(LIBRARY)
    assert response.status_code == 200
    assert titles(response) == [
        "Coal and Salt",
        "Long Winter",
        "Polder Light",
        "Prairie",
    ]
    assert "4 films" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_library_counts_each_filter_value(pro_client, market_edition):
    assert counts(pro_client.get(LIBRARY)) == {
        "section": {"international-competition": 2, "frontlight": 2},
        "country": {"NL": 2, "PL": 1, "UA": 1, "US": 1},
        "rights": {"theatrical": 1, "tv": 1, "vod": 1},
        "seeking": {"sales-agent": 1, "distributor": 1},
        "length": {"under-40": 1, "40-70": 1, "70-100": 1, "over-100": 1},
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("section=international-competition", ["Coal and Salt", "Polder Light"]),
        ("section=frontlight", ["Long Winter", "Prairie"]),
        ("country=NL", ["Long Winter", "Polder Light"]),
        ("country=UA&country=US", ["Coal and Salt", "Prairie"]),
        ("rights=theatrical", ["Coal and Salt"]),
        ("rights=tv&rights=theatrical", ["Coal and Salt", "Polder Light"]),
        ("seeking=sales-agent", ["Prairie"]),
        ("seeking=distributor", ["Polder Light"]),
        ("length=under-40", ["Polder Light"]),
        ("length=40-70", ["Coal and Salt"]),
        ("length=70-100", ["Prairie"]),
        ("length=over-100", ["Long Winter"]),
        ("section=frontlight&country=NL", ["Long Winter"]),
        ("country=NL&length=under-40&rights=vod", ["Polder Light"]),
        ("country=NL&seeking=sales-agent", []),
        (
            "country=XX&length=forever",
            ["Coal and Salt", "Long Winter", "Polder Light", "Prairie"],
        ),
    ],
)
def test_library_filters_combine(pro_client, market_edition, query, expected):
    response = pro_client.get(f"{LIBRARY}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_a_filter_counts_the_other_filters_values_within_it(pro_client, market_edition):
    found = counts(pro_client.get(f"{LIBRARY}?country=NL"))
    assert found["section"] == {"international-competition": 1, "frontlight": 1}
    assert found["length"] == {"under-40": 1, "over-100": 1}
    # Its own values keep their counts: choosing another one widens the list.
    assert found["country"] == {"NL": 2, "PL": 1, "UA": 1, "US": 1}


def test_library_filters_are_plain_links_with_chips_to_remove_them(
    pro_client, market_edition
):
    page = pro_client.get(f"{LIBRARY}?country=NL").content.decode()
    assert 'href="?country=NL&amp;length=under-40"' in page
    assert 'href="?country=NL&amp;section=frontlight"' not in page  # facet order
    assert 'href="?section=frontlight&amp;country=NL"' in page
    # The chip and the active value both lead back to the whole library.
    assert page.count('href="?"') == 2
    assert "Production country: Netherlands" in page


def test_library_says_so_when_no_film_matches(pro_client, market_edition):
    page = pro_client.get(f"{LIBRARY}?country=NL&seeking=sales-agent").content
    assert "No films of the market library match these filters." in page.decode()
    assert "Remove Looking for: Seeking a sales agent" in page.decode()


def test_library_shows_one_edition_at_a_time(pro_client, market_edition):
    older = edition_create(festival=market_edition.edition.festival, year=2024)
    market_add(film=film_create(title_en="Old Harbour", year=2024), edition=older)
    assert "Old Harbour" not in titles(pro_client.get(LIBRARY))
    response = pro_client.get(f"{LIBRARY}?edition={older.slug}")
    assert titles(response) == ["Old Harbour"]
    assert f'href="?edition={older.slug}"' in response.content.decode()


def test_staff_see_unpublished_films_in_the_library(staff_user, market_edition):
    response = login(staff_user).get(LIBRARY)
    assert "Hidden Film" in titles(response)
    assert "Not published" in response.content.decode()


def test_library_marks_films_the_holder_limited_to_other_roles(
    pro_client, other_professional, market_edition
):
    programmer = {
        item.film.title_en: item.limited
        for item in pro_client.get(LIBRARY).context["library"].page
    }
    assert programmer["Coal and Salt"] is True
    assert programmer["Polder Light"] is False
    assert "Limited by the rights holder" in pro_client.get(LIBRARY).content.decode()
    distributor = login(other_professional).get(LIBRARY).content.decode()
    assert "Limited by the rights holder" not in distributor


# -- who gets in --------------------------------------------------------------
def test_anonymous_visitors_are_asked_to_log_in(client, watchable):
    for url in (LIBRARY, entry_url(watchable)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not Viewing.objects.exists()


@pytest.mark.parametrize("who", ["visitor_user", "expired_professional"])
def test_visitors_and_expired_professionals_are_sent_to_apply(request, who, watchable):
    client = login(request.getfixturevalue(who))
    for url in (LIBRARY, entry_url(watchable)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("professionals:home")
    assert not Viewing.objects.exists()


def test_a_role_the_holder_did_not_choose_gets_no_player(
    pro_client, professional, limited
):
    response = pro_client.get(entry_url(limited))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<video" not in page
    assert "The rights holder has limited online viewing of this film." in page
    assert "Only these professionals may watch it: Distributor." in page
    assert not Viewing.objects.exists()
    # A link signed for them anyway is refused.
    refused = pro_client.get(video_url(entry=limited, viewer=professional))
    assert refused.status_code == 403
    assert VIDEO[:64] not in body(refused)


def test_the_chosen_role_gets_the_player(other_professional, limited):
    response = login(other_professional).get(entry_url(limited))
    assert "<video" in response.content.decode()
    assert Viewing.objects.filter(entry=limited, viewer=other_professional).count() == 1


def test_an_unpublished_film_is_only_found_by_staff(
    pro_client, staff_user, market_edition
):
    hidden = market_edition.entries["Hidden Film"]
    assert pro_client.get(entry_url(hidden)).status_code == 404
    assert login(staff_user).get(entry_url(hidden)).status_code == 200


# -- the signed video link ----------------------------------------------------
def test_the_player_streams_the_screener_to_its_viewer(pro_client, watchable):
    page = pro_client.get(entry_url(watchable))
    assert page["Cache-Control"] == "private, no-store"
    response = pro_client.get(video_src(page))
    assert response.status_code == 200
    assert body(response) == VIDEO
    assert response["Content-Type"] == "video/webm"
    assert response["Content-Length"] == str(len(VIDEO))
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == "inline"
    assert response["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(
    ("asked", "start", "end"),
    [
        ("bytes=100-199", 100, 199),
        ("bytes=0-0", 0, 0),
        ("bytes=50000-", 50000, len(VIDEO) - 1),
        ("bytes=-500", len(VIDEO) - 500, len(VIDEO) - 1),
        (f"bytes=90000-{10**9}", 90000, len(VIDEO) - 1),
    ],
)
def test_the_stream_answers_a_range_with_206_and_those_bytes(
    pro_client, watchable, asked, start, end
):
    source = video_src(pro_client.get(entry_url(watchable)))
    response = pro_client.get(source, HTTP_RANGE=asked)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(VIDEO)}"
    assert response["Content-Length"] == str(end - start + 1)
    assert body(response) == VIDEO[start : end + 1]


def test_a_range_past_the_end_gets_416_and_no_bytes(pro_client, watchable):
    source = video_src(pro_client.get(entry_url(watchable)))
    response = pro_client.get(source, HTTP_RANGE=f"bytes={len(VIDEO)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"
    assert body(response) == b""


def test_several_ranges_or_a_stale_if_range_get_the_whole_file(pro_client, watchable):
    source = video_src(pro_client.get(entry_url(watchable)))
    several = pro_client.get(source, HTTP_RANGE="bytes=0-9,20-29")
    assert several.status_code == 200
    assert body(several) == VIDEO
    etag = several["ETag"]
    assert (
        pro_client.get(source, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag).status_code
        == 206
    )
    stale = pro_client.get(source, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"other"')
    assert stale.status_code == 200


def test_the_link_is_useless_to_another_professional(
    pro_client, other_professional, watchable
):
    source = video_src(pro_client.get(entry_url(watchable)))
    response = login(other_professional).get(source, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 403
    assert VIDEO[:64] not in body(response)


def test_the_link_is_useless_without_logging_in(pro_client, watchable):
    source = video_src(pro_client.get(entry_url(watchable)))
    response = Client().get(source)
    assert response.status_code == 403
    assert VIDEO[:64] not in body(response)


def test_the_link_stops_working_after_its_time(
    settings, pro_client, watchable, signed_long_ago
):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "market_video_link_seconds": 30,
    }
    signed_long_ago(20)
    fresh = video_src(pro_client.get(entry_url(watchable)))
    signed_long_ago(40)
    stale = video_src(pro_client.get(entry_url(watchable)))
    assert pro_client.get(fresh).status_code == 200
    response = pro_client.get(stale)
    assert response.status_code == 403
    assert VIDEO[:64] not in body(response)


def test_a_tampered_link_is_refused(
    pro_client, professional, other_professional, watchable
):
    source = video_src(pro_client.get(entry_url(watchable)))
    token = source.rstrip("/").rsplit("/", 1)[-1]
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    # The other professional's own signed token, its payload swapped in.
    theirs = video_token(entry=watchable, viewer=other_professional)
    swapped = theirs.split(":")[0] + ":" + ":".join(token.split(":")[1:])
    for bad in (flipped, swapped, "not-a-token", token + "x"):
        url = reverse("professionals:market-video", kwargs={"token": bad})
        response = pro_client.get(url)
        assert response.status_code == 403, bad
        assert VIDEO[:64] not in body(response)


def test_a_link_stops_working_when_the_holder_limits_the_film(pro_client, watchable):
    source = video_src(pro_client.get(entry_url(watchable)))
    market_limit_roles(entry=watchable, roles=["broadcaster"])
    assert pro_client.get(source).status_code == 403


def test_a_link_signed_by_another_salt_is_refused(pro_client, professional, watchable):
    token = signing.dumps({"e": watchable.pk, "v": professional.pk})
    url = reverse("professionals:market-video", kwargs={"token": token})
    assert pro_client.get(url).status_code == 403


def test_no_page_names_where_the_screener_is_stored(
    professional, staff_user, market_edition, watchable
):
    stored = watchable.screener.name
    assert stored.startswith("screeners/")
    file_name = stored.rsplit("/", 1)[-1]
    holder = Client()
    pro_client = login(professional)
    staff_user.is_superuser = True
    staff_user.save()
    staff_client = login(staff_user)
    pages = [
        pro_client.get(LIBRARY),
        pro_client.get(entry_url(watchable)),
        pro_client.get(watchable.film.get_absolute_url()),
        holder.get(holder_path(watchable)),
        staff_client.get(entry_url(watchable)),
        staff_client.get(watchable.film.get_absolute_url()),
        staff_client.get(reverse("admin:professionals_marketentry_changelist")),
        staff_client.get(
            reverse("admin:professionals_marketentry_change", args=[watchable.pk])
        ),
        staff_client.get(reverse("admin:professionals_viewing_changelist")),
    ]
    for response in pages:
        assert response.status_code == 200, response.wsgi_request.path
        text = response.content.decode()
        for secret in ("screeners/", file_name, "no-public-address", UPLOADED_NAME):
            assert secret not in text, (secret, response.wsgi_request.path)


# -- the viewing log ----------------------------------------------------------
def test_opening_the_player_logs_a_viewing(pro_client, professional, watchable):
    pro_client.get(entry_url(watchable))
    pro_client.get(entry_url(watchable))
    viewings = Viewing.objects.filter(entry=watchable, viewer=professional)
    assert viewings.count() == 2
    assert {v.seconds_watched for v in viewings} == {0}


def test_the_player_shows_the_viewers_watermark(pro_client, professional, watchable):
    page = pro_client.get(entry_url(watchable)).content.decode()
    viewing = Viewing.objects.get(viewer=professional)
    mark = re.search(r'<p class="market-watermark"[^>]*>(.*?)</p>', page).group(1)
    assert "<span>Pro</span>" in mark
    assert "<span>Docs Festival</span>" in mark
    assert f"<span>Viewing {viewing.pk}</span>" in mark
    assert "pro@example.org" not in mark
    assert "festarchive/professionals/market.js" in page


def _progress(client, viewing, seconds):
    return client.post(
        reverse("professionals:market-progress", kwargs={"pk": viewing.pk}),
        {"seconds": seconds},
    )


def test_progress_only_grows_and_never_past_the_clock(
    pro_client, professional, watchable
):
    pro_client.get(entry_url(watchable))
    viewing = Viewing.objects.get(viewer=professional)
    assert _progress(pro_client, viewing, 4).json()["data"]["seconds_watched"] == 4
    assert _progress(pro_client, viewing, 2).json()["data"]["seconds_watched"] == 4
    # Just opened: a player claiming an hour is believed as far as the clock.
    claimed = _progress(pro_client, viewing, 3600).json()["data"]["seconds_watched"]
    assert 4 <= claimed <= PROGRESS_MARGIN_SECONDS + 2
    Viewing.objects.filter(pk=viewing.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert _progress(pro_client, viewing, 250).json()["data"]["seconds_watched"] == 250
    viewing.refresh_from_db()
    assert viewing.seconds_watched == 250


def test_progress_answers_with_a_fresh_link_that_works(
    pro_client, professional, watchable
):
    pro_client.get(entry_url(watchable))
    viewing = Viewing.objects.get(viewer=professional)
    reply = _progress(pro_client, viewing, 1)
    assert reply["Cache-Control"] == "private, no-store"
    source = reply.json()["data"]["source"]
    assert pro_client.get(source, HTTP_RANGE="bytes=0-9").status_code == 206


def test_progress_is_only_taken_from_the_viewer(
    pro_client, professional, other_professional, watchable
):
    pro_client.get(entry_url(watchable))
    viewing = Viewing.objects.get(viewer=professional)
    assert _progress(login(other_professional), viewing, 5).status_code == 404
    assert _progress(Client(), viewing, 5).status_code == 403
    assert _progress(pro_client, viewing, "a lot").status_code == 400
    assert (
        pro_client.get(
            reverse("professionals:market-progress", kwargs={"pk": viewing.pk})
        ).status_code
        == 405
    )
    viewing.refresh_from_db()
    assert viewing.seconds_watched == 0


def test_progress_needs_the_csrf_token(professional, watchable):
    client = Client(enforce_csrf_checks=True)
    client.force_login(professional)
    client.get(entry_url(watchable))
    viewing = Viewing.objects.get(viewer=professional)
    assert _progress(client, viewing, 5).status_code == 403
    token = client.cookies["csrftoken"].value  # set by the player's page
    answer = client.post(
        reverse("professionals:market-progress", kwargs={"pk": viewing.pk}),
        {"seconds": 5},
        HTTP_X_CSRFTOKEN=token,
    )
    assert answer.status_code == 200


def test_a_viewing_cannot_start_without_access(
    professional, visitor_user, limited, market_edition
):
    no_screener = market_edition.entries["Prairie"]
    for entry, viewer in [
        (limited, professional),
        (no_screener, professional),
        (market_edition.entries["Polder Light"], visitor_user),
    ]:
        with pytest.raises(PermissionDenied):
            viewing_start(entry=entry, viewer=viewer)
    assert not Viewing.objects.exists()


# -- the rights holder's page -------------------------------------------------
def test_the_holder_page_lists_viewings_without_e_mail_addresses(
    client, professional, other_professional, staff_user, watchable
):
    watched(watchable, professional, 600)
    watched(watchable, other_professional, 95)
    watched(watchable, staff_user, 30)  # staff checking: not reported
    response = client.get(holder_path(watchable))
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]
    rows = response.context["rows"]
    assert [(r.viewer, r.organisation, r.role, r.minutes) for r in rows] == [
        ("Pro", "Docs Festival", "Festival programmer", 10),
        ("Other", "Docs Festival", "Distributor", 2),
    ]
    assert "Netherlands" in page
    for address in ("pro@example.org", "other@example.org", "market-staff"):
        assert address not in page


def test_the_holder_csv_has_a_row_per_viewing_and_no_addresses(
    client, professional, watchable
):
    watched(watchable, professional, 125)
    token = holder_path(watchable).rstrip("/").rsplit("/", 1)[-1]
    response = client.get(
        reverse("professionals:holder-market-csv", kwargs={"token": token})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][1:] == [
        "Viewer",
        "Organisation",
        "Role",
        "Country",
        "Minutes watched",
    ]
    assert rows[1][1:] == [
        "Pro",
        "Docs Festival",
        "Festival programmer",
        "Netherlands",
        "2",
    ]
    assert "@" not in response.content.decode()


def test_a_bad_holder_link_gets_a_page_that_says_what_to_do(client, watchable):
    good = holder_path(watchable)
    for bad in (good[:-3] + "xyz/", good.replace("holder/market/", "holder/market/x")):
        response = client.get(bad)
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    other_salt = signing.dumps({"e": watchable.pk, "k": watchable.holder_key})
    assert (
        client.get(
            reverse("professionals:holder-market", kwargs={"token": other_salt})
        ).status_code
        == 404
    )


def test_a_replaced_holder_link_stops_working(client, watchable):
    old = holder_path(watchable)
    market_holder_link_replace(entry=watchable)
    assert client.get(old).status_code == 404
    assert client.get(holder_path(watchable)).status_code == 200


def test_a_holder_link_works_for_90_days(client, watchable, signed_long_ago):
    signed_long_ago(89 * 24 * 3600)
    recent = holder_path(watchable)
    signed_long_ago(91 * 24 * 3600)
    old = holder_path(watchable)
    signed_long_ago(0)
    assert client.get(recent).status_code == 200
    assert client.get(old).status_code == 404


def test_a_holder_link_opens_its_own_film_only(client, market_edition):
    polder = market_edition.entries["Polder Light"]
    long_winter = market_edition.entries["Long Winter"]
    forged = signing.dumps(
        {"e": long_winter.pk, "k": polder.holder_key},
        salt="festarchive.professionals.market.holder",
    )
    url = reverse("professionals:holder-market", kwargs={"token": forged})
    assert client.get(url).status_code == 404


def test_the_holder_limits_the_film_to_chosen_roles(
    pro_client, other_professional, watchable
):
    client = Client()  # the holder, who has no account
    url = holder_path(watchable)
    response = client.post(url, {"roles": ["distributor", "broadcaster"]})
    assert response.status_code == 302
    watchable.refresh_from_db()
    assert watchable.allowed_roles == ["distributor", "broadcaster"]
    record = ChangeRecord.objects.filter(action="professionals.market.limited").first()
    assert record.data == {"roles": ["distributor", "broadcaster"], "by_holder": True}
    assert record.by is None
    page = client.get(url).content.decode()
    assert (
        "Saved. Only these professionals may watch the film: Distributor, Broadcaster."
        in page
    )
    assert "<video" not in pro_client.get(entry_url(watchable)).content.decode()
    assert (
        "<video" in login(other_professional).get(entry_url(watchable)).content.decode()
    )
    # No box ticked: everyone again.
    client.post(url, {})
    watchable.refresh_from_db()
    assert watchable.allowed_roles == []


def test_the_holder_form_passes_the_csrf_check_of_a_real_browser(watchable):
    """The page's referrer policy lets the browser send its Origin with the
    form, which the CSRF check compares with the site's."""
    client = Client(enforce_csrf_checks=True)
    url = holder_path(watchable)
    client.get(url)
    response = client.post(
        url,
        {"roles": ["press"], "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302
    watchable.refresh_from_db()
    assert watchable.allowed_roles == ["press"]


def test_the_holder_form_refuses_roles_that_do_not_exist(client, watchable):
    response = client.post(holder_path(watchable), {"roles": ["astronaut"]})
    assert response.status_code == 200
    assert response.context["form"].errors["roles"]
    watchable.refresh_from_db()
    assert watchable.allowed_roles == []


# -- viewing reports ----------------------------------------------------------
def _report_rows(message) -> list[list[str]]:
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "text/csv"
    assert name.endswith(".csv")
    return list(csv.reader(io.StringIO(content)))


def test_the_report_mails_the_holder_a_csv_in_english(
    professional, other_professional, staff_user, watchable
):
    first = watched(watchable, professional, 600)
    second = watched(watchable, other_professional, 95)
    staff = watched(watchable, staff_user, 30)
    settle(first, second, staff)
    with translation.override("nl"):
        assert market_report_send(entry=watchable) == 2
    (message,) = mail.outbox
    assert message.to == ["sales@docs.example"]
    assert message.subject == (
        "Polder Light: 2 new viewings in the IDFA 2025 market library"
    )
    assert "Dear Docs Sales," in message.body
    assert (
        "opened the screener of Polder Light in the IDFA 2025 market library 2 times"
        in message.body
    )
    rows = _report_rows(message)
    assert rows[0] == [
        "Date and time (Europe/Amsterdam)",
        "Viewer",
        "Organisation",
        "Role",
        "Country",
        "Minutes watched",
    ]
    assert [row[1:] for row in rows[1:]] == [
        ["Pro", "Docs Festival", "Festival programmer", "Netherlands", "10"],
        ["Other", "Docs Festival", "Distributor", "Netherlands", "2"],
    ]
    started = timezone.localtime(first.started_at).strftime("%Y-%m-%d %H:%M")
    assert rows[1][0] == started
    for address in ("pro@example.org", "other@example.org", "@"):
        assert address not in message.attachments[0][1]
        assert address not in message.body.replace("sales@docs.example", "")
    record = ChangeRecord.objects.get(action="professionals.market.report_sent")
    assert record.data == {"through_viewing": second.pk, "viewings": 2}


def test_the_command_reports_only_new_viewings(
    professional, other_professional, watchable, limited
):
    settle(
        watched(watchable, professional, 300),
        watched(watchable, other_professional, 60),
    )
    call_command("send_viewing_reports", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert len(_report_rows(mail.outbox[0])) == 3

    call_command("send_viewing_reports", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # nothing new

    latest = watched(watchable, professional, 120)
    playing = watched(limited, other_professional, 30)  # still playing
    call_command("send_viewing_reports", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # both are still playing
    settle(latest, playing)
    out = io.StringIO()
    call_command("send_viewing_reports", stdout=out)
    assert len(mail.outbox) == 3
    by_film = {m.subject.split(":")[0]: _report_rows(m) for m in mail.outbox[1:]}
    assert [row[1] for row in by_film["Polder Light"][1:]] == ["Pro"]
    assert [row[1] for row in by_film["Coal and Salt"][1:]] == ["Other"]
    assert "Sent 2 viewing reports." in out.getvalue()


def test_a_viewing_still_playing_holds_back_those_after_it(
    professional, other_professional, watchable
):
    playing = watched(watchable, professional, 60)
    done = watched(watchable, other_professional, 60)
    settle(done)
    assert market_report_send(entry=watchable) == 0
    settle(playing)
    assert market_report_send(entry=watchable) == 2


def test_no_report_without_a_holder_address(professional, watchable):
    settle(watched(watchable, professional, 60))
    MarketEntry.objects.filter(pk=watchable.pk).update(holder_email="")
    watchable.refresh_from_db()
    assert market_report_send(entry=watchable) == 0
    call_command("send_viewing_reports", stdout=io.StringIO())
    assert mail.outbox == []


def test_the_report_links_to_the_holder_page_on_the_site_address(
    settings, professional, watchable, client
):
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "SITE_URL": "https://archive.example.org",
    }
    settle(watched(watchable, professional, 60))
    market_report_send(entry=watchable)
    link = re.search(r"https://archive\.example\.org(/\S+)", mail.outbox[0].body).group(
        1
    )
    assert client.get(link).status_code == 200


# -- services -----------------------------------------------------------------
def test_market_add_takes_the_films_credited_holder(market_edition):
    ensure_roles()
    film = film_create(title_en="Sea Change", year=2025)
    company = company_create(name="Wave Sales", kind="sales")
    Contact.objects.create(company=company, email="hello@wave.example")
    credit_add(film=film, role=Role.objects.get(slug="world-sales"), company=company)
    entry = market_add(film=film, edition=market_edition.edition)
    assert (entry.holder_name, entry.holder_email) == (
        "Wave Sales",
        "hello@wave.example",
    )
    record = ChangeRecord.objects.filter(action="professionals.market.added").first()
    assert record.object_id == str(entry.pk)


def test_market_add_refuses_a_film_twice_and_a_file_that_is_no_video(
    market_edition, watchable
):
    with pytest.raises(ValidationError):
        market_add(film=watchable.film, edition=watchable.edition)
    film = film_create(title_en="Not a Video")
    storage = watchable.screener.storage
    before = set(storage.listdir("screeners")[1])
    with pytest.raises(ValidationError, match="not an MP4 or WebM video"):
        market_add(
            film=film,
            edition=watchable.edition,
            screener=ContentFile(b"%PDF-1.4 nothing to see", name="film.webm"),
        )
    assert not MarketEntry.objects.filter(film=film).exists()
    assert set(storage.listdir("screeners")[1]) == before


def test_the_screener_is_stored_under_a_name_of_its_content(watchable):
    name = watchable.screener.name
    assert re.fullmatch(r"screeners/[0-9a-f]{20}(_\w+)?\.webm", name)
    with watchable.screener.open("rb") as stored:
        assert stored.read() == VIDEO


def test_market_limit_roles_takes_only_professional_roles(watchable):
    with pytest.raises(ValidationError):
        market_limit_roles(entry=watchable, roles=["distributor", "astronaut"])
    entry = market_limit_roles(entry=watchable, roles=["press", "programmer", "press"])
    assert entry.allowed_roles == ["programmer", "press"]


def test_replacing_and_removing_screeners_delete_their_files(
    watchable, django_capture_on_commit_callbacks
):
    storage = watchable.screener.storage
    old = watchable.screener.name
    with django_capture_on_commit_callbacks(execute=True):
        market_set_screener(
            entry=watchable,
            screener=ContentFile(VIDEO + b"\0", name="new.webm"),
        )
    assert not storage.exists(old)
    new = watchable.screener.name
    assert storage.exists(new)
    with django_capture_on_commit_callbacks(execute=True):
        market_remove(entry=watchable)
    assert not storage.exists(new)
    assert not MarketEntry.objects.filter(pk=watchable.pk).exists()
    record = ChangeRecord.objects.filter(action="professionals.market.removed").first()
    assert record is not None


# -- the film page's panel ----------------------------------------------------
def test_the_film_page_links_professionals_to_the_player(
    pro_client, watchable, limited, staff_user
):
    link = entry_url(watchable)
    assert link in pro_client.get(watchable.film.get_absolute_url()).content.decode()
    assert (
        "Watch in the market library"
        in pro_client.get(watchable.film.get_absolute_url()).content.decode()
    )
    # Not for a role the holder did not choose, nor for visitors.
    assert (
        "Watch in the market library"
        not in pro_client.get(limited.film.get_absolute_url()).content.decode()
    )
    assert (
        "Market library"
        not in Client().get(watchable.film.get_absolute_url()).content.decode()
    )
    staff_page = login(staff_user).get(limited.film.get_absolute_url()).content.decode()
    assert (
        "For staff: in the market library of IDFA 2025, with a screener." in staff_page
    )


def test_the_film_page_has_no_link_without_a_screener(pro_client, market_edition):
    prairie = market_edition.films["Prairie"]
    assert (
        "Watch in the market library"
        not in pro_client.get(prairie.get_absolute_url()).content.decode()
    )


# -- the admin ----------------------------------------------------------------
def test_staff_add_a_film_with_its_screener_in_the_admin(staff_client, market_edition):
    film = film_create(title_en="Admin Upload", year=2025)
    response = staff_client.post(
        reverse("admin:professionals_marketentry_add"),
        {
            "film": film.pk,
            "edition": market_edition.edition.pk,
            "holder_name": "Upload Sales",
            "holder_email": "upload@sales.example",
            "allowed_roles": ["press"],
            "new_screener": screener_file(),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = MarketEntry.objects.get(film=film)
    assert entry.allowed_roles == ["press"]
    assert entry.screener.name.startswith("screeners/")
    actions = set(
        ChangeRecord.objects.filter(object_id=str(entry.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"professionals.market.added", "professionals.market.limited"} <= actions
    change = staff_client.get(
        reverse("admin:professionals_marketentry_change", args=[entry.pk])
    ).content.decode()
    assert "A WEBM video of" in change
    assert "/holder/market/" in change


def test_the_viewing_log_is_read_only_in_the_admin(
    staff_client, professional, watchable
):
    viewing = watched(watchable, professional, 60)
    changelist = reverse("admin:professionals_viewing_changelist")
    response = staff_client.get(
        changelist, {"entry__edition__id__exact": watchable.edition_id}
    )
    assert response.status_code == 200
    assert "Pro &lt;pro@example.org&gt;" in response.content.decode()
    change = reverse("admin:professionals_viewing_change", args=[viewing.pk])
    assert staff_client.post(change, {}).status_code == 403
    assert (
        staff_client.get(reverse("admin:professionals_viewing_add")).status_code == 403
    )


def test_screeners_go_to_the_private_storage_configured_now(watchable, settings):
    """The file field looks the storage up when it is used, not at import:
    each test's private folder holds its own screeners."""
    location = settings.STORAGES["private"]["OPTIONS"]["location"]
    assert (location / watchable.screener.name).is_file()
    assert watchable.screener.storage.location == str(location)


def test_the_holder_states_what_is_available(pro_client, watchable):
    """From their page, without an account; professionals see it on the
    film's page and find the film by it; a bad entry loses nothing."""
    client = Client()
    url = holder_path(watchable) + "availability/"
    bad = client.post(url, {"rights": ["vod"], "territories": "NL XX"})
    assert bad.status_code == 200
    assert "Not a country code: XX." in bad.content.decode()
    availability = FilmAvailability.objects.get(film=watchable.film)
    assert availability.rights == ["tv", "vod"]  # as before

    response = client.post(
        url,
        {
            "rights": ["theatrical"],
            "territories": "be, lu",
            "seeking": ["broadcaster"],
            "note": "TV rights in Benelux are taken.",
        },
    )
    assert response.status_code == 302
    availability.refresh_from_db()
    assert availability.rights == ["theatrical"]
    assert availability.territories == ["BE", "LU"]
    record = ChangeRecord.objects.filter(
        action="professionals.availability.changed"
    ).first()
    assert record.data["by_holder"] is True and record.by is None
    page = pro_client.get(watchable.film.get_absolute_url()).content.decode()
    assert "TV rights in Benelux are taken." in page and "Luxembourg" in page
    assert (
        client.post("/en/holder/market/not-a-token/availability/", {}).status_code
        == 404
    )
    assert client.get(url).status_code == 405
