from .company import Company
from .credit import Credit, Role
from .duplicates import DistinctPair
from .film import Film, FilmCountry, FilmLanguage, FilmTitle
from .media import CompanyImage, FilmImage, FilmVideo, PersonImage
from .person import Person
from .provenance import FilmProvenance

__all__ = [
    "Company",
    "CompanyImage",
    "Credit",
    "DistinctPair",
    "Film",
    "FilmCountry",
    "FilmImage",
    "FilmLanguage",
    "FilmProvenance",
    "FilmTitle",
    "FilmVideo",
    "Person",
    "PersonImage",
    "Role",
]
