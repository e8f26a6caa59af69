"""Historical countries (ISO 3166-3) next to django-countries' ISO 3166-1 list.

Films made in the USSR, the GDR, Yugoslavia or Czechoslovakia must keep the
country they were made in. ISO 3166-3 gives those former countries four-letter
codes (SUHH, DDDE, YUCS, CSHH…); pycountry ships the list and its translations,
so we only pick a short display name from it.
"""

import gettext
from functools import cache

import pycountry
from django.utils.functional import lazy
from django.utils.translation import get_language


@cache
def _historic_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-3", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _short(name: str) -> str:
    # pycountry's names read "USSR, Union of Soviet Socialist Republics" (and
    # "USSR; Unie van …" in Dutch); the archive shows the part before the comma.
    for separator in (";", ","):
        name = name.split(separator)[0]
    return name.strip()


def _historic_name(official_name: str) -> str:
    language = (get_language() or "en").split("-")[0]
    return _short(_historic_translation(language).gettext(official_name))


historic_name = lazy(_historic_name, str)


def historic_countries() -> dict[str, object]:
    """Map each ISO 3166-3 four-letter code to a lazily translated short name."""
    return {
        country.alpha_4: historic_name(country.name)
        for country in pycountry.historic_countries
    }
