from django.db import models


class SearchDocument(models.Model):
    """What search knows of one film besides its text: facet values and sort keys.

    The full text lives in a backend-specific table (FTS5 on SQLite, tsvector
    on PostgreSQL) keyed by the same film id. ``version`` is the time of the
    last write in milliseconds; search processes reload the rows that changed.
    """

    film_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(db_index=True)
    is_visible = models.BooleanField(default=True)
    facets = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"search document of film {self.film_id}"


class SearchTerm(models.Model):
    """A word that occurs in the index: the vocabulary for typo tolerance and
    did-you-mean suggestions."""

    term = models.CharField(max_length=100, primary_key=True)
    # How the word is written in the catalogue, for "did you mean".
    spelling = models.CharField(max_length=100, blank=True)
    frequency = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.term
