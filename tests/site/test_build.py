"""`goaltrack site`: the pages it writes and what they say, escaped text, Danish, hostile ids, and a folder
written whole or not at all."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goaltrack.errors import GoaltrackError
from goaltrack.present.outputs import MANIFEST
from goaltrack.site import paths
from goaltrack.site.words import SITE_WORDS
from tests.conftest import ROOT
from tests.site.conftest import build, invoke, seeded_database

NBSP = "\u00a0"


def text_of(path: Path) -> str:
    """A page's visible text, its non-breaking spaces as plain ones."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("style", "script", "title")

        def handle_endtag(self, tag):
            self.skip -= tag in ("style", "script", "title")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.parts).replace(NBSP, " "))


@pytest.fixture(scope="module")
def english(tmp_path_factory, template_databases):
    return build(tmp_path_factory.mktemp("site-en"), template_databases)


def test_the_pages_and_charts_it_writes(english):
    out = english.out
    assert english.stdout == f"{out / 'index.html'}\n"
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    goals = [p for p in pages if p.startswith("goals/")]
    assert len(goals) == 16 and "goals/homelessness.html" in goals
    # the nation, the three municipalities with figures; no region (Odense alone does not sum Syddanmark)
    assert [p for p in pages if p.startswith("scopes/")] == ["scopes/101.html", "scopes/461.html",
                                                             "scopes/751.html", "scopes/DK.html",
                                                             "scopes/index.html"]
    assert (out / "site.css").is_file() and (out / "charts" / "overview.png").is_file()
    assert (out / "charts" / "homelessness.png").is_file() and (out / "charts" / "101" / "homelessness.png").is_file()
    listed = json.loads((out / MANIFEST).read_text())["files"]
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MANIFEST}
    assert set(listed) == written
    assert english.stderr.endswith(f"Wrote {len(pages)} pages and {sum(p.endswith('.png') for p in written)} "
                                   f"charts to {out}.\n")
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".site.")]  # no temporary folder left


def test_the_goal_page_says_what_status_and_the_report_say(english):
    page = text_of(english.out / "goals" / "homelessness.html")
    assert ("Homeless persons, Denmark (DK): missed; 6,431 in 2019 against the target of 4,000 by 2020. "
            "No figure since: still 2,431 above it.") in page
    assert "Verdict missed · 6,431 (2019)" in page
    assert "2019 6,431 VIVE 2019, revised Decided the verdict" in page  # the figures, with their sources
    assert "2011 5,290 Alle skal med (2013), mål 5" in page  # the catalogue's baseline
    # the history: the first release replaced by the revision, which says what it replaced
    history = page[page.index("History of revisions"):]
    assert re.search(r"2019 6,500 VIVE 2019 \S+ \S+ \S+ replaced ", history)
    assert re.search(r"2019 6,431 6,500 VIVE 2019, revised \S+ \S+ \S+ current", history)
    compare = page[page.index("How the scopes compare"):page.index("History of revisions")]
    assert compare.index("Aarhus (751)") < compare.index("København (101)") < compare.index("Denmark (DK)")
    html = (english.out / "goals" / "homelessness.html").read_text(encoding="utf-8")
    assert '<a href="../scopes/751.html">Aarhus (751)</a>' in html  # each scope links to its page
    assert '<img src="../charts/homelessness.png" alt="Chart: Homeless persons, Denmark (DK): missed;' in html


def test_flags_are_named_beside_their_figures(english):
    page = text_of(english.out / "goals" / "drug-deaths.html")
    assert "2020 256 P provisional Sundhedsstyrelsen Decided the verdict" in page
    assert "missed, provisional · 256 (2020) P" in page
    scope = text_of(english.out / "scopes" / "101.html")
    assert "2016 5 % P provisional Ankestyrelsen 2016" in scope


def test_the_front_page_and_the_scope_index(english):
    front = text_of(english.out / "index.html")
    assert "2020 goals: 0 met · 2 missed · 12 unknown (1 provisional)" in front
    assert "Homeless persons 5,290 (2011) 5,820 (2013)" not in front  # the latest is the 2019 revision
    assert "Homeless persons 5,290 (2011) 6,431 (2019) ≤ 4,000 (2020) 2,431" in front
    scopes = text_of(english.out / "scopes" / "index.html")
    assert "The nation: 1" in scopes and "Municipalities: 3" in scopes
    assert "København (101) municipality Region Hovedstaden" in scopes
    kbh = text_of(english.out / "scopes" / "101.html")
    assert "Homeless persons, København (101): missed; 1,700 in 2017 against the target of 1,059" in kbh


def test_danish_pages_and_the_language_switch(both):
    da, en = both.out / "da", both.out / "en"
    assert (both.out / "index.html").is_file() and (both.out / "site.css").is_file()
    html = (da / "goals" / "homelessness.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="da">')
    assert '<a href="../../en/goals/homelessness.html" hreflang="en" lang="en"' in html
    assert '<link rel="stylesheet" href="../../site.css">' in html
    page = text_of(da / "goals" / "homelessness.html")
    assert "Hjemløse personer, Danmark (DK): ikke nået; 6.431 i 2019 mod målsætningen på 4.000 i 2020." in page
    for word in ("Resultat og grundlag", "Sådan klarer områderne sig", "Revisionshistorik", "Områder"):
        assert word in page
    assert "Mål for 2020: 0 nået · 2 ikke nået · 12 ukendt (1 foreløbige)" in text_of(da / "index.html")
    back = (en / "scopes" / "101.html").read_text(encoding="utf-8")
    assert '<a href="../../da/scopes/101.html" hreflang="da" lang="da"' in back


def test_both_languages_have_the_same_words():
    assert SITE_WORDS["en"].keys() == SITE_WORDS["da"].keys()


def test_text_from_the_catalogue_is_escaped(tmp_path, template_databases):
    env = seeded_database(tmp_path, template_databases)
    db = env["GOALTRACK_DATABASE_URL"].removeprefix("sqlite:///")
    title = '<script>alert("t")</script> \x1b[8m & "q"'
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE goal SET title_en = ?, source = ? WHERE id = 'homelessness'",
                     (title, '<img src=x onerror=alert(1)>'))
        conn.execute("UPDATE scope SET name = ? WHERE code = '101'", ('</a><b onmouseover="x()">Kbh',))
    out = tmp_path / "site"
    invoke(env, "site", "--out", str(out), "--as-of", "2026", "--scope", "101", "--scope", "DK")
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html and "<img src=x" not in html and "<b onmouseover" not in html, page
        assert "\x1b" not in html
    goal = (out / "goals" / "homelessness.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; \\x1b[8m &amp; &#34;q&#34;</h1>" in goal
    assert "&lt;img src=x onerror=alert(1)&gt;" in goal
    assert "&lt;/a&gt;&lt;b onmouseover=&#34;x()&#34;&gt;Kbh (101)" in (out / "scopes" / "101.html").read_text()


# --- names from ids -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "safe"), [
    ("homelessness", "homelessness"), ("101", "101"), ("DK", "DK"), ("a_b-c", "a_b-c"),
    ("../../etc/passwd", "~2e~2e~2f~2e~2e~2fetc~2fpasswd"), (".hidden", "~2ehidden"), ("", "~"),
    ("..", "~2e~2e"), ("a/b", "a~2fb"), ("København", "K~c3~b8benhavn"), ("a\\b", "a~5cb"),
])
def test_a_file_name_from_an_id_never_leaves_its_folder(name, safe, tmp_path):
    assert paths.safe_name(name) == safe
    page = paths.scope_page(name)
    assert paths.inside(tmp_path, page).parent == tmp_path / "scopes"


@pytest.mark.parametrize("relative", ["../x.html", "/etc/passwd", "scopes/../../x.html", ""])
def test_a_path_that_would_leave_the_folder_is_refused(relative, tmp_path):
    with pytest.raises(GoaltrackError, match="would land outside"):
        paths.inside(tmp_path, relative)


def test_two_pages_never_share_a_file_whatever_the_case():
    paths.check_distinct(["scopes/DK.html", "scopes/101.html"])
    with pytest.raises(GoaltrackError, match="two pages would be written"):
        paths.check_distinct(["scopes/DK.html", "scopes/dk.html"])


def test_relative_links():
    assert paths.relative("goals/homelessness.html", "scopes/101.html") == "../scopes/101.html"
    assert paths.relative("index.html", "goals/x.html") == "goals/x.html"
    assert paths.relative("en/goals/aarhus-2030/x.html", "da/goals/aarhus-2030/x.html") == \
        "../../../da/goals/aarhus-2030/x.html"


def test_a_hostile_scope_code_in_the_database_writes_nothing_outside(tmp_path, template_databases):
    """A scope code an older goaltrack (or a hand) stored, '../evil': its page is named safely, and its
    charts are refused by the charts' own lock, so the build stops with one Error line and writes nothing."""
    env = seeded_database(tmp_path, template_databases)
    db = env["GOALTRACK_DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO scope (code, name, position, kind) VALUES ('../evil', 'Evil', 999, 'municipality')")
        conn.execute("INSERT INTO figure (indicator, scope, year, value, source, published, recorded_at, deleted) "
                     "VALUES ('homelessness', '../evil', 2015, 15, 'x', '2016-01-01', '2016-01-01 00:00:00', 0)")
    out = tmp_path / "deep" / "site"
    before = {p for p in tmp_path.rglob("*") if "goaltrack.db" not in p.name}
    result = invoke(env, "site", "--out", str(out), ok=False)
    assert result.exit_code == 1 and result.stderr.startswith("Error: refusing to write '../evil/"), result.stderr
    assert not out.exists() and not (tmp_path / "deep" / "evil").exists() and not (tmp_path / "evil").exists()
    after = {p for p in tmp_path.rglob("*") if "goaltrack.db" not in p.name}
    assert after - before == {tmp_path / "deep"}  # the parent only, made for the site and left empty


# --- written whole ------------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """A temporary folder of a build (``.site.….part``, ``.site.….old``) left beside the site."""
    return [p.name for p in folder.iterdir() if p.name.startswith(".site.")]


@pytest.fixture
def site_env(tmp_path, template_databases):
    return seeded_database(tmp_path, template_databases)


def test_a_folder_of_someone_elses_is_refused_and_left_as_it_was(site_env, tmp_path):
    out = tmp_path / "site"
    (out / "goals").mkdir(parents=True)
    (out / "notes.txt").write_text("mine")
    (out / "goals" / "homelessness.html").write_text("my own page")
    before = snapshot(out)
    result = invoke(site_env, "site", "--out", str(out), "--scope", "DK", ok=False)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {out} holds goals/homelessness.html, which goaltrack did not write there "
                             "(or which changed since); choose another --out folder, or use --force to replace "
                             "the whole folder\n")
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []
    invoke(site_env, "site", "--out", str(out), "--scope", "DK", "--force")
    assert not (out / "notes.txt").exists() and (out / "index.html").is_file()
    assert leftovers(tmp_path) == []


def test_a_site_goaltrack_wrote_is_replaced_and_a_changed_one_refused(site_env, tmp_path):
    out = tmp_path / "site"
    invoke(site_env, "site", "--out", str(out), "--scope", "DK", "--as-of", "2016")
    assert "as of 2016" in text_of(out / "index.html")
    invoke(site_env, "site", "--out", str(out), "--scope", "DK", "--as-of", "2026")  # ours: no --force needed
    assert "as of 2026" in text_of(out / "index.html")
    (out / "scopes" / "DK.html").write_text("edited by hand")
    result = invoke(site_env, "site", "--out", str(out), "--scope", "DK", ok=False)
    assert result.exit_code == 1 and "holds scopes/DK.html, which goaltrack did not write" in result.stderr
    assert (out / "scopes" / "DK.html").read_text() == "edited by hand"


def test_known_at_shows_the_record_as_it_stood_that_day(site_env, tmp_path):
    out = tmp_path / "site"
    invoke(site_env, "site", "--out", str(out), "--scope", "DK", "--known-at", "2020-06-30")
    front = text_of(out / "index.html")
    assert "as of 2026 · as known at 2020-06-30" in front
    # every figure of this database was recorded (so published) today: in 2020 only the baseline was known
    assert "Homeless persons 5,290 (2011) 5,290 (2011) ≤ 4,000 (2020) 1,290" in front and "6,431" not in front
    assert "6,500" not in text_of(out / "goals" / "homelessness.html")


def test_an_empty_folder_is_used_and_a_file_or_link_refused(site_env, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    invoke(site_env, "site", "--out", str(empty), "--scope", "DK")
    assert (empty / "index.html").is_file()
    (tmp_path / "file").write_text("x")
    result = invoke(site_env, "site", "--out", str(tmp_path / "file"), ok=False)
    assert result.stderr == f"Error: cannot write a site to {tmp_path / 'file'}: it is a file, not a folder\n"
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "link").symlink_to(target)
    result = invoke(site_env, "site", "--out", str(tmp_path / "link"), ok=False)
    assert "is a symbolic link; goaltrack never writes through a link" in result.stderr
    invoke(site_env, "site", "--out", str(tmp_path / "link"), "--scope", "DK", "--force")
    assert list(target.iterdir()) == [] and not (tmp_path / "link").is_symlink()
    assert (tmp_path / "link" / "index.html").is_file()


def test_a_build_that_fails_midway_leaves_the_old_site(site_env, tmp_path, monkeypatch):
    out = tmp_path / "site"
    invoke(site_env, "site", "--out", str(out), "--scope", "DK")
    before = snapshot(out)
    from goaltrack.site import pages

    def broken(self, dossier):
        raise KeyboardInterrupt

    monkeypatch.setattr(pages.SitePages, "scope", broken)
    result = invoke(site_env, "site", "--out", str(out), "--scope", "DK", "--as-of", "2016", ok=False)
    assert result.exit_code == 130
    assert result.stderr == "Error: interrupted; nothing was written by the interrupted step\n"
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


# --- start-up and packaging ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["site", "--help"]])
def test_help_loads_neither_jinja_nor_matplotlib(args):
    code = ("import sys\nfrom goaltrack.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in ('jinja2', 'matplotlib', 'sqlalchemy', 'goaltrack.site.pages', "
            "'goaltrack.site.build') if m in sys.modules))" % args)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={**os.environ, "GOALTRACK_DATABASE_URL": "sqlite://"}).stdout
    assert out.split("LOADED ", 1)[1].strip() == "[]"


def test_the_wheel_ships_the_templates(tmp_path):
    pytest.importorskip("hatchling", reason="building a wheel needs hatchling")
    import zipfile

    subprocess.run([sys.executable, "-m", "hatchling", "build", "--target", "wheel", "--directory", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    [wheel] = tmp_path.glob("goaltrack-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    templates = sorted(p.name for p in (ROOT / "goaltrack" / "site" / "templates").iterdir())
    assert "site.css" in templates and "goal.html" in templates
    assert {f"goaltrack/site/templates/{name}" for name in templates} <= names
