"""``{% professional_badge user %}``: the mark of an accredited professional,
on their own pages and in the delegates directory."""

from django import template

from ..access import current_accreditation

register = template.Library()


@register.inclusion_tag("professionals/_badge.html", takes_context=True)
def professional_badge(context, user):
    """Nothing unless ``user`` is accredited today. The last day of access is
    shown to the professional themselves, not to others."""
    accreditation = current_accreditation(user)
    request = context.get("request")
    viewer = getattr(request, "user", None)
    return {
        "accreditation": accreditation,
        "show_until": accreditation is not None
        and viewer is not None
        and viewer.pk == getattr(user, "pk", None),
    }
