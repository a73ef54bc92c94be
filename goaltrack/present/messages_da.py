"""Danish for the library's English messages: an ordered table of patterns, applied where a message is printed.

The library raises ``GoaltrackError`` with English text (a notebook user reads it as it is); the CLI
prints it in Danish with ``--lang da`` by ``danish(line)``. A line is translated part by part:
"PLACE: message" (a file and line, a goal, a JSON file's record), the place kept or named in Danish
and the message matched whole by a pattern of ``MESSAGES``; else the line matched whole; else its
parts ("A: B", "A; B"), each on its own. Goal ids, file names, values and codes are kept as written.
A message no pattern knows stays English: a missing pattern never fails a command.

In a template a group is copied as matched, except ``m_…`` (a message part, translated by the same
table), ``s_…`` (a subject such as "goal 'x': baseline", by ``SUBJECTS``), ``n_…`` (a count written
1,000, written 1.000) and ``w_…`` (a word of ``WORDS``: a unit, a direction).
"""

from __future__ import annotations

import re
from functools import lru_cache

from goaltrack.present.messages_da_input import CATALOGUE, INGEST, Template


def _near(listed: str) -> str:
    """The neighbours a plausibility check names: "5 in 2013, 6 in 2015" → "5 i 2013, 6 i 2015"."""
    return re.sub(r"(\S+) in (\d{4})", r"\1 i \2", listed)


WORDS = {"percent": "procent", "persons": "personer", "count": "antal", "years": "år", "score": "point",
         "rate": "pr. 100.000 indbyggere", "increase": "stige", "decrease": "falde"}

# Subjects: what a catalogue check names ("goal 'x'", "the baseline of goal 'x'", "goal 'x': target").
SUBJECTS: list[tuple[str, Template]] = [
    (r"a goal", "et mål"), (r"goal '(?P<id>[^']*)'", "mål '{id}'"), (r"a scope", "et område"),
    (r"the baseline of (?P<s_w>.+)", "udgangspunktet for {s_w}"),
    (r"the target of (?P<s_w>.+)", "målsætningen for {s_w}"), (r"the title of (?P<s_w>.+)", "titlen på {s_w}"),
    (r"a measurement of (?P<s_w>.+)", "et tal for {s_w}"), (r"a break of (?P<s_w>.+)", "et databrud for {s_w}"),
    (r"the statbank query of (?P<s_w>.+)", "StatBank-forespørgslen for {s_w}"),
    (r"the first release of (?P<s_w>.+) (?P<year>\d+)", "den første udgivelse af {s_w} fra {year}"),
    (r"the catalogue", "kataloget"), (r"the catalogue's population", "katalogets befolkning"),
    (r"the name of scope (?P<code>.+)", "navnet på område {code}"),
    (r"baseline", "udgangspunkt"), (r"target", "målsætning"), (r"title", "titel"), (r"English title", "engelsk titel"),
    (r"Danish title", "dansk titel"), (r"short English title", "kort engelsk titel"),
    (r"short Danish title", "kort dansk titel"), (r"measurement", "tal"), (r"source", "kilde"), (r"note", "bemærkning"),
    (r"break", "databrud"), (r"break baseline", "databruddets udgangspunkt"), (r"first release", "første udgivelse"),
    (r"first release source", "kilden til første udgivelse"), (r"statbank", "statbank"),
    (r"the source", "kilden"), (r"the note", "bemærkningen"), (r"the publication date", "offentliggørelsesdatoen"),
    (r"publication date", "offentliggørelsesdato"), (r"published", "offentliggjort"), (r"date", "dato"),
    (r"record (?P<n>\d+)", "post {n}"), (r"cell (?P<n>\d+)", "celle {n}"), (r"line (?P<n>\d+)", "linje {n}"),
    (r"(?P<named>.+) \(cell (?P<n>\d+)\)", "{named} (celle {n})"),
    (r"(?P<file>.+) dataset (?P<name>'[^']*')", "{file} datasæt {name}"),
    (r"StatBank table (?P<t>.+)", "StatBank-tabel {t}"), (r"the answer to (?P<s_w>.+)", "svaret på {s_w}"),
    (r"(?P<goal>\S+) \(table (?P<t>[^)]+)\)", "{goal} (tabel {t})"),
    (r"(?P<file>.+) \(sheet (?P<sheet>'.*')\)", "{file} (ark {sheet})"),
    (r"(?P<file>.+): xlsx", "{file}: xlsx"),
]

_OS = [  # an operating system's reasons (strerror), as Python gives them
    (r"No such file or directory", "filen eller mappen findes ikke"), (r"Permission denied", "adgang nægtet"),
    (r"Is a directory", "det er en mappe"), (r"Not a directory", "det er ikke en mappe"),
    (r"File exists", "filen findes allerede"), (r"Read-only file system", "skrivebeskyttet filsystem"),
    (r"No space left on device", "ingen plads tilbage på enheden"), (r"File name too long", "filnavnet er for langt"),
    (r"it is a folder", "det er en mappe"), (r"it is a symbolic link", "det er et symbolsk link"),
]

VALUE = r"(?P<v>(?:(?!: ).)+)"  # a value at the front of a message: never "PLACE: value"
_UNITS = [  # goaltrack.domain.units, figure, flags, plausible: why a value, year, text or date is refused
    (r"value (?P<v>.+) must be a contents code \(letters and digits\)", "value {v} skal være en indholdskode (bogstaver og cifre)"),
    (r"value (?P<m_v>.+)", "værdien {m_v}"),
    (VALUE + r" is not a finite number", "{v} er ikke et endeligt tal"),
    (r"(?P<v>\S+) is too close to zero to be a figure; write 0 for none",
     "{v} er for tæt på nul til at være et tal; skriv 0 for ingen"),
    (r"(?P<v>\S+) is below (?P<low>\S+), the least a (?P<w_u>\w+) value can be",
     "{v} er under {low}, det mindste en værdi i {w_u} kan være"),
    (r"(?P<v>\S+) is above (?P<high>\S+), the most a (?P<w_u>\w+) value can be",
     "{v} er over {high}, det højeste en værdi i {w_u} kan være"),
    (r"(?P<v>\S+) is not a whole number of (?P<w_u>\w+)", "{v} er ikke et helt antal {w_u}"),
    (VALUE + r" is too large: a figure's size must stay below (?P<n_max>[\d,]+)",
     "{v} er for stor: et tal skal være mindre end {n_max}"),
    (VALUE + r" is too long: a figure has at most (?P<n_n>[\d,]+) characters", "{v} er for lang: et tal har højst {n_n} tegn"),
    (VALUE + r" is ambiguous: Danish for (?P<d>\S+), English for (?P<e>\S+); write (?P=d) or (?P=e)",
     "{v} er tvetydig: dansk for {d}, engelsk for {e}; skriv {d} eller {e}"),
    (VALUE + r" is Danish for (?P<d>\S+), with a point before each thousand; write (?P=d)",
     "{v} er dansk for {d} med punktum før hvert tusind; skriv {d}"),
    (VALUE + r" is not a number \(write 5290, 5\.7 or 5,7\)", "{v} er ikke et tal (skriv 5290, 5.7 eller 5,7)"),
    (VALUE + r" is not a year \(write four digits, e\.g\. 2019\)", "{v} er ikke et årstal (skriv fire cifre, fx 2019)"),
    (r"year (?P<y>-?\d+) is outside (?P<a>\d+)\.\.(?P<b>\d+)", "året {y} ligger uden for {a}..{b}"),
    (r"year (?P<v>.+) is not a whole year", "året {v} er ikke et helt årstal"),
    (r"(?P<s_w>.+) is (?P<n_n>[\d,]+) characters long; at most (?P<n_max>[\d,]+) are allowed",
     "{s_w} er {n_n} tegn lang; højst {n_max} er tilladt"),
    (r"(?P<s_w>.+) holds the control character (?P<c>\S+)(?P<m_name> \(a .+\))?, which is not allowed in it",
     lambda g: f"{g['s_w']} indeholder kontroltegnet {g['c']}{g['m_name'] or ''}, som ikke er tilladt der"),
    (r" \(a line break\)", " (et linjeskift)"), (r" \(a tab\)", " (en tabulator)"),
    (r" \(a carriage return\)", " (en vognretur)"),
    (r"flag (?P<f>.+) is not one of P \(provisional\), E \(estimated\), B \(break in series\), D \(definition "
     r"differs\), U \(low reliability\)",
     "markeringen {f} er ikke en af P (foreløbig), E (skønnet), B (databrud), D (afvigende definition), U (usikker)"),
    (r"published (?P<d>[\d-]+) is before (?P<y>\d+), the year the figure is for",
     "offentliggjort {d} ligger før {y}, det år tallet gælder"),
    (r"(?P<s_w>.+) (?P<d>'[^']*') is not a date \(YYYY-MM-DD\)", "{s_w} {d} er ikke en dato (ÅÅÅÅ-MM-DD)"),
    (r"(?P<s_w>.+) (?P<d>\d{4}-\d\d-\d\d) is in the future \(today is (?P<t>[\d-]+)\)",
     "{s_w} {d} ligger i fremtiden (i dag er {t})"),
    (r"(?P<s_w>.+) (?P<d>\d{4}-\d\d-\d\d) is before 1900", "{s_w} {d} ligger før 1900"),
    (r"(?P<v>\S+) is far out of line with the figures beside it \((?P<near>.+)\); check the figure, or use "
     r"--force to record it anyway",
     lambda g: f"{g['v']} ligger langt fra tallene ved siden af ({_near(g['near'])}); tjek tallet, eller brug "
               "--force for at registrere det alligevel"),
    (r"(?P<v>'[^']*'): a decimal comma needs a semicolon-separated file; write a point here",
     "{v}: et decimalkomma kræver en fil med semikolon mellem felterne; skriv punktum her"),
    (VALUE + r" is not a number", "{v} er ikke et tal"),
]

_LOOKUP = [  # goaltrack.storage: goals, sets, scopes, figures; goaltrack.domain.scopes
    (r"unknown goal (?P<g>'[^']*') \(did you mean (?P<c>'[^']*')\?\)", "ukendt mål {g} (mente du {c}?)"),
    (r"unknown goal (?P<g>'[^']*') \(see goaltrack goals\)", "ukendt mål {g} (se goaltrack goals)"),
    (r"unknown goal set (?P<s>'[^']*') \(known: (?P<k>.*)\)",
     lambda g: f"ukendt målsæt {g['s']} (kendte: {'ingen' if g['k'] == 'none' else g['k']})"),
    (r"goal (?P<g>'[^']*') is in (?P<n>\d+) sets: (?P<l>.+); name one as SET/ID",
     "målet {g} findes i {n} målsæt: {l}; angiv ét som SÆT/ID"),
    (r"goal (?P<g>'[^']*') is in (?P<n>\d+) sets: (?P<l>.+); write SET/ID", "målet {g} findes i {n} målsæt: {l}; skriv SÆT/ID"),
    (r"goal (?P<g>'[^']*') is not in set (?P<s>\S+) \(it is: (?P<l>.+)\)", "målet {g} er ikke i målsættet {s} (det er: {l})"),
    (r"goal (?P<g>'[^']*') is archived \(it was left out of the catalogue\)",
     "målet {g} er arkiveret (det blev udeladt af kataloget)"),
    (r"unknown scope (?P<s>.+) \(did you mean (?P<c>.+)\?\)",
     lambda g: f"ukendt område {g['s']} (mente du {g['c'].replace(' or ', ' eller ')}?)"),
    (r"unknown scope (?P<s>.+) \(see goaltrack scopes\)", "ukendt område {s} (se goaltrack scopes)"),
    (r"(?P<s>.+) is a total of the rows it stands with, not a scope goaltrack can name: write 'Hele landet' if it "
     r"is all of Denmark, or leave the row out",
     "{s} er en sum af rækkerne omkring den, ikke et område goaltrack kan navngive: skriv 'Hele landet', hvis det "
     "er hele Danmark, eller udelad rækken"),
    (r"(?P<g>\S+) already has (?P<v>\S+) for (?P<s>\S+) (?P<y>\d+)(?: \(source: (?P<src>.*)\))?; use --replace with "
     r"--source to correct it to (?P<new>\S+)",
     lambda g: f"{g['g']} har allerede {g['v']} for {g['s']} {g['y']}"
               + (f" (kilde: {g['src']})" if g['src'] is not None else "")
               + f"; brug --replace med --source for at rette det til {g['new']}"),
    (r"a revised figure needs its source: (?P<f>.+); add --source TEXT",
     "et revideret tal skal have sin kilde: {f}; tilføj --source TEKST"),
    (r"(?P<g>\S+) has no current figure for (?P<s>\S+) (?P<y>\d+) \(see goaltrack history (?P=g)\)",
     "{g} har intet gældende tal for {s} {y} (se goaltrack history {g})"),
    (r"--region (?P<r>.+): (?P<name>.+) \((?P<code>[^)]+)\) is not a region", "--region {r}: {name} ({code}) er ikke en region"),
]


_STORAGE = [  # goaltrack.storage.database: URLs, drivers, revisions, rights
    (r"not a database URL: (?P<u>.+) \(try sqlite:///path/to/file\.db\)", "ikke en database-URL: {u} (prøv sqlite:///sti/til/fil.db)"),
    (r"cannot use database (?P<u>\S+): the folder (?P<f>.+) (?P<w>is a file, not a folder|does not exist) \(goaltrack "
     r"creates only its default data folder\)",
     lambda g: f"kan ikke bruge databasen {g['u']}: mappen {g['f']} "
               + ("er en fil, ikke en mappe" if g["w"].startswith("is") else "findes ikke")
               + " (goaltrack opretter kun sin egen standardmappe)"),
    (r"cannot use database (?P<u>\S+): (?P<m_why>.+)", "kan ikke bruge databasen {u}: {m_why}"),
    (r"no driver for (?P<d>\S+) \(for PostgreSQL: pip install 'goaltrack\[postgres\]'\)",
     "ingen driver til {d} (til PostgreSQL: pip install 'goaltrack[postgres]')"),
    (r"the database driver (?P<d>\S+) is not installed \(for PostgreSQL: pip install 'goaltrack\[postgres\]'\)",
     "databasedriveren {d} er ikke installeret (til PostgreSQL: pip install 'goaltrack[postgres]')"),
    (r"cannot create the database folder for (?P<u>\S+): (?P<m_why>.+)", "kan ikke oprette databasemappen til {u}: {m_why}"),
    (r"(?P<d>.+) is read-only for you \(you may not write the file or its folder\): goaltrack can show what it holds, "
     r"but not change it", "{d} er skrivebeskyttet for dig (du må ikke skrive i filen eller dens mappe): goaltrack kan "
     "vise, hvad den indeholder, men ikke ændre den"),
    (r"(?P<d>.+) is not a goaltrack database \(it holds other tables: (?P<t>.+)\); nothing was written",
     "{d} er ikke en goaltrack-database (den indeholder andre tabeller: {t}); intet blev skrevet"),
    (r"(?P<d>.+) is at schema revision (?P<b>\S+) and needs (?P<h>\S+); you may only read it, so its owner must run "
     r"goaltrack db upgrade", lambda g: f"{g['d']} har skemarevision {'ingen' if g['b'] == 'none' else g['b']} og "
     f"kræver {g['h']}; du må kun læse den, så dens ejer skal køre goaltrack db upgrade"),
    (r"the database is at schema revision (?P<b>\S+), which this goaltrack does not know \(newest: (?P<h>\S+)\); "
     r"upgrade goaltrack", "databasen har skemarevision {b}, som denne goaltrack ikke kender (nyeste: {h}); opgradér goaltrack"),
    (r"database is locked", "databasen er låst"),
    (r"unexpected (?P<t>\w+): (?P<e>.*) \(set GOALTRACK_DEBUG=1 to see where; please report it\)",
     "uventet {t}: {e} (sæt GOALTRACK_DEBUG=1 for at se hvor; meld det gerne)"),
]

_OUTPUT = [  # goaltrack.present.outputs, spreadsheet, charts; goaltrack.site: files and folders written
    (r"cannot write charts to (?P<f>.+): it is a file, not a folder", "kan ikke skrive grafer til {f}: det er en fil, ikke en mappe"),
    (r"cannot write a site to (?P<f>.+): it is a file, not a folder", "kan ikke skrive et websted til {f}: det er en fil, ikke en mappe"),
    (r"cannot write (?P<f>.+?): something that is not a file is in the way",
     "kan ikke skrive {f}: noget, der ikke er en fil, står i vejen"),
    (r"cannot write (?P<f>.+?): (?P<m_why>.+)", "kan ikke skrive {f}: {m_why}"),
    (r"cannot create the folder (?P<f>.+?): (?P<m_why>.+)", "kan ikke oprette mappen {f}: {m_why}"),
    (r"cannot create a folder beside (?P<f>.+?): (?P<m_why>.+)", "kan ikke oprette en mappe ved siden af {f}: {m_why}"),
    (r"cannot move the new site into (?P<f>.+?): (?P<m_why>.+)", "kan ikke flytte det nye websted til {f}: {m_why}"),
    (r"refusing to write (?P<n>.+): the file would land outside (?P<f>.+)", "nægter at skrive {n}: filen ville havne uden for {f}"),
    (r"two charts would be written to (?P<p>.+): rename the goal (?P<g>'[^']*') in the catalogue",
     "to grafer ville blive skrevet til {p}: omdøb målet {g} i kataloget"),
    (r"two pages would be written to (?P<p>.+) \((?P<o>.+) too\): rename one of the scopes or goals",
     "to sider ville blive skrevet til {p} ({o} også): omdøb et af områderne eller målene"),
    (r"(?P<p>.+) is a symbolic link(?: \(and (?P<n>\d+) more\))?; goaltrack never writes through a link \((?P<h>remove "
     r"it(?:, or use --force to replace the link itself)?)\)",
     lambda g: f"{g['p']} er et symbolsk link" + (f" (og {g['n']} mere)" if g["n"] else "")
               + "; goaltrack skriver aldrig gennem et link (fjern det"
               + (", eller brug --force for at erstatte selve linket)" if "force" in g["h"] else ")")),
    (r"(?P<p>.+) is a symbolic link; goaltrack never writes through a link", "{p} er et symbolsk link; goaltrack skriver "
     "aldrig gennem et link"),
    (r"(?P<p>.+) was not written by goaltrack, or was changed since(?: \(and (?P<n>\d+) more\))?; choose another "
     r"(?P<w>\S+) folder, or use --force to overwrite",
     lambda g: f"{g['p']} blev ikke skrevet af goaltrack, eller er ændret siden" + (f" (og {g['n']} mere)" if g["n"]
                                                                                   else "")
               + f"; vælg en anden {g['w']}-mappe, eller brug --force for at overskrive"),
    (r"(?P<o>.+) holds (?P<f>.+), which goaltrack did not write there \(or which changed since\); choose another "
     r"--out folder, or use --force to replace the whole folder", "{o} indeholder {f}, som goaltrack ikke skrev der "
     "(eller som er ændret siden); vælg en anden --out-mappe, eller brug --force for at erstatte hele mappen"),
    (r"(?P<p>.+) is (?P<w>larger than 16 MB|not a regular file), not goaltrack's list of the files it wrote; remove it",
     lambda g: f"{g['p']} er " + ("større end 16 MB" if g["w"].startswith("larger") else "ikke en almindelig fil")
               + ", ikke goaltracks liste over de filer, den skrev; fjern den"),
    (r"(?P<m_why>.+); remove it", "{m_why}; fjern den"),
    (r"no goal has figures for (?P<p>.+) yet; nothing was drawn \(goaltrack chart --all draws every goal\)",
     lambda g: "intet mål har tal for " + ("sit målsæt" if g["p"] == "its set" else g["p"])
               + " endnu; intet blev tegnet (goaltrack chart --all tegner alle mål)"),
]

_CLICK = [  # click's own usage errors, and the options' refusals (exit 2)
    (r"Invalid value for (?P<p>'[^']*'(?: / '[^']*')*|\S+): (?P<m_why>.+)", "Ugyldig værdi for {p}: {m_why}"),
    (r"Missing option (?P<p>'[^']*')\.", "Tilvalget {p} mangler."),
    (r"Missing argument (?P<p>'[^']*')\.", "Argumentet {p} mangler."),
    (r"Missing parameter: (?P<p>.+)", "Parameteren mangler: {p}"),
    (r"No such option (?P<o>'[^']*')\.(?: Did you mean (?P<d>'[^']*')\?| \(Did you mean one of: (?P<l>.+)\?\))?",
     lambda g: f"Intet tilvalg ved navn {g['o']}." + (f" Mente du {g['d']}?" if g["d"] else
                                                       f" (Mente du en af: {g['l']}?)" if g["l"] else "")),
    (r"No such option: (?P<o>\S+)(?P<h> \(Possible options: .+\)| Did you mean (?P<d>\S+)\?)?",
     lambda g: f"Intet tilvalg ved navn {g['o']}" + (f" Mente du {g['d']}?" if g["d"] else
                                                      g["h"].replace("Possible options", "Mulige tilvalg") if g["h"] else "")),
    (r"No such command (?P<c>'[^']*')\.", "Ingen kommando ved navn {c}."),
    (r"Got unexpected extra arguments? \((?P<a>.+)\)", "Fik uventede ekstra argumenter ({a})"),
    (r"Option (?P<o>'[^']*') requires an argument\.", "Tilvalget {o} kræver et argument."),
    (r"Option (?P<o>'[^']*') does not take a value\.", "Tilvalget {o} tager ingen værdi."),
    (r"(?P<v>'[^']*') is not one of (?P<l>.+)\.", lambda g: f"{g['v']} er ikke en af {g['l'].replace(' or ', ' eller ')}."),
    (r"(?P<v>.+) is not in the range (?P<r>\S+?)\.?", "{v} er ikke inden for {r}."),
    (r"(?P<v>'[^']*') is not a valid (?P<w>integer|float)( range)?\.",
     lambda g: f"{g['v']} er ikke et gyldigt {'heltal' if g['w'] == 'integer' else 'decimaltal'}."),
    (r"(?P<w>File|Directory|Path) (?P<p>'.*') is a directory\.", "{p} er en mappe."),
    (r"(?P<w>File|Directory|Path) (?P<p>'.*') is a file\.", "{p} er en fil."),
    (r"(?P<w>File|Directory|Path) (?P<p>'.*') does not exist\.", "{p} findes ikke."),
    (r"(?P<w>File|Directory|Path) (?P<p>'.*') is not (?:readable|writable)\.", "{p} kan ikke bruges: adgang nægtet."),
    (r"--format xlsx writes a workbook: name it with --output FILE", "--format xlsx skriver en projektmappe: navngiv den med --output FIL"),
    (r"--excel-da is for --format csv", "--excel-da er til --format csv"),
    (r"name one or more goals, or use --all, --scope or --set", "nævn et eller flere mål, eller brug --all, --scope eller --set"),
    (r"(?P<u>[\d-]+) is before --since (?P<s>[\d-]+)", "{u} ligger før --since {s}"),
]

_SAID = [  # the lines fetch and site say on stderr (their commands build them in English)
    (r"(?P<w>Would record|Recorded) (?P<g>\S+) from table (?P<t>\S+)(?:, updated (?P<u>[^:]+))?: (?P<n_n>[\d,]+) "
     r"figures?; (?P<n_a>[\d,]+) new, (?P<n_b>[\d,]+) revised, (?P<n_c>[\d,]+) unchanged(?:, (?P<n_d>[\d,]+) with a new "
     r"source or flag)?(?: \((?P<n_e>[\d,]+) cells? withheld\))?(?P<dry> \(dry run: nothing written\))?\.",
     lambda g: ("Ville registrere " if g["w"] == "Would record" else "Registrerede ") + f"{g['g']} fra tabel {g['t']}"
               + (f", opdateret {g['u']}" if g["u"] else "") + f": {g['n_n']} tal; {g['n_a']} nye, {g['n_b']} revideret, "
               f"{g['n_c']} uændrede" + (f", {g['n_d']} med ny kilde eller markering" if g["n_d"] else "")
               + (f" ({g['n_e']} {'celle' if g['n_e'] == '1' else 'celler'} udeladt)" if g["n_e"] else "")
               + (" (prøvekørsel: intet skrevet)." if g["dry"] else ".")),
    (r"Wrote (?P<n_p>[\d,]+) pages? and (?P<n_c>[\d,]+) charts? to (?P<o>.+)\.",
     lambda g: f"Skrev {g['n_p']} {'side' if g['n_p'] == '1' else 'sider'} og {g['n_c']} "
               f"{'graf' if g['n_c'] == '1' else 'grafer'} til {g['o']}."),
    (r"Wrote (?P<o>.+)\.", "Skrev {o}."),
]

# Where a message is: a file and line, a goal id, "goal scope year", anything without a space.
_PLACE = re.compile(r"\S+|.+:\d+|\S+ \S+ \d{4}")
_EARLY = [(r"the goal is missing", "målet mangler")]
MAX_PLACES = 6  # "file:line: goal 'x': baseline: …": the ": " a message may have before its words  # before "{what} is missing" of the catalogue


def _literal(pattern: str) -> str:
    """The longest run of plain text every match of ``pattern`` holds, to try a pattern only where it
    can match; "" where there is none (an alternation at the top)."""
    best, run, depth, i = "", "", 0, 0
    while i < len(pattern):
        c, i = pattern[i], i + 1
        if c == "\\":
            c, i = pattern[i], i + 1
            if depth == 0 and not c.isalnum():
                run += c
                continue
            best, run = max(best, run, key=len), ""
        elif c == "[":
            i = pattern.index("]", i + 1) + 1
            best, run = max(best, run, key=len), ""
        elif c in "()":
            depth += 1 if c == "(" else -1
            best, run = max(best, run, key=len), ""
        elif depth == 0 and c == "|":
            return ""
        elif depth == 0 and c in "?*{":
            best, run = max(best, run[:-1], key=len), ""
            i = pattern.index("}", i) + 1 if c == "{" else i
        elif depth == 0 and c in ".+^$":
            best, run = max(best, run, key=len), ""
        elif depth == 0:
            run += c
    return max(best, run, key=len)


def _compiled(table: list[tuple[str, Template]]) -> list[tuple[str, re.Pattern, Template]]:
    return [(_literal(pattern), re.compile(pattern, re.DOTALL), template) for pattern, template in table]


MESSAGES = _compiled(_CLICK + _EARLY + CATALOGUE + INGEST + _STORAGE + _OUTPUT + _LOOKUP + _UNITS + _OS + _SAID)
_SUBJECTS = _compiled(SUBJECTS)


def danish(line: str) -> str:
    """``line`` in Danish, part by part, as far as the patterns know it; its indent, file names, ids and
    values kept. A line no pattern knows is given back as it is; translating never raises."""
    body = line.lstrip(" ")
    try:
        return line[:len(line) - len(body)] + _message(body)
    except Exception:  # a fault in a template must not hide the message itself
        return line


def _fill(template: Template, found: re.Match) -> str:
    """The template with the match's groups: m_ translated as a message, s_ as a subject, n_ as a
    count (1,000 → 1.000), w_ as a word; the others as they are, a missing one as ""."""
    groups = {}
    for key, value in found.groupdict().items():
        if value is not None and key.startswith("m_"):
            value = _message(value)
        elif value is not None and key.startswith("s_"):
            value = _place(value) or value
        elif value is not None and key.startswith("n_"):
            value = value.replace(",", ".")
        elif value is not None and key.startswith("w_"):
            value = WORDS.get(value, value)
        groups[key] = "" if value is None and isinstance(template, str) else value
    return template(groups) if callable(template) else template.format(**groups)


def _whole(text: str, table: list[tuple[str, re.Pattern, Template]] = MESSAGES) -> str | None:
    """``text`` translated by the first pattern of ``table`` that matches it whole, or None."""
    for literal, pattern, template in table:
        if literal in text:
            found = pattern.fullmatch(text)
            if found is not None:
                return _fill(template, found)
    return None


@lru_cache(maxsize=4096)
def _place(text: str) -> str | None:
    """``text`` as a place or subject in Danish ("goal 'x': baseline" → "mål 'x': udgangspunkt"; a file
    and line, a goal id as they are), or None when it is neither."""
    named = _whole(text, _SUBJECTS)
    if named is not None:
        return named
    if ": " in text:
        head, _, tail = text.partition(": ")
        first, rest = _place(head), _place(tail)
        if first is not None and rest is not None:
            return f"{first}: {rest}"
    return text if _PLACE.fullmatch(text) else None


@lru_cache(maxsize=4096)
def _known(text: str) -> str | None:
    return _whole(text)


@lru_cache(maxsize=4096)
def _message(text: str) -> str:
    """A message in Danish: "PLACE: message" with the message matched whole, else the message matched
    whole, else its parts ("A: B", "A; B") each on its own; as it is where nothing matches. A place
    is looked for before the first few ": " only (a message has at most five), so that a line of a
    thousand colons costs no more than a short one."""
    start, tries = text.find(": "), 0
    while start >= 0 and tries < MAX_PLACES:
        tail = _known(text[start + 2:])
        head = _place(text[:start]) if tail is not None else None
        if head is not None:
            return f"{head}: {tail}"
        start, tries = text.find(": ", start + 1), tries + 1
    whole = _known(text)
    if whole is not None:
        return whole
    for separator in (": ", "; "):
        head, found, tail = text.partition(separator)
        if found:
            parts = (_place(head) or _message(head)) + separator + _message(tail)
            if parts != text:
                return parts
    return text
