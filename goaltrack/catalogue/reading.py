"""A catalogue's YAML in: plain data with the line of each value, safe loading only, parsed once.

Catalogues are untrusted input. Only PyYAML's safe constructor builds Python values from them, and
only after the node tree (which constructs nothing) has been walked to find each value's line,
duplicate keys and aliases; an alias is refused there, so that an alias bomb fails at once.

The text is parsed once, by libyaml (the parser of ``yaml.CSafeLoader``) where PyYAML has it, else
by PyYAML's own parser. The two read a few texts differently: those (``_LIBYAML_DIFFERS``,
``_placed_alike``) and any text libyaml refuses (it words its errors its own way) are read by
PyYAML's parser, so that every catalogue is read, refused and placed line by line as PyYAML does.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goaltrack.domain.units import (
    MAX_DIGITS,
    TOO_CLOSE_TO_ZERO,
    format_plain,
    too_long,
    underflowed,
)
from goaltrack.errors import GoaltrackError, Problem, many_problems

MAX_BYTES = 5_000_000  # checked while reading: a catalogue of ours is 20 kB
MAX_DEPTH = 20  # levels of nesting; a catalogue has five (goals, a goal, its target, …)
ALIASES_REFUSED = "aliases and anchors are not allowed in a catalogue"

# What libyaml reads otherwise than PyYAML (found by running both on thousands of mutated
# catalogues): a tab (PyYAML refuses one after ': '), '?' (PyYAML ends a plain scalar at it inside
# [ ] and { }), '!' (a tag ends at other characters), a byte order mark past the start.
_LIBYAML_DIFFERS = re.compile("[\t?!\ufeff]")


@dataclass
class YamlDocument:
    """A catalogue's YAML as plain data (dicts, lists, numbers, texts), the line of each value by its
    path of keys and indexes, and the problems of its structure the plain data no longer shows."""

    data: Any
    lines: dict[tuple, int]
    structural: list[Problem]  # duplicate keys, merge keys, keys that are no word, numbers no figure can be


def read_text(path: str | Path) -> str:
    """A catalogue file's text; unreadable, too large or not UTF-8 is a GoaltrackError."""
    name = str(path)
    try:
        with open(path, "rb") as f:  # read no more than the cap: /dev/zero is a file too
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise GoaltrackError(f"cannot read catalogue {name}: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise GoaltrackError(f"catalogue {name} is larger than {MAX_BYTES:,} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GoaltrackError(f"catalogue {name} is not UTF-8 text (byte {exc.start})") from None


def read_yaml(text: str, name: str) -> YamlDocument:
    """``text`` as plain data with lines; YAML it cannot be, nesting deeper than MAX_DEPTH, an empty
    text, an alias, or a structure the safe constructor refuses is a GoaltrackError."""
    loader, root = _compose(text, name)
    try:
        return _document(loader, root, name)
    finally:
        loader.dispose()


# --- composing: text to node tree -----------------------------------------------------------------


class _TooDeep(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _DepthLimit:
    """Refuses nodes nested deeper than MAX_DEPTH. PyYAML's composer recurses once a level, so '[' ×
    100,000 would end in a RecursionError; the scanner and parser (either of them) do not recurse."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


@functools.cache
def _pure_python_loader() -> type:
    """PyYAML's SafeLoader, written in Python, with the depth limit."""
    import yaml

    class ShallowSafeLoader(_DepthLimit, yaml.SafeLoader):
        pass

    return ShallowSafeLoader


@functools.cache
def _libyaml_loader_on(c_safe_loader: type) -> type:
    """``yaml.CSafeLoader``'s scanner and parser (libyaml) under PyYAML's composer, in Python so that
    the depth limit applies (libyaml's own composer cannot be limited), and its safe constructor."""
    from yaml.composer import Composer

    class ShallowCSafeLoader(_DepthLimit, Composer, c_safe_loader):
        def __init__(self, stream: str):
            c_safe_loader.__init__(self, stream)
            Composer.__init__(self)

    return ShallowCSafeLoader


def _libyaml_loader() -> type | None:
    """The libyaml-based loader, or None where PyYAML was built without libyaml."""
    import yaml

    c_safe_loader = getattr(yaml, "CSafeLoader", None)
    if not getattr(yaml, "__with_libyaml__", False) or c_safe_loader is None:
        return None
    return _libyaml_loader_on(c_safe_loader)


def _compose(text: str, name: str) -> tuple[Any, Any]:
    """The loader that read ``text`` and the root node it composed (None for an empty text)."""
    import yaml

    fast = _libyaml_loader()
    if fast is not None and not _LIBYAML_DIFFERS.search(text):
        try:
            loader, root = _composed(fast, text)
        except (yaml.YAMLError, _TooDeep, UnicodeError):  # libyaml words its errors its own way
            pass
        else:
            if _placed_alike(root):
                return loader, root
            loader.dispose()
    try:
        return _composed(_pure_python_loader(), text)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, name) from None
    except _TooDeep as deep:
        raise GoaltrackError(f"{name}:{deep.line}: YAML nested more than {MAX_DEPTH} levels deep; "
                             "a catalogue needs five") from None


def _composed(loader_class: type, text: str) -> tuple[Any, Any]:
    """A ``loader_class`` on ``text`` and the root node it composed; the loader is disposed of if it fails."""
    loader = loader_class(text)  # PyYAML's reader refuses a control character here, before parsing
    try:
        return loader, loader.get_single_node()
    except BaseException:
        loader.dispose()
        raise


def _placed_alike(root: Any) -> bool:
    """Whether PyYAML would place every node of libyaml's tree on the same line. They differ only for
    a value left empty (a null nobody wrote: a node of no width) other than a block mapping's value
    or a block sequence's item: libyaml places one inside [ ] or { } on the line of what follows it."""
    import yaml

    seen: set[int] = set()
    todo = [(root, False)] if root is not None else []  # a node, and whether it may be empty
    while todo:
        node, may_be_empty = todo.pop()
        if id(node) in seen:  # an alias: refused later, and never walked twice
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            todo += [(key, False) for key, _ in node.value]
            todo += [(value, not node.flow_style) for _, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            todo += [(item, not node.flow_style) for item in node.value]
        elif node.start_mark.index == node.end_mark.index and not may_be_empty:
            return False
    return True


def _yaml_error(exc: Any, name: str) -> GoaltrackError:
    import yaml

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    place = f"{name}:{mark.line + 1}" if mark is not None else name
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark is not mark:
        what += f" ({context} on line {context_mark.line + 1})"
    if isinstance(exc, yaml.constructor.ConstructorError):
        what += "; a catalogue holds plain data only"
    return GoaltrackError(f"{place}: YAML error: {what}")


# --- the node tree: lines and structure, then plain data ------------------------------------------


class _Alias(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def _document(loader: Any, root: Any, name: str) -> YamlDocument:
    """The composed tree walked for lines and structural problems, then constructed by the safe
    constructor of the loader that composed it."""
    import yaml

    if root is None:
        raise GoaltrackError(f"catalogue {name} is empty")
    lines: dict[tuple, int] = {}
    try:
        structural = _walk(root, (), lines, set())
    except _Alias as alias:  # stop at the first: an alias bomb has billions of them
        structural = [Problem(ALIASES_REFUSED, alias.line)]
    if any("aliases and anchors" in p.message for p in structural):
        raise many_problems(structural, name)
    try:
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        if structural:  # a key that is no plain word cannot even be read: the structure says why
            raise many_problems(structural, name) from None
        raise _yaml_error(exc, name) from None
    except (ValueError, TypeError, OverflowError):  # a date that does not exist, !!int abc
        raise _unreadable_scalar(loader, root, name) from None
    return YamlDocument(data, lines, structural)


def _unreadable_scalar(loader: Any, root: Any, name: str) -> GoaltrackError:
    """The first scalar the safe constructor cannot turn into its type (2019-02-30 read as a date,
    ``!!int abc``), named with its line."""
    import yaml

    stack = [root]
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.ScalarNode):
            loader.constructed_objects, loader.recursive_objects = {}, {}  # as left by the failed attempt
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, TypeError, OverflowError) as exc:
                kind = node.tag.rsplit(":", 1)[-1]
                return GoaltrackError(f"{name}:{node.start_mark.line + 1}: YAML error: {node.value!r} is not a "
                                      f"valid {kind} ({exc}); quote it to keep it as text")
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return GoaltrackError(f"{name}: YAML error: a value cannot be read")


def _walk(node: Any, path: tuple, lines: dict[tuple, int], seen: set[int]) -> list[Problem]:
    """Record each value's line; refuse duplicate keys, and raise _Alias at a node met twice."""
    import yaml

    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _Alias(line)
    seen.add(id(node))
    lines[path] = line
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem("a key must be a plain word", key_node.start_mark.line + 1))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(Problem("merge keys (<<) are not allowed in a catalogue", line))
                continue
            if key in keys:
                problems.append(Problem(f"duplicate key '{key}'", key_node.start_mark.line + 1))
            keys.add(key)
            problems += _walk(value_node, path + (key,), lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _walk(item, path + (index,), lines, seen)
    elif node.tag in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int"):
        why = _number_text_problem(node.value)
        if why:
            problems.append(Problem(why, line))
    return problems


def _number_text_problem(text: str) -> str | None:
    """Why a number as written in YAML is no figure, where the constructor would hide it: 1.0e-400
    becomes 0.0 (a zero nobody wrote), and a 60-digit decimal loses its digits. (Values that stay
    numbers, too large or too close to zero, are named by the value checks, with the goal.)"""
    try:
        number = float(text.replace("_", ""))
    except ValueError:  # .inf, .nan, 0x1F, 1:20 (sexagesimal): the value checks name those
        return None
    if underflowed(text, number):
        return f"{text} {TOO_CLOSE_TO_ZERO}"
    if len(text) > MAX_DIGITS and math.isfinite(number) and "e" not in format_plain(number):
        return too_long(text)
    return None
