"""Reading a catalogue's YAML: parsed once, by libyaml where present, and read alike without it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from goaltrack.catalogue import load_catalogue, parse_catalogue, reading
from goaltrack.errors import GoaltrackError
from tests.conftest import ROOT

CORPUS = Path(__file__).resolve().parents[1] / "cli" / "corpus"
needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")


def drop_libyaml(monkeypatch) -> None:
    """PyYAML as built where libyaml is absent."""
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)


@pytest.fixture
def parses(monkeypatch):
    """The loader classes the catalogue's text was parsed with, one per parse; PyYAML's one-call
    loaders (which would parse a second time) fail the test."""
    used: list[type] = []
    composed = reading._composed

    def counting(loader_class, text):
        used.append(loader_class)
        return composed(loader_class, text)

    def refused(*args, **kwargs):
        raise AssertionError("the catalogue is parsed by its one loader only")

    monkeypatch.setattr(reading, "_composed", counting)
    for name in ("safe_load", "load", "full_load", "unsafe_load", "compose"):
        monkeypatch.setattr(yaml, name, refused)
    return used


def outcome(text: str) -> tuple:
    try:
        catalogue = parse_catalogue(text, "c.yaml")
    except GoaltrackError as exc:
        return exc.message, [p.where("c.yaml") for p in exc.problems]
    return catalogue, catalogue.warnings


@needs_libyaml
def test_the_shipped_catalogue_is_parsed_once_by_libyaml(parses):
    catalogue = load_catalogue(ROOT / "goals.yaml")
    assert len(catalogue.goals) >= 14
    assert parses == [reading._libyaml_loader()] and issubclass(parses[0], yaml.CSafeLoader)


def test_without_libyaml_it_is_parsed_once_by_pyyaml_and_reads_alike(monkeypatch, parses):
    with_libyaml = load_catalogue(ROOT / "goals.yaml")
    parses.clear()
    drop_libyaml(monkeypatch)
    assert load_catalogue(ROOT / "goals.yaml") == with_libyaml
    assert parses == [reading._pure_python_loader()] and issubclass(parses[0], yaml.SafeLoader)


def test_both_loaders_construct_plain_data_only():
    loaders = [reading._pure_python_loader()] + ([reading._libyaml_loader()] if yaml.__with_libyaml__ else [])
    for loader in loaders:
        assert issubclass(loader, yaml.constructor.SafeConstructor)
        assert not issubclass(loader, yaml.constructor.FullConstructor)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")), ids=lambda p: p.name)
def test_each_bad_catalogue_is_refused_alike_without_libyaml(path, monkeypatch):
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = outcome(text)
    drop_libyaml(monkeypatch)
    assert outcome(text) == found


GOAL = "goals:\n  - id: g\n    title: {en: G, da: Gd}\n    unit: persons\n    direction: decrease\n"


@pytest.mark.parametrize(("text", "expected"), [
    # libyaml takes a tab after ': ' as a space; PyYAML refuses it
    (GOAL.replace("unit: persons", "unit:\tpersons"),
     ("c.yaml:4: YAML error: found character '\\t' that cannot start any token", [])),
    # libyaml reads 'Why?' inside { } as one plain scalar; PyYAML ends it at the '?'
    (GOAL.replace("{en: G, da: Gd}", "{en: Why?, da: Hvorfor?}"),
     ("c.yaml:3: YAML error: expected ',' or '}', but got '?' (while parsing a flow mapping on line 3)", [])),
    # libyaml places a value left empty inside { } on the line of the '}' that follows it
    (GOAL + "    baseline: {year: 2011, value:\n      }\n",
     ("1 problem in c.yaml", ["c.yaml:6: goal 'g': baseline must be a number, not None"])),
    ("goals: " + "[" * 100_000 + "\n", ("c.yaml:1: YAML nested more than 20 levels deep; a catalogue needs five", [])),
], ids=["tab-after-colon", "question-mark-in-braces", "empty-value-in-braces", "nested-deep"])
@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_what_libyaml_reads_otherwise_reads_as_pyyaml_reads_it(text, expected, libyaml, monkeypatch):
    if not libyaml:
        drop_libyaml(monkeypatch)
    assert outcome(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("goals:\n  - id: x\n    source: 2019-02-30\n",
     ":3: YAML error: '2019-02-30' is not a valid timestamp (day is out of range for month); quote it to keep it as text"),
    ("goals: !!int abc\n",
     ":1: YAML error: 'abc' is not a valid int (invalid literal for int() with base 10: 'abc'); quote it to keep it as text"),
    ("goals:\n  - id: x\n    baseline: {year: 2011, value: !!float five}\n",
     ":3: YAML error: 'five' is not a valid float"),
])
@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_a_value_its_type_cannot_hold_is_named_by_its_line(text, expected, libyaml, monkeypatch):
    """A date that does not exist or a tagged non-number once ended in a traceback."""
    if not libyaml:
        drop_libyaml(monkeypatch)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    with pytest.raises(GoaltrackError) as caught:
        parse_catalogue(text, "cat.yaml")
    assert caught.value.message.startswith("cat.yaml" + expected)
