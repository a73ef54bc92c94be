"""The database tables.

``figure`` is the append-only record of figures: every release, revision and deletion is a new
entry, and the current figure is a query (goaltrack.storage.queries); no published value is ever lost.
Figures belong to an indicator, which goals of several sets may share.
Goals removed from the catalogue are archived, never deleted while they have measurements.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Column, Date, DateTime, Index, MetaData, Text, false
from sqlmodel import Field, SQLModel

from goaltrack.domain.progress import target_level

# Named constraints, so that migrations can alter them on every backend (alembic's batch mode).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Meta(SQLModel, table=True):
    """Facts about the database itself, such as which catalogue was loaded last."""

    key: str = Field(primary_key=True, max_length=64)
    value: str


class Scope(SQLModel, table=True):
    """Where a figure applies: the nation (DK), a region, a municipality, or a catalogue's own."""

    code: str = Field(primary_key=True, max_length=32)
    name: str
    position: int = 0
    kind: str = Field(default="other", max_length=16, sa_column_kwargs={"server_default": "other"})
    parent: str | None = Field(default=None, max_length=32)  # e.g. a municipality's region


SHIPPED_SET = "dk-2020"


def code_of(goal_id: str) -> str:
    """A goal key's id within its set: "aarhus-2030/homelessness" → "homelessness"."""
    return goal_id.rsplit("/", 1)[-1]


def measured(goal_id: str, indicator: str | None) -> str:
    """The indicator a goal's figures belong to: its own, else its id within its set (a catalogue's
    default; a goal made in code, without one)."""
    return indicator or code_of(goal_id)  # the goal set of the shipped catalogue (and of a catalogue without an id)


class GoalSet(SQLModel, table=True):
    """A catalogue's goals: its id, title, and the scope its goals are judged in by default."""

    __tablename__ = "goal_set"

    id: str = Field(primary_key=True, max_length=64)
    name: str
    scope: str | None = Field(default=None, max_length=32)  # None: the nation
    position: int = 0
    population: str | None = Field(default=None, max_length=64)  # the indicator of inhabitants, for rates


class Goal(SQLModel, table=True):
    # The shipped set's goals keep their bare id ("homelessness"); another set's are "SET/ID".
    id: str = Field(primary_key=True, max_length=64)
    set_id: str = Field(default=SHIPPED_SET, max_length=64, sa_column_kwargs={"server_default": SHIPPED_SET})
    position: int = 0  # catalogue order
    title_en: str
    title_da: str
    short_en: str | None = None  # short titles for narrow tables (optional)
    short_da: str | None = None
    unit: str = Field(max_length=16)
    direction: str = Field(max_length=8)  # increase | decrease
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    target_change_pct: float | None = None
    source: str | None = None
    archived: bool = False
    verdict_window: int | None = None  # years a verdict basis may lie before the target year; None: 3
    indicator: str = Field(default="", max_length=64)  # what it measures; its figures are the indicator's
    breaks: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON [[year, baseline]]
    statbank: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON: its StatBank query

    @property
    def target_level(self) -> float | None:
        return target_level(self.target_value, self.target_change_pct, self.baseline_value)

    @property
    def code(self) -> str:
        """The goal's id within its set ("homelessness")."""
        return code_of(self.id)

    @property
    def measures(self) -> str:
        """The indicator whose figures the goal reads (see ``measured``)."""
        return measured(self.id, self.indicator)

    @property
    def full_name(self) -> str:
        """SET/ID: names the goal exactly in every command."""
        return f"{self.set_id}/{self.code}"

    def title(self, lang: str, short: bool = False) -> str:
        """The title in ``lang``; with ``short``, the short one where the catalogue gives it."""
        if short:
            brief = self.short_da if lang == "da" else self.short_en
            if brief:
                return brief
        return self.title_da if lang == "da" else self.title_en


class FigureEntry(SQLModel, table=True):
    """One entry of the append-only record of figures (method v3): a figure as one publication gave it,
    or the withdrawal of one (``deleted``). Nothing here is ever updated or removed.

    The current figure of an indicator, scope and year is the entry with the highest id among those
    published on or before the date asked (``--known-at``; without it, every entry), unless that entry
    is a deletion. ``replaces`` names the entry that was current when this one was recorded.
    """

    __tablename__ = "figure"
    __table_args__ = (Index("ix_figure_key", "indicator", "scope", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    indicator: str = Field(max_length=64)
    scope: str = Field(foreign_key="scope.code", max_length=32)
    year: int
    value: float  # a deletion carries the value it withdrew
    source: str | None = None
    note: str | None = None  # a deletion's note is the reason given
    published: date = Field(sa_column=Column(Date, nullable=False))  # released by its producer (else: recorded)
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime, nullable=False))
    deleted: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    flag: str | None = Field(default=None, max_length=1)  # P E B D U (see goaltrack.domain.flags)
    replaces: int | None = None  # the id of the entry that was current when this one was recorded
