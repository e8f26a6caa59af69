"""Catalogue import files made on the spot, for tests and scripts that need an
import big enough to interrupt."""

import json
from pathlib import Path


def write_catalogue_file(path: Path, *, films: int, prefix: str) -> Path:
    """A JSON Lines catalogue of ``films`` films, each with its own director;
    every film's slug starts with ``{prefix}-film-``."""
    lines = [
        json.dumps({"schema": "festarchive-catalogue", "type": "header", "version": 1}),
        json.dumps(
            {
                "type": "role",
                "slug": "director",
                "name_en": "Director",
                "name_nl": "Regie",
                "order": 1,
            }
        ),
    ]
    lines += [
        json.dumps(
            {"type": "person", "slug": f"{prefix}-maker-{i}", "name": f"Maker {i}"}
        )
        for i in range(films)
    ]
    lines += [
        json.dumps(
            {
                "type": "film",
                "slug": f"{prefix}-film-{i}",
                "title_en": f"{prefix.capitalize()} film {i}",
                "year": 2003,
                "runtime_minutes": 70,
                "credits": [
                    {"role": "director", "person": f"{prefix}-maker-{i}", "order": 0}
                ],
            }
        )
        for i in range(films)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path
