"""Contact details and availability, for professionals' eyes only: callers
check ``access.sees_private`` first (the film-page tags do)."""

from dataclasses import dataclass

from festarchive.catalogue.models import Credit

from ..models import Contact
from ..vocabulary import CONTACT_ROLES, HOLDER_ROLES


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


def film_contacts_context(*, film, user) -> dict:
    """The film's rights holders and producers with their contact details,
    and what the holder says is available."""
    return {}
