from django import template

from festarchive.catalogue.queries import film_host_selection

register = template.Library()


@register.filter
def host_selection(film):
    """The film's latest selection at our festival (for cards)."""
    return film_host_selection(film)
