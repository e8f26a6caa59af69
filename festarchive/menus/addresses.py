"""The site's own addresses a menu item can lead to: Django views, not
editorial pages (those are chosen as pages). The one list of them; a menu
item keeps the key, so a view's address can change without the menus."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# key -> (URL name, what staff see in the menu editor)
SITE_ADDRESSES = {
    "home": ("home", _("Home page")),
    "archive": ("search:archive", _("The archive (search)")),
    "festival": ("programme:timetable", _("The festival programme")),
    "professionals": ("professionals:home", _("Professionals")),
    "donate": ("donations:donate", _("Donate")),
    "my_archive": ("lists:my-archive", _("My archive")),
    "about": ("about", _("About")),
}

ADDRESS_CHOICES = [(key, label) for key, (_name, label) in SITE_ADDRESSES.items()]


def address_url(key: str) -> str | None:
    """The address in the current language; None for a key no longer known
    or a view this installation does not have."""
    try:
        name, _label = SITE_ADDRESSES[key]
        return reverse(name)
    except (KeyError, NoReverseMatch):
        return None
