"""`goaltrack report`: report.md and report.html for a reader."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    as_of_option,
    db_option,
    known_at_option,
    lang_option,
    scope_option,
    set_option,
)
from goaltrack.cli.output import info, progress_bar


@click.command()
@click.option("--out", type=click.Path(path_type=str), required=True, help="Folder to write the report to.")
@click.option("--force", is_flag=True,
              help="Overwrite files in --out that goaltrack did not write (or that were changed since).")
@as_of_option
@known_at_option
@scope_option
@set_option
@lang_option
@db_option
def report(out: str, force: bool, as_of: int, scope: str | None, set_id: str | None, lang: str) -> None:
    """Write a report to hand on: report.md, report.html and the charts, in one folder.

    The report has the date, the status table, a sentence per goal in plain words, and each goal's
    chart beside it, with an overview at the top. Goals without figures in the scope are listed
    ("no figures for København yet") instead of drawn. Send the folder as it is.

    goaltrack writes over the files it wrote there before, and refuses to write over anything else
    (a report.md of your own, a symbolic link) unless --force is given.

    \b
    Examples:
      goaltrack report --out status-2026
      goaltrack report --out kbh --scope 101
      goaltrack report --out aarhus --set aarhus-2030
      goaltrack report --out rapport --lang da --as-of 2020
    """
    from pathlib import Path

    from goaltrack.judging.status import build_status, place
    from goaltrack.present.charts.files import check_folder
    from goaltrack.present.i18n import counted_in, said
    from goaltrack.present.report import write_report
    from goaltrack.storage import store

    check_folder(Path(out))
    engine = database()
    where = place(engine, scope or "DK")
    statuses = build_status(engine, as_of, (), scope, set_id)
    with progress_bar("Drawing", sum(s.has_figures for s in statuses) + 1) as bar:
        written = write_report(statuses, Path(out), as_of, where, lang,
                               step=(lambda name: bar(name, 1, 0)) if bar else None,
                               name=store.catalogue_name(engine), force=force)
    click.echo(str(written.markdown))
    click.echo(str(written.html))
    info(said("wrote_charts", lang, charts=counted_in(len(written.charts), "chart", lang), folder=Path(out) / "charts"))
