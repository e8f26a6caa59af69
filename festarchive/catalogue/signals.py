"""Signals the catalogue sends, for other apps to act on.

The catalogue knows nothing of who listens: the lists app records a logged-in
visitor's recent views from ``film_viewed``, so the film page does not call
the lists app's services itself.
"""

from django.dispatch import Signal

# Sent by the film page with ``film`` and ``request`` when it is rendered
# (pages served from the page cache are anonymous visitors', so not sent).
film_viewed = Signal()
