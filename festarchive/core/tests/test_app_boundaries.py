"""The apps import each other only downwards, as docs/architecture.md says.

Every ``import`` of every module (tests and migrations aside) is read with
``ast``, so an import inside a function counts too.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # festarchive/

# The floors, lowest first. An app may import the apps on lower floors and,
# where the rules below allow, those on its own.
FLOORS = {
    "core": 0,
    "media": 1,
    "catalogue": 2,
    "festival": 2,
    "lists": 3,
    "accounts": 3,
    "programme": 3,
    "professionals": 3,
    "donations": 3,
    "curated": 3,
    "search": 4,
    "oai": 4,
    "api": 4,
    "reconcile": 4,
    "importers": 4,
    "sitepages": 4,
    "statistics": 4,
    "editorial": 4,
    "menus": 4,
    "ops": 4,
    "demo": 5,
    "testing": 5,
}
# Imports across a floor (or up one) that are allowed, by module prefix.
ALLOWED = {
    # The domain apps' models know each other; catalogue prefetches
    # selections and awards, and reads festival models for that only.
    "catalogue": ("festarchive.festival.models",),
    "festival": (
        "festarchive.catalogue.models",
        "festarchive.catalogue.queries",
        "festarchive.catalogue.vocabulary",
    ),
    # Favourites and festival plans are visitors' things: the account page
    # and its data download show them.
    "accounts": (
        "festarchive.lists",
        "festarchive.programme.plans",
        "festarchive.professionals.queries.download",
        # The data download shows donations; deleting an account erases
        # the donor's data on them.
        "festarchive.donations.queries.download",
        "festarchive.donations.services.erasure",
    ),
    # The importers move the page cache's version on after raw SQL writes.
    "importers": ("festarchive.ops.pagecache", "festarchive.search"),
    "api": ("festarchive.search",),
    "oai": ("festarchive.search",),
    # The reconciliation service matches names with the archive's search.
    "reconcile": ("festarchive.search.queries",),
    "ops": ("festarchive.search",),
    # The site's fixed places (menus, the About address) find staff's pages.
    "menus": ("festarchive.editorial.queries", "festarchive.editorial.caching"),
    "sitepages": ("festarchive.editorial.queries",),
    # An editorial page's search block asks the archive's own search.
    "editorial": ("festarchive.search.queries",),
}
# Known crossings still to be moved; each one is a debt, not a pattern.
DEBTS = {
    # Duplicate finding folds names the way search does: words() belongs
    # in core.text with fold().
    ("catalogue", "festarchive.search.normalise"),
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name


def _edges():
    """(app, imported module, file) for each import of another festarchive app."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or "tests" in parts or "migrations" in parts:
            continue
        app = parts[0]
        for module in _imports(path):
            names = module.split(".")
            if names[0] == "festarchive" and len(names) > 1 and names[1] != app:
                yield app, module, path.relative_to(PACKAGE.parent)


EDGES = list(_edges())


def test_every_app_has_a_floor():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists()}
    assert apps - {"templates"} <= set(FLOORS), apps - set(FLOORS)


def test_core_imports_no_other_app():
    assert [(m, str(f)) for app, m, f in EDGES if app == "core"] == []


def test_catalogue_reads_festival_models_only():
    """catalogue may import festival models (for prefetches), never festival
    queries or services: those read and write festivals and sit above it."""
    assert [
        (m, str(f))
        for app, m, f in EDGES
        if app == "catalogue"
        and m.startswith("festarchive.festival")
        and not m.startswith("festarchive.festival.models")
    ] == []


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_imports_go_down_the_floors(app):
    wrong = []
    for importer, module, path in EDGES:
        if importer != app:
            continue
        other = module.split(".")[1]
        if other not in FLOORS:
            continue  # festarchive.templates and the like
        if FLOORS[other] < FLOORS[app]:
            continue
        if module.startswith(ALLOWED.get(app, ())) or (app, module) in DEBTS:
            continue
        wrong.append((module, str(path)))
    assert wrong == []
