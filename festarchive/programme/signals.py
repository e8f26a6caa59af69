from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver

from .plans import visible_screenings
from .services import plan_add
from .views.planner import PENDING_STAR


@receiver(user_logged_in)
def plan_pending_star(sender, request, user, **kwargs):
    """The star an anonymous visitor pressed before logging in."""
    if request is None or not hasattr(request, "session"):
        return
    uid = request.session.pop(PENDING_STAR, None)
    if not uid:
        return
    try:
        screening = visible_screenings().filter(uid=uid).first()
    except (ValidationError, ValueError, TypeError):  # not a uuid: nothing to plan
        return
    if screening is not None:
        plan_add(user=user, screening=screening)
