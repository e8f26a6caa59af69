from django import template

register = template.Library()


@register.filter
def letter_url(params, letter: str) -> str:
    """The current search restricted to titles starting with ``letter`` ('' for all)."""
    return params.url(letter=letter or None)
