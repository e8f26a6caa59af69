"""The editorial pages in the page cache, like every public page.

A page served to anonymous visitors is kept (festarchive.ops.pagecache) with
its own tag, ``editorialpage:<id>``; a news index also with its list of
children. What a page embeds from the archive tags it the archive's way (a
film card loaded with ``films_for_cards`` tags ``filmcard:<id>``).

Publishing, unpublishing or deleting a page retires its tag and its parent's
list. A page moved or given another slug retires every page: other pages link
to it by its address (rich text links and menus are rendered with the
address the page has at the time).
"""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from festarchive.core import pagetags

# The pages just under a home page, in any language (Institute, About): the
# site's fixed places (default menus, the About address) look for them.
TOP_PAGES = "editorialpage:top"
# Root, home pages, then theirs.
TOP_DEPTH = 3


def page_tag(page) -> str:
    return f"editorialpage:{page.pk}"


def children_tag(page) -> str:
    """The list of ``page``'s children (a news index's items)."""
    return f"editorialpage:{page.pk}:children"


def _written(page) -> set[str]:
    tags = {page_tag(page)}
    if page.depth == TOP_DEPTH:
        tags.add(TOP_PAGES)
    if page.depth and page.depth > 1:
        parent_path = page.path[: -Page.steplen]
        parent = Page.objects.filter(path=parent_path).only("pk").first()
        if parent is not None:
            tags.add(children_tag(parent))
    return tags


def _page_changed(sender, instance, **kwargs) -> None:
    pagetags.retire_on_commit(_written(instance))


def _address_changed(sender, instance, **kwargs) -> None:
    pagetags.retire_on_commit({pagetags.ALL})


def watch_pages() -> None:
    """Retire the pages that show an editorial page when it changes."""
    page_published.connect(_page_changed, dispatch_uid="editorial-published")
    page_unpublished.connect(_page_changed, dispatch_uid="editorial-unpublished")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="editorial-deleted")
    page_slug_changed.connect(_address_changed, dispatch_uid="editorial-slug")
    post_page_move.connect(_address_changed, dispatch_uid="editorial-moved")
