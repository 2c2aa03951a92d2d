"""The main commands as a person types them: on a real pseudo-terminal at 60, 100 and 200 columns.

Every other test pipes the output, which is how `report missouri` once crashed on every terminal
while CI stayed green. Here the child process owns a pty whose window size is set with TIOCSWINSZ,
so it sees what it would see in a terminal emulator.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

ROOT = Path(__file__).resolve().parent.parent
ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][A-Z0-9])")
WHAT_IF = "amendments/missouri/what-if-services-mandate.yaml"

COMMANDS = {
    "report": (("report", "missouri"), 0, ("Final score", "Recommendation:", "Total")),
    "explain": (("explain", "missouri", "5.3"), 0, ("Component 5.3", "Tier 1", "Cited provisions", "Finding")),
    "diff": (("diff", "missouri", "missouri", "--amend", WHAT_IF), 1,
             ("Old: Missouri, law of", "New: Missouri, law of", "+ What-if services mandate", "Sections", "Total")),
}


def on_pty(args: tuple[str, ...], columns: int, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the CLI with a pty as its stdin, stdout and stderr; return its exit status and what it printed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    environment.update({"TERM": "xterm-256color", **(env or {})})
    process = subprocess.Popen([sys.executable, "-m", "analyzer", *args], stdin=slave, stdout=slave,
                               stderr=slave, cwd=ROOT, env=environment, close_fds=True)
    os.close(slave)
    chunks, deadline = [], time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    status = process.wait(timeout=30)
    return status, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def visible_lines(output: str) -> list[str]:
    return ESCAPES.sub("", output).split("\n")


@pytest.mark.parametrize("columns", [60, 100, 200])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_commands_fit_the_terminal_they_run_on(command: str, columns: int) -> None:
    args, expected_status, contents = COMMANDS[command]
    status, output = on_pty(args, columns)
    assert status == expected_status, output[-3000:]
    assert "Traceback" not in output
    for content in contents:
        assert content in ESCAPES.sub("", output), content
    too_wide = [line for line in visible_lines(output) if cell_len(line) > columns]
    assert not too_wide, f"{len(too_wide)} lines wider than {columns} columns, e.g. {too_wide[0]!r}"


def test_colour_on_a_terminal_and_none_with_no_color() -> None:
    _, coloured = on_pty(("report", "missouri"), 100)
    _, plain = on_pty(("report", "missouri"), 100, {"NO_COLOR": "1"})
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert [line.rstrip() for line in visible_lines(coloured)] == visible_lines(plain)  # only colour differs


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_columns_overrides_the_window_size_and_no_color_keeps_the_width(command: str) -> None:
    args, expected_status, _ = COMMANDS[command]
    status, output = on_pty(args, 200, {"COLUMNS": "60", "NO_COLOR": "1"})
    assert status == expected_status, output[-3000:]
    assert max(cell_len(line) for line in visible_lines(output)) <= 60


def test_wrapped_lines_keep_their_hanging_indent() -> None:
    # 5.3 falls short on the card date's law (today's law meets it, and a met component has no recommendation)
    _, output = on_pty(("explain", "missouri", "5.3", "--as-of", "2019-08-28"), 60)
    lines = visible_lines(output)
    start = next(i for i, line in enumerate(lines) if line.startswith("  Recommendation: "))
    assert lines[start + 1].startswith("    ") and lines[start + 1].strip(), lines[start:start + 3]


def test_a_pipe_gets_a_fixed_width_whatever_the_terminal() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run([sys.executable, "-m", "analyzer", "report", "missouri"], capture_output=True,
                          text=True, cwd=ROOT, env=environment, check=True)
    widths = [cell_len(line) for line in done.stdout.splitlines()]
    assert max(widths) == 100
    assert "\x1b[" not in done.stdout


# Every command that prints a table, at the widths people use: nothing is cut, nothing is wider than
# the terminal, and names and headers stay whole (a long cell wraps between words, never inside one).
TABLES = {
    "list": ("list",),
    "report --all": ("report", "--all"),
    "compare": ("compare",),
    "roadmap": ("roadmap", "missouri", "--target", "A"),
}


def whole_words(output: str) -> set[str]:
    return set(re.findall(r"[\w'.§-]+", ESCAPES.sub("", output)))


@pytest.mark.parametrize("columns", [60, 80, 100])
@pytest.mark.parametrize("command", sorted(TABLES))
def test_tables_wrap_cells_and_never_cut_names(command: str, columns: int) -> None:
    import json

    status, output = on_pty(TABLES[command], columns)
    assert status == 0 and "Traceback" not in output, output[-3000:]
    lines = visible_lines(output)
    too_wide = [line for line in lines if cell_len(line) > columns]
    assert not too_wide, f"{len(too_wide)} lines wider than {columns} columns, e.g. {too_wide[0]!r}"
    assert "…" not in output and "..." not in output
    listed = json.loads(subprocess.run([sys.executable, "-m", "analyzer", "list", "--format", "json"], cwd=ROOT,
                                       capture_output=True, text=True, check=True).stdout)
    words = whole_words(output)
    names = [j["name"] for j in listed["jurisdictions"] if j["role"] == "graded"]
    if command == "compare":
        names = [c["jurisdiction"]["name"] for c in json.loads(subprocess.run(
            [sys.executable, "-m", "analyzer", "compare", "--format", "json"], cwd=ROOT, capture_output=True,
            text=True, check=False).stdout)["cards"]]
    if command != "roadmap":
        assert all(set(name.split()) <= words for name in names), (names, output[-2000:])
    if command == "list":
        titles = [c["title"] for c in listed["components"]] + [f["title"] for f in listed["frameworks"]]
        for header in ("Benchmark", "Components", "Law", "Role"):
            assert header in words
        assert all(set(re.findall(r"[\w'.§-]+", t)) <= words for t in titles)
    if command in ("report --all", "compare"):
        sections = json.loads(subprocess.run([sys.executable, "-m", "analyzer", "report", "missouri", "--format",
                                              "json"], cwd=ROOT, capture_output=True, text=True,
                                             check=True).stdout)["sections"]
        for section in sections:
            assert set(re.findall(r"[\w'.§-]+", section["title"])) <= words, section["title"]


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_timeline_table_splits_rather_than_cutting_a_number(columns: int) -> None:
    import json

    status, output = on_pty(("timeline", "oklahoma"), columns)
    assert status == 0 and "Traceback" not in output, output[-3000:]
    lines = visible_lines(output)
    assert not [line for line in lines if cell_len(line) > columns]
    assert "…" not in output
    data = json.loads(subprocess.run([sys.executable, "-m", "analyzer", "timeline", "oklahoma", "--format", "json"],
                                     cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    cells = {line.split()[0]: set() for line in lines if re.match(r"\d{4}-\d\d-\d\d ", line)}
    for line in lines:
        if re.match(r"\d{4}-\d\d-\d\d ", line) and "card" not in line:
            cells[line.split()[0]] |= set(line.split()[1:])
    for point in data["points"]:  # every section's score or range is printed whole, on its date's rows
        shown = cells[point["date"]]
        for section in point["sections"]:
            low, high = (f"{v:g}" for v in section["score_range"])
            assert (low if low == high else f"{low}–{high}") in shown, (point["date"], section["id"], shown)
        assert str(point["undetermined"]) in shown
