"""Saved JSON reports read with `json` (C speed), keeping the guarantees of the YAML reader.

Numbers are int or Decimal (never float), duplicate keys, non-finite numbers and nesting deeper
than documents.MAX_DEPTH are refused, and every value still has a line: lines are found only when
asked for (a problem to report), by walking the text with json's own scanner.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from decimal import Decimal
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from analyzer.documents import MAX_DEPTH, Document, JsonPath, read_text
from analyzer.errors import InputError, Problem

_NEWLINE = re.compile("\n")
_WS = re.compile(r"[ \t\n\r]*")
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # unrolled: no per-character alternation
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")
_DECODER = json.JSONDecoder()


def read_json(path: Path) -> Document:
    """Read one saved JSON report, bounded and checked as every data file is."""
    name, text = read_text(path)
    return parse_json(text, name)


class _Duplicate(Exception):
    pass


def parse_json(text: str, name: str) -> Document:
    """Parse JSON text; raise InputError naming the file and line of every problem found."""
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant,
                          object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(name, exc.lineno, f"malformed JSON: {exc.msg}")]) from None
    except _Duplicate:
        raise InputError([Problem(name, line, f"duplicate key '{key}'")
                          for key, line in _Lines(text).duplicates]) from None
    except RecursionError:
        raise InputError([Problem(name, 1, "malformed JSON: nesting is too deep")]) from None
    except ValueError as exc:
        raise InputError([Problem(name, 1, f"malformed JSON: {exc}")]) from None
    if _too_deep(text):
        raise InputError([Problem(name, _deep_line(text), f"nesting deeper than {MAX_DEPTH} levels")])
    return Document(name, data, _Lines(text))


def _refuse_constant(word: str) -> Any:
    raise ValueError(f"'{word}' is not a finite number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate
    return out


def _too_deep(text: str) -> bool:
    """Bracket depth of valid JSON above MAX_DEPTH, found by peeling innermost pairs (one C-speed
    pass per level), so reading a report never walks its values in Python."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    for _ in range(MAX_DEPTH):
        if not brackets:
            return False
        brackets = _INNERMOST.sub("", brackets)
    return bool(brackets)


def _deep_line(text: str) -> int:
    """The line where nesting first passes MAX_DEPTH (a slow scan, only for such a file)."""
    depth, quoted, escaped, line = 0, False, False, 1
    for char in text:
        if char == "\n":
            line += 1
        elif quoted:
            quoted = escaped or char != '"'
            escaped = not escaped and char == "\\"
        elif char == '"':
            quoted = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth -= 1
    return 1


def lazy_lines(text: str) -> Mapping[JsonPath, int]:
    """The lines of a valid JSON text's values, found only if one is asked for."""
    return _Lines(text.removeprefix("\ufeff"))


class _Lines(Mapping[JsonPath, int]):
    """The line of every value of a valid JSON text, computed on first use."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[JsonPath, int] | None = None
        self._duplicates: list[tuple[str, int]] = []
        self._newlines: list[int] | None = None

    def _all(self) -> dict[JsonPath, int]:
        if self._lines is None:
            positions: dict[JsonPath, int] = {}
            self._walk(_WS.match(self._text, 0).end(), (), positions)
            self._lines = {path: self._line(pos) for path, pos in positions.items()}
        return self._lines

    def _line(self, pos: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in _NEWLINE.finditer(self._text)]
        return bisect_right(self._newlines, pos) + 1

    def _walk(self, pos: int, path: JsonPath, out: dict[JsonPath, int]) -> int:
        text = self._text
        out.setdefault(path, pos)
        opener = text[pos]
        if opener not in "[{":
            return _DECODER.raw_decode(text, pos)[1]
        pos = _WS.match(text, pos + 1).end()
        seen: set[str] = set()
        index = 0
        while text[pos] not in "]}":
            part: str | int = index
            if opener == "{":
                key_pos = pos
                part, pos = scanstring(text, pos + 1)
                if part in seen:
                    self._duplicates.append((str(part), self._line(key_pos)))
                seen.add(str(part))
                pos = _WS.match(text, _WS.match(text, pos).end() + 1).end()  # past ':'
            pos = _WS.match(text, self._walk(pos, (*path, part), out)).end()
            if text[pos] == ",":
                pos = _WS.match(text, pos + 1).end()
            index += 1
        return pos + 1

    @property
    def duplicates(self) -> list[tuple[str, int]]:
        """Each repeated key of an object, with its line."""
        self._all()
        return self._duplicates

    def __getitem__(self, path: JsonPath) -> int:
        return self._all()[path]

    def __iter__(self) -> Iterator[JsonPath]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
