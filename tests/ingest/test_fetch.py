"""goaltrack fetch against a local HTTP server that replays Statistics Denmark's answers (never the network):
the request sent, the figures recorded with their table, update day and flag, revisions kept as
history, and every failure (a refusal, a time-out, no server, a bad figure) one Error line with the
database as it was."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

from tests.conftest import dump
from tests.ingest.test_jsonstat import bundle

HJEM = {"table": "HJEM1", "variables": {"OMRÅDE": ["000", "101", "084"]}}
ANBR = {"table": "ANBR2", "variables": {"OMRÅDE": ["000"], "KØN": "TOT"}, "value": "BRUD"}


class Replay:
    """A local API: answers each POST with the next (status, JSON) queued for its table."""

    def __init__(self) -> None:
        self.answers: dict[str, list[tuple[int, object, float]]] = {}
        self.requests: list[tuple[str, dict]] = []
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server name)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                replay.requests.append((self.path, body))
                status, answer, delay = replay.answers[body["table"]].pop(0)
                if status is None:
                    answer(self)
                    return
                time.sleep(delay)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, table: str, answer: object, status: int = 200, delay: float = 0) -> None:
        self.answers.setdefault(table, []).append((status, answer, delay))

    def raw(self, table: str, send) -> None:
        """Answer with ``send(handler)``: whatever bytes a broken or hostile server writes."""
        self.answers.setdefault(table, []).append((None, send, 0))


@pytest.fixture
def api(monkeypatch):
    replay = Replay()
    monkeypatch.setenv("GOALTRACK_STATBANK_URL", replay.url)
    yield replay
    replay.server.shutdown()
    replay.server.server_close()


@pytest.fixture
def ready(run, db_path, seed_catalogue, tmp_path):
    """The seed catalogue with queries on two goals, synced."""
    catalogue = yaml.safe_load(seed_catalogue.read_text(encoding="utf-8"))
    for goal in catalogue["goals"]:
        if goal["id"] == "homelessness":
            goal["statbank"] = HJEM
        if goal["id"] == "placement-breakdown":
            goal["statbank"] = ANBR
    path = tmp_path / "goals.yaml"
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run("catalogue", "sync", str(path))
    return db_path


def current(run, goal: str) -> dict:
    return {(r["scope"], r["year"]): (r["value"], r["flag"], r["source"], r["published"])
            for r in run.json("history", goal, "--format", "json") if r["current"] and r["scope"] != "DK"}


HOMELESS = bundle([2100, 2150, 1100, 1050], {"084": "Region Hovedstaden", "101": "København"}, ["2022", "2023*"])
BREAKDOWN = bundle([5.2], {"000": "Hele landet"}, ["2014"])


def test_fetch_asks_each_query_and_records_table_day_and_flag(run, ready, api):
    api.answer("HJEM1", HOMELESS)
    api.answer("ANBR2", BREAKDOWN)
    out = run("fetch")
    assert [path for path, _ in api.requests] == ["/v1/data", "/v1/data"]
    assert api.requests[1][1] == {  # in catalogue order
        "table": "HJEM1", "format": "JSONSTAT", "lang": "da", "valuePresentation": "Code",
        "variables": [{"code": "OMRÅDE", "values": ["000", "101", "084"]}, {"code": "Tid", "values": ["*"]}]}
    assert api.requests[0][1]["variables"] == [
        {"code": "OMRÅDE", "values": ["000"]}, {"code": "KØN", "values": ["TOT"]},
        {"code": "Tid", "values": ["*"]}, {"code": "ContentsCode", "values": ["BRUD"]}]
    assert out.stdout.splitlines() == [
        "placement-breakdown\tDK\t2014\t5.2\tnew",
        "homelessness\t1084\t2022\t2100\tnew", "homelessness\t1084\t2023\t2150\tnew",
        "homelessness\t101\t2022\t1100\tnew", "homelessness\t101\t2023\t1050\tnew"]
    assert out.stderr.splitlines() == [
        "Recorded placement-breakdown from table ANBR2, updated 2024-02-12: 1 figure; 1 new, 0 revised, 0 unchanged.",
        "Recorded homelessness from table HJEM1, updated 2024-02-12: 4 figures; 4 new, 0 revised, 0 unchanged."]
    source = "Danmarks Statistik, HJEM1"
    assert current(run, "homelessness") == {
        ("1084", 2022): (2100, None, source, "2024-02-12"), ("1084", 2023): (2150, "P", source, "2024-02-12"),
        ("101", 2022): (1100, None, source, "2024-02-12"), ("101", 2023): (1050, "P", source, "2024-02-12")}


def test_a_revision_replaces_and_keeps_the_old_figure(run, ready, api):
    api.answer("HJEM1", HOMELESS)
    run("fetch", "homelessness")
    revised = bundle([2100, 2150, 1100, 1080], {"084": "Region Hovedstaden", "101": "København"}, ["2022", "2023"],
                     updated="2025-02-10T08:00:00Z")
    api.answer("HJEM1", revised)
    out = run("fetch", "homelessness")
    assert out.stdout == "homelessness\t101\t2023\t1080\trevised from 1050\n"
    assert out.stderr == ("Recorded homelessness from table HJEM1, updated 2025-02-10: 4 figures; 0 new, 1 revised, "
                          "2 unchanged, 1 with a new source or flag.\n")
    history = [(r["value"], r["flag"], r["published"], r["current"])
               for r in run.json("history", "homelessness", "--scope", "101", "--format", "json") if r["year"] == 2023]
    assert sorted(history) == [(1050, "P", "2024-02-12", False), (1080, None, "2025-02-10", True)]
    final = current(run, "homelessness")
    assert final[("1084", 2023)] == (2150, None, "Danmarks Statistik, HJEM1", "2025-02-10")  # final now, no longer P
    assert final[("101", 2022)] == (1100, None, "Danmarks Statistik, HJEM1", "2024-02-12")  # known since 2024


def test_an_answer_in_thousands_is_refused_and_forced_in(run, ready, api):
    """The table's stated unit is thousands: nothing of any goal is written, unless --force."""
    import copy

    from tests.ingest.test_jsonstat import _stated

    api.answer("ANBR2", BREAKDOWN)
    api.answer("HJEM1", _stated(copy.deepcopy(HOMELESS), base="1.000 personer"))
    before = dump(ready)
    assert run.fails("fetch").stderr == (
        "Error: StatBank table HJEM1: its unit is '1.000 personer': figures scaled by a power of ten (thousands, "
        "millions), not persons as homelessness is measured; ask for the table in the goal's unit (--force if the "
        "stated unit is wrong)\n")
    assert dump(ready) == before
    api.answer("HJEM1", _stated(copy.deepcopy(HOMELESS), base="1.000 personer"))
    assert "4 new" in run("fetch", "homelessness", "--force").stderr


def test_dry_run_says_what_would_change_and_writes_nothing(run, ready, api):
    api.answer("HJEM1", HOMELESS)
    before = dump(ready)
    out = run("fetch", "homelessness", "--dry-run")
    assert len(out.stdout.splitlines()) == 4
    assert out.stderr == ("Would record homelessness from table HJEM1, updated 2024-02-12: 4 figures; 4 new, "
                          "0 revised, 0 unchanged (dry run: nothing written).\n")
    assert dump(ready) == before


@pytest.mark.parametrize(("answer", "status", "message"), [
    ({"errorTypeCode": "TABLE-NOTFOUND", "message": "Tabellen blev ikke fundet"}, 400,
     "Statistics Denmark refused the query of placement-breakdown (table ANBR2): TABLE-NOTFOUND: "
     "Tabellen blev ikke fundet"),
    ({"errorTypeCode": "EXTRACT-TOOLARGE", "message": "Udtrækket er for stort"}, 200,
     "Statistics Denmark refused the query of placement-breakdown (table ANBR2): EXTRACT-TOOLARGE: "
     "Udtrækket er for stort"),
    ("<html>busy</html>", 503,
     "Statistics Denmark refused the query of placement-breakdown (table ANBR2): HTTP 503 Service Unavailable"),
    ([1, 2, 3], 200, "the answer to placement-breakdown (table ANBR2) is not a JSON-stat table"),
])
def test_a_refused_query_writes_nothing_of_any_goal(run, ready, api, answer, status, message):
    """The first goal's answer was good; the second's refusal leaves the database as it was."""
    api.answer("HJEM1", HOMELESS)
    api.answer("ANBR2", answer, status)
    before = dump(ready)
    assert run.fails("fetch").stderr == f"Error: {message}\n"
    assert dump(ready) == before


def test_a_bad_figure_in_one_answer_writes_nothing(run, ready, api):
    api.answer("HJEM1", HOMELESS)
    api.answer("ANBR2", bundle([146.0], {"000": "Hele landet"}, ["2014"]))  # a percentage of 146
    before = dump(ready)
    lines = run.fails("fetch").stderr.splitlines()
    assert lines[0] == "Error: 1 problem in StatBank table ANBR2"
    assert lines[1] == "  StatBank table ANBR2: cell 1: placement-breakdown: 146 is above 100, the most a percent value can be"
    assert dump(ready) == before


def test_a_time_out_and_no_server_are_one_line(run, ready, api, monkeypatch):
    api.answer("HJEM1", HOMELESS, delay=3)
    before = dump(ready)
    assert run.fails("fetch", "homelessness", "--timeout", "1").stderr == (
        f"Error: Statistics Denmark did not answer the query of homelessness (table HJEM1) within 1 s ({api.url})\n")
    api.server.shutdown()
    api.server.server_close()
    err = run.fails("fetch", "homelessness").stderr
    assert err.startswith(f"Error: cannot reach Statistics Denmark at {api.url} for homelessness (table HJEM1): ")
    assert len(err.splitlines()) == 1
    monkeypatch.setenv("GOALTRACK_STATBANK_URL", "file:///etc/passwd")
    assert run.fails("fetch").stderr == ("Error: GOALTRACK_STATBANK_URL 'file:///etc/passwd' is not an http:// or "
                                         "https:// address\n")
    assert dump(ready) == before


def test_goals_without_a_query_are_named(run, db_path, api):
    run("goals")
    assert run.fails("fetch").stderr.startswith("Error: no goal in the catalogue names a StatBank query")
    assert run.fails("fetch", "drug-deaths").stderr.startswith("Error: drug-deaths: no StatBank query in the catalogue")
    assert api.requests == []


@pytest.mark.parametrize(("query", "message"), [
    ({"table": "../x"}, "statbank table '../x' must be a StatBank table id"),
    ({"table": "HJEM1", "variables": {"OMRÅDE": []}}, "statbank OMRÅDE: values must be 1 to 200 codes"),
    ({"table": "HJEM1", "variables": {"OMRÅDE": ["0 0"]}}, "statbank OMRÅDE: values must be 1 to 200 codes"),
    ({"table": "HJEM1", "variables": {"OMRÅDE": None}}, "statbank OMRÅDE: values must be 1 to 200 codes"),
    ({"table": "HJEM1", "value": "a b"}, "statbank value 'a b' must be a contents code"),
    ({"table": "HJEM1", "url": "http://x"}, "unknown key 'url' in the statbank query"),
])
def test_the_catalogue_refuses_a_bad_query(run, db_path, seed_catalogue, tmp_path, query, message):
    catalogue = yaml.safe_load(seed_catalogue.read_text(encoding="utf-8"))
    catalogue["goals"][0]["statbank"] = query
    path = tmp_path / "goals.yaml"
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert message in run.fails("catalogue", "check", str(path)).stderr


def _redirect(handler) -> None:
    handler.send_response(302)
    handler.send_header("Location", "http://example.invalid/v1/data")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def _trickle(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    try:
        for _ in range(40):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _not_http(handler) -> None:
    handler.wfile.write(b"SSH-2.0-OpenSSH\r\n\r\n")


@pytest.mark.parametrize(("send", "message"), [
    (_redirect, "Statistics Denmark refused the query of homelessness (table HJEM1): HTTP 302 redirected to "
                "http://example.invalid/v1/data; set GOALTRACK_STATBANK_URL to the API's address"),
    (_trickle, "Statistics Denmark did not answer the query of homelessness (table HJEM1) within 1 s"),
    (_not_http, "gave homelessness (table HJEM1) an answer that is not HTTP"),
])
def test_a_server_that_moves_trickles_or_speaks_no_http(run, ready, api, send, message):
    """A redirect is not followed (never elsewhere, never from https to http); --timeout bounds the whole
    answer, not each read; a reply that is no HTTP is one line."""
    api.raw("HJEM1", send)
    before = dump(ready)
    started = time.monotonic()
    err = run.fails("fetch", "homelessness", "--timeout", "1").stderr
    assert message in err and len(err.splitlines()) == 1
    assert time.monotonic() - started < 3.5
    assert dump(ready) == before


@pytest.mark.parametrize("url", ["http://[::1", "http://host/ x", "ftp://host", "http://", "http://h/?q=1",
                                 "http://h:0"])
def test_a_base_address_that_is_no_http_address(run, ready, monkeypatch, url):
    monkeypatch.setenv("GOALTRACK_STATBANK_URL", url)
    assert run.fails("fetch").stderr == f"Error: GOALTRACK_STATBANK_URL {url.rstrip('/')!r} is not an http:// or https:// address\n"


def test_fetch_in_danish(run, ready, api):
    api.answer("HJEM1", HOMELESS)
    out = run("--lang", "da", "fetch", "homelessness", "--dry-run")
    assert out.stdout.splitlines()[0] == "homelessness\t1084\t2022\t2100\tny"
    assert out.stderr.startswith("Ville registrere homelessness fra tabel HJEM1")


def test_two_goals_of_one_indicator_dry_run_says_what_the_run_does(run, ready, api, tmp_path):
    """An Aarhus set's homelessness goal asks the same table: the second answer finds the first one's
    figures (unchanged), in the dry run as in the run that writes."""
    path = tmp_path / "aarhus.yaml"
    path.write_text(yaml.safe_dump({"id": "aarhus-2030", "name": "Aarhus 2030", "scope": "751", "goals": [
        {"id": "homelessness", "title": {"en": "Homeless persons in Aarhus", "da": "Hjemløse i Aarhus"},
         "unit": "persons", "direction": "decrease", "baseline": {"year": 2015, "value": 600},
         "target": {"year": 2030, "value": 400}, "statbank": HJEM}]}, allow_unicode=True), encoding="utf-8")
    run("catalogue", "sync", str(path))
    outcomes = []
    for dry in (["--dry-run"], []):
        api.answer("HJEM1", HOMELESS)
        api.answer("HJEM1", HOMELESS)
        out = run("fetch", "homelessness", "aarhus-2030/homelessness", *dry)
        outcomes.append((out.stdout, out.stderr.replace("Would record", "Recorded").replace(
            " (dry run: nothing written)", "")))
    assert outcomes[0] == outcomes[1]
    assert outcomes[1][1].splitlines() == [
        "Recorded homelessness from table HJEM1, updated 2024-02-12: 4 figures; 4 new, 0 revised, 0 unchanged.",
        "Recorded aarhus-2030/homelessness from table HJEM1, updated 2024-02-12: 4 figures; 0 new, 0 revised, "
        "4 unchanged."]
