from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from festarchive.catalogue.models import Film
from festarchive.catalogue.signals import film_viewed

from .services import favourite_set, recent_view_record
from .views import PENDING_FAVOURITE


@receiver(user_logged_in)
def set_pending_favourite(sender, request, user, **kwargs):
    """The heart an anonymous visitor pressed before logging in."""
    if request is None or not hasattr(request, "session"):
        return
    film_id = request.session.pop(PENDING_FAVOURITE, None)
    film = Film.objects.published().filter(pk=film_id).first() if film_id else None
    if film:
        favourite_set(user=user, film=film, on=True)


@receiver(film_viewed)
def record_recent_view(sender, film, request, **kwargs):
    """A logged-in visitor's recently viewed films."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        recent_view_record(user=user, film=film)
