from django.contrib.auth import logout
from django.db import transaction


@transaction.atomic
def account_delete(*, request, user) -> None:
    """Erase the visitor: their e-mail addresses, favourites, lists (shared
    ones too) and recently viewed films go with the account, at once."""
    logout(request)
    user.delete()
