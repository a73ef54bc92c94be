"""What a user who runs `pip install goaltrack` gets: a wheel built from this tree holds the catalogue
and the migrations, and the installed package finds them inside itself, not in a source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from goaltrack.catalogue import shipped_catalogue_path
from goaltrack.storage import database as db
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="building a wheel needs hatchling (pip install hatchling)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "--target", "wheel", "--directory", str(out)],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    [built] = out.glob("goaltrack-*.whl")
    return built


def test_the_wheel_holds_the_catalogue_and_the_migrations(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("goaltrack/goals.yaml") == (ROOT / "goals.yaml").read_bytes()
    versions = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    assert versions, "no migrations in the source tree"
    for name in ["goaltrack/migrations/env.py", "goaltrack/migrations/script.py.mako",
                 *(f"goaltrack/migrations/versions/{v}" for v in versions)]:
        assert name in names, name
    assert not any(n.startswith(("tests/", "migrations/")) or n == "goals.yaml" for n in names)
    # only code and what it reads: no editor backup, patch(1) leftover (.orig) or cache slips in (a wheel
    # built in mutmut's copy of the tree holds mutmut's own .meta and .spans files: not ours to judge)
    package = [n for n in names if n.startswith("goaltrack/")]
    if not os.environ.get("MUTANT_UNDER_TEST"):
        assert [n for n in package if not n.endswith((".py", ".yaml", ".mako", "py.typed", ".html", ".css"))] == []


def test_the_installed_package_uses_what_ships_inside_it(wheel, tmp_path):
    """Unpacked where no source tree is near, the package finds its catalogue and migrations in itself
    and builds a database from them."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    code = ("import json, goaltrack, goaltrack.catalogue as c, goaltrack.storage.database as d;"
            "print(json.dumps([goaltrack.__file__, str(c.shipped_catalogue_path()), str(d.migrations_dir())]))")
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("GOALTRACK_DATABASE_URL", None)
    if env.get("MUTANT_UNDER_TEST") == "stats":
        # mutmut maps which tests cover which function by recording calls in its own process, reading
        # its settings from the working directory; the child runs far from any source tree, so it
        # runs unmapped (a real mutant's name is passed on: the child then runs that mutant).
        del env["MUTANT_UNDER_TEST"]
    found = json.loads(subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True,
                                      capture_output=True, text=True).stdout)
    assert found == [str(site / "goaltrack" / "__init__.py"), str(site / "goaltrack" / "goals.yaml"),
                     str(site / "goaltrack" / "migrations")]
    url = f"sqlite:///{tmp_path / 'installed.db'}"
    listed = subprocess.run([sys.executable, "-m", "goaltrack", "--db", url, "goals", "--format", "json"],
                            cwd=tmp_path, env=env, check=True, capture_output=True, text=True).stdout
    assert len(json.loads(listed)) == 16


def test_a_source_tree_uses_its_top_level_files():
    assert shipped_catalogue_path() == ROOT / "goals.yaml"
    assert db.migrations_dir() == ROOT / "migrations"
