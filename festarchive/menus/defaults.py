"""The menus every installation starts with, until staff edit their own.

Each item leads to a site address (``addresses.SITE_ADDRESSES``) or to the
editorial page with that English slug under the site's home page (shown in
the visitor's language where translated, left out where no such page is
published). `make demo` stores them as editable menus, in both languages.
"""

from django.utils.translation import gettext_lazy as _

# place -> [(label, ("address", key) | ("page", English slug))]
DEFAULT_MENUS = {
    "header": [
        (_("Institute"), ("page", "institute")),
        (_("Festival"), ("address", "festival")),
        (_("Professionals"), ("address", "professionals")),
        (_("Donate"), ("address", "donate")),
        (_("About"), ("address", "about")),
        (_("Archive"), ("address", "archive")),
    ],
    "footer": [
        (_("About the archive"), ("address", "about")),
        (_("Visiting the festival"), ("page", "visiting")),
        (_("News"), ("page", "news")),
        (_("For professionals"), ("address", "professionals")),
        (_("Donate"), ("address", "donate")),
        (_("Browse A–Z"), ("address", "archive")),
    ],
}
