"""The star that puts a screening on the visitor's "My festival" plan.

``{% star_button screening %}`` renders a form for a signed-in visitor (htmx
swaps it in place; without JavaScript it posts and comes back) and, for
anyone else, a link to log in that leads back to the page. The ids of the
visitor's planned screenings are read once a request (``plans.planned_ids``);
an anonymous page costs no query and is the same for every visitor, so it can
be cached.
"""

from django import template

from ..plans import planned_ids

register = template.Library()


def star_context(
    request, screening, *, is_planned: bool, htmx: bool = True, next_url: str = ""
) -> dict:
    """What ``programme/_star.html`` needs; the star view renders it too, with
    the page the star is on as ``next_url`` (its own address is the star's)."""
    return {
        "screening": screening,
        "is_planned": is_planned,
        "htmx": htmx,
        "next_url": next_url or request.get_full_path(),
        "request": request,
    }


@register.inclusion_tag("programme/_star.html", takes_context=True)
def star_button(context, screening, htmx=True):
    request = context["request"]
    return {
        **star_context(
            request,
            screening,
            is_planned=screening.pk in planned_ids(request),
            htmx=htmx,
        ),
        "csrf_token": context.get("csrf_token"),
    }
