"""The goal catalogue: YAML in, validated goal definitions out, every problem with its line.

Catalogues are untrusted input. Only ``yaml.safe_load`` constructs Python values from them; the
node tree (``yaml.compose``, which constructs nothing) is walked first to find line numbers,
duplicate keys and aliases, which are refused so that an alias bomb fails at once.
"""

from __future__ import annotations

import datetime
import math
import os
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from goaltrack.errors import GoaltrackError, Problem, many_problems
from goaltrack.domain.progress import same_level, target_level
from goaltrack.domain.text import shorten
from goaltrack.domain.units import (MAX_DIGITS, MAX_MAGNITUDE, TOO_CLOSE_TO_ZERO, UNITS, format_plain, parse_value, text_problem,
                             too_large, too_long, underflowed)

NATION = "DK"
NATION_NAME = "Danmark"
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_BYTES = 5_000_000  # checked while reading: a catalogue of ours is 20 kB
MAX_DEPTH = 20  # levels of nesting; a catalogue has five (goals, a goal, its target, …)
DIRECTIONS = {"increase": 1, "decrease": -1}
MAX_WINDOW = 100  # years: a verdict window wider than this is a typo
MISMATCH_SHARE = 0.03  # a stated level and a relative change may disagree by this share of the level

GOAL_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RESERVED_IDS = {"overview"}  # names of files goaltrack writes beside the goals' charts
SET_ID = GOAL_ID  # a goal set's id: lowercase letters, digits, '-'
SHIPPED_SET = "dk-2020"
MAX_KEY = 64  # a goal of another set is stored as SET/ID, which must fit this


def goal_key(set_id: str, code: str) -> str:
    """The goal's id in the database: its bare id in the shipped set, SET/ID in any other."""
    return code if set_id == SHIPPED_SET else f"{set_id}/{code}"
SCOPE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")


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


@dataclass(frozen=True)
class GoalDef:
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

    @property
    def target_level(self) -> float | None:
        """The stated level; else the relative change applied to the baseline; else None."""
        return target_level(self.target_value, self.target_change_pct, self.baseline_value)


SCOPE_KINDS = ("nation", "region", "municipality", "other")


@dataclass(frozen=True)
class ScopeDef:
    code: str
    name: str
    kind: str = "other"
    parent: str | None = None  # e.g. a municipality's region


@dataclass
class Catalogue:
    path: str
    name: str | None
    scopes: list[ScopeDef]
    goals: list[GoalDef]
    warnings: list[Problem] = field(default_factory=list)
    set_id: str = SHIPPED_SET  # the goal set it defines; a catalogue without an id: the shipped set
    scope: str | None = None  # the scope its goals are judged in by default (None: the nation)

    @property
    def home(self) -> str:
        return self.scope or NATION


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
    name = str(path)
    try:
        with open(path, "rb") as f:  # read no more than the cap: /dev/zero is a file too
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise GoaltrackError(f"cannot read catalogue {name}: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise GoaltrackError(f"catalogue {name} is larger than {MAX_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GoaltrackError(f"catalogue {name} is not UTF-8 text (byte {exc.start})") from None
    return parse_catalogue(text, name)


def parse_catalogue(text: str, name: str = "<catalogue>") -> Catalogue:
    import yaml

    try:
        root = yaml.compose(text, Loader=_shallow_loader())
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, name) from None
    except _TooDeep as deep:
        raise GoaltrackError(f"{name}:{deep.line}: YAML nested more than {MAX_DEPTH} levels deep; "
                             "a catalogue needs five") from None
    if root is None:
        raise GoaltrackError(f"catalogue {name} is empty")
    lines: dict[tuple, int] = {}
    try:
        structural = _walk(root, (), lines, set())
    except _Alias as alias:  # stop at the first: an alias bomb has billions of them
        structural = [Problem("aliases and anchors are not allowed in a catalogue", alias.line)]
    if any("aliases and anchors" in p.message for p in structural):
        raise many_problems(structural, name)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        if structural:  # a key that is no plain word cannot even be read: the structure says why
            raise many_problems(structural, name) from None
        raise _yaml_error(exc, name) from None
    checker = _Checker(lines)
    catalogue = checker.catalogue(data, name)
    if checker.problems or structural:  # every problem of the catalogue, in one pass, by line
        problems = sorted(structural + checker.problems, key=lambda p: p.line or 0) if structural \
            else checker.problems
        raise many_problems(problems, name)
    catalogue.warnings = checker.warnings
    return catalogue


class _TooDeep(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def _shallow_loader() -> type:
    """PyYAML's SafeLoader, refusing nodes nested deeper than MAX_DEPTH. Its composer recurses once a
    level, so '[' × 100,000 would end in a RecursionError; the scanner and parser do not recurse."""
    import yaml

    class ShallowLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise _TooDeep(self.peek_event().start_mark.line + 1)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return ShallowLoader


def _yaml_error(exc: Any, name: str) -> GoaltrackError:
    import yaml

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    place = f"{name}:{mark.line + 1}" if mark is not None else name
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark is not mark:
        what += f" ({context} on line {context_mark.line + 1})"
    if isinstance(exc, yaml.constructor.ConstructorError):
        what += "; a catalogue holds plain data only"
    return GoaltrackError(f"{place}: YAML error: {what}")


class _Alias(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def _walk(node: Any, path: tuple, lines: dict[tuple, int], seen: set[int]) -> list[Problem]:
    """Record each value's line; refuse duplicate keys, and raise _Alias at a node met twice."""
    import yaml

    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _Alias(line)
    seen.add(id(node))
    lines[path] = line
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem("a key must be a plain word", key_node.start_mark.line + 1))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(Problem("merge keys (<<) are not allowed in a catalogue", line))
                continue
            if key in keys:
                problems.append(Problem(f"duplicate key '{key}'", key_node.start_mark.line + 1))
            keys.add(key)
            problems += _walk(value_node, path + (key,), lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _walk(item, path + (index,), lines, seen)
    elif node.tag in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int"):
        why = _number_text_problem(node.value)
        if why:
            problems.append(Problem(why, line))
    return problems


def _number_text_problem(text: str) -> str | None:
    """Why a number as written in YAML is no figure, where safe_load would hide it: 1.0e-400 becomes
    0.0 (a zero nobody wrote), and a 60-digit decimal loses its digits. (Values that stay numbers, too
    large or too close to zero, are named by the value checks, with the goal.)"""
    try:
        number = float(text.replace("_", ""))
    except ValueError:  # .inf, .nan, 0x1F, 1:20 (sexagesimal): the value checks name those
        return None
    if underflowed(text, number):
        return f"{text} {TOO_CLOSE_TO_ZERO}"
    if len(text) > MAX_DIGITS and math.isfinite(number) and "e" not in format_plain(number):
        return too_long(text)
    return None


class _Checker:
    """Validates the plain data from safe_load, collecting problems and warnings with lines."""

    def __init__(self, lines: dict[tuple, int]):
        self.lines = lines
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def line(self, path: tuple) -> int | None:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)

    def fail(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(message, self.line(path)))

    def warn(self, path: tuple, message: str) -> None:
        self.warnings.append(Problem(message, self.line(path)))

    # -- building blocks -----------------------------------------------------------------------

    def mapping(self, value: Any, path: tuple, what: str, allowed: set[str], required: frozenset[str] | set[str] = frozenset()):
        if not isinstance(value, dict):
            self.fail(path, f"{what} must be a mapping of keys to values")
            return None
        for key in value:
            if key not in allowed:
                hint = ""
                if isinstance(key, int) and not isinstance(key, bool) and value.get(key) is None:
                    hint = (f"; a decimal comma inside {{ }} splits the number (value: 6,{key} reads as 6 and a "
                            f"key {key}): write a point, 6.{key}")
                self.fail(path + (key,), f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))}){hint}")
        for key in sorted(required - set(value)):
            self.fail(path, f"{what} lacks '{key}'")
        return value

    def text(self, value: Any, path: tuple, what: str, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.fail(path, f"{what} is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"{what} must be a non-empty text, not {shorten(repr(value))}")
            return None
        why = text_problem(value.strip(), what, allowed="\t\n" if what.endswith("note") else "")
        if why:
            self.fail(path, why)
            return None
        return value.strip()

    def year(self, value: Any, path: tuple, what: str, last: int = LAST_YEAR) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, f"{what} must be a whole year, not {value!r}")
            return None
        if not FIRST_YEAR <= value <= last:
            self.fail(path, f"{what} {value} is outside {FIRST_YEAR}..{last}")
            return None
        return value

    def number(self, value: Any, path: tuple, what: str, unit: str | None) -> float | None:
        if isinstance(value, str):
            try:
                value = parse_value(value)
            except ValueError as exc:
                self.fail(path, f"{what}: {exc}")
                return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(path, f"{what} must be a number, not {value!r}")
            return None
        value = float(value)
        if not math.isfinite(value):
            self.fail(path, f"{what} must be a finite number, not {value}")
            return None
        if abs(value) >= MAX_MAGNITUDE:
            self.fail(path, f"{what}: {too_large(format_plain(value))}")
            return None
        if unit in UNITS:
            why = UNITS[unit].check(value)
            if why:
                self.fail(path, f"{what}: {why}")
                return None
        return value

    # -- the catalogue -------------------------------------------------------------------------

    def catalogue(self, data: Any, name: str) -> Catalogue:
        top = self.mapping(data, (), "the catalogue",
                           {"id", "name", "scope", "description", "scopes", "goals", "verdict_window"}, {"goals"})
        top = top or {}
        window = self.window(top.get("verdict_window"), ("verdict_window",), "the catalogue")
        set_id = top.get("id", SHIPPED_SET)
        if not isinstance(set_id, str) or len(set_id) > 40 or not SET_ID.fullmatch(set_id):
            self.fail(("id",), f"the catalogue's id {set_id!r} must be lowercase letters, digits and '-' "
                               "(at most 40, no leading, trailing or double '-'), e.g. aarhus-2030")
            set_id = SHIPPED_SET
        scopes = self.scopes(top.get("scopes"))
        codes = {scope.code for scope in scopes}
        home = None
        if top.get("scope") is not None:
            home = self.scope_code(top["scope"], ("scope",))
            if home is not None:
                codes.add(home)  # figures may be written for it; sync checks that the database knows it
        goals: list[GoalDef] = []
        raw_goals = top.get("goals")
        if "goals" in top and (not isinstance(raw_goals, list) or not raw_goals):
            self.fail(("goals",), "'goals' must be a list with at least one goal")
            raw_goals = []
        seen: dict[str, int | None] = {}
        for index, raw in enumerate(raw_goals or []):
            # Ids are compared before each goal is checked, so that a goal with other problems still
            # counts: its twin is named in the same pass.
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            twice = isinstance(raw_id, str) and raw_id in seen
            if twice:
                self.fail(("goals", index, "id"), f"duplicate goal id '{raw_id}' (first on line {seen[raw_id]})")
            elif isinstance(raw_id, str):
                seen[raw_id] = self.line(("goals", index, "id"))
            goal = self.goal(raw, ("goals", index), codes)
            if goal is None or twice:
                continue
            if goal.verdict_window is None and window is not None:  # the catalogue's window, unless the goal sets one
                goal = replace(goal, verdict_window=window)
            if len(goal_key(set_id, goal.id)) > MAX_KEY:
                self.fail(("goals", index, "id"), f"goal '{goal.id}' of set '{set_id}': '{set_id}/{goal.id}' is "
                                                  f"longer than {MAX_KEY} characters; shorten the id")
                continue
            if home is not None and home != NATION:  # figures written without a scope are for the set's own
                goal = replace(goal, measurements=tuple(
                    replace(m, scope=home) if m.scope_default else m for m in goal.measurements))
            goals.append(goal)
        title = top.get("name")
        return Catalogue(name, title if isinstance(title, str) else None, scopes, goals, set_id=set_id,
                         scope=None if home == NATION else home)

    def scopes(self, raw: Any) -> list[ScopeDef]:
        scopes: dict[str, ScopeDef] = {NATION: ScopeDef(NATION, NATION_NAME, "nation")}
        if raw is None:
            return list(scopes.values())
        if not isinstance(raw, list):
            self.fail(("scopes",), "'scopes' must be a list of {code, name}")
            return list(scopes.values())
        defined: set[str] = set()
        parents: list[tuple[tuple, str, str]] = []
        for index, item in enumerate(raw):
            path = ("scopes", index)
            item = self.mapping(item, path, "a scope", {"code", "name", "kind", "parent"}, {"code", "name"})
            if not item:
                continue
            code = self.scope_code(item.get("code"), path + ("code",))
            if code is None:
                continue
            if code in defined:
                self.fail(path + ("code",), f"duplicate scope code '{code}'")
                continue
            name = self.text(item.get("name"), path + ("name",), f"the name of scope {code}", required=True)
            kind = item.get("kind", "nation" if code == NATION else "other")
            if kind not in SCOPE_KINDS:
                self.fail(path + ("kind",), f"scope {code}: kind must be one of {', '.join(SCOPE_KINDS)}, not {kind!r}")
                continue
            parent = None
            if item.get("parent") is not None:
                parent = self.scope_code(item["parent"], path + ("parent",))
                if parent is not None:
                    parents.append((path + ("parent",), code, parent))
            defined.add(code)
            scopes[code] = ScopeDef(code, name or code, kind, parent)
        for path, code, parent in parents:
            if parent not in scopes or parent == code:
                self.fail(path, f"scope {code}: parent '{parent}' is not a scope of this catalogue")
        return list(scopes.values())

    def scope_code(self, code: Any, path: tuple) -> str | None:
        code = str(code) if isinstance(code, int) and not isinstance(code, bool) else code
        if not isinstance(code, str) or not SCOPE_CODE.fullmatch(code):
            self.fail(path, f"scope code {code!r} must be 1-32 letters, digits, '-' or '_'")
            return None
        return code

    def goal(self, raw: Any, path: tuple, scopes: set[str]) -> GoalDef | None:
        allowed = {"id", "title", "unit", "direction", "baseline", "target", "source", "measurements", "verdict_window"}
        raw = self.mapping(raw, path, "a goal", allowed, {"id", "title", "unit", "direction"})
        if raw is None:
            return None
        before = len(self.problems)
        goal_id = raw.get("id")
        if not isinstance(goal_id, str) or len(goal_id) > 64 or not GOAL_ID.fullmatch(goal_id):
            if "id" in raw:
                self.fail(path + ("id",), f"goal id {goal_id!r} must be lowercase letters, digits and '-' "
                                          "(at most 64, no leading, trailing or double '-')")
            goal_id = None
        elif goal_id in RESERVED_IDS:
            self.fail(path + ("id",), f"goal id '{goal_id}' is reserved: the overview chart is {goal_id}.png")
            goal_id = None
        what = f"goal '{goal_id}'" if goal_id else "a goal"
        title_en, title_da, short_en, short_da = self.title(raw.get("title"), path + ("title",), what)
        unit = raw.get("unit")
        if "unit" in raw and unit not in UNITS:
            self.fail(path + ("unit",), f"{what}: unknown unit {unit!r} (one of: {', '.join(UNITS)})")
            unit = None
        direction = raw.get("direction")
        if "direction" in raw and direction not in DIRECTIONS:
            self.fail(path + ("direction",), f"{what}: direction must be 'increase' or 'decrease', not {direction!r}")
            direction = None
        baseline_year = baseline_value = None
        if raw.get("baseline") is not None:
            bpath = path + ("baseline",)
            base = self.mapping(raw["baseline"], bpath, f"the baseline of {what}", {"year", "value"}, {"year", "value"})
            if base:
                baseline_year = self.year(base.get("year"), bpath + ("year",), f"{what}: baseline year") \
                    if "year" in base else None
                baseline_value = self.number(base.get("value"), bpath + ("value",), f"{what}: baseline", unit) \
                    if "value" in base else None
        target_year = target_value = change = None
        if raw.get("target") is not None:
            tpath = path + ("target",)
            target = self.mapping(raw["target"], tpath, f"the target of {what}", {"year", "value", "change_pct"}, {"year"})
            if target:
                if "year" in target:
                    target_year = self.year(target["year"], tpath + ("year",), f"{what}: target year")
                if target.get("value") is not None:
                    target_value = self.number(target["value"], tpath + ("value",), f"{what}: target", unit)
                if target.get("change_pct") is not None:
                    change = self.number(target["change_pct"], tpath + ("change_pct",), f"{what}: change_pct", None)
        source = self.text(raw.get("source"), path + ("source",), f"{what}: source")
        window = self.window(raw.get("verdict_window"), path + ("verdict_window",), what)
        measurements = self.measurements(raw.get("measurements"), path + ("measurements",), what, unit, scopes)
        if goal_id is None or unit is None or direction is None:
            # still the checks between fields that need neither: every problem in one pass
            if target_year is not None and baseline_year is not None and target_year <= baseline_year:
                self.fail(path + ("target", "year"),
                          f"{what}: target year {target_year} must come after baseline year {baseline_year}")
            return None
        goal = GoalDef(goal_id, title_en or goal_id, title_da or title_en or goal_id, unit, direction,
                       baseline_year, baseline_value, target_year, target_value, change, source, measurements, window,
                       short_en, short_da)
        self.coherence(goal, path)
        return None if len(self.problems) > before else goal

    def window(self, value: Any, path: tuple, what: str) -> int | None:
        """verdict_window: how many years a verdict basis may lie before the target year (0..100)."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WINDOW:
            self.fail(path, f"{what}: verdict_window must be a whole number of years from 0 to {MAX_WINDOW}, "
                            f"not {value!r}")
            return None
        return value

    def title(self, raw: Any, path: tuple, what: str) -> tuple[str | None, str | None, str | None, str | None]:
        """English and Danish titles, and the optional short ones that narrow tables use."""
        if isinstance(raw, str):
            text = self.text(raw, path, f"{what}: title")
            return text, text, None, None
        titles = self.mapping(raw, path, f"the title of {what}", {"en", "da", "short_en", "short_da"}, {"en"})
        if not titles:
            return None, None, None, None
        en = self.text(titles.get("en"), path + ("en",), f"{what}: English title", required=True)
        da = self.text(titles.get("da"), path + ("da",), f"{what}: Danish title") if "da" in titles else en
        shorts = []
        for key, full, name in (("short_en", en, "English"), ("short_da", da, "Danish")):
            short = self.text(titles.get(key), path + (key,), f"{what}: short {name} title") \
                if key in titles else None
            if short is not None and full is not None and len(short) > len(full):
                self.fail(path + (key,), f"{what}: the short {name} title {short!r} is longer than the title")
                short = None
            shorts.append(short)
        if "da" not in titles:  # one language only: the Danish title is the English one, and so is its short form
            shorts[1] = shorts[1] or shorts[0]
        return en, da, shorts[0], shorts[1]

    def measurements(self, raw: Any, path: tuple, what: str, unit: str | None, scopes: set[str]):
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(path, f"{what}: 'measurements' must be a list")
            return ()
        this_year = datetime.date.today().year
        out, seen = [], set()
        for index, item in enumerate(raw):
            mpath = path + (index,)
            item = self.mapping(item, mpath, f"a measurement of {what}",
                                {"year", "value", "scope", "source", "note", "first_release"}, {"year", "value"})
            if not item or "year" not in item or "value" not in item:
                continue
            year = self.year(item["year"], mpath + ("year",), f"{what}: measurement year", last=this_year)
            value = self.number(item["value"], mpath + ("value",), f"{what}: measurement", unit)
            scope = str(item.get("scope", NATION))
            scope_default = "scope" not in item
            if scope not in scopes:
                self.fail(mpath + ("scope",), f"{what}: unknown scope '{scope}'")
                continue
            source = self.text(item.get("source"), mpath + ("source",), f"{what}: source")
            note = self.text(item.get("note"), mpath + ("note",), f"{what}: note")
            if year is None or value is None:
                continue
            first_value = first_source = None
            if item.get("first_release") is not None:
                fpath = mpath + ("first_release",)
                first = self.mapping(item["first_release"], fpath, f"the first release of {what} {year}",
                                     {"value", "source"}, {"value"})
                if first and "value" in first:
                    first_value = self.number(first["value"], fpath + ("value",), f"{what}: first release", unit)
                    first_source = self.text(first.get("source"), fpath + ("source",), f"{what}: first release source")
                    if first_value is not None and first_value == value:
                        self.fail(fpath + ("value",), f"{what}: the first release of {year} equals the revised "
                                                      f"figure {format_plain(value)}; leave first_release out")
            if (scope, year) in seen:
                self.fail(mpath, f"{what}: two measurements for {scope} {year}")
                continue
            seen.add((scope, year))
            out.append(SeedMeasurement(year, value, scope, source, note, scope_default, first_value, first_source))
        return tuple(out)

    def coherence(self, goal: GoalDef, path: tuple) -> None:
        """Checks between fields: years in order, targets on the right side, level and change agree."""
        what = f"goal '{goal.id}'"
        d = DIRECTIONS[goal.direction]
        if goal.target_year is not None and goal.baseline_year is not None and goal.target_year <= goal.baseline_year:
            self.fail(path + ("target", "year"),
                      f"{what}: target year {goal.target_year} must come after baseline year {goal.baseline_year}")
        if goal.target_change_pct is not None:
            c = goal.target_change_pct
            if c < -100:
                self.fail(path + ("target", "change_pct"), f"{what}: change_pct {format_plain(c)} would go below zero")
            elif d * c <= 0:
                self.fail(path + ("target", "change_pct"),
                          f"{what}: change_pct {format_plain(c)} goes the wrong way for a goal to {goal.direction}")
        level = goal.target_level
        if level is not None and goal.baseline_value is not None and d * (level - goal.baseline_value) < 0:
            self.fail(path + ("target",), f"{what}: target {_level_text(level)} is worse than the baseline "
                                          f"{format_plain(goal.baseline_value)} for a goal to {goal.direction}")
        if level is not None and goal.baseline_value is not None and same_level(level, goal.baseline_value) \
                and (level != goal.baseline_value or goal.target_value is None):
            self.fail(path + ("target",), f"{what}: the target {format_plain(level)} lies within rounding noise of "
                                          f"the baseline {format_plain(goal.baseline_value)}: no gap to make "
                                          "progress on (state the baseline itself to hold a level)")
        if level is not None and abs(level) >= MAX_MAGNITUDE:
            self.fail(path + ("target",), f"{what}: the target level {too_large(format_plain(level))}")
        elif level is not None and UNITS[goal.unit].clamp(level) != level:
            self.fail(path + ("target",), f"{what}: the target level {level:g} lies outside the range of {goal.unit}")
        if goal.target_value is not None and goal.target_change_pct is not None and goal.baseline_value is not None:
            implied = goal.baseline_value * (1 + goal.target_change_pct / 100)
            if abs(goal.target_value - implied) > MISMATCH_SHARE * abs(goal.target_value):
                self.warn(path + ("target",),
                          f"{what}: target {format_plain(goal.target_value)} and change {format_plain(goal.target_change_pct)} % "
                          f"from {format_plain(goal.baseline_value)} (= {implied:g}) disagree by more than 3 %; "
                          "the stated level is used")


def _level_text(level: float) -> str:
    """A target level worked out from a change (5290 x 1.1), without its float noise: 5819, not
    5819.000000000001."""
    return format_plain(float(f"{level:.12g}"))
