"""Chart files: the folder and name of each chart, and writing them all, by worker processes on several cores."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from goaltrack.errors import GoaltrackError
from goaltrack.judging.status import GoalStatus
from goaltrack.present.charts import draw
from goaltrack.present.charts.data import chart_data
from goaltrack.present.charts.draw import DEFAULT_DPI
from goaltrack.present.i18n import CHART_WORDS
from goaltrack.present.status_text import summary_lines
from goaltrack.storage.models import SHIPPED_SET

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def check_folder(out: Path) -> None:
    """Refuse an output folder that is a file, before anything else is done."""
    if out.exists() and not out.is_dir():
        raise GoaltrackError(f"cannot write charts to {out}: it is a file, not a folder")


def prepare_folder(out: Path) -> Path:
    """The output folder, created if needed; a file in its place is an error."""
    check_folder(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GoaltrackError(f"cannot create the folder {out}: {exc.strerror or exc}") from None
    return out


def chart_folder(status: GoalStatus) -> str:
    """Where a goal's chart goes inside the charts folder, the one rule every command uses: a
    folder for a goal set other than the shipped one (charts/aarhus-2030/), and in it a folder for
    a scope other than the set's own (charts/101/, charts/aarhus-2030/101/). The shipped set in the
    nation stays at the top: charts/homelessness.png. So no set or scope overwrites another's."""
    parts = [status.goal.set_id] if status.goal.set_id != SHIPPED_SET else []
    if status.place.code != status.home:
        parts.append(status.place.code)
    return "/".join(parts)


def chart_name(status: GoalStatus, fmt: str = "png") -> str:
    """The chart's path relative to the charts folder, with '/' (as a report links it)."""
    folder = chart_folder(status)
    return f"{folder}/{status.goal.code}.{fmt}" if folder else f"{status.goal.code}.{fmt}"


def chart_path(out: Path, name: str, fmt: str) -> Path:
    """``out/name.fmt`` (name may hold a folder: ``101/homelessness``), refusing any name that would
    land outside ``out`` (ids and codes are checked already; this is the second lock on the door)."""
    root = out.resolve()
    path = out / f"{name}.{fmt}"
    parent = path.parent.resolve()  # not the file itself: a link there is replaced, never followed
    if (parent != root and root not in parent.parents) or ".." in Path(name).parts:
        raise GoaltrackError(f"refusing to write {name!r}: the file would land outside {out}")
    return parent / path.name


def save(fig: Figure, path: Path, fmt: str) -> None:
    """Draw the figure into memory, then write the file whole (goaltrack.present.outputs: never through a
    link, never half a file)."""
    import io

    from goaltrack.present.outputs import write_file

    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, facecolor="white")
    write_file(path, buffer.getvalue())


WORKERS_ENV = "GOALTRACK_CHART_WORKERS"


def default_workers(jobs: int) -> int:
    """Processes to draw with: one a core (at most four), none extra for a handful of charts.
    GOALTRACK_CHART_WORKERS overrides (1: draw in this process)."""
    import os

    wanted = os.environ.get(WORKERS_ENV)
    if wanted and wanted.isascii() and wanted.isdigit():
        return max(1, int(wanted))
    if jobs < 4:
        return 1
    return max(1, min(os.cpu_count() or 1, 4, jobs))


def _leave_interrupts_to_parent() -> None:
    """A chart worker ignores Ctrl-C: the parent stops the pool and says, in one line, what was written."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _draw_job(job: tuple) -> str:
    """Draw and save one file; runs in this process or in a worker."""
    kind, payload, path, fmt, lang, dpi = job
    if kind == "goal":  # looked up in draw at each call, so that a test's spy there is the one used
        fig = draw.draw_goal(payload, lang, dpi)
    else:
        fig = draw.draw_overview(payload[0], lang, dpi, payload[1], payload[2])
    save(fig, path, fmt)
    return payload.goal_id if kind == "goal" else "overview"


def undrawable(statuses: Sequence[GoalStatus], as_of: int) -> list[GoalStatus]:
    """The goals that get no chart file: not a single figure to draw, up to ``as_of``."""
    return [s for s in statuses if not chart_data(s, as_of).drawable]


def write_charts(statuses: Sequence[GoalStatus], out: Path, as_of: int, lang: str = "en", fmt: str = "png",
                 dpi: int = DEFAULT_DPI, overview: bool = False,
                 step: Callable[[str], None] | None = None, workers: int | None = None,
                 sources: bool = True, check: Callable[[list[Path]], None] | None = None) -> list[Path]:
    """Write a chart a goal (and an overview for each folder); return the paths written. ``step`` is
    called after each. Files go where ``chart_name`` says, so a scope never overwrites another's.
    A goal without any figure gets no chart of its own (see ``undrawable``), only a small panel in
    the overview that says so. ``sources=False`` leaves the source out of the charts' footers, for
    a report that names each source beside its chart already. ``check`` sees every path before
    anything is drawn, and may refuse (default: no folder and no symbolic link where a chart goes).

    Charts are independent, so with several cores they are drawn by forked worker processes, which
    share the parent's imported matplotlib and need nothing from the database.
    """
    out = prepare_folder(Path(out))
    jobs = _chart_jobs(statuses, out, as_of, lang, fmt, dpi, overview, sources)
    paths = [job[2] for job in jobs]
    twice = next((path for path in paths if paths.count(path) > 1), None)
    if twice is not None:  # a goal whose id is "overview", from before the id was reserved
        raise GoaltrackError(f"two charts would be written to {twice}: rename the goal '{twice.stem}' in the catalogue")
    from goaltrack.present.outputs import check_targets

    (check or (lambda targets: check_targets(out, targets, force=None, keep_others=False)))(paths)
    _run_jobs(jobs, default_workers(len(jobs)) if workers is None else workers, step)
    return [job[2] for job in jobs if job[0] == "goal"] + [job[2] for job in jobs if job[0] == "overview"]


def _chart_jobs(statuses: Sequence[GoalStatus], out: Path, as_of: int, lang: str, fmt: str, dpi: int,
                overview: bool, sources: bool) -> list[tuple]:
    """What ``_draw_job`` draws: a job for each goal with a figure, and one for each folder's overview
    first (the longest job, so that the workers finish together). Each folder is made here."""
    items = [(chart_folder(s), s.goal.code, chart_data(s, as_of, lang)) for s in statuses]
    if not sources:
        items = [(folder, code, replace(data, source=None, basis_source=None)) for folder, code, data in items]
    jobs = []
    for folder in dict.fromkeys(folder for folder, _, _ in items):
        if folder:
            prepare_folder(out / folder)
        group = [(code, data) for f, code, data in items if f == folder]
        prefix = f"{folder}/" if folder else ""
        jobs += [("goal", data, chart_path(out, prefix + code, fmt), fmt, lang, dpi) for code, data in group
                 if data.drawable]
        if overview:
            charted = [s for s in statuses if chart_folder(s) == folder]
            title = overview_title(charted, lang)
            counts = " · ".join(summary_lines(charted, lang, False))
            jobs.insert(0, ("overview", ([data for _, data in group], title, counts),
                            chart_path(out, prefix + "overview", fmt), fmt, lang, dpi))
    return jobs


def overview_title(statuses: Sequence[GoalStatus], lang: str) -> str:
    """An overview's title: the goal set charted and the scope, "Sociale 2020-mål (Alle skal med, 2013) ·
    Denmark (DK)"; every set where one overview holds several, each once; "Goals at a glance · …" where
    no status names its set (a status judged in code, outside a database)."""
    names = ", ".join(dict.fromkeys(s.set_name for s in statuses if s.set_name))
    return f"{names or CHART_WORDS[lang]['overview']} · {statuses[0].place.label(lang)}"


def _run_jobs(jobs: Sequence[tuple], workers: int, step: Callable[[str], None] | None) -> None:
    """Draw every job, by forked worker processes where there are several workers (and fork exists),
    calling ``step`` with each chart's name as it is written."""
    import multiprocessing

    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        import matplotlib.figure  # noqa: F401  (imported once here, inherited by every worker)

        from goaltrack.present.outputs import count_written

        with multiprocessing.get_context("fork").Pool(workers, initializer=_leave_interrupts_to_parent) as pool:
            for name in pool.imap_unordered(_draw_job, jobs):
                count_written()  # written by the worker
                if step:
                    step(name)
    else:
        for job in jobs:
            name = _draw_job(job)
            if step:
                step(name)
