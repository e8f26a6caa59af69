"""Who counts as a professional, asked in one place by every view, template
and query that shows what the public must not see."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect

from .models import Accreditation


def current_accreditation(user) -> Accreditation | None:
    """The user's accreditation valid today, if any (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_current_accreditation"):
        user._current_accreditation = (
            Accreditation.objects.current()
            .filter(user=user)
            .order_by("-valid_until")
            .first()
        )
    return user._current_accreditation


def is_professional(user) -> bool:
    """Accredited today. Staff are not professionals, but see what they see
    (``sees_private``)."""
    return current_accreditation(user) is not None


def sees_private(user) -> bool:
    """May see contact details, availability and the market library."""
    return bool(getattr(user, "is_staff", False)) or is_professional(user)


def forget(user) -> None:
    """Drop the cached answer after the user's accreditation changed."""
    user.__dict__.pop("_current_accreditation", None)


def professional_required(view):
    """Only accredited professionals and staff get past. Anonymous visitors
    are sent to log in; a logged-in visitor without a current accreditation
    is sent to the Professionals page, which says how to apply."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not sees_private(request.user):
            return redirect("professionals:home")
        return view(request, *args, **kwargs)

    return wrapper


def professional_only_or_404(user) -> None:
    """For addresses whose very existence is private (a delegate's profile)."""
    if not sees_private(user):
        raise Http404
