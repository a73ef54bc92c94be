"""Mutation testing of one module with mutmut, whole or sampled, and its score.

    python tools/mutation.py domain.units            # every mutant of goaltrack/domain/units.py
    python tools/mutation.py catalogue.checks_goals --sample 80
    python tools/mutation.py present.charts.data --sample 60   # what a chart shows (not how it is drawn)
    python tools/mutation.py storage.writer --only copy_figures   # one function's mutants (PostgreSQL's COPY)

MODULE is a module's path below goaltrack/, dotted (``domain.units`` is goaltrack/domain/units.py);
pyproject.toml's [tool.mutmut] only_mutate lists the modules that can be measured.

Run from the top of the repository with the test extra installed. It calls
``mutmut run --max-children 1`` with the chosen mutant names (mutmut's own settings are in
pyproject.toml, [tool.mutmut]) and prints killed/total, then every surviving mutant's name
(``mutmut show NAME`` prints its diff). A sample is drawn with a fixed seed, so the same code gives
the same sample. ``--report`` only prints the score of the last run, running nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

KILLED = {1, 3}


def refresh() -> None:
    """Let mutmut make the mutants of the code as it is now, and map the tests to the functions
    they cover (it stops there: no mutant has this name)."""
    subprocess.run(["mutmut", "run", "--max-children", "1", "nothing-matches-this"], capture_output=True)


def meta_path(module: str) -> Path:
    """Where mutmut keeps a module's mutants and their results: 'domain.units' ->
    mutants/goaltrack/domain/units.py.meta."""
    *folders, name = module.split(".")
    return Path("mutants", "goaltrack", *folders, f"{name}.py.meta")


def mutant_names(module: str) -> list[str]:
    meta = meta_path(module)
    if not meta.is_file():
        sys.exit(f"{meta} is missing: is goaltrack/{module.replace('.', '/')}.py in [tool.mutmut] only_mutate? "
                 f"(then run `mutmut run --max-children 1 'goaltrack.{module}*'` once)")
    return sorted(json.loads(meta.read_text())["exit_code_by_key"])


def function(name: str) -> str:
    """The function a mutant changes: 'goaltrack.present.charts.data.x_axis_limits__mutmut_3' -> 'axis_limits',
    'goaltrack.present.charts.data.xǁChartDataǁcolour__mutmut_1' -> 'ChartData.colour'."""
    mangled = name.split(".")[-1].rsplit("__mutmut_", 1)[0]
    return mangled.removeprefix("x_") if mangled.startswith("x_") else ".".join(mangled.split("ǁ")[1:])


def results(module: str, names: list[str]) -> dict[str, int | None]:
    codes = json.loads(meta_path(module).read_text())["exit_code_by_key"]
    return {n: codes.get(n) for n in names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("module", help="a module below goaltrack/, dotted, e.g. domain.progress")
    parser.add_argument("--sample", type=int, default=0, help="test this many mutants, drawn at random")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", action="append", default=[], metavar="FUNCTION",
                        help="only this function's mutants (repeatable), e.g. copy_figures or FigureWriter.add")
    parser.add_argument("--report", action="store_true", help="print the last run's score, run nothing")
    args = parser.parse_args()
    if not args.report:
        refresh()
    names = mutant_names(args.module)
    if args.only:
        names = [n for n in names if function(n) in args.only]
        if not names:
            sys.exit(f"no mutant of {args.module} is in {', '.join(args.only)}")
    if args.sample and args.sample < len(names):
        names = sorted(random.Random(args.seed).sample(names, args.sample))
    if not args.report:
        subprocess.run(["mutmut", "run", "--max-children", "1", *names], check=False)
    codes = results(args.module, names)
    killed = [n for n, c in codes.items() if c in KILLED]
    survived = [n for n, c in codes.items() if c not in KILLED]
    print(f"{args.module}: {len(killed)}/{len(codes)} killed ({100 * len(killed) / len(codes):.0f} %)"
          + (f", a sample of {len(codes)} (seed {args.seed})" if args.sample else ""))
    for name in survived:
        print(f"  not killed ({codes[name]}): {name}")
    unchecked = sum(1 for c in codes.values() if c is None)
    if unchecked:
        print(f"{unchecked} of them were never run (exit code None): mutmut stopped before them; "
              "its own output above says why", file=sys.stderr)


if __name__ == "__main__":
    main()
