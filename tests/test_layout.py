"""The layout a newcomer reads in an hour (README, "Development"): packages by layer, small modules that
say what they hold, no two classes of one name, and no layer importing from one below it."""

from __future__ import annotations

import ast
import os
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "goaltrack"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
# Each layer may import from the layers before it, never from one after it.
LAYERS = ["errors", "domain", "catalogue", "storage", "ingest", "judging", "present", "site", "cli"]
# mutmut runs the tests in its own copy of the code, every module rewritten with all its mutants
pytestmark = pytest.mark.skipif(bool(os.environ.get("MUTANT_UNDER_TEST")),
                                reason="the layout is checked on the code itself, not on mutmut's rewritten copy")


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def layer(module: str) -> str | None:
    """'goaltrack.storage.figures' -> 'storage'; None for the package's own top modules."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_a_module_is_small_and_opens_with_what_it_holds(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{name(path)} is over {MAX_MODULE_LINES} lines: split it"
    tree = ast.parse(text)
    doc = ast.get_docstring(tree, clean=False)
    assert doc, f"{name(path)} has no docstring"
    first = doc.split("\n")[0]
    assert first.endswith((".", ":")), f"{name(path)}: its docstring's first line is not a whole sentence: {first!r}"
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{name(path)}: functions over {MAX_FUNCTION_LINES} lines: {', '.join(long)}"


def test_no_two_classes_share_a_name():
    where = defaultdict(list)
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                where[node.name].append(name(path))
    assert {k: v for k, v in where.items() if len(v) > 1} == {}


def imports_of(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("goaltrack"):
            modules |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names if alias.name.startswith("goaltrack")}
    return modules


def test_no_layer_imports_from_a_layer_after_it():
    upward = []
    for path in MODULES:
        own = layer(".".join(path.relative_to(ROOT).with_suffix("").parts))
        if own is None:
            continue
        for module in imports_of(path):
            other = layer(module)
            if other is not None and LAYERS.index(other) > LAYERS.index(own):
                upward.append(f"{name(path)} imports {module}")
    assert upward == []


def test_the_library_knows_nothing_of_click():
    users = [name(p) for p in MODULES if "cli" not in p.relative_to(PACKAGE).parts[:1] and p.name != "entry.py"
             and any(m == "click" or m.startswith("click.") for m in
                     {a.name for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                      if isinstance(n, ast.Import) for a in n.names}
                     | {n.module or "" for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                        if isinstance(n, ast.ImportFrom)})]
    assert users == []


def test_the_readme_names_every_package_and_module_it_maps():
    """The module map in the README ("Development") names modules that exist."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Development"):readme.index("- `benchmarks/charts.py`")]
    for package in ["domain", "catalogue", "storage", "ingest", "judging", "present", "site", "cli"]:
        assert f"`goaltrack/{package}/`" in section
        for module in (PACKAGE / package).glob("*.py"):
            if module.name != "__init__.py":
                assert f"`{module.name}`" in section, f"the README's module map leaves out {name(module)}"
