"""How long `goaltrack chart --all` takes next to plain matplotlib drawing as many charts, in one run.

    python benchmarks/charts.py [--runs 5]

The baseline is a fresh Python process that imports matplotlib and draws, with Figure and savefig
at the same size and resolution, one simple line chart per goal of the shipped catalogue and one
grid of small panels: what any charting tool must at least do. The aim is a ratio of at most 1.5.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from harness import environment, goaltrack, medians, run

AIM = 1.5

PLAIN = """
import sys
from matplotlib.figure import Figure
out, n = sys.argv[1], int(sys.argv[2])
years = [2011, 2013, 2015, 2017, 2019]
for i in range(n):
    fig = Figure(figsize=(8, 5), dpi=150)
    ax = fig.add_axes((0.1, 0.2, 0.85, 0.65))
    ax.plot(years, [5290 + i, 5820, 6138, 6635, 6431], marker="o")
    ax.plot([2011, 2020], [5290, 4000], linestyle="--")
    ax.set_title(f"goal {i}")
    fig.savefig(f"{out}/plain-{i}.png")
columns = 4
rows = -(-n // columns)
fig = Figure(figsize=(13.2, 2.6 * rows + 1.5), dpi=150)
for i in range(n):
    ax = fig.add_subplot(rows, columns, i + 1)
    ax.plot(years, [5290 + i, 5820, 6138, 6635, 6431], marker="o")
    ax.set_title(f"goal {i}")
fig.savefig(f"{out}/plain-overview.png")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = environment(work / "bench.db")
        goals = run(goaltrack("goals", "--format", "json"), env).stdout.count('"id"')
        times = medians({"ours": (goaltrack("chart", "--all", "--out", str(work / "ours")), env),
                         "plain": ([sys.executable, "-c", PLAIN, str(work), str(goals)], env)}, args.runs, warm=1)
    ratio = times["ours"] / times["plain"]
    print(f"goaltrack chart --all ({goals} charts + overview): {times['ours']:6.2f} s (median of {args.runs})")
    print(f"plain matplotlib, same number of charts:       {times['plain']:6.2f} s")
    print(f"ratio: {ratio:.2f} (aim: at most {AIM})")
    return 0 if ratio <= AIM else 1


if __name__ == "__main__":
    sys.exit(main())
