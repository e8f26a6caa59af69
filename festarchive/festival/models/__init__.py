from .festival import Edition, Festival, Section
from .selection import Award, PremiereStatus, Selection

__all__ = ["Award", "Edition", "Festival", "PremiereStatus", "Section", "Selection"]
