"""The catalogue checker: a whole catalogue's plain data to a Catalogue, every problem and warning with its line.

``CatalogueChecker`` checks what only the whole catalogue shows (its goal set's id, its scopes, the
list of goals, ids given twice, stored keys that grow too long); it inherits the checks of one goal
(``checks_goals``) and of one field (``checks_fields``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from goaltrack.catalogue.checks_goals import GoalChecker
from goaltrack.catalogue.model import (
    MAX_KEY,
    MAX_SET_ID,
    NATION,
    NATION_NAME,
    SCOPE_KINDS,
    SET_ID,
    SHIPPED_SET,
    Catalogue,
    GoalDef,
    ScopeDef,
    goal_key,
)

CATALOGUE_KEYS = {"id", "name", "scope", "description", "scopes", "goals", "verdict_window", "population"}


class CatalogueChecker(GoalChecker):
    """Validates the plain data of a catalogue (from the safe constructor), collecting problems and
    warnings with their lines; ``lines`` maps each value's path of keys and indexes to its line."""

    def catalogue(self, data: Any, name: str) -> Catalogue:
        """The catalogue ``data`` defines, read from the file ``name``; valid only if no problem was recorded."""
        top = self.mapping(data, (), "the catalogue", CATALOGUE_KEYS, {"goals"}) or {}
        window = self.window(top.get("verdict_window"), ("verdict_window",), "the catalogue")
        set_id = self.set_id(top)
        scopes = self.scopes(top.get("scopes"))
        codes = {scope.code for scope in scopes}
        if set_id.casefold() in {code.casefold() for code in codes | {NATION}}:
            self.fail(("id",), f"the catalogue's id '{set_id}' is also a scope's code: their charts would share "
                               f"the folder charts/{set_id}/; choose another id")
        home = None
        if top.get("scope") is not None:
            home = self.scope_code(top["scope"], ("scope",))
            if home is not None:
                codes.add(home)  # figures may be written for it; sync checks that the database knows it
        goals = self.goals(top, set_id, home, codes, window)
        population = self.population(top.get("population"), goals)
        title = top.get("name")
        return Catalogue(name, title if isinstance(title, str) else None, scopes, goals, set_id=set_id,
                         scope=None if home == NATION else home, population=population)

    def population(self, raw: Any, goals: list[GoalDef]) -> str | None:
        """The indicator whose figures are each scope's inhabitants (for rates per 100,000): not one
        of the set's goals' own."""
        indicator = self.indicator(raw, ("population",), "the catalogue's population")
        taken = next((g.id for g in goals if g.indicator_id == indicator), None)
        if indicator is not None and taken is not None:
            self.fail(("population",), f"the catalogue's population {indicator!r} is the indicator of goal "
                                       f"'{taken}'; name an indicator of inhabitants, e.g. population")
            return None
        return indicator

    def set_id(self, top: dict) -> str:
        """The goal set's id; a catalogue without one (or with a bad one, meanwhile) is the shipped set."""
        set_id = top.get("id", SHIPPED_SET)
        if not isinstance(set_id, str) or len(set_id) > MAX_SET_ID or not SET_ID.fullmatch(set_id):
            self.fail(("id",), f"the catalogue's id {set_id!r} must be lowercase letters, digits and '-' "
                               f"(at most {MAX_SET_ID}, no leading, trailing or double '-'), e.g. aarhus-2030")
            return SHIPPED_SET
        if not any(c.isalpha() for c in set_id):  # Danish scope codes are digits: charts/101/ is København's
            self.fail(("id",), f"the catalogue's id '{set_id}' must hold a letter (digits alone are a "
                               "municipality's or region's code, whose charts have the folder of that name)")
        return set_id

    def goals(self, top: dict, set_id: str, home: str | None, codes: set[str], window: int | None) -> list[GoalDef]:
        """The valid goals, in the catalogue's order, with the catalogue's verdict window and scope
        where they set none of their own."""
        raw_goals = top.get("goals")
        if "goals" in top and (not isinstance(raw_goals, list) or not raw_goals):
            self.fail(("goals",), "'goals' must be a list with at least one goal")
            raw_goals = []
        goals: list[GoalDef] = []
        seen: dict[str, int | None] = {}
        for index, raw in enumerate(raw_goals or []):
            twice = self.twice(raw, ("goals", index, "id"), seen)
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
        return goals

    def twice(self, raw: Any, path: tuple, seen: dict[str, int | None]) -> bool:
        """Whether the goal's id was given before (a problem). Ids are compared before each goal is
        checked, so that a goal with other problems still counts: its twin is named in the same pass."""
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(raw_id, str):
            return False
        if raw_id in seen:
            self.fail(path, f"duplicate goal id '{raw_id}' (first on line {seen[raw_id]})")
            return True
        seen[raw_id] = self.line(path)
        return False

    def scopes(self, raw: Any) -> list[ScopeDef]:
        """The nation, then the scopes the catalogue defines; each parent must be one of them."""
        scopes: dict[str, ScopeDef] = {NATION: ScopeDef(NATION, NATION_NAME, "nation")}
        if raw is None:
            return list(scopes.values())
        if not isinstance(raw, list):
            self.fail(("scopes",), "'scopes' must be a list of {code, name}")
            return list(scopes.values())
        defined: set[str] = set()
        parents: list[tuple[tuple, str, str]] = []
        for index, item in enumerate(raw):
            scope = self.scope(item, ("scopes", index), defined, parents)
            if scope is not None:
                defined.add(scope.code)
                scopes[scope.code] = scope
        for path, code, parent in parents:
            if parent not in scopes or parent == code:
                self.fail(path, f"scope {code}: parent '{parent}' is not a scope of this catalogue")
        return list(scopes.values())

    def scope(self, raw: Any, path: tuple, defined: set[str], parents: list[tuple[tuple, str, str]]) -> ScopeDef | None:
        """One scope; its parent, if any, goes to ``parents``, to be looked up once all are read."""
        item = self.mapping(raw, path, "a scope", {"code", "name", "kind", "parent"}, {"code", "name"})
        if not item:
            return None
        code = self.scope_code(item.get("code"), path + ("code",))
        if code is None:
            return None
        if code in defined:
            self.fail(path + ("code",), f"duplicate scope code '{code}'")
            return None
        name = self.text(item.get("name"), path + ("name",), f"the name of scope {code}", required=True)
        kind = item.get("kind", "nation" if code == NATION else "other")
        if kind not in SCOPE_KINDS:
            self.fail(path + ("kind",), f"scope {code}: kind must be one of {', '.join(SCOPE_KINDS)}, not {kind!r}")
            return None
        parent = None
        if item.get("parent") is not None:
            parent = self.scope_code(item["parent"], path + ("parent",))
            if parent is not None:
                parents.append((path + ("parent",), code, parent))
        return ScopeDef(code, name or code, kind, parent)
