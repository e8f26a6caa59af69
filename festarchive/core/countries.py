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


# Names people search by and write in spreadsheets that no list above gives.
# A country renamed but still there (Burma, Zaire) is its current code; one
# that is gone (the USSR, the GDR) keeps its ISO 3166-3 code. West Germany is
# DE: the Federal Republic went on, so ISO 3166-3 gave it no code of its own.
ALSO_KNOWN_AS = {
    "CD": ("Zaire", "Zaïre"),
    "CI": ("Ivory Coast",),
    "CV": ("Cape Verde", "Kaapverdische Eilanden"),
    "DDDE": ("East Germany", "GDR", "DDR", "Oost-Duitsland"),
    "DE": ("West Germany", "FRG", "BRD", "West-Duitsland"),
    "GB": ("UK", "Great Britain", "Groot-Brittannië", "England", "Engeland"),
    "MM": ("Burma", "Birma"),
    "NL": ("Holland",),
    "SUHH": ("Soviet Union", "Sovjet-Unie", "Sovjetunie"),
    "US": ("USA", "U.S.A.", "America", "Amerika"),
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


# Words a list of countries may be separated by.
_SEPARATORS = re.compile(r"\s*([;,/])\s*")
_LEADING_ARTICLE = re.compile(r"^(?:the|de|het) ")


def _key(name: str) -> str:
    """A country name folded for lookup: an inverted name turned round
    ("Netherlands, The", "Korea, Republic of") and a leading article dropped."""
    from festarchive.core.text import fold

    if "," in name:
        head, _comma, tail = name.rpartition(",")
        name = f"{tail} {head}"
    return _LEADING_ARTICLE.sub("", fold(name))


@cache
def _codes_by_name() -> dict[str, str]:
    # Current countries first: "Zaire" is the Congo of today, not ISO 3166-3's
    # ZRCD, and "Vietnam" is VN, not the former North Vietnam.
    from django_countries import countries

    codes = sorted((code for code, _name in countries), key=len)
    index: dict[str, str] = {}
    for code in codes:
        record = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
        names = country_names(code) + ((record.name,) if record else ())
        for name in names:
            index.setdefault(_key(name), code)
    return index


def country_code_for_name(name: str) -> str | None:
    """The archive's code for a country as people write it, or None.

    Reads ISO codes ("NL", "SUHH"), current and former names in English and
    Dutch ("Cape Verde", "Swaziland", "Verenigde Staten"), everyday names
    ("USA", "UK"), inverted names ("Netherlands, The") and the countries that
    are gone (USSR, Yugoslavia, Czechoslovakia, East Germany)."""
    from django_countries import countries

    text = name.strip()
    if text.isalpha() and text.isupper() and text in countries:
        return text
    return _codes_by_name().get(_key(text))


def split_countries(cell: str) -> list[str]:
    """The country names of a list separated by ";", "," or "/", an inverted
    name kept whole: "Netherlands, The; Korea, Republic of" is two countries."""
    pieces = _SEPARATORS.split(cell.strip())
    names: list[str] = []
    separator = ""
    for index, piece in enumerate(pieces):
        if index % 2:
            separator = piece
            continue
        if not piece:
            continue
        joined = f"{names[-1]}{separator} {piece}" if names else ""
        if (
            joined
            and not country_code_for_name(piece)
            and country_code_for_name(joined)
        ):
            names[-1] = joined
        else:
            names.append(piece)
    return names
