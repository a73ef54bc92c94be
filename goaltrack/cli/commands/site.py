"""`goaltrack site`: a static website of the goals, a page per goal and per scope, in one folder."""

from __future__ import annotations

import os

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import as_of_option, db_option, known_at_option, set_option
from goaltrack.cli.output import counted, info, language, progress_bar


def _resolve_scopes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Each --scope by code or name, resolved to its code by the library's one resolver."""
    if not values:
        return ()
    from goaltrack.storage import store

    return tuple(dict.fromkeys(store.resolve_scope(database(), value) for value in values))


@click.command("site")
@click.option("--out", type=click.Path(path_type=str), required=True, metavar="DIR",
              help="Folder to write the site to: built beside it, then moved into its place.")
@set_option
@click.option("--scope", "scopes", multiple=True, metavar="SCOPE", callback=_resolve_scopes,
              help="Make pages for this scope only, by code or name; repeat for more "
                   "(default: every scope with figures: the nation, the regions, the municipalities).")
@click.option("--lang", type=click.Choice(["en", "da", "both"]), default=None,
              help="Language of the pages; both: an en/ and a da/ tree, linked page to page (default: the run's "
                   "language: goaltrack --lang, else GOALTRACK_LANG, else en).")
@known_at_option
@as_of_option
@click.option("--force", is_flag=True,
              help="Replace --out even where it holds files goaltrack did not write (the whole folder is replaced).")
@db_option
def site(out: str, set_id: str | None, scopes: tuple[str, ...], lang: str | None, as_of: int, force: bool) -> None:
    """Write a static website of the goals into a folder: open index.html, or serve the folder.

    The front page has the summary and the status table of each goal set, with the overview chart;
    each goal has a page with its chart, its figures with their sources and flags, the verdict and
    the figure it rests on, how the scopes compare (each linking to its page) and the history of
    its revisions; each scope with figures (the nation, the 5 regions, the 98 municipalities) has a
    page with its status, a chart per goal and its figures, listed on a page of scopes. The pages
    need no server and nothing from another host: every link is relative, there is no script and
    no web font. Charts have alt texts and tables have captions and headers.

    The site is built in a temporary folder beside --out and moved into place when it is complete:
    an interrupted or failed build leaves --out as it was. A site goaltrack wrote is replaced
    without asking; a folder holding anything else is refused unless --force.

    \b
    Examples:
      goaltrack site --out site
      goaltrack site --out site --lang both
      goaltrack site --out kbh --scope København --scope Aarhus --lang da
      goaltrack site --out site-2020 --as-of 2020 --known-at 2021-06-30
      goaltrack site --out aarhus --set aarhus-2030 --force
    """
    from pathlib import Path

    from goaltrack.site.build import build_site
    from goaltrack.site.folder import check_out

    check_out(Path(out), force)  # before the database is opened and anything is read
    engine = database()
    if lang is None:
        lang = "both" if os.environ.get("GOALTRACK_LANG") == "both" else language()
    langs = ("en", "da") if lang == "both" else (lang,)
    with progress_bar("Building", None, show=True) as bar:
        built = build_site(engine, Path(out), as_of, langs, set_id, scopes, force=force, step=bar)
    click.echo(str(built.front))
    info(f"Wrote {counted(built.pages, 'page')} and {counted(built.charts, 'chart')} to {built.out}.")
