"""Write paths of favourites, lists and recent views. Every function takes the
acting user's own records: views fetch them with queries.py, which answers 404
for anyone else's."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from festarchive.catalogue.models import Film
from festarchive.core.limits import limit

from .models import Favourite, FilmList, FilmListItem, RecentView, new_share_token


def favourite_set(*, user, film: Film, on: bool) -> bool:
    """Make ``film`` a favourite of ``user`` or not; returns the new state."""
    if on:
        try:
            with transaction.atomic():
                Favourite.objects.get_or_create(user=user, film=film)
        except IntegrityError:
            pass  # set by a second click at the same moment
    else:
        Favourite.objects.filter(user=user, film=film).delete()
    return on


def favourite_toggle(*, user, film: Film) -> bool:
    is_favourite = Favourite.objects.filter(user=user, film=film).exists()
    return favourite_set(user=user, film=film, on=not is_favourite)


def list_create(*, user, name: str, description: str = "") -> FilmList:
    film_list = FilmList(user=user, name=name.strip(), description=description.strip())
    film_list.full_clean()
    film_list.save()
    return film_list


def list_update(*, film_list: FilmList, name: str, description: str) -> FilmList:
    film_list.name = name.strip()
    film_list.description = description.strip()
    film_list.full_clean()
    film_list.save()
    return film_list


def list_set_public(*, film_list: FilmList, public: bool) -> FilmList:
    """Share the list by an unguessable address, or stop sharing it: the old
    address stops working, and sharing again makes a new one."""
    film_list.is_public = public
    film_list.share_token = new_share_token() if public else None
    film_list.save(update_fields=["is_public", "share_token", "updated_at"])
    return film_list


def list_delete(*, film_list: FilmList) -> None:
    film_list.delete()


@transaction.atomic
def list_add_film(*, film_list: FilmList, film: Film, note: str = "") -> FilmListItem:
    """Add ``film`` at the end of the list (once: adding it again keeps it)."""
    item = film_list.items.filter(film=film).first()
    if item:
        return item
    last = film_list.items.aggregate(last=Max("order"))["last"]
    item = FilmListItem.objects.create(
        film_list=film_list, film=film, order=0 if last is None else last + 1, note=note
    )
    film_list.save(update_fields=["updated_at"])
    return item


def list_remove_item(*, item: FilmListItem) -> None:
    film_list = item.film_list
    item.delete()
    film_list.save(update_fields=["updated_at"])


@transaction.atomic
def list_move_item(*, item: FilmListItem, by: int) -> None:
    """Move an item ``by`` places (-1 up, +1 down), renumbering the list."""
    items = list(item.film_list.items.select_for_update().order_by("order", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = max(0, min(len(items) - 1, index + by))
    items.insert(target, items.pop(index))
    for order, other in enumerate(items):
        if other.order != order:
            other.order = order
            other.save(update_fields=["order"])
    item.film_list.save(update_fields=["updated_at"])


def list_item_set_note(*, item: FilmListItem, note: str) -> FilmListItem:
    item.note = note.strip()
    item.full_clean()
    item.save(update_fields=["note"])
    return item


def recent_view_record(*, user, film: Film) -> None:
    """Remember that ``user`` opened ``film``; only the latest are kept."""
    RecentView.objects.update_or_create(
        user=user, film=film, defaults={"viewed_at": timezone.now()}
    )
    stale = RecentView.objects.filter(user=user).order_by("-viewed_at")[
        limit("recent_views_kept") :
    ]
    RecentView.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
