from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from festarchive.catalogue.models import Film

from .services import favourite_set
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
