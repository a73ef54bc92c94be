"""Danish for the messages about input, catalogues and imported files: patterns of goaltrack.present.messages_da.

Each entry is (a regular expression matching an English message whole, its Danish template); the
groups and templates work as ``goaltrack.present.messages_da`` describes.
"""

from __future__ import annotations

from collections.abc import Callable

Template = str | Callable[[dict[str, str]], str]


def _plural(one: str, many: str, key: str = "n_n") -> Callable[[dict[str, str]], str]:
    """A template whose noun follows the count: "1 problem", "2 problemer"."""
    return lambda g: (one if g[key] == "1" else many).format(**g)


_UNIT_WORDS = {"a rate": "en rate", "figures scaled by a power of ten (thousands, millions)":
               "tal skaleret med en tierpotens (tusinder, millioner)", "a percent": "en procentdel",
               "an index": "et indeks", "a count": "et antal", "persons": "personer", "years": "år", "points": "point"}

CATALOGUE: list[tuple[str, Template]] = [  # goaltrack.catalogue: reading, and the checks of fields, goals and the catalogue
    (r"(?P<s_w>.+) must be a mapping of keys to values", "{s_w} skal være en samling af nøgler og værdier"),
    (r"unknown key (?P<k>'.*') in (?P<s_w>.+) \(allowed: (?P<a>[^)]*)\)(?:; a decimal comma inside \{ \} splits the "
     r"number \(value: 6,(?P<d>\d+) reads as 6 and a key (?P=d)\): write a point, 6\.(?P=d))?",
     lambda g: f"ukendt nøgle {g['k']} i {g['s_w']} (tilladt: {g['a']})" + (
         f"; et decimalkomma inde i {{ }} deler tallet (value: 6,{g['d']} læses som 6 og en nøgle {g['d']}): "
         f"skriv punktum, 6.{g['d']}" if g["d"] else "")),
    (r"(?P<s_w>.+) lacks '(?P<k>[^']*)'", "{s_w} mangler '{k}'"),
    (r"(?P<s_w>.+) is missing", "{s_w} mangler"),
    (r"(?P<s_w>.+) must be a non-empty text, not (?P<v>.+)", "{s_w} skal være en ikke-tom tekst, ikke {v}"),
    (r"(?P<s_w>.+) year must be a whole year, not (?P<v>.+)", "{s_w}: året skal være et helt årstal, ikke {v}"),
    (r"(?P<s_w>.+) must be a number, not (?P<v>.+)", "{s_w} skal være et tal, ikke {v}"),
    (r"(?P<s_w>.+) must be a finite number, not (?P<v>.+)", "{s_w} skal være et endeligt tal, ikke {v}"),
    (r"(?P<s_w>.+) year (?P<y>-?\d+) is outside (?P<a>\d+)\.\.(?P<b>\d+)", "{s_w}: året {y} ligger uden for {a}..{b}"),
    (r"verdict_window must be a whole number of years from 0 to (?P<n>\d+), not (?P<v>.+)",
     "verdict_window skal være et helt antal år fra 0 til {n}, ikke {v}"),
    (r"scope code (?P<c>.+) must be 1-32 letters, digits, '-' or '_'",
     "områdekoden {c} skal være 1-32 bogstaver, cifre, '-' eller '_'"),
    (r"unknown unit (?P<u>.+) \(one of: (?P<l>.+)\)", "ukendt enhed {u} (en af: {l})"),
    (r"direction must be 'increase' or 'decrease', not (?P<v>.+)",
     "direction skal være 'increase' eller 'decrease', ikke {v}"),
    (r"goal id (?P<g>.+) must be lowercase letters, digits and '-' \(at most (?P<n>\d+), no leading, trailing or "
     r"double '-'\)", "mål-id'et {g} skal være små bogstaver, cifre og '-' (højst {n}, ingen '-' først, sidst eller to i træk)"),
    (r"goal id (?P<g>'[^']*') is reserved: the overview chart is (?P<f>.+)",
     "mål-id'et {g} er reserveret: overbliksgrafen hedder {f}"),
    (r"the short (?P<w_l>English|Danish) title (?P<t>.+) is longer than the title",
     lambda g: f"den korte {'engelske' if g['w_l'] == 'English' else 'danske'} titel {g['t']} er længere end titlen"),
    (r"'measurements' must be a list", "'measurements' skal være en liste"),
    (r"two measurements for (?P<s>\S+) (?P<y>\d+)", "to tal for {s} {y}"),
    (r"unknown scope (?P<s>'[^']*')", "ukendt område {s}"),
    (r"indicator (?P<i>.+) must be lowercase letters, digits and '-'", "indikatoren {i} skal være små bogstaver, cifre og '-'"),
    (r"'breaks' must be a list of \{year, baseline\}", "'breaks' skal være en liste af {{year, baseline}}"),
    (r"breaks must be in order of year \((?P<a>\d+) after (?P<b>\d+)\)", "databrud skal stå i årsorden ({a} efter {b})"),
    (r"statbank (?P<m_why>.+)", "statbank: {m_why}"),
    (r"the first release of (?P<y>\d+) equals the revised figure (?P<v>\S+); leave first_release out",
     "den første udgivelse af {y} er lig med det reviderede tal {v}; udelad first_release"),
    (r"target year (?P<t>\d+) must come after baseline year (?P<b>\d+)", "målåret {t} skal ligge efter udgangsåret {b}"),
    (r"change_pct (?P<c>\S+) would go below zero", "change_pct {c} ville gå under nul"),
    (r"change_pct (?P<c>\S+) goes the wrong way for a goal to (?P<w_d>increase|decrease)",
     "change_pct {c} går den forkerte vej for et mål, der skal {w_d}"),
    (r"target (?P<t>\S+) and change (?P<c>\S+) % from (?P<b>\S+) \(= (?P<i>\S+)\) disagree by more than 3 %; the "
     r"stated level is used", "målsætningen {t} og ændringen {c} % fra {b} (= {i}) afviger mere end 3 %; det angivne niveau bruges"),
    (r"target (?P<t>\S+) is worse than the baseline (?P<b>\S+) for a goal to (?P<w_d>increase|decrease)",
     "målsætningen {t} er dårligere end udgangspunktet {b} for et mål, der skal {w_d}"),
    (r"the target (?P<t>\S+) lies within rounding noise of the baseline (?P<b>\S+): no gap to make progress on "
     r"\(state the baseline itself to hold a level\)",
     "målsætningen {t} ligger inden for afrundingsstøjen omkring udgangspunktet {b}: ingen afstand at gøre "
     "fremskridt på (angiv udgangspunktet selv for at holde et niveau)"),
    (r"the target level (?P<m_why>.+ is too large: .+)", "målniveauet {m_why}"),
    (r"the target level (?P<t>\S+) lies outside the range of (?P<w_u>\w+)", "målniveauet {t} ligger uden for området for {w_u}"),
    (r"the catalogue's id (?P<i>'[^']*') is also a scope's code: their charts would share the folder (?P<f>\S+); "
     r"choose another id", "katalogets id {i} er også et områdes kode: deres grafer ville dele mappen {f}; vælg et andet id"),
    (r"the catalogue's population (?P<p>.+) is the indicator of goal (?P<g>'[^']*'); name an indicator of "
     r"inhabitants, e\.g\. population", "katalogets befolkning {p} er indikatoren for målet {g}; angiv en indikator "
     "for indbyggere, fx population"),
    (r"the catalogue's id (?P<i>.+) must be lowercase letters, digits and '-' \(at most (?P<n>\d+), no leading, "
     r"trailing or double '-'\), e\.g\. aarhus-2030", "katalogets id {i} skal være små bogstaver, cifre og '-' (højst "
     "{n}, ingen '-' først, sidst eller to i træk), fx aarhus-2030"),
    (r"the catalogue's id (?P<i>'[^']*') must hold a letter \(digits alone are a municipality's or region's code, "
     r"whose charts have the folder of that name\)", "katalogets id {i} skal indeholde et bogstav (cifre alene er en "
     "kommunes eller regions kode, hvis grafer har mappen med det navn)"),
    (r"'goals' must be a list with at least one goal", "'goals' skal være en liste med mindst ét mål"),
    (r"goal (?P<g>'[^']*') of set (?P<s>'[^']*'): (?P<k>'[^']*') is longer than (?P<n>\d+) characters; shorten the id",
     "målet {g} i målsættet {s}: {k} er længere end {n} tegn; forkort id'et"),
    (r"duplicate goal id (?P<g>'[^']*') \(first on line (?P<n>\d+)\)", "mål-id'et {g} optræder to gange (først på linje {n})"),
    (r"'scopes' must be a list of \{code, name\}", "'scopes' skal være en liste af {{code, name}}"),
    (r"duplicate scope code (?P<c>'[^']*')", "områdekoden {c} optræder to gange"),
    (r"scope (?P<c>\S+): kind must be one of (?P<l>.+), not (?P<v>.+)", "område {c}: kind skal være en af {l}, ikke {v}"),
    (r"scope (?P<c>\S+): parent (?P<p>'[^']*') is not a scope of this catalogue",
     "område {c}: parent {p} er ikke et område i dette katalog"),
    (r"aliases and anchors are not allowed in a catalogue", "aliasser og ankre er ikke tilladt i et katalog"),
    (r"merge keys \(<<\) are not allowed in a catalogue", "flettenøgler (<<) er ikke tilladt i et katalog"),
    (r"a key must be a plain word", "en nøgle skal være et almindeligt ord"),
    (r"duplicate key (?P<k>'[^']*')", "nøglen {k} optræder to gange"),
    (r"YAML error: (?P<y>.+?) is not a valid (?P<k>\w+) \((?P<e>.*)\); quote it to keep it as text",
     "YAML-fejl: {y} er ikke en gyldig {k} ({e}); sæt det i anførselstegn for at beholde det som tekst"),
    (r"YAML error: a value cannot be read", "YAML-fejl: en værdi kan ikke læses"),
    (r"YAML error: (?P<y>.+?)(?P<plain>; a catalogue holds plain data only)?",
     lambda g: f"YAML-fejl: {g['y']}" + ("; et katalog indeholder kun almindelige data" if g["plain"] else "")),
    (r"YAML nested more than (?P<n>\d+) levels deep; a catalogue needs five",
     "YAML indlejret mere end {n} niveauer dybt; et katalog behøver fem"),
    (r"cannot read catalogue (?P<f>.+?): (?P<m_why>.+)", "kan ikke læse kataloget {f}: {m_why}"),
    (r"catalogue (?P<f>.+) is larger than (?P<n_n>[\d,]+) bytes", "kataloget {f} er større end {n_n} byte"),
    (r"catalogue (?P<f>.+) is not UTF-8 text \(byte (?P<b>\d+)\)", "kataloget {f} er ikke UTF-8-tekst (byte {b})"),
    (r"catalogue (?P<f>.+) is empty", "kataloget {f} er tomt"),
    (r"(?P<f>.+): scope (?P<s>'[^']*') is not a known scope \(see goaltrack scopes, or define it under scopes:\); "
     r"nothing was changed", "{f}: området {s} er ikke et kendt område (se goaltrack scopes, eller definer det under "
     "scopes:); intet blev ændret"),
    (r"(?P<f>.+): goal set (?P<s>'[^']*') and scope (?P<c>'[^']*') would share the chart folder (?P<d>\S+); give "
     r"the set another id; nothing was changed", "{f}: målsættet {s} og området {c} ville dele grafmappen {d}; giv "
     "målsættet et andet id; intet blev ændret"),
    (r"(?P<f>.+): goal id\(s\) (?P<l>.+) belong to another set; nothing was changed",
     "{f}: mål-id'erne {l} hører til et andet målsæt; intet blev ændret"),
    (r"(?P<f>.+) leaves out (?P<n>\d+) goal\(s\)(?: of set (?P<s>\S+))? that have measurements: (?P<l>.+); nothing "
     r"was changed \(use --archive to keep them, out of status\)",
     lambda g: f"{g['f']} udelader {g['n']} mål" + (f" i målsættet {g['s']}" if g["s"] else "")
               + f", der har tal: {g['l']}; intet blev ændret (brug --archive for at beholde dem, uden for status)"),
    (r"(?P<f>.+): goals (?P<a>\S+) \((?P<w_u>\w+)\) and (?P<b>\S+) \((?P<w_v>\w+)\) track the same indicator "
     r"(?P<i>'[^']*') in different units; give one its own indicator: \(nothing was changed\)",
     lambda g: f"{g['f']}: målene {g['a']} ({g['w_u']}) og {g['b']} ({g['w_v']}) følger "
               f"samme indikator {g['i']} i forskellige enheder; giv et af dem sin egen indikator: (intet blev ændret)"),
]

INGEST: list[tuple[str, Template]] = [  # goaltrack.ingest: files, encodings, headers, rows, spreadsheets, JSON, JSON-stat, StatBank
    (r"(?P<n_n>[\d,]+) problems? in (?P<f>.+)", _plural("{n_n} problem i {f}", "{n_n} problemer i {f}")),
    (r"(?P<n_n>[\d,]+) problems?", _plural("{n_n} problem", "{n_n} problemer")),
    (r"… and (?P<n_n>[\d,]+) more", "… og {n_n} mere"),
    (r"the goal is missing", "målet mangler"),
    (r"time (?P<t>.+) is a quarter or month, not a year; goaltrack takes yearly figures \(choose the yearly series\)",
     "tiden {t} er et kvartal eller en måned, ikke et år; goaltrack tager årstal (vælg den årlige serie)"),
    (r"status must be 'current', 'replaced' or 'deleted', not (?P<v>.+)",
     "status skal være 'current', 'replaced' eller 'deleted', ikke {v}"),
    (r"a (?P<s>\w+) figure needs its replaced_at", "et tal med status {s} skal have sit replaced_at"),
    (r"a current figure has no replaced_at", "et gældende tal har intet replaced_at"),
    (r"(?P<k>recorded_at|replaced_at) (?P<v>.+) is not a date and time \(2026-01-31T12:00:00Z\)",
     "{k} {v} er ikke en dato og et klokkeslæt (2026-01-31T12:00:00Z)"),
    (r"(?P<g>\S+) (?P<s>\S+) (?P<y>\d+) is already recorded as (?P<a>\S+), not (?P<b>\S+) \(use --replace to correct "
     r"it; the old figure is kept\)", "{g} {s} {y} er allerede registreret som {a}, ikke {b} (brug --replace for at "
     "rette det; det gamle tal beholdes)"),
    (r"(?P<g>\S+) (?P<s>\S+) (?P<y>\d+): a revised figure needs its source \((?P<f>.+)\); add a source column",
     "{g} {s} {y}: et revideret tal skal have sin kilde ({f}); tilføj en kildekolonne"),
    (r"(?P<g>\S+) (?P<s>\S+) (?P<y>\d+) appears twice in the file \(first on (?:line (?P<n>\d+)|(?P<r>.+))\)",
     lambda g: f"{g['g']} {g['s']} {g['y']} står to gange i filen (først på "
               + (f"linje {g['n']})" if g["n"] else f"{g['r'].replace('record', 'post')})")),
    (r"(?P<g>\S+) (?P<s>\S+): every figure lies below 1 % while the goal's other scopes lie at (?P<m>\S+) %: "
     r"fractions, not percent\? \(write 4\.6 for 4\.6 %; --force if they are right\)",
     "{g} {s}: hvert tal ligger under 1 %, mens målets andre områder ligger på {m} %: brøker, ikke procent? "
     "(skriv 4,6 for 4,6 %; --force hvis de er rigtige)"),
    (r"expected (?P<a>\d+) fields, found (?P<b>\d+)", "forventede {a} felter, fandt {b}"),
    (r"is not an object", "er ikke et objekt"),
    (r"(?P<m_a>lacks .+|has unknown key\(s\) .+|holds a nested value in .+|gives .+ more than once); (?P<m_b>.+)",
     "{m_a}; {m_b}"),
    (r"lacks (?P<l>.+)", "mangler {l}"), (r"has unknown key\(s\) (?P<l>.+)", "har ukendte nøgler {l}"),
    (r"holds a nested value in (?P<l>.+); a record is flat", "har en indlejret værdi i {l}; en post er flad"),
    (r"gives (?P<l>.+) more than once", "angiver {l} mere end én gang"),
    (r"(?P<f>.+) is empty", "{f} er tom"),
    (r"(?P<f>.+) is larger than (?P<n_n>[\d,]+) bytes of JSON", "{f} er større end {n_n} byte JSON"),
    (r"(?P<f>.+) is larger than (?P<n_n>[\d,]+) bytes; split it, or import it in parts",
     "{f} er større end {n_n} byte; del den op, eller importér den i dele"),
    (r"(?P<f>.+) is larger than (?P<n_n>[\d,]+) bytes", "{f} er større end {n_n} byte"),
    (r"(?P<f>.+) has a header but no rows", "{f} har en overskrift, men ingen rækker"),
    (r"(?P<f>.+) has no figures: its one cell is withheld or empty", "{f} har ingen tal: dens ene celle er udeladt eller tom"),
    (r"(?P<f>.+) has no figures: all (?P<n_n>[\d,]+) cells are withheld or empty",
     "{f} har ingen tal: alle {n_n} celler er udeladt eller tomme"),
    (r"the catalogue changed while the file was being read; run the import again",
     "kataloget blev ændret, mens filen blev læst; kør importen igen"),
    (r"(?P<f>.+) cannot be read: the reader ended unexpectedly", "{f} kan ikke læses: læseren stoppede uventet"),
    (r"(?P<f>.+) cannot be read: it ran out of the (?P<n>\d+) s of processor time goaltrack gives it",
     "{f} kan ikke læses: den brugte de {n} s processortid, goaltrack giver den"),
    (r"(?P<f>.+) cannot be read: it needs more than the (?P<n>\d+) MB of memory goaltrack gives it(?P<d>, or is damaged)?",
     lambda g: f"{g['f']} kan ikke læses: den kræver mere end de {g['n']} MB hukommelse, goaltrack giver den"
               + (", eller den er beskadiget" if g["d"] else "")),
    (r"cannot read (?P<f>.+?): it is a folder", "kan ikke læse {f}: det er en mappe"),
    (r"cannot read (?P<f>.+?): (?P<m_why>.+)", "kan ikke læse {f}: {m_why}"),
    (r"unknown encoding (?P<e>.+) \(try utf-8 or cp1252\)", "ukendt tegnkodning {e} (prøv utf-8 eller cp1252)"),
    (r"--encoding (?P<e>.+) is not a text encoding \(try utf-8, cp1252 or utf-16\)",
     "--encoding {e} er ikke en tekstkodning (prøv utf-8, cp1252 eller utf-16)"),
    (r"(?P<f>.+) does not start with the byte-order mark (?P<e>\S+) needs; name the byte order: --encoding (?P<a>\S+) "
     r"or (?P<b>\S+)", "{f} begynder ikke med det byte-order mark, {e} kræver; angiv byterækkefølgen: --encoding {a} eller {b}"),
    (r"(?P<f>.+) holds binary data, not CSV, JSON or xlsx(?P<h>; if it is UTF-16 text without a byte-order mark, add "
     r"--encoding utf-16-le)?", lambda g: f"{g['f']} indeholder binære data, ikke CSV, JSON eller xlsx" + (
         "; hvis det er UTF-16-tekst uden byte-order mark, tilføj --encoding utf-16-le" if g["h"] else "")),
    (r"(?P<f>.+) is not (?P<e>\S+) text \(byte (?P<b>\d+) cannot be read\)(?P<h>; if it is Windows-1252, add --encoding "
     r"cp1252)?", lambda g: f"{g['f']} er ikke {g['e']}-tekst (byte {g['b']} kan ikke læses)" + (
         "; hvis den er Windows-1252, tilføj --encoding cp1252" if g["h"] else "")),
    (r"(?P<f>.+) is not UTF-8 text nor Windows-1252 \(byte (?P<b>\d+) cannot be read\); save it as CSV \(UTF-8\), or "
     r"name its encoding with --encoding", "{f} er hverken UTF-8- eller Windows-1252-tekst (byte {b} kan ikke læses); "
     "gem den som CSV (UTF-8), eller angiv dens tegnkodning med --encoding"),
    (r"(?P<f>.+) is not (?P<e>\S+) text: it ends inside a character \(byte (?P<b>\d+)\); the file may be cut short",
     "{f} er ikke {e}-tekst: den slutter midt i et tegn (byte {b}); filen er måske afkortet"),
    (r"a line \(or a quoted field\) is longer than (?P<n_n>[\d,]+) characters",
     "en linje (eller et felt i anførselstegn) er længere end {n_n} tegn"),
    (r"a field is longer than (?P<n_n>[\d,]+) characters \(a source or note holds at most (?P<n_m>[\d,]+)\)",
     "et felt er længere end {n_n} tegn (en kilde eller bemærkning rummer højst {n_m})"),
    (r"malformed CSV: (?P<e>.+)", "fejlformet CSV: {e}"),
    (r"(?P<w>.*?)no header found in the first (?P<n>\d+) rows: name the columns goal, year, value \(or mål, år, værdi; "
     r"or OMRÅDE;TID;INDHOLD\), or give a column per year",
     "{w}ingen overskrift fundet i de første {n} rækker: kald kolonnerne goal, year, value (eller mål, år, værdi; "
     "eller OMRÅDE;TID;INDHOLD), eller giv en kolonne pr. år"),
    (r"the header names the column (?P<c>.+) twice", "overskriften nævner kolonnen {c} to gange"),
    (r"the header has unknown column\(s\) (?P<c>.+) \(expected goal,year,value and optionally "
     r"scope,source,note,published,flag; in Danish mål,år,værdi,område/kommune,kilde,bemærkning,offentliggjort,"
     r"markering; or a column per year\)", "overskriften har ukendte kolonner {c} (forventet mål,år,værdi og evt. "
     "område/kommune,kilde,bemærkning,offentliggjort,markering; på engelsk goal,year,value,scope,source,note,"
     "published,flag; eller en kolonne pr. år)"),
    (r"the column (?P<c>.+) is a quarter or month, not a year; goaltrack takes yearly figures \(choose the yearly "
     r"series\)", "kolonnen {c} er et kvartal eller en måned, ikke et år; goaltrack tager årstal (vælg den årlige serie)"),
    (r"a column a year, and no goal column: name the goal with --goal ID",
     "en kolonne pr. år og ingen målkolonne: angiv målet med --goal ID"),
    (r"the header lacks the column\(s\) (?P<c>.+?)(?P<h> \(or name the goal with --goal ID\))?",
     lambda g: f"overskriften mangler kolonnerne {g['c']}" + (" (eller angiv målet med --goal ID)" if g["h"] else "")),
    (r"JSON must be a list of records like \{\"goal\": …, \"year\": …, \"value\": …\}, or a JSON-stat dataset",
     "JSON skal være en liste af poster som {{\"goal\": …, \"year\": …, \"value\": …}} eller et JSON-stat-datasæt"),
    (r"(?P<f>.+) is a JSON-stat table, which names no goal: add --goal GOAL",
     "{f} er en JSON-stat-tabel, som ikke nævner noget mål: tilføj --goal MÅL"),
    (r"not valid JSON \((?P<e>.+)\)", "ikke gyldig JSON ({e})"),
    (r"JSON nested too deeply; a figure file is a list of flat records",
     "JSON er indlejret for dybt; en fil med tal er en liste af flade poster"),
    (r"JSON-stat dataset without its dimensions", "JSON-stat-datasæt uden sine dimensioner"),
    (r"JSON-stat dataset without matching 'id' and 'size'", "JSON-stat-datasæt uden 'id' og 'size', der passer sammen"),
    (r"JSON-stat dataset without its values", "JSON-stat-datasæt uden sine værdier"),
    (r"the dimensions' 'id' must list each dimension's name once", "dimensionernes 'id' skal nævne hver dimensions navn én gang"),
    (r"the values name cells that are not there \(the cube has (?P<n_n>[\d,]+)\)",
     "værdierne nævner celler, der ikke findes (kuben har {n_n})"),
    (r"'status' must be a text, a list or an object, not (?P<t>\w+)", "'status' skal være en tekst, en liste eller et objekt, ikke {t}"),
    (r"'updated' (?P<v>.+) is not a date \(YYYY-MM-DD…\)", "'updated' {v} er ikke en dato (ÅÅÅÅ-MM-DD…)"),
    (r"dimension (?P<d>.+): its category index must list each code once", "dimensionen {d}: dens kategoriindeks skal nævne hver kode én gang"),
    (r"dimension (?P<d>.+): its category index must number the categories 0 to (?P<n>\d+), each once",
     "dimensionen {d}: dens kategoriindeks skal nummerere kategorierne 0 til {n}, hver én gang"),
    (r"not a JSON-stat dataset goaltrack can read \((?P<e>.+)\)", "ikke et JSON-stat-datasæt, goaltrack kan læse ({e})"),
    (r"(?P<n_a>[\d,]+) cells is more than (?P<n_b>[\d,]+): ask for fewer", "{n_a} celler er flere end {n_b}: bed om færre"),
    (r"(?P<n_a>[\d,]+) values for (?P<n_b>[\d,]+) cells \((?P<d>.+)\)", "{n_a} værdier for {n_b} celler ({d})"),
    (r"its unit is (?P<u>'.*'|\".*\"): (?P<k>a rate|figures scaled by a power of ten \(thousands, millions\)|a percent|"
     r"an index|years|a count), not (?P<w>.+) as "
     r"(?P<g>\S+) is measured; ask for the table in the goal's unit \(--force if the stated unit is wrong\)",
     lambda g: f"dens enhed er {g['u']}: {_UNIT_WORDS.get(g['k'], g['k'])}, ikke {_UNIT_WORDS.get(g['w'], g['w'])}, "
               f"som {g['g']} måles i; bed om tabellen i målets enhed (--force hvis den angivne enhed er forkert)"),
    (r"no time dimension \(one named Tid, time or year, or given the role time\)",
     "ingen tidsdimension (en med navnet Tid, time eller year, eller med rollen time)"),
    (r"dimension (?P<d>.+) has no categories", "dimensionen {d} har ingen kategorier"),
    (r"dimension (?P<d>.+) has no category index", "dimensionen {d} har intet kategoriindeks"),
    (r"dimension (?P<d>.+) has (?P<n>\d+) categories, its size says (?P<s>\d+)",
     "dimensionen {d} har {n} kategorier, dens størrelse siger {s}"),
    (r"dimension (?P<d>.+) \((?P<l>.+)\) has (?P<n>\d+) categories \((?P<c>.+)\); a figure file has one figure a scope "
     r"and year: ask for one of them", "dimensionen {d} ({l}) har {n} kategorier ({c}); en fil med tal har ét tal pr. "
     "område og år: bed om én af dem"),
    (r"its part (?P<p>.+) would unpack to (?P<n_a>[\d,]+) bytes, more than goaltrack reads \((?P<n_b>[\d,]+)\)",
     "dens del {p} ville pakkes ud til {n_a} byte, mere end goaltrack læser ({n_b})"),
    (r"the sheet reaches row (?P<n_r>[\d,]+) and column (?P<n_c>[\d,]+) \((?P<n_a>[\d,]+) cells\); goaltrack reads at "
     r"most (?P<n_b>[\d,]+): copy the figures to a new sheet", "arket når til række {n_r} og kolonne {n_c} ({n_a} "
     "celler); goaltrack læser højst {n_b}: kopiér tallene til et nyt ark"),
    (r"(?P<p>.+) unpacks to more than (?P<n_n>[\d,]+) bytes", "{p} pakkes ud til mere end {n_n} byte"),
    (r"sheet (?P<s>.+) cannot be read \((?P<e>\w+)\)", "arket {s} kan ikke læses ({e})"),
    (r"reading \.xlsx needs python-calamine: pip install python-calamine",
     "læsning af .xlsx kræver python-calamine: pip install python-calamine"),
    (r"(?P<f>.+) is not a readable spreadsheet \((?P<e>.+)\)", "{f} er ikke et regneark, der kan læses ({e})"),
    (r"(?P<f>.+) has no sheets", "{f} har ingen ark"),
    (r"(?P<f>.+) has no sheet (?P<s>.+) \(it has: (?P<l>.+)\)", "{f} har intet ark {s} (den har: {l})"),
    (r"(?P<f>.+) has no visible sheet; name one with --sheet \(it has: (?P<l>.+)\)",
     "{f} har intet synligt ark; angiv et med --sheet (den har: {l})"),
    (r"GOALTRACK_STATBANK_URL (?P<u>.+) is not an http:// or https:// address",
     "GOALTRACK_STATBANK_URL {u} er ikke en http://- eller https://-adresse"),
    (r"no StatBank query in the catalogue \(add a 'statbank:' entry to the goal; see README, 'Fetching from "
     r"Statistics Denmark'\)", "ingen StatBank-forespørgsel i kataloget (tilføj en 'statbank:'-post til målet; se "
     "README, 'Fetching from Statistics Denmark')"),
    (r"no goal in the catalogue names a StatBank query \(add a 'statbank:' entry to a goal; see README, 'Fetching "
     r"from Statistics Denmark'\)", "intet mål i kataloget nævner en StatBank-forespørgsel (tilføj en 'statbank:'-post "
     "til et mål; se README, 'Fetching from Statistics Denmark')"),
    (r"Statistics Denmark refused the query of (?P<s_w>.+?): (?P<why>.+)",
     "Danmarks Statistik afviste forespørgslen om {s_w}: {why}"),
    (r"Statistics Denmark did not answer the query of (?P<s_w>.+) within (?P<t>\S+) s \((?P<u>.+)\)",
     "Danmarks Statistik svarede ikke på forespørgslen om {s_w} inden for {t} s ({u})"),
    (r"Statistics Denmark at (?P<u>\S+) gave (?P<s_w>.+) an answer that is not HTTP \((?P<e>\w+)\)",
     "Danmarks Statistik på {u} gav {s_w} et svar, der ikke er HTTP ({e})"),
    (r"cannot reach Statistics Denmark at (?P<u>\S+) for (?P<s_w>.+?): (?P<why>.+)",
     "kan ikke nå Danmarks Statistik på {u} for {s_w}: {why}"),
    (r"the answer to (?P<s_w>.+) is larger than (?P<n_n>[\d,]+) bytes: narrow the query",
     "svaret på {s_w} er større end {n_n} byte: indsnævr forespørgslen"),
    (r"the answer to (?P<s_w>.+) is not a JSON-stat table", "svaret på {s_w} er ikke en JSON-stat-tabel"),
    (r"table (?P<t>.+) must be a StatBank table id \(letters and digits, such as FOLK1AM\)",
     "table {t} skal være et StatBank-tabel-id (bogstaver og cifre, fx FOLK1AM)"),
    (r"variables must be a mapping of at most (?P<n>\d+) variable codes to their values",
     "variables skal være en samling af højst {n} variabelkoder med deres værdier"),
    (r"variable (?P<v>.+) must be a StatBank variable code \(such as OMRÅDE or Tid\)",
     "variablen {v} skal være en StatBank-variabelkode (fx OMRÅDE eller Tid)"),
    (r"values must be 1 to (?P<n>\d+) codes such as '000', '101' or '\*', not (?P<v>.+)",
     "værdierne skal være 1 til {n} koder som '000', '101' eller '*', ikke {v}"),
    (r"value (?P<v>.+) must be a contents code \(letters and digits\)", "value {v} skal være en indholdskode (bogstaver og cifre)"),
]
