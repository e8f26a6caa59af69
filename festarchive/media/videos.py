"""Links to hosted videos: which site, which video, and how to embed it.

Staff paste whatever address their browser shows; it is reduced to the site
and the video's id, and the page embeds the player from the site's
privacy-enhanced address (youtube-nocookie.com; Vimeo with ``dnt=1``), and only
after the visitor clicks play, so no request reaches the video site before that.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.utils.translation import gettext as _

from festarchive.core.numbers import parse_int

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
# ASCII digits only, as in core.numbers.
_START = re.compile(r"^(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s?)?$")


class VideoLinkError(ValueError):
    """An address that is not a YouTube or Vimeo video."""


@dataclass(frozen=True)
class VideoLink:
    site: str  # "youtube" or "vimeo"
    video_id: str
    start: int = 0  # seconds into the video
    private_hash: str = ""  # Vimeo's key for an unlisted video

    @property
    def site_name(self) -> str:
        return {"youtube": "YouTube", "vimeo": "Vimeo"}[self.site]

    @property
    def watch_url(self) -> str:
        """The video on its own site: the link that works without JavaScript."""
        if self.site == "youtube":
            extra = f"&t={self.start}s" if self.start else ""
            return f"https://www.youtube.com/watch?v={self.video_id}{extra}"
        path = (
            f"{self.video_id}/{self.private_hash}"
            if self.private_hash
            else self.video_id
        )
        return f"https://vimeo.com/{path}"

    @property
    def embed_url(self) -> str:
        """The player, from the privacy-enhanced address, playing at once: it
        is only loaded when the visitor has clicked play."""
        if self.site == "youtube":
            query = {"autoplay": 1, "rel": 0}
            if self.start:
                query["start"] = self.start
            return (
                f"https://www.youtube-nocookie.com/embed/{self.video_id}"
                f"?{urlencode(query)}"
            )
        query = {"autoplay": 1, "dnt": 1}
        if self.private_hash:
            query = {"h": self.private_hash, **query}
        return f"https://player.vimeo.com/video/{self.video_id}?{urlencode(query)}"


def _seconds(value: str) -> int:
    match = _START.match(value or "")
    if not match or not any(match.groups()):
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def parse_video_url(url: str) -> VideoLink:
    """The YouTube or Vimeo video ``url`` points at, or VideoLinkError."""
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower()
    path = [p for p in parts.path.split("/") if p]
    query = parse_qs(parts.query)
    if parts.scheme not in ("http", "https") or not host:
        raise VideoLinkError(_("Paste the full address, starting with https://."))
    start = _seconds((query.get("t") or query.get("start") or [""])[0])
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        if host == "youtu.be":
            video_id = path[0] if path else ""
        elif path[:1] == ["watch"]:
            video_id = (query.get("v") or [""])[0]
        elif len(path) >= 2 and path[0] in ("embed", "shorts", "live", "v"):
            video_id = path[1]
        else:
            video_id = ""
        if not _YOUTUBE_ID.match(video_id):
            raise VideoLinkError(
                _(
                    "This YouTube address does not name a video: copy it from the video's own page."
                )
            )
        return VideoLink("youtube", video_id, start=start)
    if host in _VIMEO_HOSTS:
        numbers = [i for i, p in enumerate(path) if parse_int(p) is not None]
        if not numbers:
            raise VideoLinkError(
                _(
                    "This Vimeo address does not name a video: copy it from the video's own page."
                )
            )
        index = numbers[-1]
        private_hash = (query.get("h") or [""])[0]
        following = path[index + 1 : index + 2]
        if (
            not private_hash
            and following
            and re.fullmatch(r"[0-9a-f]{6,}", following[0])
        ):
            private_hash = following[0]
        return VideoLink("vimeo", path[index], start=start, private_hash=private_hash)
    raise VideoLinkError(
        _(
            "Only YouTube and Vimeo videos can be linked; upload other videos as MP4 files."
        )
    )
