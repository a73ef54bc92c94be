"""The status table at every terminal width: nothing split, nothing cut, columns left out said aloud."""

from __future__ import annotations

import pytest

from goaltrack.present.fit import Column, atoms, layout, wrap

WIDTHS = [80, 100, 120, 200]


def test_atoms_keep_numbers_with_units_and_symbols_with_words():
    assert atoms("≤ 11.35 % (2020)") == ["≤ 11.35 %", "(2020)"]
    assert atoms("⛈ deterioration") == ["⛈ deterioration"]
    assert atoms("· insufficient data") == ["· insufficient", "data"]
    assert atoms("↑ improve (2020)") == ["↑ improve", "(2020)"]
    assert atoms("1,7 pct.-point") == ["1,7 pct.-point"]
    assert atoms("missed · 6,431 (2019)") == ["missed ·", "6,431", "(2019)"]
    assert atoms("< −999 %") == ["< −999 %"]
    assert atoms("Vulnerable 15-17-year-olds") == ["Vulnerable", "15-17-year-olds"]


def test_wrap_never_splits_an_atom():
    assert wrap(["≤ 11.35 %", "(2020)"], 9) == ["≤ 11.35 %", "(2020)"]
    assert wrap(["≤ 11.35 %", "(2020)"], 16) == ["≤ 11.35 % (2020)"]
    assert wrap(["Drug-treatment", "completers"], 5) == ["Drug-treatment", "completers"]  # never folded
    assert wrap([], 5) == [""]


def test_layout_gives_way_in_order():
    title = Column("goal", "Goal", [["Homeless", "persons"]], short_rows=[["Homeless"]])
    figure = Column("latest", "Latest", [["6,431", "(2019)"]], group=1)
    extra = Column("trend", "Trend", [["▁▄█"]], optional=1)
    columns = [title, figure, extra]
    wide = layout(columns, 60)
    assert wide.keys == ["goal", "latest", "trend"] and wide.short is False and wide.omitted == []
    assert wide.lines[0]["latest"] == ["6,431 (2019)"]
    # 33 columns: the full title goes on two lines, the figure keeps its year beside it
    two = layout(columns, 33)
    assert two.lines[0] == {"goal": ["Homeless", "persons"], "latest": ["6,431 (2019)"], "trend": ["▁▄█"]}
    # 28 columns: the trend goes first (and it is said), before the year goes under its figure
    tight = layout(columns, 28)
    assert tight.keys == ["goal", "latest"] and tight.omitted == ["Trend"]
    assert tight.lines[0] == {"goal": ["Homeless", "persons"], "latest": ["6,431 (2019)"]}
    # 20 columns: the year goes under its figure
    narrow = layout(columns, 20)
    assert narrow.lines[0] == {"goal": ["Homeless", "persons"], "latest": ["6,431", "(2019)"]}
    assert layout(columns, None).widths == {"goal": 16, "latest": 12, "trend": 5}


@pytest.fixture
def statuses(run):
    run("record", "homelessness", "6431", "--year", "2019")
    from goaltrack.judging.status import build_status
    from goaltrack.storage.database import open_database

    return build_status(open_database(None), 2026, (), "DK")


@pytest.mark.parametrize("lang", ["en", "da"])
def test_each_goal_takes_one_or_two_lines_from_100_columns(statuses, lang):
    from goaltrack.present.table import status_columns

    columns, _ = status_columns(statuses, lang)
    for width in (100, 120, 200):
        plan = layout(columns, width)
        assert max(plan.row_lines) <= 2, (width, plan.row_lines)
        assert sum(plan.widths.values()) + 3 * (len(plan.keys) - 1) <= width
    assert layout(columns, 200).short is False  # wide terminals show the full titles
    assert max(layout(columns, 200).row_lines) <= (1 if lang == "en" else 2)


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("width", WIDTHS)
def test_table_fits_every_width_with_every_word_whole(run, statuses, lang, width, monkeypatch):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", str(width))
    result = run("status", "--lang", lang)
    out = result.stdout
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert "…" not in out
    words = out.split()
    for s in statuses:  # the full title or the short one, every word of it whole
        title = s.goal.title(lang)
        short = s.goal.title(lang, short=True)
        assert all(w in words for w in title.split()) or all(w in words for w in short.split()), title
    for line in lines:  # no unit stranded at a line's start, no sign or symbol at its end
        cells = line.split()
        assert not cells or cells[0] not in ("%", "pp", "y", "år", "pct.-point"), line
        assert not cells or cells[-1] not in ("⛈", "☀", "☁", "⛅", "✔", "≤", "≥", "↑", "↓"), line
    assert ("≤ 11.35 %" if lang == "en" else "≤ 11,35 %") in out
    assert ("⛈ deterioration" if lang == "en" else "⛈ tilbagegang") in out
    if width >= (120 if lang == "en" else 200):  # the figures keep their year beside them (Danish
        # headers and verdicts with their basis, "ikke nået · 6.431 (2019)", need more room)
        assert "(2019)" in next(line for line in lines if "6,431" in line or "6.431" in line)
    if width == 200:
        assert result.stderr == ""
        full = ("Readmissions of children and young people with eating disorders" if lang == "en"
                else "Genindlæggelser af børn og unge med spiseforstyrrelser")
        # the full title, not the short one; in Danish it may take two lines beside the verdict's basis
        assert full in out if lang == "en" else all(w in words for w in full.split())
    elif width == 80:
        note = result.stderr.strip()
        assert note == ("Left out to fit 80 columns: Baseline, Distance, Progress, Trend. See them with --wide or in a wider "
                        "terminal." if lang == "en" else
                        "Udeladt for at passe til 80 kolonner: Udgangspunkt, Afstand, Fremskridt, Udvikling. "
                        "Se dem med --wide eller i et bredere vindue.")
        header = next(line for line in lines if line.startswith(("Goal", "Mål")))
        assert ("Distance" in header) is False and ("Trend" in header) is False


def test_wide_shows_every_column_and_the_full_titles(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    run("status")
    result = run("status", "--wide")
    header = next(line for line in result.stdout.splitlines() if line.startswith("Goal"))
    assert header.split() == ["Goal", "Baseline", "Latest", "Target", "Distance", "Progress", "Trend", "Category",
                              "Verdict"]
    assert "Readmissions of children and young people with eating disorders" in result.stdout
    assert result.stderr == ""
