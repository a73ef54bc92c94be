"""report.html printed by Chromium on A4 and US Letter: the title, the summary and the whole status table on
page 1, two goals a page each beside its chart, no heading at a page's foot, no figure parted from its unit.

The reports are of the shipped catalogue with its whole published record, in English and in Danish, and of
København alone in Danish (`--scope 101`): as shipped (no figures for København, so no goal is drawn) and
with three of its goals' figures imported. Each is written and printed once (a module-scoped fixture); the
tests read the PDFs' text with pypdf. Page counts measured on Chromium 156 with DejaVu Sans, before the
print stylesheet of issue 'report.html must print well' and after it (A4 / Letter):
English 18 / 18 -> 8 / 8; Danish 19 / 19 -> 8 / 8; København 7 / 7 -> 3 / 3; København with three goals
10 / 10 -> 4 / 4.
"""

from __future__ import annotations

import html
import io
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Runner

pytestmark = pytest.mark.shipped

FORMATS = ("A4", "Letter")
# name: the report's options, and at most how many pages it prints to on A4 and on Letter (the counts measured)
CASES = {
    "english": ((), {"A4": 8, "Letter": 8}),
    "danish": (("--lang", "da"), {"A4": 8, "Letter": 8}),
    "kbh": (("--lang", "da", "--scope", "101"), {"A4": 3, "Letter": 3}),
    "kbh-3-goals": (("--lang", "da", "--scope", "101"), {"A4": 4, "Letter": 4}),
}
KBH_FIGURES = ("goal,scope,year,value,source\n"
               "homelessness,101,2011,1400,København 2011\n"
               "homelessness,101,2017,1700,København 2017\n"
               "placement-breakdown,101,2011,6.5,København 2011\n"
               "placement-breakdown,101,2016,5.0,København 2016\n"
               "psychiatry-coercion,101,2012,24.1,København 2012\n"
               "psychiatry-coercion,101,2019,19.5,København 2019\n")
UNITS = ("%", "pp", "points", "y", "år", "pct.-point", "procentpoint")
UNIT_FIRST = re.compile(r"(?:" + "|".join(map(re.escape, UNITS)) + r")(?![\w-])")


def plain(text: str) -> str:
    """Text as pypdf gives it and as the page holds it, comparable: ligatures undone ('ﬁ'), no-break
    spaces as spaces."""
    return unicodedata.normalize("NFKC", html.unescape(text)).replace("\xa0", " ")


def squeezed(text: str) -> str:
    """``text`` without any whitespace: where lines break does not matter to what a page holds."""
    return re.sub(r"\s+", "", plain(text))


def tags(page: str, pattern: str) -> list[str]:
    """The text inside each match of ``pattern`` in the HTML, tags removed."""
    return [plain(re.sub(r"<[^>]+>", "", found)) for found in re.findall(pattern, page, flags=re.S)]


@dataclass
class Printed:
    """A report printed on one paper size, and what its HTML says should be printed."""

    pages: list[str]  # each page's text, from pypdf
    images: list[int]  # how many pictures each page holds
    html: str

    @property
    def squeezed_pages(self) -> list[str]:
        return [squeezed(text) for text in self.pages]


@pytest.fixture(scope="module")
def printed(browser, tmp_path_factory, template_databases) -> dict[tuple[str, str], Printed]:
    """Every case written as a report once and printed on A4 and on Letter."""
    folder = tmp_path_factory.mktemp("printed")
    template_databases.copy_to(folder / "goaltrack.db", "shipped")
    with pytest.MonkeyPatch.context() as env:  # what the marker `shipped` gives a test's own database
        env.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{folder / 'goaltrack.db'}")
        env.setenv("GOALTRACK_DEBUG", "1")
        env.delenv("GOALTRACK_CATALOGUE", raising=False)
        env.delenv("GOALTRACK_LANG", raising=False)
        run = Runner()
        for name, (options, _) in CASES.items():
            if name == "kbh-3-goals":
                (folder / "kbh.csv").write_text(KBH_FIGURES, encoding="utf-8")
                run("import", str(folder / "kbh.csv"))
            run("report", "--out", str(folder / name), "--as-of", "2026", *options)
    from pypdf import PdfReader

    page = browser.new_page()
    result = {}
    try:
        for name in CASES:
            report = folder / name / "report.html"
            page.goto(report.as_uri())
            for paper in FORMATS:
                reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
                result[name, paper] = Printed([plain(p.extract_text()) for p in reader.pages],
                                              [len(p.images) for p in reader.pages], report.read_text(encoding="utf-8"))
    finally:
        page.close()
    return result


PRINTS = [pytest.param(name, paper, id=f"{name}-{paper}") for name in CASES for paper in FORMATS]


@pytest.mark.parametrize(("name", "paper"), PRINTS)
def test_page_one_holds_the_title_the_summary_and_the_whole_status_table(printed, name, paper):
    report = printed[name, paper]
    first, rest = report.squeezed_pages[0], report.squeezed_pages[1:]
    [title] = tags(report.html, r"<h1>(.*?)</h1>")
    summary = tags(report.html, r'<p class="summary">(.*?)</p>')
    assert summary and all(squeezed(line) in first for line in [title, *summary])
    header = squeezed(" ".join(tags(report.html, r"<th>(.*?)</th>")))
    assert header in first and not any(header in text for text in rest)  # a table split repeats its header
    rows = re.findall(r"<tr>(.*?)</tr>", report.html, flags=re.S)[1:]
    assert rows
    for row in rows:
        for cell in tags(row, r"<td>(.*?)</td>"):  # every goal's name and every figure
            assert squeezed(cell) in first, (cell, report.pages[0])


@pytest.mark.parametrize(("name", "paper"), PRINTS)
def test_no_page_ends_with_a_heading(printed, name, paper):
    report = printed[name, paper]
    headings = [squeezed(h) for h in tags(report.html, r"<h[123][^>]*>(.*?)</h[123]>")]
    for number, text in enumerate(report.squeezed_pages, 1):
        assert text or report.images[number - 1], f"page {number} is empty"
        ending = [h for h in headings if text.endswith(h)]
        assert not ending, f"page {number} ends with the heading {ending}: {report.pages[number - 1]}"


@pytest.mark.parametrize(("name", "paper"), PRINTS)
def test_two_goals_a_page_each_beside_its_chart(printed, name, paper):
    report = printed[name, paper]
    sentences = tags(report.html, r'<section class="goal"><h3>.*?</h3><p>(.*?)</p>')
    assert len(sentences) == {"english": 12, "danish": 12, "kbh": 0, "kbh-3-goals": 3}[name]
    where = []
    for sentence in sentences:  # each goal whole on one page: its sentence is never split
        pages = [n for n, text in enumerate(report.squeezed_pages) if squeezed(sentence) in text]
        assert len(pages) == 1, (sentence, pages)
        where += pages
    per_page = Counter(where)
    assert len(per_page) == math.ceil(len(sentences) / 2) and all(n <= 2 for n in per_page.values()), per_page
    assert sorted(per_page) == list(range(min(per_page, default=0), max(per_page, default=-1) + 1))
    for page, goals in per_page.items():
        assert report.images[page] == goals, f"page {page + 1}: {goals} goals, {report.images[page]} charts"


@pytest.mark.parametrize(("name", "paper"), PRINTS)
def test_no_figure_is_parted_from_its_unit(printed, name, paper):
    lines = [line.strip() for text in printed[name, paper].pages for line in text.splitlines() if line.strip()]
    parted = [(line, after) for line, after in zip(lines, lines[1:])
              if (re.search(r"\d$", line) and UNIT_FIRST.match(after)) or re.search(r"[≤≥<>]$", line)]
    assert parted == []


@pytest.mark.parametrize(("name", "paper"), PRINTS)
def test_the_report_prints_on_as_few_pages_as_measured(printed, name, paper):
    pages = len(printed[name, paper].pages)
    assert pages <= CASES[name][1][paper], f"{name} on {paper}: {pages} pages"
