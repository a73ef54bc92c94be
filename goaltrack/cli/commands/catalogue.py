"""`goaltrack catalogue check` and `sync`: a goal catalogue checked, or followed by the database."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import CONTEXT, db_option, lang_option
from goaltrack.cli.output import info

LISTED = 20  # goals named a kind of change; the rest are counted


@click.group(context_settings=CONTEXT)
def catalogue() -> None:
    """Check a goal catalogue (YAML), or make the database follow one.

    \b
    Examples:
      goaltrack catalogue check goals.yaml
      goaltrack catalogue sync goals.yaml --archive
    """


def _catalogue_file(file: str | None) -> str:
    from goaltrack.catalogue import default_catalogue_path

    return file if file is not None else str(default_catalogue_path())


@catalogue.command("check")
@click.argument("file", type=click.Path(dir_okay=False), required=False)
@lang_option
def catalogue_check(file: str | None, lang: str) -> None:
    """Validate FILE (default: GOALTRACK_CATALOGUE, else the shipped catalogue) and list every problem with its line number.

    \b
    Example:
      goaltrack catalogue check goals.yaml
    """
    from goaltrack.catalogue import load_catalogue
    from goaltrack.present.i18n import counted_in, said

    file = _catalogue_file(file)
    result = load_catalogue(file)
    for warning in result.warnings:
        info(said("warning", lang, warning=warning.where(file)))
    info(said("checked", lang, file=file, goals=counted_in(len(result.goals), "goal", lang),
              scopes=counted_in(len(result.scopes), "scope", lang)))


@catalogue.command("sync")
@click.argument("file", type=click.Path(dir_okay=False), required=False)
@click.option("--archive", is_flag=True,
              help="Keep goals missing from FILE that have measurements, out of status, instead of failing.")
@lang_option
@db_option
def catalogue_sync(file: str | None, archive: bool, lang: str) -> None:
    """Make the database's goals follow FILE (default: GOALTRACK_CATALOGUE, else the shipped catalogue).

    New goals are added and changed ones updated. A goal missing from FILE is removed if it has no
    measurements; if it has some, the sync fails naming it, unless --archive keeps it (with all its
    figures) out of status and charts. Nothing is written when anything fails.

    \b
    Examples:
      goaltrack catalogue sync my-goals.yaml
      goaltrack catalogue sync
    """
    from goaltrack.catalogue import load_catalogue
    from goaltrack.present.i18n import said
    from goaltrack.storage import store

    file = _catalogue_file(file)
    definition = load_catalogue(file)
    for warning in definition.warnings:
        info(said("warning", lang, warning=warning.where(file)))
    # Another set's catalogue on a new database: the shipped one first, whose scopes (the 98
    # municipalities) it names; the shipped catalogue itself is loaded once, by this sync.
    from goaltrack.storage.models import SHIPPED_SET

    result = store.sync_catalogue(database(load_shipped=definition.set_id != SHIPPED_SET), definition,
                                  archive=archive)
    said_sync(result, file, definition.set_id, lang)


def said_sync(result, file: str, set_id: str, lang: str) -> None:
    """What a sync did, on stderr in ``lang``: the counts, each goal added, updated, restored, archived or
    removed (up to LISTED of each), and each published figure kept where the catalogue differs."""
    from goaltrack.domain.units import format_plain
    from goaltrack.present.i18n import counted_in, said, whole

    kinds = ("added", "updated", "restored", "archived", "removed")
    parts = [f"{len(getattr(result, key))} {said('sync_' + key, lang)}" for key in kinds]
    info(said("synced", lang, file=file, set=set_id, parts=", ".join(parts),
              figures=counted_in(result.measurements_added, "published", lang))
         + (said("dated", lang, figures=counted_in(result.dated, "figure", lang)) + "." if result.dated else "."))
    for key in kinds:
        named = getattr(result, key)
        for goal_id in named[:LISTED]:
            info(f"  {said('sync_' + key, lang)}: {goal_id}")
        if len(named) > LISTED:  # a catalogue of 10,000 goals: not 10,000 lines
            info(f"  {said('sync_' + key, lang)}: " + said("sync_more", lang, n=whole(len(named) - LISTED, lang),
                                                             set=set_id))
    for goal_id, scope, year, held, given, source in result.differing:
        info("  " + said("kept", lang, goal=goal_id, scope=scope, year=year, held=format_plain(held),
                         given=format_plain(given), source=f" ({source})" if source else "")
             + f"goaltrack record {goal_id} {format_plain(given)} --year {year} --scope {scope} --replace --source …")
