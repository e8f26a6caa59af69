"""Reads of the requests feature."""


def film_requests_context(*, film, user) -> dict:
    """What the film page's professional panel shows of this feature."""
    return {}
