from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CuratedConfig(AppConfig):
    """Selections staff make of the archive's films: "Best of the 1990s", a
    theme, a touring programme. Not ``festival.Selection``, a film shown in an
    edition: here the models are ``CuratedSelection`` and ``CuratedFilm``."""

    name = "festarchive.curated"
    label = "curated"
    verbose_name = _("Curated selections")
