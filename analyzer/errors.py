"""Problems found in input files, reported together as `FILE:LINE: message` lines."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:  # not from a file: a command-line argument
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"


class InputError(Exception):
    """Raised once per run with every problem found, so users fix them all in one pass."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix when a known name is close to a misspelled one."""
    close = difflib.get_close_matches(str(name), sorted(set(known)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
