"""schema.org descriptions of catalogue records, embedded as JSON-LD."""

from festarchive.core.i18n import localized
from festarchive.media.renditions import rendition_url

from .models import Film
from .vocabulary import PRODUCTION_ROLES


def iso_duration(minutes: int) -> str:
    """100 -> 'PT1H40M' (ISO 8601 duration)."""
    hours, rest = divmod(minutes, 60)
    return (
        "PT"
        + (f"{hours}H" if hours else "")
        + (f"{rest}M" if rest or not hours else "")
    )


def film_jsonld(film: Film, *, url: str, absolute) -> dict:
    """A schema.org ``Movie`` for the film page; ``absolute`` makes full URLs."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": film.title_en,
        "url": url,
    }
    alternate = [t for t in (film.title_original, film.title_original_latin) if t]
    alternate += [t.title for t in film.titles.all()]
    if alternate:
        data["alternateName"] = list(dict.fromkeys(alternate))
    key = film.key_image
    if key:
        data["image"] = absolute(rendition_url(key, "hero", 1200))
    if film.year:
        data["dateCreated"] = str(film.year)
    if film.runtime_minutes:
        data["duration"] = iso_duration(film.runtime_minutes)
    synopsis = localized(film, "synopsis")
    if synopsis:
        data["description"] = synopsis.text
    directors = [c.person for c in film.director_credits if c.person]
    if directors:
        data["director"] = [
            {"@type": "Person", "name": p.name, "url": absolute(p.get_absolute_url())}
            for p in directors
        ]
    countries = [str(c.country.name) for c in film.production_countries.all()]
    if countries:
        data["countryOfOrigin"] = [{"@type": "Country", "name": n} for n in countries]
    companies = []
    for credit in film.credits.all():
        if credit.role.slug in PRODUCTION_ROLES and credit.company:
            companies.append(credit.company)
    if companies:
        unique = {c.pk: c for c in companies}.values()
        data["productionCompany"] = [
            {
                "@type": "Organization",
                "name": c.name,
                "url": absolute(c.get_absolute_url()),
            }
            for c in unique
        ]
    languages = [lang.language for lang in film.spoken_languages.all()]
    if languages:
        data["inLanguage"] = languages
    same_as = [link.url for link in film.external_links()]
    if same_as:
        data["sameAs"] = same_as
    return data


def person_jsonld(person, *, url: str, jury_service=()) -> dict:
    """A schema.org ``Person`` for a person's page; a seat on a jury is a
    ``memberOf`` of the jury, as a ``ProgramMembership`` of the festival with
    the juror's role (schema.org has no jury)."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": url,
    }
    if person.name_variants:
        data["alternateName"] = list(person.name_variants)
    if jury_service:
        data["memberOf"] = [
            {
                "@type": "ProgramMembership",
                "programName": f"{localized(juror.jury, 'name')}, {juror.jury.edition}",
                "roleName": str(juror.get_role_display()),
                "hostingOrganization": {
                    "@type": "Organization",
                    "name": juror.jury.edition.festival.name,
                },
            }
            for juror in jury_service
        ]
    return data


def company_jsonld(company, *, url: str) -> dict:
    """A schema.org ``Organization`` for a company's page."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": company.name,
        "url": url,
    }
    if company.name_variants:
        data["alternateName"] = list(company.name_variants)
    if company.country:
        data["address"] = {
            "@type": "PostalAddress",
            "addressCountry": company.country.code,
        }
    return data
