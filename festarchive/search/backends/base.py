from dataclasses import dataclass, field

# Columns of the film text index, in rank order: a film whose title holds the
# whole query ranks above one whose directors do, and so on.
FILM_COLUMNS = ("title", "other", "directors", "credits", "synopsis")
NAME_KINDS = ("person", "company")


# Columns that only serve ranking, never matching: each title as one token of
# its words run together ('village road' -> 'villageroad'), so that "the query
# is the title" and "the title starts with the query" are a token lookup.
HEAD_COLUMNS = ("heads", "otherheads")
ALL_COLUMNS = (*FILM_COLUMNS, "consonants", *HEAD_COLUMNS)


@dataclass
class FilmText:
    """The searchable text of one film, as space-separated normalised words."""

    film_id: int
    title: str
    other: str
    directors: str
    credits: str
    synopsis: str
    consonants: str
    heads: str = ""
    otherheads: str = ""

    def row(self) -> tuple:
        return (self.film_id, *(getattr(self, column) for column in ALL_COLUMNS))


@dataclass
class Term:
    word: str
    prefix: bool = False


@dataclass
class Query:
    """Words that must all match; each word may match any of its alternatives."""

    words: list[list[Term]] = field(default_factory=list)
    consonants: list[str] = field(default_factory=list)
    # The query's words run together, as in the head columns.
    head: str = ""

    def __bool__(self) -> bool:
        return bool(self.words or self.consonants)


@dataclass
class FilmMatch:
    ids: list[int]
    # film id -> index in FILM_COLUMNS of the best column holding every word;
    # films missing here matched across columns.
    best_column: dict[int, int]
    # Films one of whose titles is the query, and whose English or Dutch title
    # starts with it.
    exact: set[int] = field(default_factory=set)
    prefix: set[int] = field(default_factory=set)


class SearchBackend:
    def __init__(self, connection):
        self.connection = connection

    # -- schema -------------------------------------------------------------
    def create_tables(self) -> None:
        raise NotImplementedError

    def drop_tables(self) -> None:
        raise NotImplementedError

    # -- writing ------------------------------------------------------------
    def clear(self) -> None:
        raise NotImplementedError

    def write_films(self, texts: list[FilmText], *, replace: bool = True) -> None:
        raise NotImplementedError

    def delete_films(self, film_ids: list[int]) -> None:
        raise NotImplementedError

    def write_names(self, kind: str, rows: list[tuple[int, str]]) -> None:
        raise NotImplementedError

    def delete_names(self, kind: str, ids: list[int]) -> None:
        raise NotImplementedError

    # -- reading ------------------------------------------------------------
    def match_films(self, query: Query) -> FilmMatch:
        raise NotImplementedError

    def match_ids(self, query: Query) -> list[int]:
        """The films matching ``query``, without the rank questions."""
        raise NotImplementedError

    def match_names(self, kind: str, query: Query, limit: int) -> list[int]:
        raise NotImplementedError

    def ranked_match(self, query: Query, limit: int = 20) -> list[int]:
        """The database's own ranked match, top ``limit``: the benchmark floor."""
        raise NotImplementedError

    def size_bytes(self) -> int:
        raise NotImplementedError

    def optimise(self) -> None:
        """Tidy the index after a bulk load."""
