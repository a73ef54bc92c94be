"""Small pieces of status.py whose defaults decide a word a reader sees (mutation testing found them
unguarded): the nation is "Denmark" in English unless a language is asked for."""

from __future__ import annotations

from goaltrack.judging.status import THE_NATION, Place
from goaltrack.present.formats import status_json


def test_the_nation_is_named_in_english_by_default():
    assert THE_NATION.label() == "Denmark (DK)"
    assert THE_NATION.label("da") == "Danmark (DK)"
    assert Place("101", "København", "municipality").label() == "København (101)"


def test_status_json_names_the_scope_in_english_by_default():
    assert status_json([], 2026, THE_NATION) == {"as_of": 2026, "known_at": None, "scope": "DK", "scope_name": "Denmark",
                                                 "summary": [], "goals": []}
    assert status_json([], 2026, THE_NATION, "da")["scope_name"] == "Danmark"
    assert status_json([], 2026, None)["scope_name"] is None
