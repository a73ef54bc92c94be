"""A goal's StatBank query (goaltrack/domain/statbank.py): what a catalogue may write, word for word at
its edges, the request it becomes, and what the API says when it refuses one."""

from __future__ import annotations

import json

import pytest

from goaltrack.domain import statbank

VALUES_MESSAGE = "{code}: values must be 1 to 200 codes such as '000', '101' or '*', not {shown}"


def test_a_good_query_is_stored_as_canonical_json():
    stored, why = statbank.query_problem({"table": "HJEM1", "variables": {"OMRÅDE": ["000", 101], "KØN": "TOT"},
                                          "value": "HJEM"})
    assert why is None
    assert stored == '{"table": "HJEM1", "variables": {"OMRÅDE": ["000", "101"], "KØN": ["TOT"]}, "value": "HJEM"}'
    assert statbank.table_of(stored) == "HJEM1"
    assert statbank.query_problem({"table": "FOLK1AM"}) == ('{"table": "FOLK1AM", "variables": {}}', None)


@pytest.mark.parametrize(("table", "ok"), [("A" * 30, True), ("A" * 31, False), ("FOLK_1", True), ("FOLK-1", False),
                                           ("", False), (None, False), (7, False)])
def test_a_table_id_is_1_to_30_letters_digits_or_underscores(table, ok):
    stored, why = statbank.query_problem({"table": table})
    assert (stored is not None, why is None) == (ok, ok)
    if not ok:
        assert why == (f"table {str(table)[:40]!r} must be a StatBank table id (letters and digits, such as "
                       "FOLK1AM)")


def test_a_long_bad_table_is_shown_cut_to_40_characters():
    assert statbank.query_problem({"table": "x" * 50 + "/"})[1] == (
        f"table {'x' * 40!r} must be a StatBank table id (letters and digits, such as FOLK1AM)")


@pytest.mark.parametrize(("variables", "ok"), [
    ({f"V{i}": "1" for i in range(20)}, True),
    ({f"V{i}": "1" for i in range(21)}, False),
    (["OMRÅDE"], False),
    ("OMRÅDE", False),
])
def test_at_most_20_variables_in_a_mapping(variables, ok):
    stored, why = statbank.query_problem({"table": "T", "variables": variables})
    assert (stored is not None) == ok
    assert why == (None if ok else "variables must be a mapping of at most 20 variable codes to their values")


@pytest.mark.parametrize(("code", "ok"), [("OMRÅDE", True), ("Tid", True), ("1A", True), ("A" * 40, True),
                                          ("A" * 41, False), ("_A", False), ("-A", False), ("A B", False),
                                          ("A-B_C", True), (7, False), ("", False)])
def test_a_variable_code_starts_with_a_letter_or_digit(code, ok):
    stored, why = statbank.query_problem({"table": "T", "variables": {code: "1"}})
    assert (stored is not None) == ok
    if not ok:
        assert why == f"variable {str(code)[:40]!r} must be a StatBank variable code (such as OMRÅDE or Tid)"


@pytest.mark.parametrize(("values", "shown"), [
    ([], "'[]'"),
    (["0 0"], "'0 0'"),
    ([True], "'True'"),
    (["000", 1.5], "'1.5'"),
    ([None], "'None'"),
    (["x" * 41], repr("x" * 40)),
    ([str(i) for i in range(201)], repr(str([str(i) for i in range(201)])[:40])),
])
def test_values_are_1_to_200_codes(values, shown):
    assert statbank.query_problem({"table": "T", "variables": {"OMRÅDE": values}}) == (
        None, VALUES_MESSAGE.format(code="OMRÅDE", shown=shown))


@pytest.mark.parametrize("values", [[str(i) for i in range(200)], ["*"], [">=2010"], ["x" * 40], [0], ["(a).b,c+d-e<f="]])
def test_values_at_their_edges_are_taken(values):
    stored, why = statbank.query_problem({"table": "T", "variables": {"Tid": values}})
    assert why is None and json.loads(stored)["variables"]["Tid"] == [str(v) for v in values]


@pytest.mark.parametrize("value", ["", "a b", 7, "A" * 41, "_X"])
def test_a_value_is_a_contents_code(value):
    assert statbank.query_problem({"table": "T", "value": value}) == (
        None, f"value {str(value)[:40]!r} must be a contents code (letters and digits)")


def test_a_request_asks_json_stat_with_codes_and_every_year_unless_named():
    body = statbank.request_body(statbank.query_problem({"table": "HJEM1", "variables": {"OMRÅDE": ["000"]},
                                                         "value": "HJEM"})[0])
    assert body == {"table": "HJEM1", "format": "JSONSTAT", "lang": "da", "valuePresentation": "Code",
                    "variables": [{"code": "OMRÅDE", "values": ["000"]}, {"code": "Tid", "values": ["*"]},
                                  {"code": "ContentsCode", "values": ["HJEM"]}]}
    for time in ("Tid", "TID", "tid"):
        named = statbank.request_body(statbank.query_problem({"table": "T", "variables": {time: ["2011"]}})[0], "en")
        assert named["lang"] == "en"
        assert named["variables"] == [{"code": time, "values": ["2011"]}]
    other = statbank.request_body(statbank.query_problem({"table": "T", "variables": {"TIDSPUNKT": ["1"]}})[0])
    assert other["variables"][-1] == {"code": "Tid", "values": ["*"]}


@pytest.mark.parametrize(("body", "said"), [
    (b'{"errorTypeCode": "TABLE-NOTFOUND", "message": "Tabellen blev ikke fundet"}',
     "TABLE-NOTFOUND: Tabellen blev ikke fundet"),
    ('\ufeff{"errorTypeCode": " X ", "message": " Ærgerligt "}'.encode(), "X: Ærgerligt"),
    (b'{"message": "only the message"}', "only the message"),
    (b'{"errorTypeCode": "ONLY-CODE"}', "ONLY-CODE"),
    (b'{"errorTypeCode": 404, "message": null}', "404"),
    (b'{"errorTypeCode": "", "message": ""}', None),
    (b'{"message": "' + b"m" * 400 + b'"}', "m" * 300),
    (b'{"table": "HJEM1"}', None),
    (b"[1, 2]", None),
    (b'["message", "errorTypeCode"]', None),  # the words, but not an object
    (b'"the message"', None),
    (b"<html>busy</html>", None),
    (b'{"message": "\xff"}', None),
    (b"", None),
])
def test_what_the_api_said_when_it_refused(body, said):
    assert statbank.refusal(body) == said
