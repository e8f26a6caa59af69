"""Contact details and availability, for professionals' eyes only: callers
check ``access.sees_private`` first (the film-page tags do)."""

from dataclasses import dataclass

from festarchive.catalogue.models import Credit

from ..models import Contact, FilmAvailability
from ..vocabulary import CONTACT_ROLES, HOLDER_ROLES, Right, Seeking, territory_label


@dataclass(frozen=True)
class Holder:
    """Who answers for a film's rights: a credited company or person, and the
    e-mail address their contact details give."""

    name: str
    email: str
    role_slug: str


def _contact_of(credit: Credit) -> Contact | None:
    for owner in (credit.company, credit.person):
        if owner is not None:
            contact = getattr(owner, "contact", None)
            if contact is not None and contact.email:
                return contact
    return None


def film_holder(film) -> Holder | None:
    """The first credit in ``HOLDER_ROLES`` order (screening copy, then world
    sales) whose company or person has an e-mail address on record."""
    credits = (
        Credit.objects.filter(film=film, role__slug__in=HOLDER_ROLES)
        .select_related("role", "person__contact", "company__contact")
        .order_by("order", "id")
    )
    by_role = {slug: [] for slug in HOLDER_ROLES}
    for credit in credits:
        by_role[credit.role.slug].append(credit)
    for slug in HOLDER_ROLES:
        for credit in by_role[slug]:
            contact = _contact_of(credit)
            if contact is not None:
                return Holder(
                    name=credit.credited_as, email=contact.email, role_slug=slug
                )
    return None


@dataclass(frozen=True)
class CreditContact:
    role: str
    credited_as: str
    contacts: list  # Contact rows, the person's then the company's


def film_contacts(film) -> list[CreditContact]:
    """The film's world sales, screening-copy holders and producers, in
    ``CONTACT_ROLES`` order, each with the contact details on record."""
    credits = (
        Credit.objects.filter(film=film, role__slug__in=CONTACT_ROLES)
        .select_related("role", "person__contact", "company__contact")
        .order_by("order", "id")
    )
    rank = {slug: position for position, slug in enumerate(CONTACT_ROLES)}
    found = []
    for credit in sorted(credits, key=lambda c: rank[c.role.slug]):
        contacts = [
            contact
            for owner in (credit.person, credit.company)
            if owner is not None
            for contact in [getattr(owner, "contact", None)]
            if contact is not None
            and (contact.email or contact.phone or contact.website)
        ]
        found.append(
            CreditContact(
                role=credit.role.name, credited_as=credit.credited_as, contacts=contacts
            )
        )
    return found


def film_availability(film) -> FilmAvailability | None:
    return FilmAvailability.objects.filter(film=film).first()


def availability_labels(availability: FilmAvailability | None) -> dict:
    """The availability's lists as labels in the page's language."""
    if availability is None:
        return {}
    rights = dict(Right.choices)
    seeking = dict(Seeking.choices)
    return {
        "rights": [str(rights.get(v, v)) for v in availability.rights or []],
        "territories": [
            territory_label(code) for code in availability.territories or []
        ],
        "seeking": [str(seeking.get(v, v)) for v in availability.seeking or []],
        "note": availability.note,
    }


def film_contacts_context(*, film, user) -> dict:
    """The film's rights holders and producers with their contact details,
    and what the holder says is available."""
    return {
        "film": film,
        "credit_contacts": film_contacts(film),
        "availability": availability_labels(film_availability(film)),
    }


def owner_contact(owner) -> Contact | None:
    """A person's or company's contact details, if any are on record."""
    field = "company" if owner._meta.model_name == "company" else "person"
    return Contact.objects.filter(**{field: owner}).first()
