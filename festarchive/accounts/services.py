from django.contrib.auth import logout
from django.db import transaction

from festarchive.donations.services.erasure import donations_erase_for_user


@transaction.atomic
def account_delete(*, request, user) -> None:
    """Erase the visitor: their e-mail addresses, favourites, lists (shared
    ones too) and recently viewed films go with the account, at once.

    Their donations stay for the bookkeeping, with the donor's personal data
    erased and an active monthly gift cancelled at Mollie first; when Mollie
    cannot be reached, ``ErasureFailed`` is raised and the account stays."""
    donations_erase_for_user(user=user)
    logout(request)
    user.delete()
