"""A small site built once per test module: the seed figures, three municipalities and a revision."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from goaltrack.cli import cli

# København, Aarhus and Odense: homelessness and placement breakdowns; a revision and a provisional
# national figure, so that the history and the flags have something to show.
MUNICIPAL = ("goal,scope,year,value,source,flag\n"
             "homelessness,101,2011,1400,København 2011,\n"
             "homelessness,101,2017,1700,København 2017,\n"
             "homelessness,751,2011,600,Aarhus 2011,\n"
             "homelessness,751,2017,450,Aarhus 2017,\n"
             "homelessness,461,2013,300,Odense 2013,\n"
             "placement-breakdown,101,2011,6.5,Ankestyrelsen 2011,\n"
             "placement-breakdown,101,2016,5.0,Ankestyrelsen 2016,P\n")


@dataclass
class Built:
    out: Path
    env: dict
    stdout: str
    stderr: str


def invoke(env: dict, *args: str, ok: bool = True):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def seeded_database(folder: Path, template_databases) -> dict:
    """A copy of the session's seed database with the municipal figures: the environment to use it."""
    path = folder / "goaltrack.db"
    template_databases.copy_to(path, "seed")
    env = {"GOALTRACK_DATABASE_URL": f"sqlite:///{path}", "GOALTRACK_DEBUG": "1", "GOALTRACK_LANG": None,
           "COLUMNS": None}
    figures = folder / "municipal.csv"
    figures.write_text(MUNICIPAL, encoding="utf-8")
    invoke(env, "import", str(figures))
    invoke(env, "record", "homelessness", "6500", "--year", "2019", "--source", "VIVE 2019")
    invoke(env, "record", "homelessness", "6431", "--year", "2019", "--replace", "--source", "VIVE 2019, revised")
    invoke(env, "record", "drug-deaths", "256", "--year", "2020", "--flag", "P", "--source", "Sundhedsstyrelsen")
    return env


def build(folder: Path, template_databases, *args: str) -> Built:
    env = seeded_database(folder, template_databases)
    out = folder / "site"
    result = invoke(env, "site", "--out", str(out), "--as-of", "2026", *args)
    return Built(out, env, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def both(tmp_path_factory, template_databases) -> Built:
    """The site in English and Danish, built once for the module."""
    return build(tmp_path_factory.mktemp("site-both"), template_databases, "--lang", "both")
