"""The star that puts a screening on the visitor's "My festival" plan.

``{% star_button screening %}`` renders a form for a signed-in visitor (htmx
swaps it in place; without JavaScript it posts and comes back) and, for
anyone else, a link to log in that leads back to the page. The ids of the
visitor's planned screenings are read once a request (``plans.planned_ids``);
an anonymous page costs no query and is the same for every visitor, so it can
be cached.
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import date_format

from ..clock import festival_zone
from ..plans import planned_ids

register = template.Library()


def _login_url(request) -> str:
    """The log-in link that leads back to this page: the same for every star
    on it, so made once a request (a timetable has hundreds of stars)."""
    try:
        return request._star_login_url
    except AttributeError:
        path = quote(request.get_full_path(), safe="/")
        request._star_login_url = f"{reverse('account_login')}?next={path}"
        return request._star_login_url


def star_context(
    request, screening, *, is_planned: bool, htmx: bool = True, next_url: str = ""
) -> dict:
    """What ``programme/_star.html`` needs; the star view renders it too, with
    the page the star is on as ``next_url`` (its own address is the star's)."""
    signed_in = request.user.is_authenticated
    return {
        "screening": screening,
        "title": screening.title,
        "when": date_format(
            screening.starts_at.astimezone(festival_zone()), "D j M, H:i"
        ),
        "is_planned": is_planned,
        "signed_in": signed_in,
        "htmx": htmx,
        "action": reverse("programme:planner-star", kwargs={"uid": screening.uid})
        if signed_in
        else "",
        "next_url": (next_url or request.get_full_path()) if signed_in else "",
        "login_url": "" if signed_in else _login_url(request),
    }


@register.inclusion_tag("programme/_star.html", takes_context=True)
def star_button(context, screening, htmx=True):
    request = context["request"]
    # The visitor's stars are read once a request, not once a star.
    return {
        **star_context(
            request,
            screening,
            is_planned=screening.pk in planned_ids(request),
            htmx=htmx,
        ),
        "csrf_token": context.get("csrf_token"),
    }
