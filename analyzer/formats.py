"""Output formats: `--out FILE` picks the format from FILE's extension unless `--format` names one.

An explicit `--format` that contradicts the extension (an .html file of plain text) is refused: a
file whose name lies about its content is worse than an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from analyzer.errors import InputError, Problem

EXTENSIONS = {".txt": "text", ".json": "json", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html"}
DEFAULT = "text"


def format_for(fmt: str | None, out: Path | None, allowed: Sequence[str]) -> str:
    """The format to write: --format if given, else the extension of --out, else text."""
    implied = _implied(out, allowed)
    if fmt is not None:
        if implied is not None and implied != fmt:
            raise InputError([Problem("gap-analyzer", 0, f"--format {fmt} does not match the extension of "
                                                         f"'{out}' ({out.suffix} is {implied}); change one of them")])
        return fmt
    if implied is not None:
        return implied
    if out is not None and out.suffix and str(out) != "-":
        known = ", ".join(e for e, f in EXTENSIONS.items() if f in allowed)
        raise InputError([Problem("gap-analyzer", 0, f"cannot tell the format of '{out}' from its extension "
                                                     f"'{out.suffix}' (known: {known}); name it with --format")])
    return DEFAULT


def _implied(out: Path | None, allowed: Sequence[str]) -> str | None:
    if out is None:
        return None
    implied = EXTENSIONS.get(out.suffix.lower())
    return implied if implied in allowed else None
