"""The width text output is laid out for: the terminal's (honouring COLUMNS), or a fixed one in a pipe."""

from __future__ import annotations

import os
import shutil
import sys
from typing import IO

PIPE_WIDTH = 100  # a file, pipe or CI log: the same bytes whatever terminal started it
MEASURE = 100  # the widest a report is laid out, so prose stays readable on a very wide terminal
NARROWEST = 20


def is_terminal(stream: IO[str] | None = None) -> bool:
    stream = sys.stdout if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def output_width(stream: IO[str] | None = None) -> int:
    """Columns to lay text out in: min(terminal width, MEASURE) on a terminal or when COLUMNS is set."""
    if not (is_terminal(stream) or os.environ.get("COLUMNS", "").isdigit()):
        return PIPE_WIDTH
    columns = shutil.get_terminal_size((PIPE_WIDTH, 24)).columns
    return max(NARROWEST, min(columns, MEASURE))


def wants_color(stream: IO[str] | None = None) -> bool:
    """Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org)."""
    return is_terminal(stream) and "NO_COLOR" not in os.environ
