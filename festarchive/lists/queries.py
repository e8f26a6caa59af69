"""Read paths of favourites and lists. A record that is not the visitor's own
is answered with 404, as if it did not exist: a guessed id tells nothing."""

from django.db.models import Count
from django.shortcuts import get_object_or_404

from festarchive.catalogue.models import Film
from festarchive.catalogue.queries import films_for_cards

from .models import Favourite, FilmList, FilmListItem, RecentView


def own_list_get(*, user, pk: int) -> FilmList:
    return get_object_or_404(FilmList, pk=pk, user=user)


def own_item_get(*, user, list_pk: int, item_pk: int) -> FilmListItem:
    return get_object_or_404(
        FilmListItem.objects.select_related("film_list"),
        pk=item_pk,
        film_list_id=list_pk,
        film_list__user=user,
    )


def public_list_get(*, token: str) -> FilmList:
    return get_object_or_404(FilmList, share_token=token, is_public=True)


def list_items(film_list: FilmList) -> list[FilmListItem]:
    """The list's items, in order, each with its film ready for a card."""
    items = list(film_list.items.order_by("order", "id"))
    films = films_for_cards(
        Film.objects.published().filter(pk__in=[i.film_id for i in items])
    ).in_bulk()
    for item in items:
        item.film = films.get(item.film_id)
    return [item for item in items if item.film is not None]


def favourite_ids_of(request) -> set[int]:
    """Every film the visitor has as a favourite, fetched once a request."""
    if not request.user.is_authenticated:
        return set()
    if not hasattr(request, "_favourite_ids"):
        request._favourite_ids = set(
            Favourite.objects.filter(user=request.user).values_list(
                "film_id", flat=True
            )
        )
    return request._favourite_ids


def favourite_films(user) -> list[Film]:
    ids = Favourite.objects.filter(user=user).values_list("film_id", flat=True)
    films = films_for_cards(Film.objects.published().filter(pk__in=ids))
    order = {pk: i for i, pk in enumerate(ids)}
    return sorted(films, key=lambda f: order.get(f.pk, 0))


def own_lists(user):
    if not user.is_authenticated:
        return FilmList.objects.none()
    return FilmList.objects.filter(user=user).annotate(size=Count("items"))


def recent_films(user) -> list[Film]:
    views = RecentView.objects.filter(user=user).order_by("-viewed_at")
    ids = list(views.values_list("film_id", flat=True))
    films = films_for_cards(Film.objects.published().filter(pk__in=ids)).in_bulk()
    return [films[pk] for pk in ids if pk in films]


def list_memberships(user) -> dict[int, set[int]]:
    """film id -> ids of the visitor's lists that hold it (one query)."""
    members: dict[int, set[int]] = {}
    for film_id, list_id in FilmListItem.objects.filter(
        film_list__user=user
    ).values_list("film_id", "film_list_id"):
        members.setdefault(film_id, set()).add(list_id)
    return members
