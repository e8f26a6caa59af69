"""Page sizes and limits: ``settings.FESTARCHIVE_LIMITS``, read at call time.

The defaults, one comment each, are in ``config/settings/base.py``; a
deployment changes some of them there or with the ``FESTARCHIVE_LIMITS``
environment variable (docs/deployment.md). Read a limit when it is needed,
``limit("archive_search_page")``, not into a module constant at import, so
that an override (a test's ``settings`` fixture included) takes effect.
"""

from django.conf import settings
from django.core.checks import Error, register

# Every limit the code reads; a key of FESTARCHIVE_LIMITS outside this set is
# a typo or a leftover, and the check below says so.
NAMES = frozenset(
    {
        "archive_search_page",
        "archive_search_max_page",
        "search_max_words",
        "search_max_values_per_facet",
        "search_max_query_length",
        "search_max_query_fields",
        "search_max_name_words",
        "archive_listing_page",
        "more_from_films",
        "api_max_limit",
        "api_default_limit",
        "upload_max_bytes",
        "upload_max_side",
        "upload_max_pixels",
        "upload_max_video_bytes",
        "duplicates_max_pairs",
        "recent_views_kept",
        "pro_requests_per_day",
        "pro_request_reminder_days",
        "pro_request_reminders_max",
        "market_video_link_seconds",
        "accreditation_year_days",
        "donation_min_euros",
        "donation_max_euros",
        "donation_starts_per_hour",
    }
)

# Settings that FESTARCHIVE_LIMITS replaced, and the key that took each over.
REPLACED = {"ARCHIVE_PAGE_SIZE": "archive_listing_page"}


def _limits() -> dict:
    return getattr(settings, "FESTARCHIVE_LIMITS", {})


def limit(name: str) -> int:
    """The limit ``name`` as set now in ``settings.FESTARCHIVE_LIMITS``."""
    limits = _limits()
    try:
        return limits[name]
    except KeyError:
        if name in NAMES:
            why = "it is missing from settings.FESTARCHIVE_LIMITS"
        else:
            why = "no such limit; known limits: " + ", ".join(sorted(NAMES))
        raise KeyError(f"Unknown limit {name!r}: {why}.") from None


@register()
def check_limits(app_configs=None, **kwargs) -> list[Error]:
    """Every limit set, each a positive whole number, and no unknown key."""
    limits = _limits()
    if not isinstance(limits, dict):
        return [Error("settings.FESTARCHIVE_LIMITS must be a dict.", id="core.E101")]
    errors = []
    for name in sorted(set(limits) - NAMES):
        errors.append(
            Error(
                f"FESTARCHIVE_LIMITS has an unknown key {name!r}.",
                hint="Known keys: " + ", ".join(sorted(NAMES)) + ".",
                id="core.E102",
            )
        )
    for name in sorted(NAMES - set(limits)):
        errors.append(
            Error(
                f"FESTARCHIVE_LIMITS has no {name!r}.",
                hint="Merge overrides over the defaults: "
                "FESTARCHIVE_LIMITS = {**FESTARCHIVE_LIMITS, ...}.",
                id="core.E103",
            )
        )
    for name in sorted(NAMES & set(limits)):
        value = limits[name]
        if type(value) is not int or value < 1:
            errors.append(
                Error(
                    f"FESTARCHIVE_LIMITS[{name!r}] is {value!r}, "
                    "not a positive whole number.",
                    id="core.E104",
                )
            )
    for old, new in REPLACED.items():
        if hasattr(settings, old):
            errors.append(
                Error(
                    f"settings.{old} is no longer read.",
                    hint=f"Set FESTARCHIVE_LIMITS[{new!r}] instead.",
                    id="core.E105",
                )
            )
    return errors
