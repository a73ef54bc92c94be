"""Does goaltrack keep up with a catalogue of 10,000 goals? Five figures, each a ratio in one run.

    python benchmarks/goal_scale.py [--goals 10000] [--runs 5]

A synthetic goal set (benchmarks/synthetic.py, each goal with a baseline and a target) of 1,000 and of
--goals goals, each with two figures of one scope. Timed, each pair alternately (harness.medians):

- status as a table against status as JSON, for both sizes: the aim is at most 2x (issue 23); and what
  each further 1,000 goals cost (linear: the same at any size; run with --goals 5000 to compare);
- naming 1,000 goals on the command line against asking for their whole set: the aim is at most 1.2x;
- catalogue check and catalogue sync of the large set, against `goaltrack --version` (the start-up
  every command pays): the aim is under 10 s each (the figures are also printed in seconds).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from harness import environment, goaltrack, medians, run, timed
from synthetic import write_catalogue


def write_set(path: Path, goals: int) -> None:
    write_catalogue(path, goals=goals, scopes=5)
    text = path.read_text(encoding="utf-8").replace("goals:\n", "id: big\nname: Big\ngoals:\n", 1)
    path.write_text(text, encoding="utf-8")


def write_figures(path: Path, goals: int) -> None:
    rows = [f"big/g{g:02d},s000,{year},{50 - g % 7 - (year - 2011)}" for g in range(goals) for year in (2013, 2017)]
    path.write_text("goal,scope,year,value\n" + "\n".join(rows) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        envs = {}
        for goals in (1000, args.goals):
            write_set(work / f"goals-{goals}.yaml", goals)
            write_figures(work / f"figures-{goals}.csv", goals)
            env = environment(work / f"{goals}.db")
            env["COLUMNS"] = "160"
            run(goaltrack("catalogue", "sync", str(work / f"goals-{goals}.yaml")), env)
            run(goaltrack("import", str(work / f"figures-{goals}.csv")), env)
            envs[goals] = env
        seconds = {}
        for goals, env in envs.items():
            times = medians({"table": (goaltrack("status", "--set", "big"), env),
                             "json": (goaltrack("status", "--set", "big", "--format", "json"), env)}, args.runs)
            ratio = times["table"] / times["json"]
            seconds[goals] = times
            failed |= ratio > 2
            print(f"status --set big, {goals:,} goals: table {times['table']:.2f} s, JSON {times['json']:.2f} s, "
                  f"ratio {ratio:.2f} (aim <= 2)")
        thousands = (args.goals - 1000) / 1000
        for kind in ("table", "json"):  # linear: each further 1,000 goals cost the same
            step = (seconds[args.goals][kind] - seconds[1000][kind]) / thousands
            print(f"status {kind}: {step:.3f} s for each 1,000 goals beyond the first 1,000")
        names = [f"big/g{g:02d}" for g in range(1000)]
        times = medians({"named": (goaltrack("status", *names, "--format", "json"), envs[1000]),
                         "set": (goaltrack("status", "--set", "big", "--format", "json"), envs[1000])}, args.runs)
        ratio = times["named"] / times["set"]
        failed |= ratio > 1.2
        print(f"1,000 goals named: {times['named']:.2f} s, their set asked for: {times['set']:.2f} s, "
              f"ratio {ratio:.2f} (aim <= 1.2)")
        start = min(timed(goaltrack("--version"), envs[1000]) for _ in range(3))
        for what in ("check", "sync"):  # sync: into a new database each time (the set all new)
            seconds = min(timed(goaltrack("catalogue", what, str(work / f"goals-{args.goals}.yaml")),
                                environment(work / f"new-{what}-{n}.db")) for n in range(2))
            failed |= seconds >= 10
            print(f"catalogue {what} of {args.goals:,} goals: {seconds:.2f} s ({seconds / start:.0f}x start-up "
                  f"{start:.2f} s; aim < 10 s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
