"""The mark a view carries when its page is the same for every anonymous
visitor, so the page cache may keep it (festarchive.ops.pagecache).

It lives in core, the ground floor, so that every app can mark its views
without importing ops, which sits above them all.
"""


def public_page(view):
    """Mark ``view`` as a public page: PageCacheMiddleware caches its answers
    for anonymous visitors; everyone else gets a fresh page marked private."""
    view.public_page = True
    return view


def is_public_page(view) -> bool:
    """Whether ``view`` was marked with ``public_page``."""
    return getattr(view, "public_page", False)
