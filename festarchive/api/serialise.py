"""Catalogue records as the API's plain dictionaries (shaped by schemas.py).

Labels (country, language, role and section names, localized titles) follow
the language active for the request, which ``?lang=`` sets.
"""

from django.urls import reverse

from festarchive.catalogue.models import Company, Credit, Film, Person
from festarchive.core.i18n import localized
from festarchive.core.languages import language_name
from festarchive.curated.models import CuratedSelection
from festarchive.festival.models import Edition, Festival, Prize, Section
from festarchive.media.renditions import rendition_url
from festarchive.programme.clock import festival_day_of
from festarchive.programme.models import Screening, Venue
from festarchive.programme.vocabulary import (
    LanguageVersion,
    ScreeningKind,
    ScreeningStatus,
    TicketState,
)


def api_url(name: str, slug: str | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"slug": slug} if slug else None)


def ref(obj, kind: str) -> dict:
    name = str(localized(obj, "title")) if kind == "film" else str(obj)
    return {"slug": obj.slug, "name": name, "url": api_url(kind, obj.slug)}


def _country(country) -> dict | None:
    if not country:
        return None
    return {"code": country.code, "name": str(country.name)}


def _name(obj) -> str:
    """A vocabulary term's or award's name in the requested language."""
    return str(localized(obj, "name"))


def _text(obj, field: str) -> dict | None:
    text = localized(obj, field)
    if not text:
        return None
    return {
        "text": text.text,
        "language": text.language,
        "is_fallback": text.is_fallback,
    }


def film_summary(film: Film) -> dict:
    """A film as lists show it; needs ``films_for_cards``' prefetches."""
    return {
        "slug": film.slug,
        "url": api_url("film", film.slug),
        "html": film.get_absolute_url(),
        "title": str(localized(film, "title")),
        "title_en": film.title_en,
        "title_nl": film.title_nl,
        "original_title": film.title_original,
        "original_title_latin": film.title_original_latin,
        "year": film.year,
        "runtime_minutes": film.runtime_minutes,
        "countries": [_country(c.country) for c in film.production_countries.all()],
        "directors": [
            ref(c.person, "person") for c in film.director_credits if c.person
        ],
    }


def _credit(credit: Credit) -> dict:
    return {
        "role": {"code": credit.role.slug, "name": _name(credit.role)},
        "person": ref(credit.person, "person") if credit.person else None,
        "company": ref(credit.company, "company") if credit.company else None,
        "credited_as": str(credit.credited_as),
        "order": credit.order,
    }


def _selection(selection) -> dict:
    edition = selection.edition
    return {
        "festival": ref(edition.festival, "festival"),
        "edition": ref(edition, "edition"),
        "year": edition.year,
        "section": ref(selection.section, "section") if selection.section else None,
        "premiere": (
            {"code": selection.premiere.slug, "name": _name(selection.premiere)}
            if selection.premiere
            else None
        ),
        "awards": [
            {
                "name": _name(award),
                "name_en": award.name_en,
                "name_nl": award.name_nl,
                "outcome": award.outcome,
                "prize": ref(award.prize, "award") if award.prize else None,
            }
            for award in selection.awards.all()
        ],
    }


def film_detail(film: Film, history) -> dict:
    """Everything the film page shows; needs ``film_get_for_page``' prefetches."""
    language = film.title_original_language
    return {
        **film_summary(film),
        "original_title_language": (
            {"code": language, "name": language_name(language)} if language else None
        ),
        "languages": [
            {"code": lang.language, "name": language_name(lang.language)}
            for lang in film.spoken_languages.all()
        ],
        "synopsis": _text(film, "synopsis"),
        "synopsis_en": film.synopsis_en,
        "synopsis_nl": film.synopsis_nl,
        "other_titles": [
            {"title": t.title, "kind": t.kind, "language": t.language}
            for t in film.titles.all()
        ],
        "credits": [_credit(c) for c in film.credits.all()],
        "selections": [_selection(s) for s in history],
        "images": [
            {
                # The largest "full" rendition: originals may be huge and are
                # not meant to be served to the public.
                "url": rendition_url(image, "full"),
                "width": image.width,
                "height": image.height,
                "kind": image.kind,
                "alt": str(localized(image, "alt")),
                "caption": image.caption,
                "copyright": image.copyright,
                "is_key": image.is_key,
            }
            for image in film.images.all()
        ],
        "videos": [
            {"url": v.url or v.file.url, "kind": v.kind, "title": v.title}
            for v in film.videos.all()
        ],
        "identifiers": {
            "imdb": film.imdb_id or None,
            "wikidata": film.wikidata_id or None,
            "eidr": film.eidr_id or None,
        },
        "updated_at": film.updated_at,
    }


def filmography(credits) -> list[dict]:
    """A person's or company's credits, newest film first."""
    return [
        {
            "film": ref(credit.film, "film"),
            "year": credit.film.year,
            "role": {"code": credit.role.slug, "name": _name(credit.role)},
            "company": ref(credit.company, "company") if credit.company else None,
            "person": ref(credit.person, "person") if credit.person else None,
        }
        for credit in credits
    ]


def person(obj: Person) -> dict:
    return {
        "slug": obj.slug,
        "url": api_url("person", obj.slug),
        "html": obj.get_absolute_url(),
        "name": obj.name,
        "sort_name": obj.sort_name,
        "name_variants": list(obj.name_variants or []),
    }


def company(obj: Company) -> dict:
    return {
        "slug": obj.slug,
        "url": api_url("company", obj.slug),
        "html": obj.get_absolute_url(),
        "name": obj.name,
        "kind": obj.kind,
        "country": _country(obj.country),
        "name_variants": list(obj.name_variants or []),
    }


def festival(obj: Festival) -> dict:
    return {
        "slug": obj.slug,
        "url": api_url("festival", obj.slug),
        "html": obj.get_absolute_url(),
        "name": obj.name,
        "short_name": obj.short_name,
        "city": obj.city,
        "country": _country(obj.country),
        "website": obj.website,
        "is_host": obj.is_host,
    }


def edition(obj: Edition) -> dict:
    return {
        "slug": obj.slug,
        "url": api_url("edition", obj.slug),
        "html": obj.get_absolute_url(),
        "festival": ref(obj.festival, "festival"),
        "year": obj.year,
        "number": obj.number,
        "name": str(obj),
        "starts_on": obj.starts_on.isoformat() if obj.starts_on else None,
        "ends_on": obj.ends_on.isoformat() if obj.ends_on else None,
    }


def jury(obj) -> dict:
    """A jury with its jurors; needs ``festival.queries.edition_juries``'
    prefetches."""
    return {
        "name": _name(obj),
        "name_en": obj.name_en,
        "name_nl": obj.name_nl,
        "section": ref(obj.section, "section") if obj.section else None,
        "jurors": [
            {
                "person": ref(juror.person, "person"),
                "role": {"code": juror.role, "name": str(juror.get_role_display())},
            }
            for juror in obj.jurors.all()
        ],
    }


def jury_service(jurors) -> list[dict]:
    """A person's seats on juries (``catalogue.queries.person_jury_service``)."""
    return [
        {
            "festival": ref(juror.jury.edition.festival, "festival"),
            "edition": ref(juror.jury.edition, "edition"),
            "year": juror.jury.edition.year,
            "jury": _name(juror.jury),
            "section": ref(juror.jury.section, "section")
            if juror.jury.section
            else None,
            "role": {"code": juror.role, "name": str(juror.get_role_display())},
        }
        for juror in jurors
    ]


def prize(obj: Prize) -> dict:
    """A prize (an award across editions) with its former names."""
    return {
        "slug": obj.slug,
        "url": api_url("award", obj.slug),
        "html": obj.get_absolute_url(),
        "festival": ref(obj.festival, "festival"),
        "name": _name(obj),
        "name_en": obj.name_en,
        "name_nl": obj.name_nl,
        "description": _text(obj, "description"),
        "former_names": [
            {
                "name": _name(former),
                "name_en": former.name_en,
                "name_nl": former.name_nl,
                "from_year": former.from_year,
                "until_year": former.until_year,
            }
            for former in obj.names.all()
        ],
    }


def prize_years(years) -> list[dict]:
    """A prize's winners by edition (``festival.queries.prize_years``)."""
    return [
        {
            "edition": ref(year.edition, "edition"),
            "year": year.edition.year,
            "awards": [
                {
                    "film": film_summary(award.film),
                    "name": _name(award),
                    "outcome": award.outcome,
                    "statement": _text(award, "statement"),
                }
                for award in year.awards
            ],
        }
        for year in years
    ]


def section(obj: Section) -> dict:
    return {
        "slug": obj.slug,
        "url": api_url("section", obj.slug),
        "html": obj.get_absolute_url(),
        "festival": ref(obj.festival, "festival"),
        "name": str(obj),
        "name_en": obj.name_en,
        "name_nl": obj.name_nl,
        "description": _text(obj, "description"),
    }


def vocabulary_term(obj) -> dict:
    return {
        "slug": obj.slug,
        "name": _name(obj),
        "name_en": obj.name_en,
        "name_nl": obj.name_nl,
        "order": obj.order,
    }


# -- the festival programme ----------------------------------------------------------------
def _choice(choices, value: str) -> dict:
    return {"code": value, "name": str(choices(value).label)}


def venue(obj: Venue, *, screens: bool = False) -> dict:
    data = {
        "slug": obj.slug,
        "url": api_url("venue", obj.slug),
        "html": obj.get_absolute_url(),
        "name": obj.name,
        "address": obj.address,
        "city": obj.city,
        "latitude": float(obj.latitude) if obj.latitude is not None else None,
        "longitude": float(obj.longitude) if obj.longitude is not None else None,
        "step_free": obj.step_free,
        "hearing_loop": obj.hearing_loop,
        "wheelchair_places": obj.wheelchair_places,
        "accessibility": _text(obj, "accessibility"),
        "website": obj.website,
        "map_url": obj.map_url,
    }
    if screens:
        data["screens"] = [
            {"name": s.name, "capacity": s.capacity, "order": s.order}
            for s in obj.screens.all()
        ]
    return data


def screening(obj: Screening) -> dict:
    """A public screening; needs ``programme.exports.public_screenings``' joins."""
    programme = obj.film_programme
    moved_from = None
    if obj.moved_from_starts_at:
        moved_from = {
            "starts_at": obj.moved_from_starts_at,
            "screen": str(obj.moved_from_screen or ""),
        }
    return {
        "id": str(obj.uid),
        "url": reverse("api:screening", kwargs={"uid": str(obj.uid)}),
        "html": obj.get_absolute_url(),
        "title": obj.title,
        "edition": ref(obj.edition, "edition"),
        "section": ref(obj.section, "section") if obj.section_id else None,
        "films": [ref(film, "film") for film in obj.published_films()],
        "programme": {
            "slug": programme.slug,
            "name": str(localized(programme, "title")),
            "html": programme.get_absolute_url(),
        }
        if programme
        else None,
        "venue": {
            "slug": obj.screen.venue.slug,
            "name": obj.screen.venue.name,
            "url": api_url("venue", obj.screen.venue.slug),
        },
        "screen": obj.screen.name,
        "starts_at": obj.starts_at,
        "ends_at": obj.ends_at,
        "day": festival_day_of(obj.starts_at).isoformat(),
        "duration_minutes": obj.duration_minutes,
        "extra_minutes": obj.extra_minutes,
        "kind": _choice(ScreeningKind, obj.kind),
        "language_version": _choice(LanguageVersion, obj.language_version),
        "access": [{"code": f.code, "name": str(f.label)} for f in obj.access_features],
        "qa": obj.has_qa,
        "guests": [ref(person, "person") for person in obj.guests.all()],
        "tickets": _choice(TicketState, obj.ticket_state),
        "ticket_url": obj.ticket_url,
        "status": _choice(ScreeningStatus, obj.status),
        "notice": str(obj.notice or ""),
        "notice_en": obj.notice_en,
        "notice_nl": obj.notice_nl,
        "moved_from": moved_from,
        "sequence": obj.sequence,
        "updated_at": obj.updated_at,
    }


def curated_selection(obj: CuratedSelection) -> dict:
    """A published curated selection, without its films."""
    return {
        "slug": obj.slug,
        "url": api_url("selection", obj.slug),
        "html": obj.get_absolute_url(),
        "title": str(localized(obj, "title")),
        "title_en": obj.title_en,
        "title_nl": obj.title_nl,
        "introduction": _text(obj, "introduction"),
        "introduction_en": obj.introduction_en,
        "introduction_nl": obj.introduction_nl,
        "featured": obj.featured,
        "published_on": obj.published_on.isoformat() if obj.published_on else None,
        "updated_at": obj.updated_at,
    }


def curated_selection_detail(obj: CuratedSelection, films) -> dict:
    """A selection with its films (``curated.queries.selection_films``)."""
    return {
        **curated_selection(obj),
        "films": [
            {
                "position": position,
                "film": film_summary(entry.film),
                "note": _text(entry, "note"),
                "note_en": entry.note_en,
                "note_nl": entry.note_nl,
            }
            for position, entry in enumerate(films, start=1)
        ],
    }
