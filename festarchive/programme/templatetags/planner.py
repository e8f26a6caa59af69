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


def star_context(request, screening, *, is_planned: bool, htmx: bool = True) -> dict:
    """What ``programme/_star.html`` needs; the star view renders it too."""
    return {
        "screening": screening,
        "is_planned": is_planned,
        "htmx": htmx,
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
