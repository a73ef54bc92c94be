"""How report.html looks on screen and on paper: its stylesheet, and figures kept with their units.

The print rules fit A4 and US Letter alike (no page size is set, so the printer's paper is used; every
length fits the narrower and the shorter of the two, 186 × 253 mm inside the margins): the title, the
summary and the status table on the first page, the overview on a page of its own, then two goals a page,
each goal's heading, sentence, chart and source kept together, and no heading left at a page's foot."""

from __future__ import annotations

import re

from goaltrack.present.i18n import LABELS, REPORT_WORDS

NBSP = "\u00a0"

STYLE = """\
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; max-width: 1100px;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } .meta, .source { color: #666; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 1em 0 2em; }
th, td { padding: 0.35em 0.6em; border-bottom: 1px solid #ddd; text-align: right; vertical-align: top; }
th:first-child, td:first-child, th:nth-last-child(-n+2), td:nth-last-child(-n+2) { text-align: left; }
td:nth-child(n+2):nth-child(-n+6) { white-space: nowrap; }
td:nth-child(7) { position: relative; padding-left: 1.6em; }
.dot { position: absolute; left: 0.6em; top: 0.7em; width: 0.75em; height: 0.75em; border-radius: 50%; }
img { max-width: 100%; height: auto; } .goal { margin: 2em 0 3em; }
figure { margin: 1em 0; }
@page { margin: 12mm 12mm 13mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9pt; line-height: 1.3; }
  h1 { font-size: 15pt; margin: 0 0 1mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; }
  h3 { font-size: 10pt; margin: 0 0 1mm; } p { margin: 0 0 1.5mm; } .meta, .source { font-size: 8pt; }
  h1, h2, h3 { break-after: avoid; break-inside: avoid; }
  .part + .part { break-before: page; }
  .lead { display: flex; flex-direction: column; }
  .lead > .overview { order: 1; break-before: page; break-inside: avoid; margin: 0; text-align: center; }
  .overview img { max-height: 245mm; width: auto; }
  table { font-size: 7.5pt; line-height: 1.25; margin: 1mm 0 2mm; }
  th, td { padding: 0.7mm 1.2mm; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  td:nth-child(7) { padding-left: calc(1.2mm + 0.95em); }
  .dot { left: 1.2mm; top: calc(0.7mm + 0.3em); width: 0.65em; height: 0.65em; }
  .goal { margin: 0; padding: 0 0 3mm; break-inside: avoid; }
  .goal img { display: block; max-height: 88mm; width: auto; margin: 1mm auto; }
  .goal .source { margin: 0; }
  ul { margin: 0; padding-left: 5mm; } li { break-inside: avoid; }
}
"""


def keep_together(text: str, lang: str) -> str:
    """``text`` with no-break spaces wherever a line must not break: between a number and its unit
    ('11.35 %', '10.45 pp', '15 år'), after a sign and before its number ('≤ 4,000', '> 999 %'), after an
    arrow ('↑ improve') and before a figure's flag ('256 (2020) P')."""
    units = sorted({"%", LABELS[lang]["years"], LABELS[lang]["points"], REPORT_WORDS[lang]["points"]},
                   key=len, reverse=True)
    text = re.sub(r"(\d) (" + "|".join(map(re.escape, units)) + r")(?![\w-])", rf"\1{NBSP}\2", text)
    text = re.sub(r"([≤≥<>]) (?=[−\-+]?\d)", rf"\1{NBSP}", text)
    text = re.sub(r"([↑↓]) (?=\w)", rf"\1{NBSP}", text)
    return re.sub(r"(\(\d{4}\)) ([A-Z])(?!\w)", rf"\1{NBSP}\2", text)
