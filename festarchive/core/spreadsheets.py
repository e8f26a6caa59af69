"""CSV cells that a spreadsheet program shows as text, never runs.

Spreadsheet programs treat a cell that begins with ``=``, ``+``, ``-`` or
``@`` (and, in some, a tab or carriage return) as a formula, so a film title
or a list note typed as ``=HYPERLINK(…)`` would run on the computer of whoever
opens a download. Every CSV the site writes goes through ``csv_writer``, which
puts a ``'`` before such a cell (OWASP's advice: the program then shows the
cell as text, without the quote); the spreadsheet import reads it away again
with ``read_cell``, so a downloaded file imports unchanged.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value for a CSV cell: text that would start a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def read_cell(text: str) -> str:
    """A cell as ``safe_cell`` wrote it, back to the text it was."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class _SafeWriter:
    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> _SafeWriter:
    """``csv.writer`` whose every cell is made safe to open (``safe_cell``)."""
    return _SafeWriter(file, **options)
