"""gunicorn's settings for ``festarchive serve`` (the command line adds the rest).

The application is loaded once, in the master, before the workers are forked,
and the search's facet index with it: every worker starts with the index in
memory it shares with the others, instead of each spending seconds reading it
on its first search, again after each restart.
"""

import logging

preload_app = True


def when_ready(server):
    from django.db import connections

    from festarchive.search import facets

    try:
        facets.current()
    except Exception:  # noqa: BLE001 - a database that is down now is not fatal
        logging.getLogger("festarchive.ops").warning(
            "The search index could not be read before starting the workers; "
            "each will read it on its first search.",
            exc_info=True,
        )
    finally:
        # The workers open their own connections; none may inherit this one.
        connections.close_all()
