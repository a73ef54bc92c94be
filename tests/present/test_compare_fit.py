"""The compare table fits the terminal like the status table: no word, figure or symbol split, the
columns an analyst needs least left out first (and named on stderr), the rank order kept."""

from __future__ import annotations

import pytest

from tests.conftest import Runner

FIGURES = [("751", 2011, 600), ("751", 2017, 450), ("101", 2011, 1400), ("101", 2017, 1700)]


@pytest.fixture
def compared(run) -> Runner:
    for scope, year, value in FIGURES:
        run("record", "homelessness", str(value), "--year", str(year), "--scope", scope, "--source", "count")
    return run


def _table(run: Runner, monkeypatch, width: int, *args: str):
    monkeypatch.setenv("COLUMNS", str(width))
    result = run("compare", "homelessness", *args)
    return result.stdout.splitlines(), result.stderr


@pytest.mark.parametrize("width", [80, 100])
def test_at_80_and_100_columns_nothing_is_split_and_the_least_needed_columns_go(compared, monkeypatch, width):
    lines, err = _table(compared, monkeypatch, width)
    assert max(len(line.rstrip()) for line in lines) <= width
    text = "\n".join(lines)
    for whole in ("⛈ deterioration", "✔ achieved", "≤ 1,059", "1,700 (2017)", "450 (2017)", "missed ·",
                  "Denmark (DK)" if width == 80 else "Denmark"):
        assert whole in text, whole
    assert "deteri\n" not in text and "Københa\n" not in text
    assert f"Left out to fit {width} columns: Baseline, Progress. See them with --wide" in err
    assert "Progress" not in lines[1] + lines[2] and "Baseline" not in lines[1] + lines[2]
    rows = [line for line in lines if line[:2] in ("1 ", "2 ") or line.startswith("    Denmark")]
    assert [r.split()[0] for r in rows] == ["1", "2", "Denmark"]  # Aarhus achieved, København, then unranked
    assert "Aarhus" in rows[0] and "København" in rows[1]
    ruled = next(i for i, line in enumerate(lines) if line.startswith("╌"))
    assert lines.index(rows[1]) < ruled < lines.index(rows[2])


def test_wide_shows_every_column_on_one_line_a_scope(compared, monkeypatch):
    lines, err = _table(compared, monkeypatch, 80, "--wide")
    assert err == ""
    header = lines[1]
    assert header.split()[:4] == ["#", "Scope", "Baseline", "Latest"] and "Gap left" in header and "Progress" in header
    aarhus = next(line for line in lines if line.startswith("1 "))
    assert aarhus.split() == ["1", "Aarhus", "(751)", "600", "(2011)", "450", "(2017)", "≤", "454", "(2020)¹",
                              "0", "%", "103", "%", "✔", "achieved", "met", "·", "450", "(2017)"]


def test_a_header_of_two_words_goes_on_two_lines_never_cut(compared, monkeypatch):
    wrapped = 0
    for width in range(80, 131, 5):
        lines, err = _table(compared, monkeypatch, width, "--lang", "da")
        text = "\n".join(lines)
        assert "…" not in text and "⛈ tilbagegang" in text and "ikke nået ·" in text, text
        assert max(len(line.rstrip()) for line in lines) <= width
        if "Rest af afstand" in lines[1]:
            continue
        if "Rest af" in lines[1]:
            column = lines[1].index("Rest af")
            assert lines[2][column:column + 7] == "afstand", text
            wrapped += 1
        else:
            assert "Rest af afstand" in err, err  # left out, and said so
    assert wrapped  # some width shows the header on two lines


@pytest.mark.parametrize("lang", ["en", "da"])
def test_narrower_than_any_layout_the_lines_grow_but_nothing_is_cut(compared, monkeypatch, lang):
    compared("record", "homelessness", "300", "--year", "2011", "--scope", "Ringkøbing-Skjern", "--source", "count")
    compared("record", "homelessness", "280", "--year", "2017", "--scope", "760", "--source", "count")
    for width in range(40, 81, 5):
        lines, err = _table(compared, monkeypatch, width, "--lang", lang)
        text = "\n".join(lines)
        assert "…" not in text and "Ringkøbing-Skjern" in text, text
        ranks = [line.split()[0] for line in lines if line[:2] in ("1 ", "2 ", "3 ")]
        assert ranks == ["1", "2", "3"], text
    monkeypatch.setenv("COLUMNS", "40")  # the status table falls back the same way
    status = compared("status", "homelessness", "drug-deaths", "--lang", lang).stdout
    assert "…" not in status and ("5,820" if lang == "en" else "5.820") in status and "210" in status, status
