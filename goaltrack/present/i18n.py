"""Every word goaltrack shows a reader, in English and Danish: one place for the strings.

``LABELS`` holds the words of tables and text (status, show, history, goals, scopes, compare),
``CHART_WORDS`` those of charts, ``REPORT_WORDS`` those of the report, ``MESSAGES`` the lines the
commands say on stderr. Each table has the same keys in both languages (a test checks it).
``CSV_DA`` names the CSV and xlsx columns in Danish; ``PROGRESS_DA`` the progress bars' words. The
library's error messages are translated where they are printed (goaltrack.present.messages_da). Numbers are written by ``goaltrack.present.numbers.number``: 5,789 and
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


MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "loaded": "Loaded {catalogue} into a new database: {goals}, {figures}.",
        "the_shipped": "the shipped catalogue", "wrote_file": "Wrote {output}.",
        "would_import": "Would import", "imported": "Imported", "import": "{what} {source}: {rows}; {parts}",
        "in_sheet": "{file} (sheet {sheet!r})", "n_new": "{n} new", "n_replaced": "{n} replaced",
        "n_unchanged": "{n} unchanged", "n_new_one": "{n} new", "n_replaced_one": "{n} replaced",
        "n_unchanged_one": "{n} unchanged", "n_resourced": "{n} with a new source", "withheld": "{cells} withheld or empty",
        "skipped": "{lines} skipped", "dry_run": " (dry run: nothing written).",
        "recorded": "Recorded {goal} {scope} {year}: {shown}.",
        "replaced": "Replaced {goal} {scope} {year}: {old} → {shown} (the old figure stays in the history).",
        "resourced": "Recorded a new release of {goal} {scope} {year} ({shown}); the earlier one stays in the history.",
        "unchanged": "Unchanged: {goal} {scope} {year} is already {shown}.",
        "deleted": "Deleted {goal} {scope} {year}: {shown} (it stays in the history, marked deleted).",
        "exported_to": "Exported {figures} to {output}.", "exported": "Exported {figures}.",
        "no_chart": "No chart for {goals}: no figures yet", "no_chart_panel": " (a panel in the overview says so).",
        "no_goal_figures": "no goal has figures for {place} yet; nothing was drawn (goaltrack chart --all draws every goal)",
        "its_set": "its set", "wrote_charts": "Wrote {charts} to {folder}.",
        "checked": "{file}: {goals}, {scopes}, no problems.", "warning": "Warning: {warning}",
        "synced": "Synced {file} into goal set {set}: {parts}; {figures} loaded", "dated": ", {figures} dated from the catalogue",
        "sync_added": "added", "sync_updated": "updated", "sync_restored": "restored", "sync_archived": "archived",
        "sync_removed": "removed", "sync_more": "… and {n} more (goaltrack goals --set {set} lists them)",
        "kept": "kept: {goal} {scope} {year} is {held} here; the catalogue has {given}{source}; to take it: ",
        "at_newest": "{where} is already at the newest schema revision ({revision}).",
        "upgraded": "Upgraded {where} from {before} to {after}.", "empty_database": "an empty database",
        "revision_none": "revision: none (the database is created on first use)", "revision": "revision: {revision} ({state})",
        "newest": "newest", "newest_is": "newest is {head}; run goaltrack db upgrade", "none": "none",
        "no_changes": "No goal's verdict, category or latest figure changed between {since} and {until}.", "now": "now",
        "error": "Error: ", "interrupted_done": "interrupted after the write was done: it is complete",
        "interrupted_files": "interrupted while writing files: some were written, the others not (run the command "
                             "again to write them all)",
        "interrupted": "interrupted; nothing was written by the interrupted step",
        "usage": "Usage:", "try_help": "Try '{command} {option}' for help.",
    },
    "da": {
        "loaded": "Indlæste {catalogue} i en ny database: {goals}, {figures}.",
        "the_shipped": "det medfølgende katalog", "wrote_file": "Skrev {output}.",
        "would_import": "Ville importere", "imported": "Importerede", "import": "{what} {source}: {rows}; {parts}",
        "in_sheet": "{file} (ark {sheet!r})", "n_new": "{n} nye", "n_replaced": "{n} erstattede",
        "n_unchanged": "{n} uændrede", "n_new_one": "{n} ny", "n_replaced_one": "{n} erstattet",
        "n_unchanged_one": "{n} uændret", "n_resourced": "{n} med ny kilde", "withheld": "{cells} udeladt eller tomme",
        "skipped": "{lines} sprunget over", "dry_run": " (prøvekørsel: intet skrevet).",
        "recorded": "Registrerede {goal} {scope} {year}: {shown}.",
        "replaced": "Erstattede {goal} {scope} {year}: {old} → {shown} (det gamle tal bliver i historikken).",
        "resourced": "Registrerede en ny udgivelse af {goal} {scope} {year} ({shown}); den tidligere bliver i historikken.",
        "unchanged": "Uændret: {goal} {scope} {year} er allerede {shown}.",
        "deleted": "Slettede {goal} {scope} {year}: {shown} (det bliver i historikken, markeret slettet).",
        "exported_to": "Eksporterede {figures} til {output}.", "exported": "Eksporterede {figures}.",
        "no_chart": "Ingen graf for {goals}: ingen tal endnu", "no_chart_panel": " (et felt i overblikket siger det).",
        "no_goal_figures": "intet mål har tal for {place} endnu; intet blev tegnet (goaltrack chart --all tegner alle mål)",
        "its_set": "sit målsæt", "wrote_charts": "Skrev {charts} til {folder}.",
        "checked": "{file}: {goals}, {scopes}, ingen problemer.", "warning": "Advarsel: {warning}",
        "synced": "Synkroniserede {file} ind i målsættet {set}: {parts}; {figures} indlæst",
        "dated": ", {figures} dateret fra kataloget",
        "sync_added": "tilføjet", "sync_updated": "opdateret", "sync_restored": "genoprettet", "sync_archived": "arkiveret",
        "sync_removed": "fjernet", "sync_more": "… og {n} mere (goaltrack goals --set {set} viser dem)",
        "kept": "beholdt: {goal} {scope} {year} er {held} her; kataloget har {given}{source}; for at tage det: ",
        "at_newest": "{where} har allerede den nyeste skemarevision ({revision}).",
        "upgraded": "Opgraderede {where} fra {before} til {after}.", "empty_database": "en tom database",
        "revision_none": "revision: ingen (databasen oprettes ved første brug)", "revision": "revision: {revision} ({state})",
        "newest": "nyeste", "newest_is": "nyeste er {head}; kør goaltrack db upgrade", "none": "ingen",
        "no_changes": "Intet måls resultat, kategori eller seneste tal ændrede sig mellem {since} og {until}.", "now": "nu",
        "error": "Fejl: ", "interrupted_done": "afbrudt efter at skrivningen var færdig: den er fuldstændig",
        "interrupted_files": "afbrudt under skrivning af filer: nogle blev skrevet, de andre ikke (kør kommandoen "
                             "igen for at skrive dem alle)",
        "interrupted": "afbrudt; intet blev skrevet af det afbrudte trin",
        "usage": "Brug:", "try_help": "Prøv '{command} {option}' for hjælp.",
    },
}


def said(key: str, lang: str, **values) -> str:
    """A message of ``MESSAGES`` in ``lang`` with its values filled in."""
    return MESSAGES[lang][key].format(**values)


# The CSV and xlsx columns in Danish (status, compare, export); English keeps the field names as they are.
CSV_DA = {
    "id": "id", "set": "målsæt", "scope": "område", "title": "titel", "unit": "enhed", "direction": "retning",
    "baseline_year": "udgangspunkt_år", "baseline_value": "udgangspunkt_værdi",
    "baseline_later": "udgangspunkt_senere", "target_year": "målsætning_år", "target_value": "målsætning_værdi",
    "target_rule": "målsætning_regel", "latest_year": "seneste_år", "latest_value": "seneste_værdi",
    "latest_source": "seneste_kilde", "latest_flag": "seneste_markering", "achieved": "nået", "distance": "afstand",
    "distance_share": "afstand_andel", "progress_pct": "fremskridt_pct", "required": "nødvendigt_niveau",
    "on_path": "på_kurs", "years_ahead": "år_foran", "growth_ratio": "vækstforhold", "category": "kategori",
    "projection_year": "fremskrivning_år", "projection_value": "fremskrivning_værdi",
    "projected_to_meet": "fremskrevet_nået", "verdict": "resultat", "verdict_provisional": "resultat_foreløbigt",
    "verdict_basis_year": "grundlag_år", "verdict_basis_value": "grundlag_værdi",
    "verdict_basis_source": "grundlag_kilde", "verdict_basis_flag": "grundlag_markering",
    "verdict_basis_across_break": "grundlag_på_tværs_af_databrud", "series_break": "databrud",
    "bridged_baseline": "omregnet_udgangspunkt",
    # compare
    "rank": "rang", "scope_code": "områdekode", "name": "navn", "group": "gruppe", "ranked": "rangeret",
    # the about sheet
    "key": "nøgle", "value": "værdi", "as_of": "pr_år", "scope_name": "områdenavn", "language": "sprog",
    "goals": "mål", "made_by": "lavet_med", "about": "om",
    # export: the Danish headers goaltrack import reads (goaltrack.ingest.shapes)
    "goal": "mål", "year": "år", "source": "kilde", "note": "bemærkning", "published": "offentliggjort",
    "flag": "markering", "figures": "tal", "state": "tilstand", "compare": "sammenligning",
}
# The words of a CSV or xlsx cell in Danish: directions, how a target came about, a compared scope's group.
VALUES_DA = {
    "increase": "stigende", "decrease": "faldende", "catalogue": "katalog", "national": "national",
    "scaled": "skaleret", "relative": "relativ", "municipality": "kommune", "region": "region", "other": "andet",
    "reference": "reference", True: "ja", False: "nej",
}


def column(name: str, lang: str) -> str:
    """A CSV or xlsx column's name in ``lang``: the field name in English, its Danish name in Danish."""
    return CSV_DA.get(name, name) if lang == "da" else name


# The progress bars' labels and phases (goaltrack.cli.output.progress_bar) in Danish.
PROGRESS_DA = {
    "Drawing": "Tegner", "Importing": "Importerer", "Fetching": "Henter", "Building": "Bygger", "Writing": "Skriver",
    "importing": "importerer", "writing": "skriver", "comparing": "sammenligner", "judging": "vurderer",
    "writing pages": "skriver sider", "drawing charts": "tegner grafer",
}


def progress_word(text: str, lang: str) -> str:
    """A progress bar's label or phase in ``lang``: "Drawing" → "Tegner", "writing pages (da)" → "skriver
    sider (da)"; a goal's id, or a word without a translation, as it is."""
    if lang != "da":
        return text
    head, bracket, rest = text.partition(" (")
    return PROGRESS_DA.get(head, head) + bracket + rest


NOUNS = {"en": {"goal": ("goal", "goals"), "scope": ("scope", "scopes"), "figure": ("figure", "figures"),
                "published": ("published figure", "published figures"), "row": ("row", "rows"),
                "cell": ("cell", "cells"), "chart": ("chart", "charts"), "page": ("page", "pages"),
                "earlier": ("earlier figure", "earlier figures"),
                "title_line": ("title or note line", "title or note lines")},
         "da": {"goal": ("mål", "mål"), "scope": ("område", "områder"), "figure": ("tal", "tal"),
                "published": ("offentliggjort tal", "offentliggjorte tal"), "row": ("række", "rækker"),
                "cell": ("celle", "celler"), "chart": ("graf", "grafer"), "page": ("side", "sider"),
                "earlier": ("tidligere tal", "tidligere tal"),
                "title_line": ("titel- eller notelinje", "titel- eller notelinjer")}}


def whole(n: int, lang: str) -> str:
    """A count as a reader writes it: 1,000 in English, 1.000 in Danish."""
    return f"{n:,}" if lang != "da" else f"{n:,}".replace(",", ".")


def counted_in(n: int, noun: str, lang: str) -> str:
    """'1 goal', '2 scopes'; Danish '2 mål', '1.000 områder'."""
    one, many = NOUNS[lang][noun]
    return f"{whole(n, lang)} {one if n == 1 else many}"


def unit_name(unit: str, lang: str) -> str:
    """The unit as a word: "percent", "procent", "personer"."""
    return LABELS[lang].get(f"unit_{unit}", unit)


def kind_name(kind: str, lang: str) -> str:
    return LABELS[lang].get(f"kind_{kind}", kind)
