"""The catalogue's records as citable records: their permalinks and former
addresses (``core.permalinks``) and what their citations say."""

from django.conf import settings

from festarchive.core import pagetags, permalinks
from festarchive.core.citations import Citation
from festarchive.core.i18n import localized
from festarchive.core.links import absolute_url

from . import queries
from .models import Company, Credit, Film, Person


def _citation(record, request, *, title: str, **facts) -> Citation:
    return Citation(
        key=f"{permalinks.kind_of(record).name}-{record.pk}-{record.slug}"[:120],
        title=title,
        archive=settings.FESTARCHIVE["SITE_NAME"],
        url=absolute_url(request, permalinks.permalink(record)),
        last_changed=queries.last_changed(record).date(),
        **facts,
    )


def film_citation(film: Film, request) -> Citation:
    """A film's citation: its title in the page's language, the original
    one in its own script, its year and directors."""
    original = film.title_original or ""
    return _citation(
        film,
        request,
        title=str(localized(film, "title")),
        original_title=original,
        year=film.year,
        directors=queries.film_director_names(film),
        genre="Film",
        language=film.title_original_language if original else "",
    )


def person_citation(person: Person, request) -> Citation:
    """A person's citation: their name."""
    pagetags.show(pagetags.list_tag(pagetags.tag(Person, person.pk), Credit))
    return _citation(person, request, title=person.name)


def company_citation(company: Company, request) -> Citation:
    """A company's citation: its name."""
    pagetags.show(pagetags.list_tag(pagetags.tag(Company, company.pk), Credit))
    return _citation(company, request, title=company.name)


def register_kinds() -> None:
    """Give films, people and companies permalinks and citations."""
    permalinks.register("film", Film, public=Film.objects.published, cite=film_citation)
    permalinks.register("person", Person, cite=person_citation)
    permalinks.register("company", Company, cite=company_citation)
