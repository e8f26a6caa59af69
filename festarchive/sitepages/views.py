"""The site's own pages: the home page and about."""

from django.shortcuts import redirect, render

from festarchive.catalogue.models import Film
from festarchive.core.public import public_page
from festarchive.curated.queries import featured_selections
from festarchive.editorial.queries import home_page_child
from festarchive.festival.queries import (
    festival_editions,
    home_highlights,
    host_festival,
)

# The home page sums the archive up (its film count, the latest edition's
# winners and featured films): kept a minute at most, whatever changed.
HOME_FRESH_FOR = 60


@public_page(max_age=HOME_FRESH_FOR)
def home(request):
    festival = host_festival()
    editions = festival_editions(festival)[:12] if festival else []
    return render(
        request,
        "sitepages/home.html",
        {
            "festival": festival,
            "highlights": home_highlights(festival),
            "editions": editions,
            "film_count": Film.objects.published().count(),
            "selections": featured_selections(),
        },
    )


@public_page
def about(request):
    """The fixed About text, until staff publish an About page (English slug
    ``about``), which then has the address; in Dutch, where the page has a
    slug of its own, this address leads to it."""
    page = home_page_child("about")
    if page is not None:
        return redirect(page.get_url(request))
    return render(request, "sitepages/about.html")
