"""What every page a rights holder opens from an e-mail link carries: its
address is the key to it, so no cache keeps it, no search engine lists it,
and no other site is told it as a Referer."""

from django.http import HttpResponse


def holder_headers(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # "same-origin", not "no-referrer": with no referrer at all, browsers send
    # "Origin: null" with the page's own forms, which the CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    return response
