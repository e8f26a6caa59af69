from .festival import Edition, Festival, Section
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
    "PremiereStatus",
    "Section",
    "Selection",
    "edition_awards_tag",
    "festival_selections_tag",
]
