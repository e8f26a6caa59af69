"""The professional panel of a film's page: one tag per feature, each filled
by that feature's queries. Every tag renders nothing unless the visitor is an
accredited professional or staff; pages with a session are never cached."""

from django import template

from ..access import sees_private
from ..queries.contacts import film_contacts_context, owner_contact
from ..queries.market import film_market_context
from ..queries.requests import film_requests_context

register = template.Library()


def _for(user, build, **kwargs) -> dict:
    if not sees_private(user):
        return {"shown": False}
    return {"shown": True, "user": user, **build(user=user, **kwargs)}


@register.inclusion_tag("professionals/_film_contacts.html", takes_context=True)
def film_contacts(context, film):
    return _for(context["request"].user, film_contacts_context, film=film)


@register.inclusion_tag("professionals/_film_request.html", takes_context=True)
def film_request(context, film):
    return {
        **_for(context["request"].user, film_requests_context, film=film),
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("professionals/_film_market.html", takes_context=True)
def film_market(context, film):
    return _for(context["request"].user, film_market_context, film=film)


@register.inclusion_tag("professionals/_owner_contact.html", takes_context=True)
def contact_details(context, owner):
    """A person's or company's contact details, on their own page."""
    user = context["request"].user
    if not sees_private(user):
        return {"shown": False}
    return {"shown": True, "contact": owner_contact(owner)}


@register.filter
def is_professional_viewer(user) -> bool:
    return sees_private(user)
