from .festival import Edition, Festival, Section
from .prize import Juror, Jury, Prize, PrizeName
from .selection import (
    Award,
    PremiereStatus,
    Selection,
    edition_awards_tag,
    festival_selections_tag,
)

__all__ = [
    "Award",
    "Edition",
    "Festival",
    "Juror",
    "Jury",
    "PremiereStatus",
    "Prize",
    "PrizeName",
    "Section",
    "Selection",
    "edition_awards_tag",
    "festival_selections_tag",
]
