"""Safe YAML reading that remembers the line of every value, so later stages can point at it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from analyzer.errors import InputError, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed data file: plain data plus the line each value starts on."""

    file: str
    data: Any
    lines: Mapping[JsonPath, int] = field(repr=False)

    def line(self, path: JsonPath = ()) -> int:
        """The line of the deepest known value on `path` (a schema error may point past it)."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


_ALIASES = "aliases (*name) are not allowed in data files"


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: they are never needed in data files and enable alias bombs."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(problem=_ALIASES, problem_mark=mark)
        return super().compose_node(parent, index)


def _c_loader() -> Any:
    """PyYAML's libyaml loader, if built with libyaml 0.2.5 or later (which caps nesting at 1000
    levels, so its recursive composer cannot overflow the C stack); else None."""
    try:
        from yaml import CSafeLoader, _yaml  # type: ignore[attr-defined]
    except ImportError:
        return None
    return CSafeLoader if tuple(_yaml.get_version()) >= (0, 2, 5) else None


_C_LOADER: Any = _c_loader()


def display_name(path: Path) -> str:
    """Paths relative to the working directory when possible: shorter, clickable error lines."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_document(path: Path) -> Document:
    """Read one YAML file; raise InputError with every problem found in it."""
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(name, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError([Problem(name, 1, f"file is {len(raw):,} bytes; data files are limited "
                                           f"to {MAX_FILE_BYTES:,} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(name, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]) from None
    return parse_document(text, name)


def parse_document(text: str, name: str) -> Document:
    """One data file's text as a Document; `.json` files (saved reports) are read as JSON."""
    if name.endswith(".json"):
        from analyzer.jsondoc import parse_json

        return parse_json(text, name)
    loader = _composer(text)
    try:
        if _C_LOADER is not None and "*" in text:
            _refuse_aliases(text)  # the C composer resolves aliases itself: find them first
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "malformed YAML"
        raise InputError([Problem(name, line, f"malformed YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, 1, f"malformed YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(name, 1, "malformed YAML: nesting is too deep")]) from None
    finally:
        loader.dispose()
    if node is None:
        return Document(name, None, {(): 1})
    lines: dict[JsonPath, int] = {}
    problems: list[Problem] = []
    data = _build(node, (), lines, problems, name, loader)
    if problems:
        raise InputError(problems)
    return Document(name, data, lines)


def _composer(text: str) -> Any:
    """libyaml's composer when PyYAML has it (ten times faster), else the pure-Python one."""
    return _C_LOADER(text) if _C_LOADER is not None else _Loader(text)


def _refuse_aliases(text: str) -> None:
    """Raise at the first alias, as _Loader does: libyaml's events, before anything is composed."""
    parser = _C_LOADER(text)  # type: ignore[misc]
    try:
        while not parser.check_event(yaml.StreamEndEvent):
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise yaml.MarkedYAMLError(problem=_ALIASES, problem_mark=event.start_mark)
    finally:
        parser.dispose()


def _build(node: yaml.Node, path: JsonPath, lines: dict[JsonPath, int], problems: list[Problem],
           name: str, loader: Any) -> Any:
    line = node.start_mark.line + 1
    lines[path] = line
    if len(path) > MAX_DEPTH:
        problems.append(Problem(name, line, f"nesting deeper than {MAX_DEPTH} levels"))
        return None
    if isinstance(node, yaml.CollectionNode) and node.tag not in (_MAP, _SEQ):
        problems.append(Problem(name, line, f"unsupported YAML tag '{node.tag}'"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(name, key_line, "keys must be plain names"))
                continue
            key = key_node.value
            if key in out:
                problems.append(Problem(name, key_line, f"duplicate key '{key}'"))
                continue
            out[key] = _build(value_node, (*path, key), lines, problems, name, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), lines, problems, name, loader) for i, item in enumerate(node.value)]
    return _scalar(node, line, problems, name, loader)


def _scalar(node: yaml.Node, line: int, problems: list[Problem], name: str, loader: _Loader) -> Any:
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "float":
        # Decimal, never float: points and penalties must add up exactly.
        try:
            value = Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            problems.append(Problem(name, line, f"'{node.value}' is not a finite number"))
        return value
    if tag in ("int", "bool", "null"):
        return loader.construct_object(node, deep=True)
    if tag in ("str", "timestamp"):
        return node.value  # dates stay as written (ISO text); the schema checks their format
    problems.append(Problem(name, line, f"unsupported YAML tag '{node.tag}'"))
    return None
