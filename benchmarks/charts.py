"""How long `goaltrack chart --all` takes next to plain matplotlib drawing as many charts, in one run.

    python benchmarks/charts.py [--runs 5]

The baseline is a fresh Python process that imports matplotlib and draws, with Figure and savefig
at the same size and resolution, one simple line chart per goal of the shipped catalogue and one
grid of small panels: what any charting tool must at least do. The aim is a ratio of at most 1.5.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    goaltrack = shutil.which("goaltrack")
    base = [goaltrack] if goaltrack else [sys.executable, "-m", "goaltrack"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "GOALTRACK_DATABASE_URL": f"sqlite:///{work / 'bench.db'}"}
        env.pop("GOALTRACK_DEBUG", None)
        goals = subprocess.run(base + ["goals", "--format", "json"], env=env, check=True, capture_output=True,
                               text=True).stdout.count('"id"')
        ours_cmd = base + ["chart", "--all", "--out", str(work / "ours")]
        plain_cmd = [sys.executable, "-c", PLAIN, str(work), str(goals)]
        timed(ours_cmd, env), timed(plain_cmd, env)  # warm the caches (matplotlib's font cache too)
        ours, plain = [], []
        for _ in range(args.runs):
            ours.append(timed(ours_cmd, env))
            plain.append(timed(plain_cmd, env))
    a, b = statistics.median(ours), statistics.median(plain)
    print(f"goaltrack chart --all ({goals} charts + overview): {a:6.2f} s (median of {args.runs})")
    print(f"plain matplotlib, same number of charts:       {b:6.2f} s")
    print(f"ratio: {a / b:.2f} (aim: at most {AIM})")
    return 0 if a / b <= AIM else 1


if __name__ == "__main__":
    sys.exit(main())
