"""What the archive keeps about a professional, for their own data download
(``accounts.queries.account_data``)."""

from ..models import Accreditation, DelegateProfile, ScreenerRequest, Viewing


def professional_download(user) -> dict | None:
    """The user's applications, directory profile, requests and viewings;
    None for a visitor who never applied."""
    accreditations = list(
        Accreditation.objects.filter(user=user).order_by("created_at")
    )
    if not accreditations:
        return None
    profile = DelegateProfile.objects.filter(user=user).first()
    return {
        "accreditations": [
            {
                "organisation": a.organisation,
                "role": a.role,
                "country": str(a.country),
                "website": a.website,
                "description": a.description,
                "scope": a.scope,
                "edition": str(a.edition) if a.edition_id else None,
                "status": a.status,
                "valid_from": a.valid_from.isoformat() if a.valid_from else None,
                "valid_until": a.valid_until.isoformat() if a.valid_until else None,
                "applied": a.created_at.isoformat(),
                "decision_message": a.decision_message,
            }
            for a in accreditations
        ],
        "directory_profile": {"listed": profile.is_listed, "bio": profile.bio}
        if profile
        else None,
        "requests": [
            {
                "film": r.film.slug,
                "kind": r.kind,
                "purpose": r.purpose,
                "message": r.message,
                "status": r.status,
                "made": r.created_at.isoformat(),
            }
            for r in ScreenerRequest.objects.filter(professional=user).select_related(
                "film"
            )
        ],
        "viewings": [
            {
                "film": v.entry.film.slug,
                "started": v.started_at.isoformat(),
                "seconds_watched": v.seconds_watched,
            }
            for v in Viewing.objects.filter(viewer=user).select_related("entry__film")
        ],
    }
