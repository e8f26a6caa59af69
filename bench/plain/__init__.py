"""The yardstick for ``bench/load.py``: a film page as a plain Django view.

The cold-cache target for film pages is twice what "a plain Django view
rendering a film page from SQLite with no cache" serves. This is that view, so
the two can be measured side by side on the same machine, in the same run,
against the same archive: Django's default middleware (as ``startproject`` writes it), one
view that reads the film with ``select_related`` and ``prefetch_related``, and
a template of the film page's content (titles, directors, facts, synopsis,
credits by role, festival history) with ``{% url %}`` links. No page cache, no
prepared queries, none of the site's header and footer.
"""
