from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from festarchive.catalogue.models import Credit, Film
from festarchive.festival.models import Selection


def film_detail(request, slug):
    film = get_object_or_404(
        Film.objects.filter(is_published=True).prefetch_related(
            "production_countries",
            "spoken_languages",
            Prefetch(
                "credits",
                queryset=Credit.objects.select_related("role", "person", "company"),
            ),
            Prefetch(
                "selections",
                queryset=Selection.objects.select_related(
                    "edition__festival", "section", "premiere"
                ).prefetch_related("awards"),
            ),
        ),
        slug=slug,
    )
    return render(request, "plain/film.html", {"film": film})
