"""goaltrack fetch: Statistics Denmark's API asked for the goals whose catalogue entry names a StatBank query.

Every answer is read before anything is written; then all are written in one transaction, or none
(a refused request, a time-out, no network or a bad figure in any answer leaves the database as it
was). A figure the table revised replaces the recorded one, which stays in the history; a figure
published again unchanged keeps the day it first became known.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from goaltrack.domain import statbank
from goaltrack.errors import GoaltrackError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from goaltrack.ingest.load import ImportResult

ENV_BASE = "GOALTRACK_STATBANK_URL"
TIMEOUT_S = 60.0
MAX_ANSWER = 32 * 1024 * 1024  # bytes: a table of every municipality and year is a few hundred kB, and a cube
# of MAX_CELLS (jsonstat.py) about 20 MB

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class Fetched:
    """One goal's answer: the table asked, when the table says it was updated, and what was written."""

    goal: str
    table: str
    updated: str | None
    result: ImportResult


def base_url(base: str | None = None) -> str:
    """The API's base: ``base``, else $GOALTRACK_STATBANK_URL, else the public API; http(s) only."""
    from urllib.parse import urlsplit

    url = (base or os.environ.get(ENV_BASE) or statbank.DEFAULT_BASE).rstrip("/")
    try:
        parts = urlsplit(url)
        good = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # http://[::1, a port that is no number
        good = False
    if not good or parts.query or parts.fragment or any(c.isspace() for c in url):
        raise GoaltrackError(f"{ENV_BASE} {url[:80]!r} is not an http:// or https:// address")
    return url


def fetch(engine: Engine, names: Sequence[str] = (), set_id: str | None = None, base: str | None = None,
          dry_run: bool = False, force: bool = False, timeout: float = TIMEOUT_S,
          progress: Progress | None = None) -> list[Fetched]:
    """Ask the API for each goal named (default: every goal whose catalogue entry has a query) and
    record what is new or revised, all in one transaction."""
    from goaltrack.ingest.load import import_tables

    url = base_url(base)
    goals = _goals_with_queries(engine, names, set_id)
    shown = [_shown(g) for g in goals]
    answers = []
    for done, (goal, name) in enumerate(zip(goals, shown, strict=True)):
        if progress:
            progress(name, done, len(goals))
        answers.append(ask(url, goal.statbank, name, timeout))
    if progress:
        progress("writing", len(goals), len(goals))
    tables = [(name, statbank.table_of(goal.statbank), answer)
              for goal, name, answer in zip(goals, shown, answers, strict=True)]
    results = import_tables(engine, tables, dry_run=dry_run, force=force)
    return [Fetched(goal, table, result.updated, result)
            for (goal, table, _), result in zip(tables, results, strict=True)]


def _goals_with_queries(engine: Engine, names: Sequence[str], set_id: str | None) -> list:
    from goaltrack.storage import store

    if names:
        goals = store.get_goals(engine, names, set_id)
        bare = [_shown(g) for g in goals if not g.statbank]
        if bare:
            raise GoaltrackError(f"{', '.join(bare)}: no StatBank query in the catalogue (add a 'statbank:' entry "
                                 "to the goal; see README, 'Fetching from Statistics Denmark')")
        return goals
    goals = [g for g in store.list_goals(engine, set_id=set_id) if g.statbank]
    if not goals:
        raise GoaltrackError("no goal in the catalogue names a StatBank query (add a 'statbank:' entry to a goal; "
                             "see README, 'Fetching from Statistics Denmark')")
    return goals


def _shown(goal) -> str:
    """A goal as the user names it: its bare ID in the shipped set, else SET/ID."""
    from goaltrack.storage.models import SHIPPED_SET

    return goal.code if goal.set_id == SHIPPED_SET else goal.full_name


def ask(url: str, query: str, goal: str, timeout: float = TIMEOUT_S) -> Any:
    """The API's JSON-stat answer to a goal's stored query, parsed; a refusal, a time-out, no network or
    an answer that is not JSON-stat is an error naming the goal and the table."""
    import http.client
    import socket
    import urllib.error
    import urllib.request

    from goaltrack import __version__

    table = statbank.table_of(query)
    what = f"{goal} (table {table})"
    request = urllib.request.Request(f"{url}/v1/data", data=json.dumps(statbank.request_body(query)).encode(),
                                     headers={"Content-Type": "application/json", "Accept": "application/json",
                                              "User-Agent": f"goaltrack/{__version__}"}, method="POST")
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            body = _read(response, deadline, timeout, what, url)
    except urllib.error.HTTPError as error:
        why = statbank.refusal(error.read(64 * 1024)) or f"HTTP {error.code} {error.reason}"
        raise GoaltrackError(f"Statistics Denmark refused the query of {what}: {why}") from None
    except (TimeoutError, socket.timeout):
        raise _timed_out(what, timeout, url) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise _timed_out(what, timeout, url) from None
        raise GoaltrackError(f"cannot reach Statistics Denmark at {url} for {what}: {reason}") from None
    except (http.client.HTTPException, ValueError) as error:
        raise GoaltrackError(f"Statistics Denmark at {url} gave {what} an answer that is not HTTP "
                             f"({type(error).__name__})") from None
    return _parsed(body, what)


def _read(response: Any, deadline: float, timeout: float, what: str, url: str) -> bytes:
    """The answer's body, at most MAX_ANSWER + 1 bytes, all of it before the deadline (a server that
    trickles a byte at a time does not hold goaltrack for longer than --timeout)."""
    parts, size = [], 0
    while size <= MAX_ANSWER:
        if time.monotonic() > deadline:
            raise _timed_out(what, timeout, url)
        chunk = response.read1(min(65536, MAX_ANSWER + 1 - size)) if hasattr(response, "read1") else \
            response.read(65536)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def _timed_out(what: str, timeout: float, url: str) -> GoaltrackError:
    return GoaltrackError(f"Statistics Denmark did not answer the query of {what} within {timeout:g} s ({url})")


def _opener() -> Any:
    """urllib without redirects: a moved API is an error naming where it went, never a silent GET
    elsewhere (or from https to http)."""
    import urllib.error
    import urllib.request

    class Refuse(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
            raise urllib.error.HTTPError(req.full_url, code, f"redirected to {newurl[:100]}; set "
                                         f"{ENV_BASE} to the API's address", headers, fp)

    return urllib.request.build_opener(Refuse)


def _parsed(body: bytes, what: str) -> Any:
    from goaltrack.ingest.json_reader import parse_json
    from goaltrack.ingest.jsonstat import is_jsonstat

    if len(body) > MAX_ANSWER:
        raise GoaltrackError(f"the answer to {what} is larger than {MAX_ANSWER:,} bytes: narrow the query")
    try:
        answer = parse_json(body, f"the answer to {what}")
    except GoaltrackError:
        answer = None
    if not is_jsonstat(answer):
        why = statbank.refusal(body)
        raise GoaltrackError(f"Statistics Denmark refused the query of {what}: {why}" if why else
                             f"the answer to {what} is not a JSON-stat table")
    return answer
