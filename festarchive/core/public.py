"""The mark a view carries when its page is the same for every anonymous
visitor, so the page cache may keep it (festarchive.ops.pagecache).

It lives in core, the ground floor, so that every app can mark its views
without importing ops, which sits above them all.
"""


def public_page(view=None, *, max_age: int | None = None):
    """Mark ``view`` as a public page: PageCacheMiddleware caches its answers
    for anonymous visitors; everyone else gets a fresh page marked private.

    A page is kept until a write retires what it shows; ``max_age`` (seconds)
    keeps it no longer than that either, for a page that shows what no tag
    follows (a search's results, which follow the search index)."""

    def mark(view):
        view.public_page = True
        view.public_page_max_age = max_age
        return view

    return mark(view) if view is not None else mark


def is_public_page(view) -> bool:
    """Whether ``view`` was marked with ``public_page``."""
    return getattr(view, "public_page", False)


def page_max_age(view) -> int | None:
    """How long a public page may be kept at most (None: until retired)."""
    return getattr(view, "public_page_max_age", None)


def keep_at_most(request, seconds: int | None) -> None:
    """Keep the page ``request`` is rendering no longer than ``seconds``: for
    a view whose pages differ in what they show (an editorial page with a
    saved search follows the search index, one without follows its tags)."""
    if seconds is None:
        return
    kept = getattr(request, "_public_page_max_age", None)
    request._public_page_max_age = seconds if kept is None else min(kept, seconds)


def kept_at_most(request) -> int | None:
    """How long the page ``request`` rendered may be kept (None: until
    retired): the least of its view's mark and ``keep_at_most``."""
    return getattr(request, "_public_page_max_age", None)
