"""The market library's two signed links.

A screener's video link is signed for one viewer and works for a few minutes
(``market_video_link_seconds``): copied into another browser, mailed on or
found in a history, it is useless to anyone else and soon to its viewer too.

A rights holder's link opens their film's viewing report without an account.
It carries the entry's ``holder_key``: giving the entry a new key retires
every link sent before, whatever its age.

Each link has a salt of its own, so a value signed for one can never pass
for the other (nor for any other signed value of the site).
"""

import datetime

from django.core import signing
from django.urls import reverse

from festarchive.core.limits import limit

from .models import MarketEntry

VIDEO_SALT = "festarchive.professionals.market.video"
HOLDER_SALT = "festarchive.professionals.market.holder"
HOLDER_LINK_DAYS = 90


def video_token(*, entry: MarketEntry, viewer) -> str:
    """A token naming ``entry`` and ``viewer``, with the time it was signed."""
    return signing.dumps({"e": entry.pk, "v": viewer.pk}, salt=VIDEO_SALT)


def video_url(*, entry: MarketEntry, viewer) -> str:
    return reverse(
        "professionals:market-video",
        kwargs={"token": video_token(entry=entry, viewer=viewer)},
    )


def video_token_read(token: str) -> tuple[int, int] | None:
    """(entry pk, viewer pk) of a token signed less than the limit ago; None
    for a token that is expired, tampered with or not ours."""
    try:
        data = signing.loads(
            token, salt=VIDEO_SALT, max_age=limit("market_video_link_seconds")
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict):
        return None
    entry_pk, viewer_pk = data.get("e"), data.get("v")
    if type(entry_pk) is not int or type(viewer_pk) is not int:
        return None
    return entry_pk, viewer_pk


def holder_token(entry: MarketEntry) -> str:
    return signing.dumps({"e": entry.pk, "k": entry.holder_key}, salt=HOLDER_SALT)


def holder_path(entry: MarketEntry) -> str:
    """The holder's page of ``entry``, signed now."""
    return reverse("professionals:holder-market", kwargs={"token": holder_token(entry)})


def holder_entry(token: str) -> MarketEntry | None:
    """The entry a holder's token names, if the token is ours, younger than
    ``HOLDER_LINK_DAYS`` and carries the entry's current holder key."""
    try:
        data = signing.loads(
            token,
            salt=HOLDER_SALT,
            max_age=datetime.timedelta(days=HOLDER_LINK_DAYS),
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    entry_pk, key = data.get("e"), data.get("k")
    if type(entry_pk) is not int or not isinstance(key, str) or not key:
        return None
    return (
        MarketEntry.objects.select_related("film", "edition__festival")
        .filter(pk=entry_pk, holder_key=key)
        .first()
    )
