"""The credit-role vocabulary every archive starts with; staff add more in the admin.

Display order follows the festival's film pages. The list only grows: the
migration that seeds it and ``ensure_roles`` both read it.
"""

from festarchive.core.vocabulary import ensure_terms

# The roles the code itself knows about, by slug: everything imports these.
DIRECTOR = "director"
PRODUCTION_ROLES = frozenset({"production", "co-production"})
# Roles only an organisation holds, and the kind of company each one makes
# (values of ``Company.Kind``). Any other role credits a production company.
COMPANY_ROLE_KINDS = {
    "world-sales": "sales",
    "screening-copy": "sales",
    "involved-tv-channel": "broadcaster",
}
COMPANY_ROLES = frozenset(COMPANY_ROLE_KINDS)


def company_kind_for_role(role_slug: str) -> str:
    """The ``Company.Kind`` of a company first met credited in this role."""
    return COMPANY_ROLE_KINDS.get(role_slug, "production")


# (slug, English, Dutch, display order)
ROLES = [
    ("director", "Director", "Regie", 10),
    ("screenplay", "Screenplay", "Scenario", 20),
    ("production", "Production", "Productie", 30),
    ("co-production", "Co-production", "Coproductie", 40),
    ("cinematography", "Cinematography", "Camera", 50),
    ("editing", "Editing", "Montage", 60),
    ("sound", "Sound", "Geluid", 70),
    ("sound-design", "Sound Design", "Sounddesign", 80),
    ("music", "Music", "Muziek", 90),
    ("involved-tv-channel", "Involved TV Channel", "Betrokken tv-zender", 200),
    ("world-sales", "World Sales", "Wereldwijde verkoop", 210),
    ("screening-copy", "Screening copy", "Vertoningskopie", 220),
]


def ensure_roles(model=None) -> None:
    """Create the standard roles that are missing; staff edits are left alone."""
    if model is None:
        from .models import Role as model
    ensure_terms(model, ROLES)
