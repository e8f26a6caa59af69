"""The columns of the film spreadsheet: what a downloaded search writes
(search.download) and what the spreadsheet import reads (importers.spreadsheet).

Kept here, apart from both, so that neither interface imports the other and a
downloaded file always imports unchanged.
"""

# The columns, in the order a downloaded search writes them.
COLUMN_ORDER = (
    "title",
    "title_nl",
    "original_title",
    "original_title_latin",
    "original_language",
    "year",
    "runtime",
    "countries",
    "languages",
    "directors",
    "credits",
    "festival",
    "edition",
    "section",
    "premiere",
    "synopsis_en",
    "synopsis_nl",
    "imdb_id",
    "wikidata_id",
    "eidr_id",
    "slug",
)
COLUMNS = set(COLUMN_ORDER)
# Columns a downloaded search carries that an import reads past.
INFORMATIONAL = {"url"}
