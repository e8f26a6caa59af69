from dataclasses import dataclass

from django import template
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

register = template.Library()

# Pages linked on either side of the current one, besides the first and last.
PAGE_NEIGHBOURS = 2


@register.filter
def letter_url(params, letter: str) -> str:
    """The current search restricted to titles starting with ``letter`` ('' for all)."""
    return params.url(letter=letter or None)


@dataclass
class ActiveFilter:
    """One filter the search is narrowed by, as a removable chip."""

    label: str  # "Section: Best of Fests", on the chip
    phrase: str  # "Best of Fests", in a sentence ("No films match … in …")
    remove_url: str


@register.simple_tag
def active_filters(results, params) -> list[ActiveFilter]:
    """The chips above the results: every selected facet value, then the letter."""
    found = []
    for facet in results.facets:
        for value in facet.active:
            if facet.name == "decade":
                # "in the 1980s" reads better than "in 1980s".
                phrase = _("the %(decade)ss") % {"decade": value.value}
            else:
                phrase = value.label
            found.append(
                ActiveFilter(
                    label=f"{facet.label}: {value.label}",
                    phrase=phrase,
                    remove_url=value.url,
                )
            )
    if params.letter:
        letter = params.letter.upper()
        found.append(
            ActiveFilter(
                label=f"{_('Starts with')}: {letter}",
                phrase=_("titles starting with %(letter)s") % {"letter": letter},
                remove_url=params.url(letter=None),
            )
        )
    return found


@register.filter
def phrase_list(filters: list[ActiveFilter]) -> str:
    """The filters as one phrase: "the 1980s, Poland and Best of Fests"."""
    return get_text_list([f.phrase for f in filters], _("and"))


@register.simple_tag
def page_numbers(results) -> list[int | None]:
    """Page numbers to link: the first, the last and the current one's
    neighbours; None marks a gap (1 … 4 5 6 7 8 … 20)."""
    current, last = results.page, results.num_pages
    shown = {1, last, *range(current - PAGE_NEIGHBOURS, current + PAGE_NEIGHBOURS + 1)}
    numbers: list[int | None] = []
    previous = 0
    for number in sorted(n for n in shown if 1 <= n <= last):
        if number - previous == 2:
            # A gap of one page: the page itself takes no more room than "…".
            numbers.append(number - 1)
        elif number - previous > 2:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


@register.filter
def page_url(results, number: int) -> str:
    """The current search on page ``number``."""
    return results.page_url(number)
