"""A goal's StatBank query: what a catalogue may write, and the request Statistics Denmark's API is sent.

A catalogue entry names a table, the values of its variables (``OMRÅDE: ["000", "*"]``; a variable left
out is the table's default, so name every one that has several values) and, for a table of several
measures, the one wanted (``value``: its contents code). The time variable asks for every year unless
the query names some. The request is ``POST {base}/v1/data`` with ``format`` JSONSTAT and
``valuePresentation`` Code, so that areas come as codes (000, 084, 101) and the answer says when the
table was ``updated``.
"""

from __future__ import annotations

import json
import re
from typing import Any

DEFAULT_BASE = "https://api.statbank.dk"
TABLE = re.compile(r"[A-Za-z0-9_]{1,30}")
VARIABLE = re.compile(r"[^\W_][\w-]{0,39}")  # OMRÅDE, Tid, KØN, ContentsCode
VALUE = re.compile(r"[\w*<>=().,+-]{1,40}")  # 000, *, 2011, >=2010
TIME_VARIABLES = ("Tid", "TID", "tid")
MAX_VARIABLES = 20
MAX_VALUES = 200


def query_problem(query: dict) -> tuple[str | None, str | None]:
    """(the query as canonical JSON, None), or (None, what is wrong with it)."""
    table = query.get("table")
    if not isinstance(table, str) or not TABLE.fullmatch(table):
        return None, f"table {str(table)[:40]!r} must be a StatBank table id (letters and digits, such as FOLK1AM)"
    variables = query.get("variables", {})
    if not isinstance(variables, dict) or len(variables) > MAX_VARIABLES:
        return None, f"variables must be a mapping of at most {MAX_VARIABLES} variable codes to their values"
    out: dict[str, list[str]] = {}
    for code, values in variables.items():
        if not isinstance(code, str) or not VARIABLE.fullmatch(code):
            return None, f"variable {str(code)[:40]!r} must be a StatBank variable code (such as OMRÅDE or Tid)"
        values = values if isinstance(values, list) else [values]
        shown = [str(v) if isinstance(v, (str, int)) and not isinstance(v, bool) else None for v in values]
        bad = next((i for i, s in enumerate(shown) if s is None or not VALUE.fullmatch(s)), None)  # None too
        if bad is not None or not values or len(values) > MAX_VALUES:
            return None, (f"{code}: values must be 1 to {MAX_VALUES} codes such as '000', '101' or '*', "
                          f"not {str(values if bad is None else values[bad])[:40]!r}")
        out[code] = shown
    value = query.get("value")
    if value is not None and (not isinstance(value, str) or not VARIABLE.fullmatch(value)):
        return None, f"value {str(value)[:40]!r} must be a contents code (letters and digits)"
    canonical = {"table": table, "variables": out, **({"value": value} if value else {})}
    return json.dumps(canonical, ensure_ascii=False), None


def table_of(query: str) -> str:
    """The table a stored query asks (its canonical JSON)."""
    return json.loads(query)["table"]


def request_body(query: str, lang: str = "da") -> dict[str, Any]:
    """The body of ``POST /v1/data`` for a stored query: JSON-stat, values as codes, every year unless
    the query names some."""
    stored = json.loads(query)
    variables = [{"code": code, "values": values} for code, values in stored["variables"].items()]
    if not any(code in TIME_VARIABLES for code in stored["variables"]):
        variables.append({"code": "Tid", "values": ["*"]})
    if stored.get("value"):
        variables.append({"code": "ContentsCode", "values": [stored["value"]]})
    return {"table": stored["table"], "format": "JSONSTAT", "lang": lang, "valuePresentation": "Code",
            "variables": variables}


def refusal(body: bytes) -> str | None:
    """What the API said when it refused a request ({"errorTypeCode": …, "message": …}), or None."""
    try:
        answer = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(answer, dict) or not ("message" in answer or "errorTypeCode" in answer):
        return None
    code, message = answer.get("errorTypeCode"), answer.get("message")
    parts = [str(p).strip() for p in (code, message) if p]
    return ": ".join(parts)[:300] or None
