"""A progress bar on stderr for long runs (many jurisdictions or amendments), only when a person watches.

In a pipe, a log or CI, stderr is not a terminal: the items pass through untouched and nothing is
written, so output stays clean and deterministic. rich is imported only when a bar is drawn.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], label: str, *, total: int | None = None, stream: IO[str] | None = None) -> Iterator[T]:
    """Yield every item of `items`; draw a transient bar on `stream` (stderr) if it is a terminal."""
    stream = sys.stderr if stream is None else stream
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if not _is_terminal(stream) or (total is not None and total <= 1):  # one item: a bar says nothing
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=stream, force_terminal=True, no_color="NO_COLOR" in os.environ)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False
