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


@register.inclusion_tag("lists/_add_to_list.html", takes_context=True)
def add_to_list(context, film, compact=False):
    request = context["request"]
    if not request.user.is_authenticated:
        return {"film": None}
    if not hasattr(request, "_own_lists"):
        request._own_lists = list(own_lists(request.user))
        request._list_members = list_memberships(request.user)
    member_of = request._list_members.get(film.pk, set())
    return {
        "film": film,
        "lists": [own for own in request._own_lists if own.pk not in member_of],
        "member_of": [own for own in request._own_lists if own.pk in member_of],
        "compact": compact,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
