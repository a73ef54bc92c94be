"""The JSON reader: a list of flat records (one per figure) into figure blocks, each record checked."""

from __future__ import annotations

import collections
import json
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from goaltrack.domain.units import MAX_DIGITS, underflowed
from goaltrack.errors import GoaltrackError
from goaltrack.ingest import jsonstat
from goaltrack.ingest.blocks import BATCH, FigureBlock, block_of
from goaltrack.ingest.checks import RefusedNumber, short_repr
from goaltrack.ingest.decode import bom_encoding
from goaltrack.ingest.shapes import header_name

if TYPE_CHECKING:
    from goaltrack.ingest.files import FigureFile


def json_blocks(file: FigureFile, data: bytes) -> Iterator[FigureBlock]:
    """The figures of a JSON file's ``data``, BATCH records at a time: a list of records, or JSON-stat."""
    records = _records(file, data)
    if jsonstat.is_jsonstat(records):
        yield from jsonstat_blocks(file, records)
        return
    if not isinstance(records, list):
        raise GoaltrackError(f"{file.path}: JSON must be a list of records like "
                             "{\"goal\": …, \"year\": …, \"value\": …}, or a JSON-stat dataset")
    file.result.layout = "json"
    check = file.checker
    out: list[tuple] = []
    lines: list[str] = []
    for number, record in enumerate(records, start=1):
        where = f"record {number}"
        if not isinstance(record, dict):
            check.fail(where, "is not an object")
            continue
        named, problem = _named(record, file.goal)
        if problem:
            check.fail(where, problem)
            continue
        row = check.figure(where, named.get("goal"), named.get("scope"), named["year"], named["value"],
                           named.get("source"), named.get("note"), named.get("status"),
                           named.get("recorded_at"), named.get("replaced_at"), named.get("published"),
                           named.get("flag"))
        if row is not None:
            out.append(row)
            lines.append(where)
        if len(out) >= BATCH:
            yield block_of(out, lines)
            out, lines = [], []
    yield block_of(out, lines)


def _records(file: FigureFile, data: bytes) -> Any:
    """A JSON file's parsed content, or the error that says why it cannot be read."""
    return parse_json(data, file.path)


def parse_json(data: bytes, path: Any) -> Any:
    """JSON ``data`` parsed as a figure file is (numbers too long or beyond a float kept to be refused,
    keys given twice known), or the error that names ``path`` and says why it cannot be read."""
    encoding = bom_encoding(data) or "utf-8-sig"  # UTF-16 or -32 only with their byte-order mark
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise GoaltrackError(f"{path} is not {encoding.upper().removesuffix('-SIG')} text (byte {exc.start} "
                             "cannot be read)") from None
    if not text.strip():
        raise GoaltrackError(f"{path} is empty")
    try:
        records = json.loads(text, parse_constant=lambda name: float("nan"), object_pairs_hook=_JsonRecord,
                             parse_float=_json_float, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise GoaltrackError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise GoaltrackError(f"{path}: JSON nested too deeply; a figure file is a list of flat "
                             "records") from None
    return records


def jsonstat_blocks(file: FigureFile, data: dict, table: str | None = None) -> Iterator[FigureBlock]:
    """The figures of a JSON-stat document (see goaltrack.ingest.jsonstat), BATCH cells at a time. A
    figure needs its goal from --goal; its scope from the area dimension (a code or a label), else the
    goal's default scope."""
    file.result.layout = "json-stat"
    if file.goal is None:
        raise GoaltrackError(f"{file.path} is a JSON-stat table, which names no goal: add --goal GOAL")
    check = file.checker
    out: list[tuple] = []
    lines: list[str] = []
    def is_scope(code: str, label: str) -> bool:
        return check.names.find(code) is not None or check.names.find(label) is not None

    unit = check.goals.get(file.goal)
    for cube in jsonstat.cubes(data, str(file.path), is_scope):
        why = jsonstat.unit_problem(cube, unit, file.goal) if unit and not file.force else None
        if why:
            raise GoaltrackError(f"{file.path}: {why}")
        source = jsonstat.source_of(cube, table or _table_id(data))
        published = jsonstat.published_of(cube)
        file.result.updated = file.result.updated or published
        names = dict(cube.dimensions[cube.area].categories) if cube.area is not None else {}
        for where, area, time, value, status in jsonstat.observations(cube):
            if isinstance(status, str) and status.strip() in jsonstat.WITHHELD_STATUS:
                value, status = None, None
            elif isinstance(status, str) and status.strip() == "-":  # PX: a magnitude of zero, its value given
                status = None
            scope = None if area is None else _scope_text(check, area, names.get(area))
            row = check.figure(where, None, scope, time, value, source, None, None, None, None,
                               published, status)
            if row is not None:
                out.append(row)
                lines.append(where)
            if len(out) >= BATCH:
                yield _complete(block_of(out, lines))
                out, lines = [], []
    yield _complete(block_of(out, lines))


def _complete(block: FigureBlock) -> FigureBlock:
    """A JSON-stat block's flags are complete: a cell without a status or star is final."""
    block.flags_complete = True
    return block


def _table_id(data: dict) -> str | None:
    """A table's id where the document gives one (PxWeb: extension.px.tableid)."""
    for doc in (data, *[v for v in data.values() if isinstance(v, dict)]):
        ext = doc.get("extension")
        px = ext.get("px") if isinstance(ext, dict) else None
        table = (px or {}).get("tableid") if isinstance(px, dict) else None
        if isinstance(table, str) and table:
            return table
    return None


def _scope_text(check, code: str, label: str | None) -> str:
    """An area as the scope names know it: a numeric code with its label, which must agree ("101
    København"; "101 Aarhus" and "999 København" are unknown scopes), else the code, else the label
    (a code of the producer's own, "K101", with "København")."""
    if not label or label == code:
        return code
    if code.isascii() and code.isdigit() and len(code) in (3, 4):
        return f"{code} {label}"
    return code if check.names.find(code) is not None else label


def _named(record: _JsonRecord, goal: str | None) -> tuple[dict[str, Any], str | None]:
    """A record's values by the column each key names, and what is wrong with its keys (or None)."""
    named: dict[str, Any] = {}
    unknown = []
    for key, value in record.items():
        name = header_name(key)
        if name is None or name in named:
            unknown.append(key)
        else:
            named[name] = value
    nested = [k for k, v in record.items() if isinstance(v, (dict, list))]
    missing = [k for k in ("year", "value") if k not in named]
    if "goal" not in named and goal is None:
        missing.insert(0, "goal")
    if not (missing or unknown or nested or record.twice):
        return named, None
    parts = (["lacks " + ", ".join(missing)] if missing else []) + \
        (["has unknown key(s) " + ", ".join(map(short_repr, unknown))] if unknown else []) + \
        (["holds a nested value in " + ", ".join(map(short_repr, nested)) + "; a record is flat"]
         if nested else []) + \
        (["gives " + ", ".join(map(short_repr, record.twice)) + " more than once"] if record.twice else [])
    return named, "; ".join(parts)


def _json_float(text: str) -> float | str:
    number = float(text)
    if underflowed(text, number) or not math.isfinite(number) or len(text) > MAX_DIGITS:
        return RefusedNumber(text)
    return number


def _json_int(text: str) -> int | str:
    return RefusedNumber(text) if len(text) > MAX_DIGITS else int(text)


class _JsonRecord(dict):
    """A JSON object, knowing the keys it gives more than once (``json`` would keep the last silently:
    ``{"value": 5, "value": 50}`` is a mistake to show, not to guess at)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.twice = [k for k, n in collections.Counter(k for k, _ in pairs).items() if n > 1] \
            if len(self) < len(pairs) else []
