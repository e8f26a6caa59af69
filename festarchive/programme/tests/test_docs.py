"""docs/programme-data.md names every timetable column, code, endpoint and
export format, and the index links it."""

from pathlib import Path

import pytest
from django.conf import settings

from festarchive.programme.columns import COLUMN_ORDER, INFORMATIONAL
from festarchive.programme.views.exports import FORMATS
from festarchive.programme.vocabulary import (
    ACCESS_FEATURES,
    LanguageVersion,
    ScreeningKind,
    ScreeningStatus,
    TicketState,
)

DOC = Path(settings.BASE_DIR) / "docs" / "programme-data.md"
CODES = [
    *ScreeningKind.values,
    *LanguageVersion.values,
    *ScreeningStatus.values,
    *TicketState.values,
    *(feature.code for feature in ACCESS_FEATURES),
]


@pytest.mark.parametrize(
    "name",
    [
        *(f"`{column}`" for column in (*COLUMN_ORDER, *INFORMATIONAL)),
        *(f"`{code}`" for code in CODES),
        *(f"`{fmt}`" for fmt in FORMATS),
        "GET /api/v1/screenings`",
        "GET /api/v1/screenings/{uid}`",
        "GET /api/v1/venues`",
        "GET /api/v1/venues/{slug}`",
        "festarchive import-timetable",
        "--dry-run",
        "Day overview",
    ],
)
def test_docs_name_it(name):
    assert name in DOC.read_text(encoding="utf-8")


def test_docs_are_listed_in_the_index():
    index = (DOC.parent / "index.md").read_text(encoding="utf-8")
    assert "(programme-data.md)" in index
