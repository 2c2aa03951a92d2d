"""Writing output files so that a failed run never leaves a half-written one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from analyzer.errors import InputError, Problem


def write_atomic(path: Path, text: str) -> None:
    """Write beside the target, then rename over it: readers see the old file or the new, never half."""
    path = path.resolve()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise InputError([Problem(str(path), 0, f"cannot write the file: {exc.strerror or exc}")]) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
