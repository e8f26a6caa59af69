"""Write paths of the delegates directory."""

from django.db import transaction

from festarchive.core.services import change_record

from ..models import DelegateProfile


@transaction.atomic
def delegate_profile_update(*, user, is_listed: bool, bio: str) -> DelegateProfile:
    """Save the user's own directory entry, making it on first use. Only
    staff link it to a person or company in the archive (in the admin)."""
    profile, _created = DelegateProfile.objects.select_for_update().get_or_create(
        user=user
    )
    profile.is_listed = is_listed
    profile.bio = bio.strip()
    profile.full_clean()
    profile.save()
    change_record(
        obj=profile,
        action="professionals.delegate_profile.changed",
        by=user,
        data={"is_listed": is_listed},
    )
    return profile
