"""Historical countries (ISO 3166-3) next to django-countries' ISO 3166-1 list.

Films made in the USSR, the GDR, Yugoslavia or Czechoslovakia must keep the
country they were made in. ISO 3166-3 gives those former countries four-letter
codes (SUHH, DDDE, YUCS, CSHH…); pycountry ships the list and its translations,
so we only pick a short display name from it.
"""

import gettext
import re
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


# Names people search by that no list above gives.
ALSO_KNOWN_AS = {
    "DDDE": ("East Germany", "DDR", "Oost-Duitsland"),
    "GB": ("UK", "Great Britain", "Groot-Brittannië"),
    "NL": ("Holland",),
    "SUHH": ("Soviet Union", "Sovjet-Unie"),
    "US": ("USA", "America", "Amerika"),
}


@cache
def country_names(code: str) -> tuple[str, ...]:
    """Every name of a country in the site's languages: the name the archive
    shows (the country facet's label), ISO 3166's short, common and official names and django-countries'
    former names ("Czech Republic"), and a few everyday ones ("USA").

    Inverted names ("Korea, Republic of") are left out: nobody types them.
    """
    from django.conf import settings
    from django.utils import translation
    from django_countries import countries

    record = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    historic = (
        pycountry.historic_countries.get(alpha_4=code) if len(code) == 4 else None
    )
    iso_names = [
        getattr(record or historic, attribute, None)
        for attribute in ("name", "common_name", "official_name")
    ]
    domain = "iso3166-1" if record else "iso3166-3"
    names = list(ALSO_KNOWN_AS.get(code, ()))
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(countries.name(code)))
            names.extend(str(old) for old in countries.OLD_NAMES.get(code, ()))
        translated = gettext.translation(
            domain, pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        for name in filter(None, iso_names):
            name = translated.gettext(name)
            # Historic names read "USSR, Union of Soviet Socialist Republics"
            # and "Yugoslavia, (Socialist) Federal Republic of".
            names.append(_short(name) if historic else name)
    names += [re.sub(r"\s*\(.*?\)", "", name) for name in names]
    return tuple(
        name
        for name in dict.fromkeys(n.strip() for n in names)
        if name and "," not in name
    )
