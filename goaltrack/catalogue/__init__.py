"""The goal catalogue: YAML in, validated goal definitions out, every problem with its line.

    model       the definitions a catalogue yields (GoalDef, ScopeDef, Catalogue) and its rules
    reading     a catalogue file's YAML to plain data with lines (safe loading only, parsed once)
    checks      CatalogueChecker: plain data to a Catalogue (goals in checks_goals, fields in checks_fields)
    loading     load_catalogue / parse_catalogue, and where the catalogue files are

What code outside the package uses is imported here.
"""

from __future__ import annotations

from goaltrack.catalogue.loading import (
                                         chosen_catalogue_path,
                                         default_catalogue_path,
                                         load_catalogue,
                                         parse_catalogue,
                                         shipped_catalogue_path,
)
from goaltrack.catalogue.model import (
                                         DIRECTIONS,
                                         NATION,
                                         NATION_NAME,
                                         SHIPPED_SET,
                                         Catalogue,
                                         GoalDef,
                                         ScopeDef,
                                         SeedMeasurement,
                                         goal_key,
)

__all__ = [
    "DIRECTIONS", "NATION", "NATION_NAME", "SHIPPED_SET", "Catalogue", "GoalDef", "ScopeDef", "SeedMeasurement",
    "chosen_catalogue_path", "default_catalogue_path", "goal_key", "load_catalogue", "parse_catalogue",
    "shipped_catalogue_path",
]
