"""JSON-stat in: Statistics Denmark's and PxWeb's tables (2.0 datasets and 1.x bundles) as figure rows.

A JSON-stat dataset is a cube: its ``value`` holds one figure for each combination of its dimensions'
categories, in row-major order of ``id``/``size``. A figure file has one figure a scope and year, so
the time dimension gives the year, the area dimension the scope, and every other dimension must hold a
single category (a table of men and women, or of several measures, is refused once, naming the
dimension: choose one category in the query). A null value is withheld; an observation's status is
its flag (``P``, ``E``…), as is StatBank's star on a provisional year (``2021*``). The dataset's
``source`` and table id are the rows' source, and its ``updated`` day their publication date.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from goaltrack.errors import GoaltrackError
from goaltrack.ingest.checks import WITHHELD

TIME_NAMES = frozenset({"tid", "time", "year", "år", "aar", "vuosi", "ar"})
AREA_NAMES = frozenset({"område", "omraade", "region", "area", "komk", "kommune", "geo", "municipality", "bopomr",
                        "bopkom", "komgrp", "landsdel", "komkode", "regioner", "kommuner"})
# A status that withholds the cell's value: a withheld cell's mark, but PX's "-" (a magnitude of zero:
# its value stands).
WITHHELD_STATUS = WITHHELD - {"", "-"}
MAX_CELLS = 2_000_000  # as a spreadsheet's: a cube of more cells is no figure file
# What a category's stated unit (its base, label or symbol) says the figures are, looked for in this
# order: a rate (per mille, per 100,000), figures scaled (in thousands, or by a 1.x multiplier), a
# percent (also "pr. 100"), an index, years, a count. A range ("0-1000") or a date ("pr. 1. januar")
# says nothing.
_STATED = (
    ("rate", re.compile(r"\b(?:per|pr|pro)\.?\s*(?:1|10|100)[ .,]?000\b|promille|‰|per (?:thousand|mille)")),
    ("scaled", re.compile(r"(?<![\d.,\-–])(?<![\-–] )1[ .,]?000(?!\d)|tusind|thousand|\bmio\b|million|\bmia\b|milliard"
                          r"|billion|× 10\^")),
    ("percent", re.compile(r"procent|\bpct\b|per ?cent|%|\b(?:per|pr)\.?\s*100\b(?![ .,]?\d)")),
    ("index", re.compile(r"\bindeks|\bindex\b|=\s*100\b")),
    ("years", re.compile(r"^(?:år|years?|antal år|number of years)$")),
    ("count", re.compile(r"\bantal\b|\bnumber\b|\bcount\b|\bpersoner\b|\bpersons\b|\bpeople\b")),
)
# The stated kinds a goal's unit cannot hold: a figure so stated would be stored wrong without a word.
_WRONG_FOR = {"percent": {"rate", "scaled", "count", "index", "years"},
              "persons": {"rate", "scaled", "percent", "index", "years"},
              "count": {"rate", "scaled", "percent", "index", "years"},
              "years": {"rate", "scaled", "percent", "index"}}
_KIND_WORDS = {"rate": "a rate", "scaled": "figures scaled by a power of ten (thousands, millions)",
               "percent": "a percent", "index": "an index", "count": "a count", "persons": "persons",
               "years": "years", "score": "points"}


@dataclass(frozen=True)
class Dimension:
    """One axis of the cube: its id, label and categories (code, label) in index order."""

    id: str
    label: str
    categories: tuple[tuple[str, str], ...]
    units: tuple[str, ...] = ()  # what its categories state as their unit ("Antal", "1.000 personer", "× 10^3")


@dataclass(frozen=True)
class Cube:
    """A dataset read: its dimensions in order, which of them is time and which is the area, and where
    the figures come from."""

    dimensions: tuple[Dimension, ...]
    values: Any  # a list, or an object of index → value (a sparse cube)
    status: Any  # None, one string for all, a list, or an object of index → string
    time: int
    area: int | None
    source: str | None
    updated: str | None


def is_jsonstat(data: Any) -> bool:
    """Whether parsed JSON is JSON-stat: a 2.0 dataset, or a 1.x bundle of datasets."""
    if not isinstance(data, dict):
        return False
    if data.get("class") == "dataset" or ("dimension" in data and "value" in data):
        return True
    return bool(data) and all(isinstance(v, dict) and "dimension" in v and "value" in v for v in data.values())


def cubes(data: dict, where: str, is_scope: Callable[[str, str], bool] | None = None) -> list[Cube]:
    """The datasets of a JSON-stat document (one for 2.0, each of a 1.x bundle), each checked. An area
    dimension neither its role nor its name reveals is the one whose every category ``is_scope``
    (code, label): never left out as if it held nothing."""
    named = [(where, data)] if data.get("class") == "dataset" or "dimension" in data else \
        [(f"{where} dataset {name!r}", dataset) for name, dataset in data.items()]
    out = []
    for place, dataset in named:
        try:
            out.append(_cube(dataset, place, is_scope))
        except (TypeError, ValueError, AttributeError, KeyError, IndexError) as error:
            raise GoaltrackError(f"{place}: not a JSON-stat dataset goaltrack can read ({type(error).__name__}: "
                                 f"{str(error)[:100]})") from None
    return out


def observations(cube: Cube) -> Iterator[tuple[str, str | None, str, Any, str | None]]:
    """(where, area code, time code, value, status) for every cell of the cube, in index order; where
    is "OMRÅDE=101 Tid=2021 (cell 3)", ending in the cell's number as a JSON record's place does."""
    axes = [range(len(d.categories)) for d in cube.dimensions]
    for index, cell in enumerate(itertools.product(*axes)):
        time = cube.dimensions[cube.time].categories[cell[cube.time]][0]
        area = None if cube.area is None else cube.dimensions[cube.area].categories[cell[cube.area]][0]
        named = " ".join(f"{d.id}={d.categories[i][0]}" for d, i in zip(cube.dimensions, cell, strict=True)
                         if len(d.categories) > 1)
        yield f"{named} (cell {index + 1})" if named else f"cell {index + 1}", area, time, _at(cube.values, index), _at(cube.status, index)


def source_of(cube: Cube, table: str | None = None) -> str | None:
    """The rows' source: the dataset's source and its table ("Statistics Denmark, FOLK1A")."""
    parts = [p for p in (cube.source, table) if p]
    return ", ".join(dict.fromkeys(parts)) or None


def published_of(cube: Cube, today: datetime.date | None = None) -> str | None:
    """The dataset's ``updated`` day (YYYY-MM-DD), or None when it gives none or one not yet come."""
    if not cube.updated or len(cube.updated) < 10:
        return None
    try:
        day = datetime.date.fromisoformat(cube.updated[:10])
    except ValueError:
        raise GoaltrackError(f"'updated' {cube.updated[:40]!r} is not a date (YYYY-MM-DD…)") from None
    return day.isoformat() if day <= (today or datetime.date.today()) else None


def unit_problem(cube: Cube, unit: str, goal: str) -> str | None:
    """What is wrong with the cube's stated unit for a goal measured in ``unit`` (a percent goal given
    a count, a persons goal given thousands or a rate), or None where it fits or states nothing known."""
    wrong = _WRONG_FOR.get(unit, {"scaled"})  # points: any unit but a scaled one may be theirs
    for text in (text for d in cube.dimensions for text in d.units):
        kind = next((kind for kind, pattern in _STATED if pattern.search(text.casefold().strip())), None)
        if kind in wrong:
            return (f"its unit is {text[:60]!r}: {_KIND_WORDS[kind]}, not {_KIND_WORDS[unit]} as "
                    f"{goal} is measured; ask for the table in the goal's unit (--force if the stated unit is wrong)")
    return None


def _units(stated: Any, codes: list[str]) -> tuple[str, ...]:
    """The units a dimension's ``category.unit`` states for its categories: each one's base, label or
    symbol, and a 1.x multiplier (a power of ten) as "× 10^3"."""
    out = []
    for unit in (stated.get(code) for code in codes) if isinstance(stated, dict) else ():
        if isinstance(unit, dict):
            out += [unit[k].strip() for k in ("base", "label", "symbol") if isinstance(unit.get(k), str)]
            multiplier = unit.get("multiplier")
            if isinstance(multiplier, int) and not isinstance(multiplier, bool) and multiplier:
                out.append(f"× 10^{multiplier}")
    return tuple(dict.fromkeys(t for t in out if t))


def _at(values: Any, index: int) -> Any:
    if values is None or isinstance(values, str):
        return values
    if isinstance(values, list):
        return values[index] if index < len(values) else None
    return values.get(str(index))


def _cube(data: Any, where: str, is_scope: Callable[[str, str], bool] | None = None) -> Cube:
    if not isinstance(data, dict) or not isinstance(data.get("dimension"), dict):
        raise GoaltrackError(f"{where}: JSON-stat dataset without its dimensions")
    dims = data["dimension"]
    # 2.0 gives id, size and role beside the dimensions; 1.x inside them
    ids, sizes, role = (data.get("id"), data.get("size"), data.get("role")) if "id" in data else \
        (dims.get("id"), dims.get("size"), dims.get("role"))
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes) or not ids:
        raise GoaltrackError(f"{where}: JSON-stat dataset without matching 'id' and 'size'")
    if not all(isinstance(d, str) for d in ids) or len(set(ids)) != len(ids):
        raise GoaltrackError(f"{where}: the dimensions' 'id' must list each dimension's name once")
    dimensions = tuple(_dimension(dims.get(d), str(d), int(n) if isinstance(n, int) else -1, where)
                       for d, n in zip(ids, sizes, strict=True))
    cells = 1
    for d in dimensions:
        cells *= len(d.categories)
    if cells > MAX_CELLS:
        raise GoaltrackError(f"{where}: {cells:,} cells is more than {MAX_CELLS:,}: ask for fewer")
    values = data.get("value")
    if isinstance(values, list) and len(values) != cells:
        raise GoaltrackError(f"{where}: {len(values):,} values for {cells:,} cells ({' × '.join(str(len(d.categories)) for d in dimensions)})")
    if not isinstance(values, (list, dict)):
        raise GoaltrackError(f"{where}: JSON-stat dataset without its values")
    if isinstance(values, dict) and not set(values) <= {str(i) for i in range(cells)}:
        raise GoaltrackError(f"{where}: the values name cells that are not there (the cube has {cells:,})")
    status = data.get("status")
    if not (status is None or isinstance(status, (str, list, dict))):
        raise GoaltrackError(f"{where}: 'status' must be a text, a list or an object, not {type(status).__name__}")
    time = _role(dimensions, role, "time", TIME_NAMES)
    if time is None:
        raise GoaltrackError(f"{where}: no time dimension (one named Tid, time or year, or given the role time)")
    area = _role(dimensions, role, "geo", AREA_NAMES)
    if area is None and is_scope is not None:
        area = next((i for i, d in enumerate(dimensions) if i != time and all(is_scope(*c) for c in d.categories)),
                    None)
    _single(dimensions, {time, area}, where)
    _yearly(dimensions[time], where)
    source, updated = data.get("source"), data.get("updated")
    return Cube(dimensions, values, status, time, area,
                source if isinstance(source, str) else None, updated if isinstance(updated, str) else None)


def _dimension(dim: Any, name: str, size: int, where: str) -> Dimension:
    category = dim.get("category") if isinstance(dim, dict) else None
    if not isinstance(category, dict):
        raise GoaltrackError(f"{where}: dimension {name!r} has no categories")
    index, labels = category.get("index"), category.get("label") or {}
    if isinstance(index, list):
        if not all(isinstance(c, str) for c in index) or len(set(index)) != len(index):
            raise GoaltrackError(f"{where}: dimension {name!r}: its category index must list each code once")
        codes = list(index)
    elif isinstance(index, dict):
        if sorted(p if isinstance(p, int) and not isinstance(p, bool) else -1 for p in index.values()) != \
                list(range(len(index))):
            raise GoaltrackError(f"{where}: dimension {name!r}: its category index must number the categories "
                                 f"0 to {len(index) - 1}, each once")
        codes = [str(c) for c, _ in sorted(index.items(), key=lambda item: item[1])]
    elif isinstance(labels, dict) and len(labels) == 1:  # a single category may go without its index
        codes = [str(c) for c in labels]
    else:
        raise GoaltrackError(f"{where}: dimension {name!r} has no category index")
    if len(codes) != size:
        raise GoaltrackError(f"{where}: dimension {name!r} has {len(codes)} categories, its size says {size}")
    label = dim.get("label")
    return Dimension(name, label if isinstance(label, str) else name,
                     tuple((c, str(labels.get(c, c)) if isinstance(labels, dict) else c) for c in codes),
                     _units(category.get("unit"), codes))


def _role(dimensions: tuple[Dimension, ...], role: Any, kind: str, names: frozenset[str]) -> int | None:
    """The dimension that plays ``kind`` (time, geo): by the dataset's role, else by its name."""
    ids = [d.id for d in dimensions]
    given = role.get(kind) if isinstance(role, dict) else None
    if isinstance(given, list) and given and given[0] in ids:
        return ids.index(given[0])
    return next((i for i, d in enumerate(dimensions) if d.id.casefold() in names), None)


def _single(dimensions: tuple[Dimension, ...], axes: set[int | None], where: str) -> None:
    """Refuse, once, a dimension other than time and area that holds several categories."""
    for i, d in enumerate(dimensions):
        if i not in axes and len(d.categories) > 1:
            shown = ", ".join(label for _, label in d.categories[:4]) + (", …" if len(d.categories) > 4 else "")
            raise GoaltrackError(f"{where}: dimension {d.id!r} ({d.label}) has {len(d.categories)} categories "
                                 f"({shown}); a figure file has one figure a scope and year: ask for one of them")


def _yearly(time: Dimension, where: str) -> None:
    """Refuse, once, a time dimension that is not yearly (2021K1, 2021M01)."""
    odd = next((code for code, _ in time.categories if not code.rstrip("*").strip().isdigit()), None)
    if odd is not None:
        raise GoaltrackError(f"{where}: time {odd!r} is a quarter or month, not a year; goaltrack takes yearly "
                             "figures (choose the yearly series)")
