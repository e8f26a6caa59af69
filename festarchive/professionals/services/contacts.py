"""Writes of contact details and availability, each recorded."""

from django.db import transaction

from festarchive.core.services import change_record

from ..models import Contact, FilmAvailability


@transaction.atomic
def contact_save(*, contact: Contact, by=None) -> Contact:
    """Create or change one person's or company's contact details."""
    created = contact.pk is None
    contact.full_clean()
    contact.save()
    # The change record names which fields changed, never their values:
    # the record is read by more staff than the details are meant for.
    change_record(
        obj=contact,
        action="professionals.contact.added"
        if created
        else "professionals.contact.changed",
        by=by,
        data={
            "fields": [f for f in ("email", "phone", "website") if getattr(contact, f)]
        },
    )
    return contact


@transaction.atomic
def availability_save(
    *, availability: FilmAvailability, by=None, by_holder: bool = False
) -> FilmAvailability:
    """Create or change what a film's rights holder says is available:
    staff in the admin (``by``), or the holder from their page (``by_holder``)."""
    created = availability.pk is None
    availability.territories = sorted(
        {str(code).strip().upper() for code in availability.territories or [] if code}
    )
    availability.full_clean()
    availability.save()
    change_record(
        obj=availability,
        action="professionals.availability.added"
        if created
        else "professionals.availability.changed",
        by=by,
        data={
            "rights": availability.rights,
            "territories": availability.territories,
            "seeking": availability.seeking,
            "by_holder": by_holder,
        },
    )
    return availability
