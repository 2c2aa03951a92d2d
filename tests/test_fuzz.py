"""A mutation fuzzer over the shipped data files: whatever a file holds, the tool answers with exit
0 or 2 (1 only where it means "scores changed"), one `FILE:LINE: message` per problem, no
traceback, no hang, and no input file changed.

Each example copies nothing: one scratch copy of rules/, statutes/, amendments/ and baselines/
serves the whole run, one file is mutated in place (lines deleted, duplicated, swapped or cut;
bytes flipped; control characters, huge numbers and YAML 1.1 boolean words inserted), the command
that reads it runs in-process, and the file is restored. Derandomized and bounded, so CI stays fast
and a failure reproduces; `FUZZ_EXAMPLES=2000` runs the longer fuzz described in the README.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.cli import main
from tests.conftest import ROOT

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
SECONDS_PER_EXAMPLE = 20  # a hang fails the test instead of blocking CI
PROBLEM_LINE = re.compile(r"^[^\s:][^:]*:\d+: \S")
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

CONTROL = [b"\x00", b"\x01", b"\x07", b"\x1b", b"\x7f", b"\xc2\x85", b"\xef\xbb\xbf", b"\x0c"]
NUMBERS = [b"1" + b"0" * 5000, b"1.0e+999999", b"1.0e+40", b"-1", b"0.25", b"1e-999999", b".inf", b".nan",
           b"0x" + b"f" * 40, b"1:2:3:4:5", b"9" * 21]
WORDS = [b"off", b"yes", b"no", b"on", b"~", b"null", b"''", b"*a", b"&a x", b"!!binary x", b"<<: {}", b'"x\\n"']


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "rules", root / "rules", ignore=shutil.ignore_patterns("*.cases.yaml"))
    shutil.copytree(ROOT / "statutes", root / "statutes")
    shutil.copytree(ROOT / "amendments", root / "amendments")
    shutil.copytree(ROOT / "baselines", root / "baselines")
    shutil.copy(root / "baselines" / "missouri.json", root / "pristine.json")
    return root


def targets(root: Path) -> list[Path]:
    rules = sorted((root / "rules").rglob("*.yaml"))
    return [*rules, *sorted((root / "statutes").glob("*.yaml")), *sorted((root / "amendments").rglob("*.yaml")),
            root / "baselines" / "missouri.json"]


def command(root: Path, target: Path) -> tuple[list[str], set[int]]:
    """The command that reads `target`, and the exit statuses it may end with."""
    data = ["--rules", "rules", "--statutes", "statutes"]
    if target.parent.name == "baselines":
        return ["diff", str(target.relative_to(root)), "pristine.json"], {0, 1, 2}
    if "amendments" in target.parts:
        return ["report", "missouri", "--format", "json", "--amend", str(target.relative_to(root)), *data], {0, 2}
    return ["report", "missouri", "--format", "json", *data], {0, 2}


def mutate(data: st.DataObject, raw: bytes) -> bytes:
    """One to three mutations of a file's bytes, each drawn from those a careless edit or a broken disk makes."""
    lines = raw.splitlines(keepends=True) or [b""]
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        kind = data.draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "flip", "control",
                                          "number", "word"]), label="kind")
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        j = data.draw(st.integers(0, len(lines) - 1), label="other line")
        line = lines[i]
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "truncate":
            lines = lines[: i + 1]
            lines[-1] = line[: data.draw(st.integers(0, len(line)), label="cut")]
        elif kind == "flip" and line:
            at = data.draw(st.integers(0, len(line) - 1), label="byte")
            bit = data.draw(st.integers(0, 7), label="bit")
            lines[i] = line[:at] + bytes([line[at] ^ (1 << bit)]) + line[at + 1:]
        elif kind == "control":
            at = data.draw(st.integers(0, len(line)), label="at")
            lines[i] = line[:at] + data.draw(st.sampled_from(CONTROL), label="char") + line[at:]
        elif kind == "number":
            number = data.draw(st.sampled_from(NUMBERS), label="number")
            replaced = re.sub(rb"\b\d+(\.\d+)?\b", lambda _, n=number: n, line, count=1)
            lines[i] = replaced if replaced != line else line.rstrip(b"\n") + b" " + number + b"\n"
        elif kind == "word":
            word = data.draw(st.sampled_from(WORDS), label="word")
            replaced = re.sub(rb"(:\s*)[^\s#][^#\n]*", lambda m, w=word: m.group(1) + w, line, count=1)
            lines[i] = replaced if replaced != line else word + b"\n"
    return b"".join(lines)


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer within {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


@FUZZ
@given(data=st.data())
def test_a_mutated_data_file_gets_one_line_per_problem_and_changes_nothing(scratch: Path, data: st.DataObject):
    target = data.draw(st.sampled_from(targets(scratch)), label="file")
    original = target.read_bytes()
    mutated = mutate(data, original)
    target.write_bytes(mutated)
    try:
        before = snapshot(scratch)
        args, statuses = command(scratch, target)
        with working_directory(scratch), time_limit(SECONDS_PER_EXAMPLE):
            result = CliRunner().invoke(main, args)
        crash = result.exception if not isinstance(result.exception, SystemExit) else None
        assert crash is None, f"{target.name}: {type(crash).__name__}: {crash}"
        assert result.exit_code in statuses, result.output
        assert "Traceback" not in result.stderr
        for line in result.stderr.splitlines():
            assert PROBLEM_LINE.match(line), line
        if result.exit_code == 2:
            assert result.stderr, "exit 2 without saying why"
        assert snapshot(scratch) == before, "an input file changed"
    finally:
        target.write_bytes(original)
