"""Reading data files: safe YAML, exact numbers, and one clear line per problem."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from analyzer.documents import MAX_FILE_BYTES, parse_document, read_document
from analyzer.errors import InputError


def problems_of(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_document(text, "f.yaml")
    return [str(p) for p in caught.value.problems]


def test_numbers_are_exact_decimals_never_floats() -> None:
    doc = parse_document("points: 0.5\nmax: 2.5\ncount: 3\n", "f.yaml")
    assert doc.data == {"points": Decimal("0.5"), "max": Decimal("2.5"), "count": 3}
    assert isinstance(doc.data["points"], Decimal)


def test_every_value_remembers_its_line() -> None:
    doc = parse_document("a:\n  b:\n    - x\n    - y\n", "f.yaml")
    assert doc.line(("a", "b", 1)) == 4
    assert doc.line(("a", "b", 7, "deeper")) == 3  # falls back to the nearest known value


def test_dates_stay_as_written() -> None:
    assert parse_document("as_of: 2019-06-30\n", "f.yaml").data == {"as_of": "2019-06-30"}


def test_malformed_yaml_names_file_and_line() -> None:
    assert problems_of("a: 1\nb: [1, 2\nc: 3\n")[0].startswith("f.yaml:")
    assert "malformed YAML" in problems_of("a: 1\nb: [1, 2\nc: 3\n")[0]


def test_duplicate_keys_are_all_reported() -> None:
    assert problems_of("a: 1\nb: 2\na: 3\nb: 4\n") == ["f.yaml:3: duplicate key 'a'", "f.yaml:4: duplicate key 'b'"]


def test_aliases_are_refused_so_alias_bombs_cannot_expand() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
    (problem,) = problems_of(bomb)
    assert problem == "f.yaml:2: malformed YAML: aliases (*name) are not allowed in data files"


def test_python_tags_are_refused() -> None:
    (problem,) = problems_of("x: !!python/object/apply:os.system ['true']\n")
    assert problem.startswith("f.yaml:1:") and "tag" in problem


def test_infinite_numbers_are_refused() -> None:
    assert problems_of("max: .inf\n") == ["f.yaml:1: '.inf' is not a finite number"]


def test_deep_nesting_is_refused_without_a_crash() -> None:
    assert "nesting" in problems_of("[" * 5000 + "]" * 5000)[0]


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: ok\nb: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_document(path)
    (problem,) = caught.value.problems
    assert problem.line == 2 and "not valid UTF-8" in problem.message


def test_an_enormous_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "limited to" in caught.value.problems[0].message
