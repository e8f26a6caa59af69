from .planner import PlannedScreening, Planner
from .screening import FilmProgramme, ProgrammeFilm, Screening
from .venue import Screen, Venue

__all__ = [
    "FilmProgramme",
    "PlannedScreening",
    "Planner",
    "ProgrammeFilm",
    "Screen",
    "Screening",
    "Venue",
]
