from .company import Company
from .credit import Credit, Role
from .film import Film, FilmCountry, FilmLanguage, FilmTitle
from .media import FilmImage, FilmVideo
from .person import Person

__all__ = [
    "Company",
    "Credit",
    "Film",
    "FilmCountry",
    "FilmImage",
    "FilmLanguage",
    "FilmTitle",
    "FilmVideo",
    "Person",
    "Role",
]
