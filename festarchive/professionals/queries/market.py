"""Reads of the market feature."""


def film_market_context(*, film, user) -> dict:
    """What the film page's professional panel shows of this feature."""
    return {}
