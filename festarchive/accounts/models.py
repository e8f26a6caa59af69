"""The archive's own user: Django's user with a name to show visitors by."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Staff log in to the admin with their username; visitors log in with
    their e-mail address through allauth, which fills in a username for them.

    The rows are those of ``auth.User`` from before this model existed: same
    table, same integer ids, so every list, favourite and change record still
    points at the same person (see ``migrations/0001_initial.py``).
    """

    # auth.User's primary key is a 32-bit AutoField; the foreign keys that
    # point here were made for it, so it stays one (not DEFAULT_AUTO_FIELD).
    id = models.AutoField(auto_created=True, primary_key=True, verbose_name=_("ID"))
    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        default="",
        help_text=_("The name the archive greets the visitor by."),
    )

    class Meta(AbstractUser.Meta):
        db_table = "auth_user"

    @property
    def shown_name(self) -> str:
        """What to call the person on a page or in a mail."""
        return self.display_name or self.get_full_name() or self.email or self.username
