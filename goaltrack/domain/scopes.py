"""Scopes by name or by code, as analysts write them: one resolver for every command and the importer.

"København", "Københavns Kommune", "KØBENHAVN", "101" and "0101" are all scope 101; "Region
Hovedstaden" and "Hovedstaden" are 1084; "Hele landet", "Danmark", "Denmark" and "DK" are the nation.
An unknown name is refused with the closest names ("did you mean …?"). Pure: no database here.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from goaltrack.domain.units import ascii_digits
from goaltrack.errors import GoaltrackError

_CODE_AND_NAME = re.compile(r"([0-9]{3,4}) +(\S.*)")  # StatBank's label: "101 København"

NATION_NAMES = ("hele landet", "danmark", "denmark", "dk", "landet i alt")
# A total of the rows around it: all Denmark in a national table, the sum of two municipalities in
# another. goaltrack cannot tell which, so it is refused, never stored as the nation.
SUBTOTALS = ("i alt", "alt", "total", "totalt", "sum", "alle", "all")
_SUFFIXES = (" regionskommune", " kommune", " municipality")
_PREFIXES = ("region ",)


def normalise(text: str) -> str:
    """A name folded for comparison: NFC, any case, single spaces, no surrounding quotes."""
    text = unicodedata.normalize("NFC", text).strip().strip('"').strip()
    return " ".join(text.split()).casefold()


def _variants(name: str) -> list[str]:
    """The forms a name is written in: as is, without "Kommune"/"Region", without a genitive s."""
    key = normalise(name)
    out = [key]
    for suffix in _SUFFIXES:
        if key.endswith(suffix):
            stem = key[: -len(suffix)].strip()
            out.append(stem)
            if stem.endswith("s"):
                out.append(stem[:-1])  # "Københavns Kommune" → københavn
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            out.append(key[len(prefix):].strip())
    return out


class ScopeNames:
    """Resolves what a user wrote to a scope code."""

    def __init__(self, scopes: Iterable[tuple[str, str]], nation: str = "DK"):
        self.codes: dict[str, str] = {}  # folded code -> code
        self.names: dict[str, str] = {}  # folded name or variant -> code
        self.shown: dict[str, str] = {}  # folded name -> the name as the catalogue writes it
        self.nation = nation
        for code, name in scopes:
            self.codes[code.casefold()] = code
            if ascii_digits(code):
                self.codes[str(int(code))] = code
            for variant in _variants(name):
                self.names.setdefault(variant, code)
            self.shown[normalise(name)] = name
        for name in NATION_NAMES:
            self.names.setdefault(name, nation)
        self.cache: dict[str, str | None] = {}

    def find(self, text: str) -> str | None:
        """The code for ``text``, or None."""
        try:
            return self.cache[text]
        except KeyError:
            pass
        found = self._find(text)
        if len(self.cache) < 100_000:
            self.cache[text] = found
        return found

    def _find(self, text: str) -> str | None:
        key = normalise(text)
        if not key:
            return None
        if key in self.codes:
            return self.codes[key]
        if ascii_digits(key):
            return self._statbank_code(key)
        labelled = _CODE_AND_NAME.fullmatch(key)  # StatBank's "101 København": the code, and its name agreeing
        if labelled is not None:
            code, named = self._find(labelled[1]), self._find(labelled[2])
            return code if code is not None and named in (None, code) else None
        for variant in _variants(key):
            if variant in self.names:
                return self.names[variant]
        return None

    def _statbank_code(self, key: str) -> str | None:
        """A code as digits: 0101 is 101; StatBank's 000 is all of Denmark and 081–085 its regions
        (1081–1085 here)."""
        if int(key) == 0:
            return self.nation
        if len(key) == 3 and key.startswith("08") and f"1{key}" in self.codes:
            return self.codes[f"1{key}"]
        return self.codes.get(str(int(key)))

    def resolve(self, text: str) -> str:
        """The code for ``text``; an unknown one is a GoaltrackError naming the closest scopes."""
        found = self.find(text)
        if found is None:
            raise GoaltrackError(self.unknown(text))
        return found

    def unknown(self, text: str) -> str:
        if normalise(text) in SUBTOTALS:
            return (f"{text.strip()!r} is a total of the rows it stands with, not a scope goaltrack can name: "
                    "write 'Hele landet' if it is all of Denmark, or leave the row out")
        close = difflib.get_close_matches(normalise(text), list(self.shown), n=3, cutoff=0.6)
        if close:
            hint = " or ".join(f"'{self.shown[c]}' ({self.names.get(c, '?')})" for c in close)
            return f"unknown scope {text!r} (did you mean {hint}?)"
        return f"unknown scope {text!r} (see goaltrack scopes)"
