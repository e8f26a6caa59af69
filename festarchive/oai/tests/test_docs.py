"""docs/oai-pmh.md names every verb, error, setting, format and kind of set."""

from pathlib import Path

import pytest
from django.conf import settings

from festarchive.oai import protocol, queries
from festarchive.oai.formats import FORMATS
from festarchive.oai.repository import DEFAULTS

DOC = Path(settings.BASE_DIR) / "docs" / "oai-pmh.md"

ERROR_CODES = [
    protocol.BAD_ARGUMENT,
    protocol.BAD_RESUMPTION_TOKEN,
    protocol.BAD_VERB,
    protocol.CANNOT_DISSEMINATE_FORMAT,
    protocol.ID_DOES_NOT_EXIST,
    protocol.NO_RECORDS_MATCH,
]


@pytest.mark.parametrize(
    "name",
    [
        *protocol.VERBS,
        *ERROR_CODES,
        *DEFAULTS,
        *FORMATS,
        *(f"`{kind}:<slug>`" for kind in queries.SET_KINDS),
        "FESTARCHIVE_OAI",
    ],
)
def test_docs_name_it(name):
    assert name in DOC.read_text(encoding="utf-8")


def test_docs_are_listed_in_the_index():
    index = (DOC.parent / "index.md").read_text(encoding="utf-8")
    assert "(oai-pmh.md)" in index
