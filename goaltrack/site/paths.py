"""Where each page of the site goes, named safely from ids, and the relative links between pages.

Every page has a path relative to its language's folder (``goals/homelessness.html``,
``scopes/101.html``); links are relative to the page that holds them, so the site works from
``file://`` and from any folder of any web server. Names built from ids and scope codes keep ASCII
letters, digits, ``-`` and ``_``; anything else is written as ``~`` and its hex code, so no id can
make a name that leaves the folder (``..``, ``/``, a leading dot). Ids are validated by the
catalogue already: this is the second lock on the door.
"""

from __future__ import annotations

import posixpath
import string
from collections.abc import Iterable
from pathlib import Path

from goaltrack.errors import GoaltrackError
from goaltrack.judging.status import GoalStatus
from goaltrack.storage.models import SHIPPED_SET

_KEPT = frozenset(string.ascii_letters + string.digits + "-_")
FRONT = "index.html"
SCOPE_INDEX = "scopes/index.html"
STYLESHEET = "site.css"
LANG_FOLDERS = ("en", "da")


def safe_name(text: str) -> str:
    """A file name from an id: ASCII letters, digits, '-' and '_' as they are, every other byte of its
    UTF-8 as '~' and two hex digits ('../x' → '~2e~2e~2fx'); never empty, never '.' or '..'."""
    if not text:
        return "~"
    return "".join(ch if ch in _KEPT else "".join(f"~{b:02x}" for b in ch.encode("utf-8")) for ch in text)


def goal_page(status: GoalStatus) -> str:
    """``goals/homelessness.html``; a goal of another set than the shipped one in its set's folder
    (``goals/aarhus-2030/homelessness.html``), as charts are."""
    goal = status.goal
    folder = "goals" if goal.set_id == SHIPPED_SET else f"goals/{safe_name(goal.set_id)}"
    return f"{folder}/{safe_name(goal.code)}.html"


def scope_page(code: str) -> str:
    """``scopes/101.html``."""
    return f"scopes/{safe_name(code)}.html"


def chart_link(name: str) -> str:
    """A chart's path in the site, from its name in the charts folder (charts.files.chart_name)."""
    return f"charts/{name}"


def relative(here: str, target: str) -> str:
    """The link from the page at ``here`` to ``target`` (both relative to the same root, with '/')."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def inside(root: Path, relative_path: str) -> Path:
    """``root / relative_path``, refusing any path that would land outside ``root``."""
    parts = Path(relative_path).parts
    if Path(relative_path).is_absolute() or ".." in parts or not parts:
        raise GoaltrackError(f"refusing to write {relative_path!r}: the file would land outside {root}")
    path = root / relative_path
    resolved = path.parent.resolve()
    base = root.resolve()
    if resolved != base and base not in resolved.parents:
        raise GoaltrackError(f"refusing to write {relative_path!r}: the file would land outside {root}")
    return path


def check_distinct(paths: Iterable[str]) -> None:
    """Two pages must never share a file, not even on a file system that ignores case ('DK', 'dk')."""
    seen: dict[str, str] = {}
    for path in paths:
        key = path.casefold()
        if key in seen:
            raise GoaltrackError(f"two pages would be written to {path!r} ({seen[key]!r} too): "
                                 "rename one of the scopes or goals")
        seen[key] = path
