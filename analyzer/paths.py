"""Where the data lives: the checkout you work in, a folder you name, or the copy bundled with the tool.

Users add rules and statutes in their own checkout, so the checkout must win over whatever copy an
install carries. In order:

1. `--rules DIR`, `--statutes DIR`, `--baselines DIR` on a command (each folder on its own);
2. `gap-analyzer --data DIR` or the environment variable `GAP_ANALYZER_DATA=DIR`: a folder holding
   `rules/`, `statutes/` and `baselines/`;
3. the current directory or its nearest parent that holds both `rules/` and `statutes/` (a checkout);
4. the data bundled with the installed package (or, for an editable install, its source checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA_ENV = "GAP_ANALYZER_DATA"

_override: Path | None = None  # set by `gap-analyzer --data DIR` for one run


def set_data_root(folder: Path | None) -> None:
    """Point this run at a data folder (the `--data` option); None goes back to the defaults."""
    global _override
    _override = folder


def is_data_folder(folder: Path) -> bool:
    return (folder / "rules").is_dir() and (folder / "statutes").is_dir()


def find_checkout(start: Path | None = None) -> Path | None:
    """The nearest folder from `start` (default: the working directory) upwards with rules/ and statutes/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_data_folder(folder):
            return folder
    return None


def bundled_root() -> Path:
    """The data an install carries: the wheel's copy, or the source checkout of an editable install."""
    wheel = PACKAGE / "data"
    return wheel if is_data_folder(wheel) else PACKAGE.parent


def data_root() -> Path:
    """The folder whose rules/, statutes/ and baselines/ are the defaults of this run."""
    if _override is not None:
        return _override
    named = os.environ.get(DATA_ENV)
    if named:
        return Path(named)
    return find_checkout() or bundled_root()


def default_dir(name: str) -> Path:
    return data_root() / name


def default_baselines() -> Path:
    """The data folder's baselines/, even before the first `check --accept` creates it."""
    return data_root() / "baselines"
