"""Every example output the README shows is the tool's output, so the README cannot drift from it.

An example block is marked by the comment line before it, `<!-- output of: gap-analyzer ARGS -->`;
the test runs the command (in a pipe, so 100 columns, as the README says) and compares the block
with what it prints. A line `...` in a block stands for any number of lines left out (at the start,
the block begins inside the output; at the end, the output goes on); a block's `$ command` line,
when it shows one, is not compared.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MARK = re.compile(r"^<!-- output of: gap-analyzer (.+?) -->\n```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
ELIDED = "..."


def examples() -> list[tuple[str, list[str]]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = [(m.group(1), m.group(2).splitlines()) for m in MARK.finditer(readme)]
    return [(command, lines[1:] if lines and lines[0].startswith("$ ") else lines) for command, lines in found]


def shown_as(block: list[str], output: list[str]) -> str | None:
    """None if `block` is `output` with runs of lines elided where it says `...`; else what differs."""
    block, output = [line.rstrip() for line in block], [line.rstrip() for line in output]
    parts, current = [], []
    for line in block:
        if line.strip() == ELIDED:
            parts.append(current)
            current = []
        else:
            current.append(line)
    parts.append(current)
    at = 0
    for i, part in enumerate(parts):
        if not part:
            continue
        anchored_start, anchored_end = i == 0, i == len(parts) - 1
        starts = [at] if anchored_start else range(at, len(output) - len(part) + 1)
        match = next((s for s in starts if output[s:s + len(part)] == part
                      and (not anchored_end or s + len(part) == len(output))), None)
        if match is None:
            def alike(start: int, part: list[str] = part) -> int:
                return sum(a == b for a, b in zip(part, output[start:], strict=False))

            near = max(range(at, len(output)), key=alike, default=at)
            diff = next((f"README: {a!r}\ntool:   {b!r}" for a, b in zip(part, output[near:], strict=False) if a != b),
                        f"README shows {len(part)} lines here, the tool prints {len(output) - near}")
            return diff
        at = match + len(part)
    return None


def test_every_example_block_is_marked_with_its_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    plain = re.findall(r"^(.*)\n```\n(?!\s*$)", readme, re.MULTILINE)  # output blocks have no language tag
    unmarked = [line for line in plain if not line.startswith("<!-- output of:") and line.strip()]
    assert not unmarked, f"an example block without its command: after {unmarked[0]!r}"
    assert len(examples()) >= 4


@pytest.mark.parametrize("command,block", examples(), ids=[c for c, _ in examples()])
def test_the_readme_example_is_what_the_command_prints(command: str, block: list[str], tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "GAP_ANALYZER_DATA", "NO_COLOR")}
    done = subprocess.run([sys.executable, "-m", "analyzer", "--data", str(ROOT), *shlex.split(command)],
                          cwd=tmp_path, capture_output=True, text=True, env=environment, check=False, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    problem = shown_as(block, done.stdout.splitlines())
    assert problem is None, f"README example `gap-analyzer {command}` differs from the tool:\n{problem}"


@pytest.mark.parametrize(("block", "output", "same"), [
    (["a", "b"], ["a", "b"], True),
    (["a", "..."], ["a", "b", "c"], True),
    (["...", "c"], ["a", "b", "c"], True),
    (["a", "...", "c"], ["a", "b", "c"], True),
    (["a", "  ...", "c", "..."], ["a", "b", "c", "d"], True),
    (["a", "b"], ["a", "b", "c"], False),  # the output goes on: the block must say so
    (["a", "x", "..."], ["a", "b", "c"], False),
    (["...", "b", "a"], ["a", "b", "c"], False),
])
def test_an_elision_marker_stands_for_lines_left_out_and_nothing_else(block, output, same) -> None:
    assert (shown_as(block, output) is None) is same
