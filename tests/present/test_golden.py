"""Exact-output ("golden") tests: the status table, Markdown and CSV byte for byte, so a garbled table fails.

Each case runs ``goaltrack status --as-of 2026`` on the seed database the fixtures give and compares
the whole of stdout with a file in tests/present/golden/. After a change meant to alter the output,
rewrite the files with ``GOALTRACK_UPDATE_GOLDEN=1 python -m pytest tests/present/test_golden.py`` and
read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"

CASES = {
    "status-table-80.txt": ("80", ()),
    "status-table-120.txt": ("120", ()),
    "status.md": ("120", ("--format", "markdown")),
    "status.csv": ("120", ("--format", "csv")),
}


def check_golden(name: str, actual: str) -> None:
    """Compares ``actual`` with the golden file ``name`` whole, showing a diff on mismatch; rewrites the
    file instead when GOALTRACK_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("GOALTRACK_UPDATE_GOLDEN") == "1":
        path.write_bytes(actual.encode("utf-8"))
        return
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                    fromfile=f"golden/{name}", tofile="actual")
        pytest.fail(f"{name} differs from its golden file (GOALTRACK_UPDATE_GOLDEN=1 rewrites it):\n"
                    + "".join(diff), pytrace=False)


@pytest.mark.parametrize("name", sorted(CASES))
def test_status_output_matches_its_golden_file(run, monkeypatch, name):
    width, options = CASES[name]
    monkeypatch.setenv("COLUMNS", width)
    monkeypatch.setenv("NO_COLOR", "1")
    result = run("status", "--as-of", "2026", *options)
    check_golden(name, result.stdout)
