"""Safe YAML reading that remembers the line of every value, so later stages can point at it."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from analyzer.errors import InputError, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_DIGITS = 20  # integers and decimals: enough for any fine or term, fast to add up exactly
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed data file: plain data plus the line each value starts on."""

    file: str
    data: Any
    lines: Mapping[JsonPath, int] = field(repr=False)
    key_lines: Mapping[JsonPath, int] = field(default_factory=dict, repr=False)  # where each mapping key is

    def line(self, path: JsonPath = ()) -> int:
        """The line of the deepest known value on `path` (a schema error may point past it)."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def key_line(self, path: JsonPath) -> int:
        """The line of the key that names `path` (a block value starts on a later line than its key)."""
        return self.key_lines.get(tuple(path)) or self.line(path)


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
    """Paths relative to the working directory when possible (or to it, via '..', from inside the
    checkout it belongs to): shorter, clickable error lines."""
    resolved, cwd = path.resolve(), Path.cwd().resolve()
    if resolved.is_relative_to(cwd):
        return str(resolved.relative_to(cwd))
    from analyzer.paths import find_checkout

    checkout = find_checkout(cwd)
    if checkout is not None and resolved.is_relative_to(checkout):
        return os.path.relpath(resolved, cwd)
    return str(path)


def read_document(path: Path) -> Document:
    """Read one YAML file; raise InputError with every problem found in it.

    Reading is bounded before it starts: only a regular file is opened (non-blocking, so a FIFO
    cannot hang the run), its size is checked with fstat, and at most the limit is read (a
    symlink to /dev/zero or a sparse file cannot exhaust memory). Every file read is recorded,
    so `--out` can refuse to overwrite one (see analyzer.output).
    """
    name, text = read_text(path)
    return parse_document(text, name)


def read_text(path: Path) -> tuple[str, str]:
    """A data file's display name and text: bounded, UTF-8, free of control characters."""
    name = display_name(path)
    raw = read_bounded(path, name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(name, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]) from None
    bad = _CONTROL.search(text, 1 if text.startswith("\ufeff") else 0)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise InputError([Problem(name, line, f"control character U+{ord(bad.group()):04X} at column {column}; "
                                              "data files hold plain text (write it as an escape if you mean it)")])
    return name, text


# Everything below U+0020 but tab, newline and carriage return; DEL; the C1 controls; a byte-order
# mark anywhere but at the start. Refused before parsing, at the line of the first one.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")

_READ: set[tuple[int, int]] = set()


def files_read() -> frozenset[tuple[int, int]]:
    """(device, inode) of every file read since the last `forget_reads()`."""
    return frozenset(_READ)


def forget_reads() -> None:
    _READ.clear()


def read_bounded(path: Path, name: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError otherwise, never a hang."""
    limit = MAX_FILE_BYTES if limit is None else limit
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError([Problem(name, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem(name, 1, "not a regular file (a directory, device or pipe is never read)")])
        _READ.add((info.st_dev, info.st_ino))
        too_big = Problem(name, 1, f"file is over {limit:,} bytes; data files are limited to {limit:,} bytes")
        if info.st_size > limit:
            raise InputError([too_big])
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # the file may grow after fstat: never read more than limit + 1 bytes
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputError([too_big])
        return b"".join(chunks)
    except OSError as exc:
        raise InputError([Problem(name, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    finally:
        os.close(fd)


def parse_document(text: str, name: str) -> Document:
    """One YAML data file's text as a Document (saved JSON reports: analyzer.jsondoc)."""
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
    key_lines: dict[JsonPath, int] = {}
    data = _build(node, (), (lines, key_lines), problems, name, loader)
    if problems:
        raise InputError(problems)
    return Document(name, data, lines, key_lines)


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


Lines = tuple[dict[JsonPath, int], dict[JsonPath, int]]  # the line of each value, and of each mapping key


def _build(node: yaml.Node, path: JsonPath, found: Lines, problems: list[Problem],
           name: str, loader: Any) -> Any:
    line = node.start_mark.line + 1
    lines, keys = found
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
            keys[(*path, key)] = key_line
            out[key] = _build(value_node, (*path, key), found, problems, name, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), found, problems, name, loader) for i, item in enumerate(node.value)]
    return _scalar(node, line, problems, name, loader)


def _scalar(node: yaml.Node, line: int, problems: list[Problem], name: str, loader: Any) -> Any:
    """A scalar's value, bounded so that no later stage is handed a number it cannot compute with fast."""
    tag = node.tag.rsplit(":", 1)[-1]
    text = node.value
    if tag == "float":
        # Decimal, never float: points and penalties must add up exactly.
        try:
            value = Decimal(text.replace("_", ""))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            problems.append(Problem(name, line, f"{_short(text)} is not a finite number"))
            return None
        digits = len(value.as_tuple().digits)
        if digits > MAX_DIGITS or abs(value.adjusted()) > MAX_DIGITS:
            problems.append(Problem(name, line, f"{_short(text)} is out of range: numbers in data files have at "
                                                f"most {MAX_DIGITS} digits and an exponent within ±{MAX_DIGITS}"))
            return None
        return value
    if tag == "int":
        if sum(c.isalnum() for c in text) > MAX_DIGITS + 2:  # digits, and a 0x/0o/0b prefix
            problems.append(Problem(name, line, f"{_short(text)} is out of range: integers in data files have "
                                                f"at most {MAX_DIGITS} digits"))
            return None
        value = loader.construct_object(node, deep=True)
        if abs(value) >= 10 ** MAX_DIGITS:
            problems.append(Problem(name, line, f"{_short(text)} is out of range: integers in data files have "
                                                f"at most {MAX_DIGITS} digits"))
            return None
        return value
    if tag == "bool":
        if text.lower() not in ("true", "false"):
            # YAML 1.1 reads yes/no/on/off/y/n as booleans: `commercial: off` would silently mean false.
            problems.append(Problem(name, line, f"'{text}' is a YAML 1.1 boolean word; write true or false "
                                                f"(or quote it, \"{text}\", if you mean the text)"))
            return None
        return text.lower() == "true"
    if tag == "null":
        return None
    if tag in ("str", "timestamp"):
        return text  # dates stay as written (ISO text); the schema checks their format
    problems.append(Problem(name, line, f"unsupported YAML tag '{node.tag}'"))
    return None


def _short(text: str) -> str:
    return repr(text) if len(text) <= 40 else repr(text[:37] + "...")
