"""Building the site: the database read once, the charts drawn, the pages rendered, the folder written whole.

``build_site`` is all a caller needs (the CLI's `goaltrack site`, a notebook, a scheduled job):

    build_site(engine, Path("site"), as_of=2026, langs=("en", "da"))

In one language the site's folder holds index.html, site.css, charts/, goals/ and scopes/; in two,
site.css, a page to choose the language (index.html) and a tree per language (en/, da/), each page
linking to the same page in the other. Every link is relative.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from goaltrack.judging.status import GoalStatus
from goaltrack.present.charts.files import chart_name, undrawable, write_charts
from goaltrack.present.outputs import remember, write_file
from goaltrack.site.folder import check_out, publish
from goaltrack.site.gather import SiteData, Step, gather
from goaltrack.site.paths import FRONT, STYLESHEET, check_distinct, inside

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SCOPE_DPI = 100  # a scope's charts: 800 × 500 pixels, enough beside a page's text (its goal's own: 150)


@dataclass(frozen=True)
class BuiltSite:
    out: Path
    front: Path  # the page to open: the front page, or in two languages the page to choose one
    pages: int
    charts: int


def build_site(engine: Engine, out: Path, as_of: int, langs: Sequence[str] = ("en",), set_id: str | None = None,
               scopes: Sequence[str] = (), force: bool = False, step: Step | None = None,
               today: datetime.date | None = None) -> BuiltSite:
    """Write the site of the goals (of ``set_id``, else every set) as they stood in ``as_of`` into
    ``out``: built beside it and moved into place whole. ``scopes`` (codes) names the scopes that
    get a page; none: every scope with a figure. ``out`` may be absent, empty or a site goaltrack
    wrote; anything else is refused unless ``force`` (goaltrack.site.folder). ``step(phase, done,
    total)`` is told how the work goes."""
    out = Path(out)
    check_out(out, force)  # before the work: a refusal costs nothing
    data = gather(engine, as_of, set_id, scopes, step)
    counts = {"pages": 0, "charts": 0}

    def fill(folder: Path) -> None:
        counts.update(write_tree(folder, data, tuple(langs), step, today or datetime.date.today()))

    publish(out, fill, force)
    return BuiltSite(out, out / FRONT, counts["pages"], counts["charts"])


def write_tree(folder: Path, data: SiteData, langs: tuple[str, ...], step: Step | None,
               today: datetime.date) -> dict[str, int]:
    """Every file of the site into ``folder``, and goaltrack's list of them; returns how many pages and charts."""
    from goaltrack.site.pages import SitePages, choose_page, environment, stylesheet

    env = environment()
    both = len(langs) > 1
    written = [folder / STYLESHEET]
    write_file(written[0], stylesheet())
    pages = charts = 0
    for lang in langs:
        base = folder / lang if both else folder
        drawn = draw_charts(data, base / "charts", lang, step)
        other = next((o for o in langs if o != lang), None) if both else None
        maker = SitePages(env, data, lang, f"{lang}/" if both else "", other,
                          {p.relative_to((base / "charts").resolve()).as_posix() for p in drawn}, today)
        rendered = list(maker.pages())
        check_distinct(here for here, _ in rendered)
        for i, (here, html) in enumerate(rendered, 1):
            path = inside(base, here)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, html)
            written.append(path)
            if step:
                step(f"writing pages ({lang})", i, len(rendered))
        written += drawn
        pages, charts = pages + len(rendered), charts + len(drawn)
    if both:
        write_file(folder / FRONT, choose_page(env, maker.site_title, langs))
        written.append(folder / FRONT)
        pages += 1
    remember(folder, written)
    return {"pages": pages, "charts": charts}


def draw_charts(data: SiteData, out: Path, lang: str, step: Step | None) -> list[Path]:
    """The charts of the goals at home (and an overview of each set), then each scope page's charts,
    each drawn once (a goal at home is the same chart on its scope's page)."""
    home = list(data.home)
    seen = {chart_name(s) for s in home}
    scoped: list[GoalStatus] = []
    for dossier in data.scopes:
        for status in dossier.drawn:
            name = chart_name(status)
            if name not in seen:
                seen.add(name)
                scoped.append(status)
    overviews = len({chart_name(s).rpartition("/")[0] for s in home})
    total = overviews + len(home) - len(undrawable(home, data.as_of)) + len(scoped) \
        - len(undrawable(scoped, data.as_of))
    done = [0]

    def drew(name: str) -> None:
        done[0] += 1
        if step:
            step(f"drawing charts ({lang})", done[0], total)

    paths = write_charts(home, out, data.as_of, lang, "png", overview=bool(home), step=drew, sources=False)
    if scoped:
        paths += write_charts(scoped, out, data.as_of, lang, "png", dpi=SCOPE_DPI, step=drew, sources=False)
    return paths
