"""The favourite heart and the add-to-list control, for film pages and cards."""

from django import template

from ..queries import favourite_ids_of, list_memberships, own_lists

register = template.Library()


@register.inclusion_tag("lists/_favourite.html", takes_context=True)
def favourite_button(context, film):
    request = context["request"]
    return {
        "film": film,
        "is_favourite": film.pk in favourite_ids_of(request),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


def add_to_list_context(request, film, *, own_lists_, memberships) -> dict:
    """What the add-to-list control shows for ``film``: the visitor's lists it
    is not in yet, and those it is in."""
    member_of = memberships.get(film.pk, set())
    return {
        "film": film,
        "lists": [own for own in own_lists_ if own.pk not in member_of],
        "member_of": [own for own in own_lists_ if own.pk in member_of],
        "request": request,
    }


@register.inclusion_tag("lists/_add_to_list.html", takes_context=True)
def add_to_list(context, film, compact=False):
    request = context["request"]
    if not request.user.is_authenticated:
        return {"film": None}
    if not hasattr(request, "_own_lists"):
        request._own_lists = list(own_lists(request.user))
        request._list_members = list_memberships(request.user)
    return {
        **add_to_list_context(
            request,
            film,
            own_lists_=request._own_lists,
            memberships=request._list_members,
        ),
        "compact": compact,
        "csrf_token": context.get("csrf_token"),
    }
