"""--lang da everywhere a reader looks: every command's output, messages, Error lines, progress bars and files.

Each command runs with --lang da (or ``goaltrack --lang da …`` / GOALTRACK_LANG=da where it has no
option of its own) on the shipped catalogue, and what it prints or writes is searched for the English
words goaltrack's messages, tables and files use. Goal ids, file paths, values quoted as written,
options and command names are left out of the search: they are the same in both languages. JSON
stays English (it is for programs) and is not searched. Then the translation of the library's
messages (goaltrack.present.messages_da) is checked on real messages, one per family, word for word.
"""

from __future__ import annotations

import csv
import io
import re
import sys

import click
import pytest
import yaml

from goaltrack.present.i18n import CHART_WORDS, LABELS, MESSAGES, PROGRESS_DA, REPORT_WORDS, progress_word
from goaltrack.present.messages_da import danish
from tests.conftest import ROOT

pytestmark = pytest.mark.shipped

# The English words goaltrack's own text uses, none of them a Danish word too: those of the English
# tables of goaltrack.present.i18n (messages, labels, the report, charts) that the Danish ones do not
# use, and those of the library's messages, the CSV and xlsx columns and cells and the catalogue's notes.
SHARED = {"national", "reference", "kind", "like", "line", "panel", "population", "terminal", "nation", "made", "per"}


def _words(lang: str) -> set[str]:
    return {word.lower() for table in (MESSAGES, LABELS, REPORT_WORDS, CHART_WORDS) for text in table[lang].values()
            for word in re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", " ", text)) if len(word) > 2}


ENGLISH = (_words("en") - _words("da") - SHARED) | set("""
error errors warning wrote imported import would recorded record replaced unchanged deleted delete exported loaded
shipped catalogue problems unknown missing cannot not the and with without from into is are was were of be has have
figure figures goal goals scope scopes value values year years source sources note chart charts drawing importing
fetching building writing dry run nothing written new row rows cell cells withheld skipped title lines missed met
insufficient percent persons deterioration progress substantial moderate limited achieved baseline target latest
distance category verdict revised release reported earlier analysis outcomes proposed true false increase decrease
rule share required path ahead growth ratio projection projected provisional across break series bridged rank ranked
group name about key language as by invalid option argument usage try help did you mean no yet overview says synced
added updated restored archived removed kept published flag state tests report week finance act agreement count
""".split())
GOAL_IDS = [g["id"] for g in yaml.safe_load((ROOT / "goals.yaml").read_text(encoding="utf-8"))["goals"]]


def english_in(text: str, *also: str) -> list[str]:
    """The English words in ``text``, leaving out goal ids, values quoted as written, options, command
    names, paths and URLs (and the texts ``also``: a file's own name)."""
    for kept in sorted([*GOAL_IDS, *also], key=len, reverse=True):
        text = text.replace(kept, " ")
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", " ", text)  # values as the file or the user wrote them
    text = re.sub(r"(?<![\w-])--[\w-]+|(?:goaltrack|cli)(?: \w+)?|\S*[/\\]\S*", " ", text)
    words = re.findall(r"[^\W\d_]+", text)  # a command's metavars (GOAL, VALUE) are syntax, not English
    return sorted({w for w in words if w.lower() in ENGLISH and not (w.isupper() and len(w) > 1)})


class Danish:
    """Runs goaltrack as a shell would and checks that what it said is Danish."""

    def __init__(self, run, tmp_path):
        self.run, self.tmp = run, tmp_path

    def __call__(self, *args: str, code: int = 0, keys: tuple[str, ...] = ()):
        """``keys``: the words a file must use as they are (a catalogue's keys and units), named in a message."""
        result = self.run(*args, ok=False)
        assert result.exit_code == code, result.output
        assert "Traceback" not in result.stderr
        assert english_in(result.stdout, str(self.tmp), *keys) == [], result.stdout
        assert english_in(result.stderr, str(self.tmp), *keys) == [], result.stderr
        if code == 1:
            assert result.stderr.startswith("Fejl: "), result.stderr
        return result


@pytest.fixture
def da(run, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    return Danish(run, tmp_path)


def cells(path) -> list:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path, read_only=True)
    return [[book[name].title] + [cell for row in book[name].iter_rows(values_only=True) for cell in row]
            for name in book.sheetnames]


def test_status_in_every_format(da, tmp_path):
    table = da("status", "--lang", "da", "--wide").stdout
    assert "ikke nået · 6.431 (2019)" in table and "for få data" in table
    assert "Udeladt for at passe til 120 kolonner" in da("status", "--lang", "da").stderr
    da("status", "--lang", "da")
    da("status", "--lang", "da", "--format", "markdown", "--as-of", "2016")
    text = da("status", "--lang", "da", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    home = next(r for r in rows if r["id"] == "homelessness")
    assert (home["enhed"], home["retning"], home["kategori"], home["resultat"], home["nået"]) == \
        ("personer", "faldende", "tilbagegang", "ikke nået", "nej")
    assert home["seneste_kilde"] == "VIVE, Hjemløshed i Danmark 2024 (som gengivet af Ritzau, september 2024)"
    reading = next(r for r in rows if r["id"] == "youth-education")
    assert (reading["enhed"], reading["kategori"], reading["resultat"], reading["målsætning_regel"]) == \
        ("procent", "for få data", "ukendt", "katalog")
    excel = da("status", "--lang", "da", "--format", "csv", "--excel-da").stdout
    assert excel.startswith("\ufeffid;målsæt;område;titel;enhed;retning;udgangspunkt_år;")
    out = tmp_path / "status.xlsx"
    assert da("status", "--lang", "da", "--format", "xlsx", "--output", str(out)).stderr == \
        f"Skrev {out}: 16 mål.\n"
    sheets = cells(out)
    assert [s[0] for s in sheets] == ["status", "om"]
    words = " ".join(str(c) for sheet in sheets for c in sheet if isinstance(c, str))
    assert english_in(words) == [], words
    assert "ikke nået" in words and "for få data" in words and "procent" in words
    assert "insufficient_data" not in words and "missed" not in words and "percent" not in words
    json_out = da.run("status", "--lang", "da", "--format", "json")  # JSON stays English: for programs
    assert '"category": "insufficient_data"' in json_out.stdout and json_out.stderr == ""


def test_status_csv_in_english_is_unchanged(run):
    header = run("status", "--format", "csv").stdout.splitlines()[0]
    assert header.startswith("id,set,scope,title,unit,direction,baseline_year,baseline_value,")
    assert ",insufficient_data," in run("status", "--format", "csv").stdout


def test_compare_goals_show_history_scopes_changes(da, tmp_path):
    da("record", "homelessness", "1500", "--year", "2019", "--scope", "101", "--lang", "da")
    da("record", "homelessness", "1400", "--year", "2011", "--scope", "101", "--lang", "da")
    da("compare", "homelessness", "--lang", "da")
    da("compare", "homelessness", "--lang", "da", "--format", "markdown")
    text = da("compare", "homelessness", "--lang", "da", "--format", "csv").stdout
    assert text.startswith("rang,områdekode,navn,gruppe,rangeret,id,målsæt,område,titel,enhed,")
    assert ",kommune," in text and ",reference," in text
    out = tmp_path / "compare.xlsx"
    assert da("compare", "homelessness", "--lang", "da", "--format", "xlsx", "--output", str(out)).stderr == \
        f"Skrev {out}: 2 områder.\n"
    words = " ".join(str(c) for sheet in cells(out) for c in sheet if isinstance(c, str))
    assert english_in(words) == [] and "sammenligning" in words and "kommune" in words
    assert "Nødvendig" not in da("goals", "--lang", "da").stdout
    show = da("show", "homelessness", "--lang", "da").stdout
    assert "kilde:         Alle skal med (2013), mål 5; SFI's nationale optælling, uge 6, 2011" in show
    sources = [r["source"] for r in da.run.json("history", "homelessness", "--format", "json")]
    assert sources[0] == "SFI, Hjemløshed i Danmark 2007 (optalt efter den tidligere definition)"
    da("history", "drug-deaths", "--lang", "da")
    sources = {r["source"] for r in da.run.json("history", "drug-deaths", "--format", "json")}
    assert {"Rigspolitiets register, første udgivelse (2019)", "Sundhedsstyrelsen (revideret, 2021)"} <= sources
    da("scopes", "--lang", "da")
    da("changes", "--since", "2020-01-01", "--lang", "da")
    assert da("changes", "--since", "2026-01-01", "--until", "2026-01-02", "--lang", "da").stderr == \
        "Intet måls resultat, kategori eller seneste tal ændrede sig mellem 2026-01-01 og 2026-01-02.\n"


def test_import_record_delete_export(da, tmp_path, monkeypatch):
    good = tmp_path / "tal.csv"
    good.write_text("mål;område;år;værdi;kilde\nhomelessness;101;2019;1500;VIVE\nhomelessness;101;2017;1450;VIVE\n",
                    encoding="utf-8")
    assert da("--lang", "da", "import", str(good), "--dry-run").stderr == \
        f"Ville importere {good}: 2 rækker; 2 nye, 0 erstattede, 0 uændrede (prøvekørsel: intet skrevet).\n"
    assert da("import", str(good), "--lang", "da").stderr == \
        f"Importerede {good}: 2 rækker; 2 nye, 0 erstattede, 0 uændrede.\n"
    bad = tmp_path / "fejl.csv"
    bad.write_text("goal;scope;year;value\nhomelesness;101;2019;1500\nhomelessness;Købnhavn;2019;x\n"
                   "homelessness;101;2200;5\nplacement-breakdown;101;2019;150\n", encoding="utf-8")
    monkeypatch.setenv("GOALTRACK_LANG", "da")  # import has its --lang, and GOALTRACK_LANG too
    assert da("import", str(bad), code=1).stderr == (
        f"Fejl: 5 problemer i {bad}\n"
        f"  {bad}:2: ukendt mål 'homelesness' (mente du 'homelessness'?)\n"
        f"  {bad}:3: ukendt område 'Købnhavn' (mente du 'København' (101)?)\n"
        f"  {bad}:3: værdien 'x' er ikke et tal (skriv 5290, 5.7 eller 5,7)\n"
        f"  {bad}:4: året 2200 ligger uden for 1900..{__import__('datetime').date.today().year}\n"
        f"  {bad}:5: placement-breakdown: 150 er over 100, det højeste en værdi i procent kan være\n")
    monkeypatch.delenv("GOALTRACK_LANG")
    assert da("record", "homelessness", "6000", "--year", "2025", "--lang", "da").stderr == \
        "Registrerede homelessness DK 2025: 6.000.\n"
    assert da("record", "homelessness", "6100", "--year", "2025", "--lang", "da", code=1).stderr.startswith(
        "Fejl: homelessness har allerede 6000 for DK 2025; brug --replace med --source for at rette det til 6100")
    assert da("record", "homelessness", "6100", "--year", "2025", "--replace", "--source", "VIVE", "--lang",
              "da").stderr == "Erstattede homelessness DK 2025: 6.000 → 6.100 (det gamle tal bliver i historikken).\n"
    assert da("record", "homelessness", "5,820", "--year", "2019", "--lang", "da", code=1).stderr == \
        "Fejl: værdien '5,820' er tvetydig: dansk for 5.82, engelsk for 5820; skriv 5.82 eller 5820\n"
    usage = da("record", "homelessness", "5", "--year", "20x9", "--lang", "da", code=2).stderr
    assert usage.startswith("Brug: ") and usage.endswith(
        "Fejl: Ugyldig værdi for '--year': '20x9' er ikke et årstal (skriv fire cifre, fx 2019)\n")
    assert da("delete", "homelessness", "--year", "2025", "--lang", "da").stderr == \
        "Slettede homelessness DK 2025: 6.100 (det bliver i historikken, markeret slettet).\n"
    assert da("--lang", "da", "delete", "homelessness", "--year", "2025", code=1).stderr == \
        "Fejl: homelessness har intet gældende tal for DK 2025 (se goaltrack history homelessness)\n"
    exported = da("export", "--lang", "da")
    assert exported.stdout.startswith("mål,område,år,værdi,kilde,bemærkning,offentliggjort,markering\n")
    assert exported.stderr == "Eksporterede 28 tal.\n"
    out = tmp_path / "tal.xlsx"
    da("--lang", "da", "export", "--format", "xlsx", "--output", str(out))
    sheet = cells(out)[0]
    assert sheet[:9] == ["tal", "mål", "område", "år", "værdi", "kilde", "bemærkning", "offentliggjort", "markering"]


def test_an_export_in_danish_imports_back(run, tmp_path, monkeypatch):
    path = tmp_path / "tal.csv"
    run("export", "--lang", "da", "--excel-da", "--output", str(path))
    english = run("export").stdout
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    run("import", str(path), "--replace")
    assert run("export").stdout == english


def test_chart_report_catalogue_db_fetch(da, tmp_path, monkeypatch):
    chart = da("--lang", "da", "chart", "--all", "--out", str(tmp_path / "charts"))
    assert chart.stderr == ("Ingen graf for school-reading, school-maths, shelter-return, eating-disorder-readmissions: "
                            "ingen tal endnu (et felt i overblikket siger det).\n")
    assert da("chart", "--scope", "101", "--out", str(tmp_path / "c"), "--lang", "da", code=1).stderr == \
        "Fejl: intet mål har tal for København (101) endnu; intet blev tegnet (goaltrack chart --all tegner alle mål)\n"
    report = da("report", "--out", str(tmp_path / "rapport"), "--lang", "da")
    assert report.stderr == f"Skrev 13 grafer til {tmp_path / 'rapport' / 'charts'}.\n"
    markdown = (tmp_path / "rapport" / "report.md").read_text(encoding="utf-8")
    assert english_in(markdown, "report.md") == [], markdown
    assert "til det seneste tal: VIVE, Hjemløshed i Danmark 2024 (som gengivet af Ritzau, september 2024)" in markdown
    assert da("--lang", "da", "catalogue", "check", str(ROOT / "goals.yaml")).stderr == \
        f"{ROOT / 'goals.yaml'}: 16 mål, 104 områder, ingen problemer.\n"
    bad = tmp_path / "mål.yaml"
    bad.write_text("id: test-set\ngoals:\n  - id: x\n    title: {en: X}\n    unit: percent\n    direction: decrease\n"
                   "    baseline: {year: 2011, value: 150}\n    target: {year: 2010, value: 4, foo: 1}\n"
                   "    measurements:\n      - {year: 2012, value: abc}\n  - id: Y\n    title: {da: Y}\n"
                   "    unit: furlongs\n    direction: decrease\n", encoding="utf-8")
    keys = ("change_pct, value, year", "percent, persons, count, years, score")  # the catalogue's own words
    assert da("catalogue", "check", str(bad), "--lang", "da", code=1, keys=keys).stderr == (
        f"Fejl: 8 problemer i {bad}\n"
        f"  {bad}:7: mål 'x': udgangspunkt: 150 er over 100, det højeste en værdi i procent kan være\n"
        f"  {bad}:8: ukendt nøgle 'foo' i målsætningen for mål 'x' (tilladt: change_pct, value, year)\n"
        f"  {bad}:10: mål 'x': tal: 'abc' er ikke et tal (skriv 5290, 5.7 eller 5,7)\n"
        f"  {bad}:8: mål 'x': målåret 2010 skal ligge efter udgangsåret 2011\n"
        f"  {bad}:11: mål-id'et 'Y' skal være små bogstaver, cifre og '-' (højst 64, ingen '-' først, sidst eller "
        "to i træk)\n"
        f"  {bad}:12: titlen på et mål mangler 'en'\n"
        f"  {bad}:12: et mål: engelsk titel mangler\n"
        f"  {bad}:13: et mål: ukendt enhed 'furlongs' (en af: percent, persons, count, years, score)\n")
    current = da("--lang", "da", "db", "current").stdout
    assert current.endswith("(nyeste)\n") and current.splitlines()[1].startswith("revision: ")
    assert "har allerede den nyeste skemarevision" in da("db", "upgrade", "--lang", "da").stderr
    fetched = da("--lang", "da", "fetch", code=1).stderr
    assert fetched.startswith("Fejl: intet mål i kataloget nævner en StatBank-forespørgsel")
    monkeypatch.setenv("GOALTRACK_LANG", "da")
    assert da("fetch", code=1).stderr == fetched


def test_the_language_before_and_after_the_command(run, monkeypatch):
    """--lang after the command wins over --lang before it, and either over GOALTRACK_LANG."""
    monkeypatch.setenv("GOALTRACK_LANG", "da")
    assert run("record", "homelessness", "x", "--year", "2019", ok=False).stderr.startswith("Fejl: værdien 'x'")
    assert run("--lang", "en", "record", "homelessness", "x", "--year", "2019", ok=False).stderr.startswith(
        "Error: value 'x'")
    assert run("--lang", "en", "status", "homelessness").stdout.startswith("goaltrack · Denmark (DK)")
    assert run("--lang", "en", "status", "homelessness", "--lang", "da").stdout.startswith("goaltrack · Danmark (DK)")
    monkeypatch.setenv("GOALTRACK_LANG", "both")  # site's own value: English everywhere else
    assert run("record", "homelessness", "x", "--year", "2019", ok=False).stderr.startswith("Error: ")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bars_are_labelled_in_danish(monkeypatch):
    from goaltrack.cli.app import App
    from goaltrack.cli.output import progress_bar

    assert [progress_word(w, "da") for w in ("Drawing", "Importing", "Fetching", "Building", "Writing")] == \
        ["Tegner", "Importerer", "Henter", "Bygger", "Skriver"]
    assert progress_word("writing pages (da)", "da") == "skriver sider (da)"
    assert progress_word("homelessness", "da") == "homelessness" and progress_word("Drawing", "en") == "Drawing"
    assert all(word != danish_word for word, danish_word in PROGRESS_DA.items())
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with click.Context(click.Command("chart"), obj=App(lang="da")):
        with progress_bar("Importing", 10) as bar:
            bar("importing", 5, 10)
    assert "Importerer" in screen.getvalue() and "importerer" in screen.getvalue()
    assert "Importing" not in screen.getvalue() and "importing" not in screen.getvalue()


def test_every_message_exists_in_both_languages():
    assert set(MESSAGES["en"]) == set(MESSAGES["da"])
    assert [k for k in MESSAGES["en"] if MESSAGES["en"][k] == MESSAGES["da"][k] and "{" not in MESSAGES["en"][k]] == []


# --- the library's messages, translated: one real message of each family ------------------------------


def _why(call) -> str:
    try:
        call()
    except Exception as exc:  # GoaltrackError or ValueError: the message as the library words it
        return getattr(exc, "message", None) or str(exc)
    raise AssertionError("no error")


def real_messages() -> list[tuple[str, str]]:
    from goaltrack.domain import figure, flags, units
    from goaltrack.domain.plausible import check
    from goaltrack.domain.scopes import ScopeNames
    from goaltrack.errors import Problem, many_problems
    from goaltrack.storage.lookup import unknown_goal

    names = ScopeNames([("DK", "Danmark"), ("101", "København")], "DK")
    problems = many_problems([Problem("the goal is missing", 3)] * 25, "tal.csv")
    return [
        ("\n".join(problems.lines()[:2] + problems.lines()[-1:]),
         "25 problemer i tal.csv\n  tal.csv:3: målet mangler\n  … og 5 mere"),
        (unknown_goal("homelesness", ["homelessness"]).message, "ukendt mål 'homelesness' (mente du 'homelessness'?)"),
        (names.unknown("Købnhavn"), "ukendt område 'Købnhavn' (mente du 'København' (101)?)"),
        (_why(lambda: units.parse_value("5,820")),
         "'5,820' er tvetydig: dansk for 5.82, engelsk for 5820; skriv 5.82 eller 5820"),
        ("value " + _why(lambda: units.parse_value("abc")), "værdien 'abc' er ikke et tal (skriv 5290, 5.7 eller 5,7)"),
        (figure.value_problem("homelessness", "persons", 5.5), "homelessness: 5.5 er ikke et helt antal personer"),
        (figure.year_text_problem("20x9"), "'20x9' er ikke et årstal (skriv fire cifre, fx 2019)"),
        (figure.figure_year_problem(1800), f"året 1800 ligger uden for 1900..{figure.this_year()}"),
        (units.text_problem("a\x1bb", "the source"), "kilden indeholder kontroltegnet \\x1b, som ikke er tilladt der"),
        (flags.parse_date("2021-02-30", "--published")[1], "--published '2021-02-30' er ikke en dato (ÅÅÅÅ-MM-DD)"),
        (flags.before_its_year("2018-12-31", 2019), "offentliggjort 2018-12-31 ligger før 2019, det år tallet gælder"),
        (check(64310, 2019, [(2015, 6138), (2017, 6635)], True),
         "64310 ligger langt fra tallene ved siden af (6138 i 2015, 6635 i 2017); tjek tallet, eller brug --force "
         "for at registrere det alligevel"),
        ("goals.yaml:12: goal 'x': baseline: 150 is above 100, the most a percent value can be",
         "goals.yaml:12: mål 'x': udgangspunkt: 150 er over 100, det højeste en værdi i procent kan være"),
        ("GOALTRACK_CATALOGUE: c.yaml:3: YAML error: mapping values are not allowed here",
         "GOALTRACK_CATALOGUE: c.yaml:3: YAML-fejl: mapping values are not allowed here"),
        ("cannot read tal.csv: No such file or directory", "kan ikke læse tal.csv: filen eller mappen findes ikke"),
        ("cannot use database sqlite:///g.db: database is locked", "kan ikke bruge databasen sqlite:///g.db: databasen er låst"),
        ("charts is a symbolic link; goaltrack never writes through a link (remove it, or use --force to replace "
         "the link itself)", "charts er et symbolsk link; goaltrack skriver aldrig gennem et link (fjern det, eller brug "
         "--force for at erstatte selve linket)"),
        ("Missing option '--year'.", "Tilvalget '--year' mangler."),
        ("Recorded population from table FOLK1A, updated 2024-01-01: 3 figures; 3 new, 0 revised, 0 unchanged.",
         "Registrerede population fra tabel FOLK1A, opdateret 2024-01-01: 3 tal; 3 nye, 0 revideret, 0 uændrede."),
        ("Wrote 120 pages and 14 charts to site.", "Skrev 120 sider og 14 grafer til site."),
    ]


@pytest.mark.parametrize("english, expected", real_messages(), ids=[f"family-{n}" for n in range(len(real_messages()))])
def test_danish_translates_each_family_of_messages(english, expected):
    assert "\n".join(danish(line) for line in english.split("\n")) == expected


def test_an_unknown_message_stays_as_it_is():
    for line in ("something new: with parts; and more", "", "   ", "x" * 5000 + " is not a number"):
        assert danish(line) in (line, "x" * 5000 + " er ikke et tal")
    assert danish("  tal.csv:3: something nobody translated") == "  tal.csv:3: something nobody translated"
