"""The validated definitions a catalogue yields (goals, their seed figures, scopes) and the catalogue's rules.

Nothing here reads or checks anything: ``checks`` builds these from a catalogue's plain data, and
everything else in goaltrack reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goaltrack.domain.progress import target_level
from goaltrack.errors import Problem

NATION = "DK"
NATION_NAME = "Danmark"
DIRECTIONS = {"increase": 1, "decrease": -1}
MAX_WINDOW = 100  # years: a verdict window wider than this is a typo
MISMATCH_SHARE = 0.03  # a stated level and a relative change may disagree by this share of the level

GOAL_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_GOAL_ID = 64  # characters of a goal's id
RESERVED_IDS = {"overview"}  # names of files goaltrack writes beside the goals' charts
SET_ID = GOAL_ID  # a goal set's id: lowercase letters, digits, '-'
MAX_SET_ID = 40  # characters of a goal set's id
SHIPPED_SET = "dk-2020"
MAX_KEY = 64  # a goal of another set is stored as SET/ID, which must fit this
SCOPE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
SCOPE_KINDS = ("nation", "region", "municipality", "other")


def goal_key(set_id: str, code: str) -> str:
    """The goal's id in the database: its bare id in the shipped set, SET/ID in any other."""
    return code if set_id == SHIPPED_SET else f"{set_id}/{code}"


@dataclass(frozen=True)
class SeedMeasurement:
    """A published figure written in the catalogue; loaded once, when nothing is recorded for it."""

    year: int
    value: float
    scope: str = NATION
    source: str | None = None
    note: str | None = None
    scope_default: bool = False  # written without a scope: for the catalogue's own scope
    first_value: float | None = None  # the figure as first released, where a revision replaced it
    first_source: str | None = None
    published: str | None = None  # YYYY-MM-DD: when its producer released it (None: unknown)
    flag: str | None = None  # P E B D U (goaltrack.domain.flags)
    first_published: str | None = None


@dataclass(frozen=True)
class GoalDef:
    """One goal as the catalogue defines it: what is measured, which way is better, and its target."""

    id: str
    title_en: str
    title_da: str
    unit: str
    direction: str
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    target_change_pct: float | None = None
    source: str | None = None
    measurements: tuple[SeedMeasurement, ...] = ()
    verdict_window: int | None = None  # None: the method's default (progress.VERDICT_WINDOW)
    short_en: str | None = None  # a short title for narrow tables, e.g. "Drug-related deaths"
    short_da: str | None = None
    indicator: str | None = None  # what it measures (None: its id); goals of one indicator share its figures
    breaks: tuple[tuple[int, float], ...] = ()  # (year a new series starts, the baseline bridged into it)
    statbank: str | None = None  # the StatBank query that fetches its figures, canonical JSON (domain/statbank.py)

    @property
    def indicator_id(self) -> str:
        return self.indicator or self.id

    @property
    def target_level(self) -> float | None:
        """The stated level; else the relative change applied to the baseline; else None."""
        return target_level(self.target_value, self.target_change_pct, self.baseline_value)


@dataclass(frozen=True)
class ScopeDef:
    """A place figures are for: the nation, a region, a municipality, or another scope."""

    code: str
    name: str
    kind: str = "other"
    parent: str | None = None  # e.g. a municipality's region


@dataclass
class Catalogue:
    """A whole catalogue file: its goal set, scopes and goals, and the warnings its check gave."""

    path: str
    name: str | None
    scopes: list[ScopeDef]
    goals: list[GoalDef]
    warnings: list[Problem] = field(default_factory=list)
    set_id: str = SHIPPED_SET  # the goal set it defines; a catalogue without an id: the shipped set
    scope: str | None = None  # the scope its goals are judged in by default (None: the nation)
    population: str | None = None  # the indicator of each scope's inhabitants, for rates (None: no rates)

    @property
    def home(self) -> str:
        return self.scope or NATION
