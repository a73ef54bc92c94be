"""The checks of one goal: its id, titles, unit, direction, baseline, target, seed figures, and how they agree."""

from __future__ import annotations

from typing import Any

from goaltrack.catalogue.checks_fields import FieldChecker
from goaltrack.catalogue.model import (
    DIRECTIONS,
    GOAL_ID,
    MAX_GOAL_ID,
    MISMATCH_SHARE,
    NATION,
    RESERVED_IDS,
    GoalDef,
    SeedMeasurement,
)
from goaltrack.domain.figure import this_year
from goaltrack.domain.flags import before_its_year, parse_date, parse_flag
from goaltrack.domain.progress import same_level
from goaltrack.domain.units import (
    CATALOGUE_UNITS,
    MAX_MAGNITUDE,
    UNITS,
    format_plain,
    too_large,
)

GOAL_KEYS = {"id", "title", "unit", "direction", "baseline", "target", "source", "measurements", "verdict_window",
             "indicator", "breaks", "statbank"}
MEASUREMENT_KEYS = {"year", "value", "scope", "source", "note", "first_release", "published", "flag"}


class GoalChecker(FieldChecker):
    """Checks a goal's plain data and builds its GoalDef, recording every problem on its line."""

    def goal(self, raw: Any, path: tuple, scopes: set[str]) -> GoalDef | None:
        """The goal at ``path``, or None when it has a problem; ``scopes`` are the codes its figures may name."""
        raw = self.mapping(raw, path, "a goal", GOAL_KEYS, {"id", "title", "unit", "direction"})
        if raw is None:
            return None
        before = len(self.problems)
        goal_id = self.goal_id(raw, path)
        what = f"goal '{goal_id}'" if goal_id else "a goal"
        title_en, title_da, short_en, short_da = self.title(raw.get("title"), path + ("title",), what)
        unit = raw.get("unit")
        if "unit" in raw and unit not in CATALOGUE_UNITS:
            self.fail(path + ("unit",), f"{what}: unknown unit {unit!r} (one of: {', '.join(CATALOGUE_UNITS)})")
            unit = None
        direction = raw.get("direction")
        if "direction" in raw and direction not in DIRECTIONS:
            self.fail(path + ("direction",), f"{what}: direction must be 'increase' or 'decrease', not {direction!r}")
            direction = None
        baseline_year, baseline_value = self.baseline(raw.get("baseline"), path + ("baseline",), what, unit)
        target_year, target_value, change = self.target(raw.get("target"), path + ("target",), what, unit)
        source = self.text(raw.get("source"), path + ("source",), f"{what}: source")
        window = self.window(raw.get("verdict_window"), path + ("verdict_window",), what)
        measurements = self.measurements(raw.get("measurements"), path + ("measurements",), what, unit, scopes)
        indicator = self.indicator(raw.get("indicator"), path + ("indicator",), what)
        breaks = self.breaks(raw.get("breaks"), path + ("breaks",), what, unit)
        statbank = self.statbank(raw.get("statbank"), path + ("statbank",), what)
        if goal_id is None or unit is None or direction is None:
            # still the checks between fields that need neither: every problem in one pass
            if target_year is not None and baseline_year is not None and target_year <= baseline_year:
                self.fail(path + ("target", "year"),
                          f"{what}: target year {target_year} must come after baseline year {baseline_year}")
            return None
        goal = GoalDef(goal_id, title_en or goal_id, title_da or title_en or goal_id, unit, direction,
                       baseline_year, baseline_value, target_year, target_value, change, source, measurements, window,
                       short_en, short_da, indicator, breaks, statbank)
        self.coherence(goal, path)
        return None if len(self.problems) > before else goal

    def goal_id(self, raw: dict, path: tuple) -> str | None:
        """The goal's id: lowercase letters, digits and single '-', not one of the reserved names."""
        goal_id = raw.get("id")
        if not isinstance(goal_id, str) or len(goal_id) > MAX_GOAL_ID or not GOAL_ID.fullmatch(goal_id):
            if "id" in raw:
                self.fail(path + ("id",), f"goal id {goal_id!r} must be lowercase letters, digits and '-' "
                                          f"(at most {MAX_GOAL_ID}, no leading, trailing or double '-')")
            return None
        if goal_id in RESERVED_IDS:
            self.fail(path + ("id",), f"goal id '{goal_id}' is reserved: the overview chart is {goal_id}.png")
            return None
        return goal_id

    def baseline(self, raw: Any, path: tuple, what: str, unit: str | None) -> tuple[int | None, float | None]:
        """The baseline's year and value (None, None when there is none)."""
        if raw is None:
            return None, None
        base = self.mapping(raw, path, f"the baseline of {what}", {"year", "value"}, {"year", "value"})
        if not base:
            return None, None
        year = self.year(base.get("year"), path + ("year",), f"{what}: baseline") if "year" in base else None
        value = self.number(base.get("value"), path + ("value",), f"{what}: baseline", unit) \
            if "value" in base else None
        return year, value

    def target(self, raw: Any, path: tuple, what: str,
               unit: str | None) -> tuple[int | None, float | None, float | None]:
        """The target's year, stated level and relative change in percent (each None when not given)."""
        year = value = change = None
        if raw is None:
            return year, value, change
        target = self.mapping(raw, path, f"the target of {what}", {"year", "value", "change_pct"}, {"year"})
        if target:
            if "year" in target:
                year = self.year(target["year"], path + ("year",), f"{what}: target")
            if target.get("value") is not None:
                value = self.number(target["value"], path + ("value",), f"{what}: target", unit)
            if target.get("change_pct") is not None:
                change = self.number(target["change_pct"], path + ("change_pct",), f"{what}: change_pct", None)
        return year, value, change

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

    def measurements(self, raw: Any, path: tuple, what: str, unit: str | None,
                     scopes: set[str]) -> tuple[SeedMeasurement, ...]:
        """The goal's seed figures; two for the same scope and year are a problem."""
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(path, f"{what}: 'measurements' must be a list")
            return ()
        last = this_year()
        out, seen = [], set()
        for index, item in enumerate(raw):
            seed = self.measurement(item, path + (index,), what, unit, scopes, last)
            if seed is None:
                continue
            if (seed.scope, seed.year) in seen:
                self.fail(path + (index,), f"{what}: two measurements for {seed.scope} {seed.year}")
                continue
            seen.add((seed.scope, seed.year))
            out.append(seed)
        return tuple(out)

    def measurement(self, raw: Any, path: tuple, what: str, unit: str | None, scopes: set[str],
                    last: int) -> SeedMeasurement | None:
        """One seed figure, for a year up to ``last`` (this year) and one of ``scopes``; None when it has a problem."""
        item = self.mapping(raw, path, f"a measurement of {what}", MEASUREMENT_KEYS, {"year", "value"})
        if not item or "year" not in item or "value" not in item:
            return None
        year = self.year(item["year"], path + ("year",), f"{what}: measurement", last=last)
        value = self.number(item["value"], path + ("value",), f"{what}: measurement", unit)
        scope = str(item.get("scope", NATION))
        if scope not in scopes:
            self.fail(path + ("scope",), f"{what}: unknown scope '{scope}'")
            return None
        source = self.text(item.get("source"), path + ("source",), f"{what}: source")
        note = self.text(item.get("note"), path + ("note",), f"{what}: note")
        if year is None or value is None:
            return None
        published = self.published(item.get("published"), path + ("published",), what)
        early = before_its_year(published, year)
        if early:
            self.fail(path + ("published",), f"{what}: {early}")
            published = None
        flag = self.flag(item.get("flag"), path + ("flag",), what)
        first_value, first_source, first_published = self.first_release(
            item.get("first_release"), path + ("first_release",), what, unit, year, value)
        return SeedMeasurement(year, value, scope, source, note, "scope" not in item, first_value, first_source,
                               published, flag, first_published)

    def published(self, raw: Any, path: tuple, what: str) -> str | None:
        """A publication date, YYYY-MM-DD (YAML may read it as a date), not in the future."""
        if raw is None:
            return None
        day, why = parse_date(raw if not isinstance(raw, (int, float)) else str(raw), "publication date")
        if why:
            self.fail(path, f"{what}: {why}")
        return None if day is None else day.isoformat()

    def flag(self, raw: Any, path: tuple, what: str) -> str | None:
        if raw is None:
            return None
        flag, why = parse_flag(str(raw))
        if why:
            self.fail(path, f"{what}: {why}")
        return flag

    def indicator(self, raw: Any, path: tuple, what: str) -> str | None:
        """The indicator a goal tracks: an id of the same form as a goal's."""
        if raw is None:
            return None
        if not isinstance(raw, str) or len(raw) > MAX_GOAL_ID or not GOAL_ID.fullmatch(raw):
            self.fail(path, f"{what}: indicator {str(raw)[:40]!r} must be lowercase letters, digits and '-'")
            return None
        return raw

    def breaks(self, raw: Any, path: tuple, what: str, unit: str | None) -> tuple[tuple[int, float], ...]:
        """Series breaks with a bridged baseline: [{year: 2019, baseline: 5.1}], years in order."""
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(path, f"{what}: 'breaks' must be a list of {{year, baseline}}")
            return ()
        out: list[tuple[int, float]] = []
        for index, item in enumerate(raw):
            entry = self.mapping(item, path + (index,), f"a break of {what}", {"year", "baseline"}, {"year", "baseline"})
            if not entry or "year" not in entry or "baseline" not in entry:
                continue
            year = self.year(entry["year"], path + (index, "year"), f"{what}: break")
            value = self.number(entry["baseline"], path + (index, "baseline"), f"{what}: break baseline", unit)
            if year is None or value is None:
                continue
            if out and year <= out[-1][0]:
                self.fail(path + (index, "year"), f"{what}: breaks must be in order of year ({year} after {out[-1][0]})")
                continue
            out.append((year, value))
        return tuple(out)

    def statbank(self, raw: Any, path: tuple, what: str) -> str | None:
        """The StatBank query that fetches the goal's figures, as canonical JSON: {table: FOLK1AM,
        variables: {OMRÅDE: ["000", "*"], …}, value: a contents code (optional)}."""
        if raw is None:
            return None
        query = self.mapping(raw, path, f"the statbank query of {what}", {"table", "variables", "value"}, {"table"})
        if not query:
            return None
        from goaltrack.domain.statbank import query_problem

        canonical, why = query_problem(query)
        if why:
            self.fail(path, f"{what}: statbank {why}")
            return None
        return canonical

    def first_release(self, raw: Any, path: tuple, what: str, unit: str | None, year: int,
                      value: float) -> tuple[float | None, str | None, str | None]:
        """The figure as first released, its source and publication date, where a revision (``value``)
        replaced it."""
        if raw is None:
            return None, None, None
        first = self.mapping(raw, path, f"the first release of {what} {year}", {"value", "source", "published"},
                             {"value"})
        if not first or "value" not in first:
            return None, None, None
        first_value = self.number(first["value"], path + ("value",), f"{what}: first release", unit)
        first_source = self.text(first.get("source"), path + ("source",), f"{what}: first release source")
        if first_value is not None and first_value == value:
            self.fail(path + ("value",), f"{what}: the first release of {year} equals the revised "
                                         f"figure {format_plain(value)}; leave first_release out")
        return first_value, first_source, self.published(first.get("published"), path + ("published",), what)

    def coherence(self, goal: GoalDef, path: tuple) -> None:
        """Checks between fields: years in order, targets on the right side, level and change agree."""
        what = f"goal '{goal.id}'"
        if goal.target_year is not None and goal.baseline_year is not None and goal.target_year <= goal.baseline_year:
            self.fail(path + ("target", "year"),
                      f"{what}: target year {goal.target_year} must come after baseline year {goal.baseline_year}")
        if goal.target_change_pct is not None:
            c = goal.target_change_pct
            if c < -100:
                self.fail(path + ("target", "change_pct"), f"{what}: change_pct {format_plain(c)} would go below zero")
            elif DIRECTIONS[goal.direction] * c <= 0:
                self.fail(path + ("target", "change_pct"),
                          f"{what}: change_pct {format_plain(c)} goes the wrong way for a goal to {goal.direction}")
        self.level(goal, path + ("target",), what)
        if goal.target_value is not None and goal.target_change_pct is not None and goal.baseline_value is not None:
            implied = goal.baseline_value * (1 + goal.target_change_pct / 100)
            if abs(goal.target_value - implied) > MISMATCH_SHARE * abs(goal.target_value):
                self.warn(path + ("target",),
                          f"{what}: target {format_plain(goal.target_value)} and change {format_plain(goal.target_change_pct)} % "
                          f"from {format_plain(goal.baseline_value)} (= {implied:g}) disagree by more than 3 %; "
                          "the stated level is used")

    def level(self, goal: GoalDef, path: tuple, what: str) -> None:
        """The level the goal aims at: better than the baseline, clear of its rounding noise, within the unit."""
        level = goal.target_level
        if level is None:
            return
        baseline = goal.baseline_value
        if baseline is not None and DIRECTIONS[goal.direction] * (level - baseline) < 0:
            self.fail(path, f"{what}: target {_level_text(level)} is worse than the baseline "
                            f"{format_plain(baseline)} for a goal to {goal.direction}")
        if baseline is not None and same_level(level, baseline) and (level != baseline or goal.target_value is None):
            self.fail(path, f"{what}: the target {format_plain(level)} lies within rounding noise of "
                            f"the baseline {format_plain(baseline)}: no gap to make "
                            "progress on (state the baseline itself to hold a level)")
        if abs(level) >= MAX_MAGNITUDE:
            self.fail(path, f"{what}: the target level {too_large(format_plain(level))}")
        elif UNITS[goal.unit].clamp(level) != level:
            self.fail(path, f"{what}: the target level {level:g} lies outside the range of {goal.unit}")


def _level_text(level: float) -> str:
    """A target level worked out from a change (5290 x 1.1), without its float noise: 5819, not
    5819.000000000001."""
    return format_plain(float(f"{level:.12g}"))
