"""The website's own words in English and Danish; the words it shares with the other outputs come from present/i18n.py.

Each language has the same keys (a test checks it). Figures, verdicts, categories and sentences are
written by the same functions as the status table and the report, so the site says what they say.
"""

from __future__ import annotations

from goaltrack.present.i18n import CHART_WORDS, LABELS, REPORT_WORDS

SITE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "site": "Goal status", "language": "English", "other_language": "Dansk",
        "this_page_in": "This page in Danish", "choose": "Choose a language",
        "skip": "Skip to the content", "navigation": "Site", "front": "Front page", "scopes": "Scopes",
        "scopes_title": "Scopes with figures", "goals": "Goals", "chart": "Chart", "figures": "Figures",
        "definition": "Definition", "verdict_heading": "Verdict and its basis", "compare": "How the scopes compare",
        "history": "History of revisions", "set": "Goal set", "flag": "flag", "rank": "Rank",
        "status_caption": "The goals' status, {place}, {as_of} {year}",
        "figures_caption": "The current figures of {goal}, {place}, with their sources and flags",
        "history_caption": "Every figure recorded for {goal}, {place}: current, replaced and deleted",
        "scopes_caption": "{kind}: {n}, with their goals' verdicts or categories",
        "section_nation": "The nation", "section_region": "Regions", "section_municipality": "Municipalities",
        "section_other": "Other scopes",
        "no_history": "No figure has been recorded for {place} yet.",
        "no_compare": "No scope has a figure for this goal yet.",
        "chart_alt": "Chart: {sentence}", "overview_alt": "Overview of the goals, {place}: {summary}",
        "scope_goals": "The goals in {place}", "definition_source": "Source of the definition",
        "catalogue_target": "Target in the catalogue", "scope_note": "Judged in {place}: {why}",
        "table_of": "Table: {caption}", "page": "page", "remark": "Note",
    },
    "da": {
        "site": "Målstatus", "language": "Dansk", "other_language": "English",
        "this_page_in": "Denne side på engelsk", "choose": "Vælg sprog",
        "skip": "Spring til indholdet", "navigation": "Webstedet", "front": "Forside", "scopes": "Områder",
        "scopes_title": "Områder med tal", "goals": "Mål", "chart": "Graf", "figures": "Tal",
        "definition": "Definition", "verdict_heading": "Resultat og grundlag",
        "compare": "Sådan klarer områderne sig",
        "history": "Revisionshistorik", "set": "Målsæt", "flag": "markering", "rank": "Placering",
        "status_caption": "Målenes status, {place}, {as_of} {year}",
        "figures_caption": "De gældende tal for {goal}, {place}, med kilder og markeringer",
        "history_caption": "Alle tal registreret for {goal}, {place}: gældende, erstattede og slettede",
        "scopes_caption": "{kind}: {n}, med deres måls resultater eller kategorier",
        "section_nation": "Landet", "section_region": "Regioner", "section_municipality": "Kommuner",
        "section_other": "Andre områder",
        "no_history": "Der er endnu ikke registreret tal for {place}.",
        "no_compare": "Intet område har endnu et tal for dette mål.",
        "chart_alt": "Graf: {sentence}", "overview_alt": "Overblik over målene, {place}: {summary}",
        "scope_goals": "Målene i {place}", "definition_source": "Kilde til definitionen",
        "catalogue_target": "Målsætning i kataloget", "scope_note": "Vurderet i {place}: {why}",
        "table_of": "Tabel: {caption}", "page": "side", "remark": "Bemærkning",
    },
}

KINDS = ("nation", "region", "municipality", "other")  # the scope index's sections, in this order


def words(lang: str) -> dict[str, str]:
    """Every word a page may use in ``lang``: the status table's and the report's, then the site's own
    (which win where a key is in both)."""
    return {**LABELS[lang], **{f"chart_{k}": v for k, v in CHART_WORDS[lang].items()},
            **{f"report_{k}": v for k, v in REPORT_WORDS[lang].items()}, **SITE_WORDS[lang]}
