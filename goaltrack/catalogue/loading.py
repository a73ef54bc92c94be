"""A catalogue from its file or its text (read, then checked), and where the catalogue files are."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from goaltrack.catalogue.checks import CatalogueChecker
from goaltrack.catalogue.model import Catalogue
from goaltrack.catalogue.reading import read_text, read_yaml
from goaltrack.errors import many_problems


def shipped_catalogue_path() -> Path:
    """The catalogue that ships inside the package (or, in a source tree, at its top)."""
    packaged = Path(str(resources.files("goaltrack") / "goals.yaml"))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "goals.yaml"


def chosen_catalogue_path() -> Path | None:
    """The catalogue ``GOALTRACK_CATALOGUE`` names, if it is set."""
    chosen = os.environ.get("GOALTRACK_CATALOGUE", "")
    return Path(chosen) if chosen else None


def default_catalogue_path() -> Path:
    """The catalogue a new database starts from, and ``catalogue check``/``sync`` read without a file:
    ``GOALTRACK_CATALOGUE`` when set, else the shipped one."""
    return chosen_catalogue_path() or shipped_catalogue_path()


def load_catalogue(path: str | Path) -> Catalogue:
    """Read and validate a catalogue file; raise GoaltrackError listing every problem."""
    return parse_catalogue(read_text(path), str(path))


def parse_catalogue(text: str, name: str = "<catalogue>") -> Catalogue:
    """Validate a catalogue's text (``name`` is its file, for messages); raise GoaltrackError listing
    every problem, by line, in one pass. Warnings (a level and a change that disagree) do not stop it."""
    document = read_yaml(text, name)
    checker = CatalogueChecker(document.lines)
    catalogue = checker.catalogue(document.data, name)
    structural = document.structural
    if checker.problems or structural:  # every problem of the catalogue, in one pass, by line
        problems = sorted(structural + checker.problems, key=lambda p: p.line or 0) if structural \
            else checker.problems
        raise many_problems(problems, name)
    catalogue.warnings = checker.warnings
    return catalogue
