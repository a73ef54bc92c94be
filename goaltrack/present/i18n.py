"""Every word goaltrack shows a reader, in English and Danish: one place for the strings.

``LABELS`` holds the words of tables and text (status, show, history, goals, scopes, compare),
``CHART_WORDS`` those of charts, ``REPORT_WORDS`` those of the report. Each table has the same keys
in both languages (a test checks it). Numbers are written by ``goaltrack.present.numbers.number``: 5,789 and
4.7 % in English, 5.789 and 4,7 % in Danish.
"""

from __future__ import annotations

LANGUAGES = ("en", "da")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        # status
        "goal": "Goal", "baseline": "Baseline", "latest": "Latest", "target": "Target", "distance": "Distance",
        "progress": "Progress", "trend": "Trend", "category": "Category", "verdict": "Verdict",
        "achieved": "achieved", "substantial_progress": "substantial progress",
        "moderate_progress": "moderate progress", "limited_progress": "limited progress",
        "deterioration": "deterioration", "insufficient_data": "insufficient data",
        "met": "met", "missed": "missed", "unknown": "unknown", "provisional": "provisional",
        "goals_of": "{year} goals", "provisional_n": "provisional",
        "across_break": "across the {year} break",
        "later_baseline": "{goal}, {scope}: baseline {year}, its first figure after {catalogue}",
        "later_baselines": "{count} scopes have no figure for {catalogue}: their baseline is their first figure after it",
        "break_unbridged": "{goal}: series break in {year}; progress, path, trend and projection not computed across it",
        "break_bridged": "{goal}: series break in {year}; progress measured from the baseline bridged into the new series",
        "as_of": "as of", "known_at": "as known at", "improve": "improve", "years": "y", "points": "pp",
        "scope": "Scope",
        # how a scope's derived target came about (goaltrack.judging.status: scaled, relative, national)
        "scaled": "scaled from the national target", "relative": "the national change applied to the baseline",
        "national": "the national target",
        "scaled_home": "scaled from the catalogue's target",
        "relative_home": "the catalogue's change applied to the baseline",
        "national_home": "the catalogue's target",
        "omitted": "Left out to fit {width} columns: {names}. See them with --wide or in a wider terminal.",
        # verdicts with their basis (status), compare
        "too_old": "too old", "no_figure": "no figure", "no_baseline": "no baseline",
        "gap_left": "Gap left", "compared_in": "compared on figures from",
        "not_ranked": "Not ranked: no scope has a figure from its baseline year on.",
        "not_ranked_below": "Below the line: not ranked, their latest figure is not from {year}.",
        "ranked_apart": "Each kind ranked apart, on figures from its own year: {groups}.",
        "group_municipality": "municipalities", "group_region": "regions", "group_other": "other scopes",
        "reference": "{scope}, last: the reference, never ranked.",
        "counts_not_rates": "Counts, not rates: scopes of different populations are not like for like.",
        "no_population": "No rates: the catalogue names no population indicator.",
        "no_population_figures": "No rates: {population} has no figure for {home} in the baseline year or by "
                                 "the target year.",
        "counts_asked": "Counts, as asked (--counts).",
        "per_inhabitants": "per 100,000 inhabitants",
        "rates_note": "Rates per 100,000 inhabitants: each figure over the population ({population}) of its "
                      "scope and year; the target, {target}, is {home}'s over its population in {year}.",
        "rates_note_plain": "Rates per 100,000 inhabitants: each figure over the population ({population}) of its "
                            "scope and year.",
        "rates_left_out": "Figures left out for want of a population figure of their scope and year: {n}.",
        # messages on stderr
        "left_out_goals": "Left out {n} without a figure for {scope} up to {year}.",
        "wrote": "Wrote {output}: {n}.", "nothing_to_compare": "No scope has a figure for {goal} up to {year}: "
                                                              "nothing to compare.",
        # sources: the latest figure's, and the verdict's own where another figure decided it
        "source_one": "Source", "source_verdict": "Source of the verdict", "source_latest": "of the latest figure",
        # show, goals, history
        "id": "id", "unit": "unit", "source": "source", "archived": "archived", "better_up": "better when it goes up",
        "better_down": "better when it goes down", "no_measurements": "No measurements recorded.",
        "history_scope": "scope", "year": "year", "value": "value", "replaces": "replaces", "published": "published", "recorded": "recorded",
        "status": "status", "current": "current", "replaced": "replaced", "derived": "derived", "deleted": "deleted",
        "changes_since": "changes since", "changes_until": "until", "changes_goal": "goal", "changes_changed": "changed",
        "changes_before": "before", "changes_after": "after", "changes_figures": "figures published in between",
        "changed_verdict": "verdict", "changed_basis": "the figure deciding the verdict",
        "changed_category": "category", "changed_latest": "latest figure",
        "latest_short": "latest",
        # scopes
        "code": "code", "name": "name", "kind": "kind", "part_of": "part of",
        "kind_nation": "nation", "kind_region": "region", "kind_municipality": "municipality", "kind_other": "other",
        # units, as names
        "unit_percent": "percent", "unit_persons": "persons", "unit_count": "count", "unit_years": "years",
        "unit_score": "score", "unit_rate": "per 100,000 inhabitants",
    },
    "da": {
        "goal": "Mål", "baseline": "Udgangspunkt", "latest": "Seneste", "target": "Målsætning",
        "distance": "Afstand", "progress": "Fremskridt", "trend": "Udvikling", "category": "Kategori",
        "verdict": "Resultat",
        "achieved": "nået", "substantial_progress": "betydelig fremgang",
        "moderate_progress": "moderat fremgang", "limited_progress": "begrænset fremgang",
        "deterioration": "tilbagegang", "insufficient_data": "for få data",
        "met": "nået", "missed": "ikke nået", "unknown": "ukendt", "provisional": "foreløbigt",
        "goals_of": "Mål for {year}", "provisional_n": "foreløbige",
        "across_break": "på tværs af databruddet i {year}",
        "later_baseline": "{goal}, {scope}: udgangspunkt {year}, dets første tal efter {catalogue}",
        "later_baselines": "{count} områder har intet tal for {catalogue}: deres udgangspunkt er deres første tal efter",
        "break_unbridged": "{goal}: databrud i {year}; fremskridt, sti, tendens og fremskrivning beregnes ikke på tværs af det",
        "break_bridged": "{goal}: databrud i {year}; fremskridt måles fra udgangspunktet omregnet til den nye serie",
        "as_of": "pr.", "known_at": "som kendt", "improve": "forbedres", "years": "år", "points": "pct.-point",
        "scope": "Område",
        "scaled": "skaleret fra det nationale mål", "relative": "den nationale ændring anvendt på udgangspunktet",
        "national": "det nationale mål",
        "scaled_home": "skaleret fra katalogets mål",
        "relative_home": "katalogets ændring anvendt på udgangspunktet",
        "national_home": "katalogets mål",
        "omitted": "Udeladt for at passe til {width} kolonner: {names}. Se dem med --wide eller i et bredere "
                   "vindue.",
        "too_old": "for gammelt", "no_figure": "intet tal", "no_baseline": "intet udgangspunkt",
        "gap_left": "Rest af afstand", "compared_in": "sammenlignet på tal fra",
        "not_ranked": "Ikke rangeret: intet område har et tal fra sit basisår og frem.",
        "not_ranked_below": "Under stregen: ikke rangeret, deres seneste tal er ikke fra {year}.",
        "ranked_apart": "Hver slags rangeret for sig, på tal fra sit eget år: {groups}.",
        "group_municipality": "kommuner", "group_region": "regioner", "group_other": "andre områder",
        "reference": "{scope}, sidst: referencen, aldrig rangeret.",
        "counts_not_rates": "Antal, ikke rater: områder med forskellig befolkning er ikke sammenlignelige.",
        "no_population": "Ingen rater: kataloget angiver ingen befolkningsindikator.",
        "no_population_figures": "Ingen rater: {population} har intet tal for {home} i udgangsåret eller "
                                 "senest i målåret.",
        "counts_asked": "Antal, som ønsket (--counts).",
        "per_inhabitants": "pr. 100.000 indbyggere",
        "rates_note": "Rater pr. 100.000 indbyggere: hvert tal delt med befolkningen ({population}) i samme "
                      "område og år; målsætningen, {target}, er {home}s delt med befolkningen i {year}.",
        "rates_note_plain": "Rater pr. 100.000 indbyggere: hvert tal delt med befolkningen ({population}) i samme "
                            "område og år.",
        "rates_left_out": "Tal udeladt, fordi befolkningstallet for samme område og år mangler: {n}.",
        "left_out_goals": "Udeladt: {n} uden tal for {scope} til og med {year}.",
        "wrote": "Skrev {output}: {n}.", "nothing_to_compare": "Intet område har et tal for {goal} til og med "
                                                             "{year}: intet at sammenligne.",
        "source_one": "Kilde", "source_verdict": "Kilde til resultatet", "source_latest": "til det seneste tal",
        "id": "id", "unit": "enhed", "source": "kilde", "archived": "arkiveret", "better_up": "bedre når det stiger",
        "better_down": "bedre når det falder", "no_measurements": "Ingen tal registreret.",
        "history_scope": "område", "year": "år", "value": "værdi", "replaces": "erstatter", "published": "offentliggjort", "recorded": "registreret",
        "status": "status", "current": "gældende", "replaced": "erstattet", "derived": "afledt", "deleted": "slettet",
        "changes_since": "ændringer siden", "changes_until": "til", "changes_goal": "mål", "changes_changed": "ændret",
        "changes_before": "før", "changes_after": "efter", "changes_figures": "tal offentliggjort i mellemtiden",
        "changed_verdict": "resultat", "changed_basis": "tallet der afgør resultatet",
        "changed_category": "kategori", "changed_latest": "seneste tal",
        "latest_short": "seneste",
        "code": "kode", "name": "navn", "kind": "type", "part_of": "del af",
        "kind_nation": "land", "kind_region": "region", "kind_municipality": "kommune", "kind_other": "andet",
        "unit_percent": "procent", "unit_persons": "personer", "unit_count": "antal", "unit_years": "år",
        "unit_score": "point", "unit_rate": "pr. 100.000 indbyggere",
    },
}

CHART_WORDS: dict[str, dict[str, str]] = {
    "en": {"break": "Series break", "measured": "Measured figures", "history": "Before the baseline", "baseline": "Baseline",
           "target": "Target", "path": "Required path", "projection": "Projection (linear trend)",
           "projection_short": "Projection", "deadline": "Deadline", "source": "Source", "as_of": "as of",
           "no_data": "No figures yet", "from_target": "from the target", "improve": "goal: improve",
           "off_chart": "off the chart", "overview": "Goals at a glance",
           "basis": "Decided the verdict", "basis_too_old": "Last figure by the deadline (too old)",
           "too_old_short": "too old to decide", "in": "in", "against": "against", "the_baseline": "the baseline",
           "too_old": "is too old to decide it", "no_figure_by": "no figure by", "none_since": "no figure since",
           "no_baseline": "no baseline to judge it against",
           "legend_verdict": "Verdict, the deadline passed", "legend_category": "Category, before a deadline or without one",
           "gap": "No figure"},
    "da": {"break": "Databrud", "measured": "Målte tal", "history": "Før udgangspunktet", "baseline": "Udgangspunkt",
           "target": "Målsætning", "path": "Nødvendig udvikling", "projection": "Fremskrivning (lineær trend)",
           "projection_short": "Fremskrivning", "deadline": "Frist", "source": "Kilde", "as_of": "pr.",
           "no_data": "Ingen tal endnu", "from_target": "fra målsætningen", "improve": "mål: forbedring",
           "off_chart": "uden for grafen", "overview": "Målene samlet",
           "basis": "Afgjorde resultatet", "basis_too_old": "Sidste tal til og med fristen (for gammelt)",
           "too_old_short": "for gammelt til at afgøre det", "in": "i", "against": "mod", "the_baseline": "udgangspunktet",
           "too_old": "er for gammelt til at afgøre det", "no_figure_by": "intet tal til og med",
           "none_since": "intet tal siden", "no_baseline": "intet udgangspunkt at måle det mod",
           "legend_verdict": "Resultat, fristen er passeret", "legend_category": "Kategori, før en frist eller uden frist",
           "gap": "Intet tal"},
}

REPORT_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "report": "Goal status report", "date": "Date", "as_of": "as of", "scope": "scope",
        "status": "Status", "goals": "The goals one by one", "overview": "Overview",
        "no_figures": "no figures recorded yet", "in": "in", "baseline_only": "the baseline; no figure since",
        "above": "above", "below": "below", "the_target_of": "the target of", "reached": "at or better than the target of",
        "away": "moving away from it", "on_track": "on track", "behind": "moving towards it, but behind the required path",
        "improving": "improving", "worsening": "getting worse", "flat": "unchanged",
        "source": "Source of the latest figure",
        "points": "points", "made_by": "Made with goaltrack", "sources": "Sources", "no_chart": "no figures yet",
        "without": "Goals without figures", "no_figures_for": "no figures for {place} yet",
        # after the deadline: the verdict with its basis, then the latest figure
        "against": "against", "by": "by", "the_baseline_of": "the baseline of", "latest": "Latest",
        "it": "it", "reached_short": "at or better than", "no_figure_since": "No figure since: ", "still": "still",
        "better_than_baseline": "better than the baseline", "worse_than_baseline": "worse than the baseline",
        "level_with_baseline": "level with the baseline",
        "no_basis": "no figure between the baseline and the {year} deadline",
        "no_basis_at_all": "no figure by the {year} deadline",
        "too_old": "the last figure by {year}, {figure}, is more than {window} years older than the deadline "
                   "and decides nothing",
        "no_baseline_to_judge": "but no baseline to judge it against",
    },
    "da": {
        "report": "Statusrapport for målene", "date": "Dato", "as_of": "pr.", "scope": "område",
        "status": "Status", "goals": "Målene ét for ét", "overview": "Overblik",
        "no_figures": "ingen tal registreret endnu", "in": "i", "baseline_only": "udgangspunktet; intet tal siden",
        "above": "over", "below": "under", "the_target_of": "målsætningen på",
        "reached": "på eller bedre end målsætningen på",
        "away": "bevæger sig væk fra den", "on_track": "på rette kurs",
        "behind": "bevæger sig mod den, men bagud i forhold til den nødvendige udvikling",
        "improving": "forbedres", "worsening": "forværres", "flat": "uændret",
        "source": "Kilde til det seneste tal",
        "points": "procentpoint", "made_by": "Lavet med goaltrack", "sources": "Kilder", "no_chart": "ingen tal endnu",
        "without": "Mål uden tal", "no_figures_for": "ingen tal for {place} endnu",
        "against": "mod", "by": "i", "the_baseline_of": "udgangspunktet på", "latest": "Seneste",
        "it": "den", "reached_short": "på eller bedre end", "no_figure_since": "Intet tal siden: ",
        "still": "stadig",
        "better_than_baseline": "bedre end udgangspunktet", "worse_than_baseline": "dårligere end udgangspunktet",
        "level_with_baseline": "på niveau med udgangspunktet",
        "no_basis": "intet tal mellem udgangspunktet og fristen i {year}",
        "no_basis_at_all": "intet tal til og med fristen i {year}",
        "too_old": "det sidste tal til og med {year}, {figure}, er mere end {window} år ældre end fristen "
                   "og afgør intet",
        "no_baseline_to_judge": "men intet udgangspunkt at måle det mod",
    },
}


NOUNS = {"en": {"goal": ("goal", "goals"), "scope": ("scope", "scopes")},
         "da": {"goal": ("mål", "mål"), "scope": ("område", "områder")}}


def counted_in(n: int, noun: str, lang: str) -> str:
    """'1 goal', '2 scopes'; Danish '2 mål', '1.000 områder'."""
    one, many = NOUNS[lang][noun]
    text = f"{n:,}" if lang != "da" else f"{n:,}".replace(",", ".")
    return f"{text} {one if n == 1 else many}"


def unit_name(unit: str, lang: str) -> str:
    """The unit as a word: "percent", "procent", "personer"."""
    return LABELS[lang].get(f"unit_{unit}", unit)


def kind_name(kind: str, lang: str) -> str:
    return LABELS[lang].get(f"kind_{kind}", kind)
