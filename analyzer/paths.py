"""Where the project's own rules and statutes are: the checkout, or the copy inside an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def in_checkout() -> bool:
    return (PACKAGE.parent / "pyproject.toml").is_file()


def default_dir(name: str) -> Path:
    checkout = PACKAGE.parent / name
    if checkout.is_dir() and in_checkout():
        return checkout
    return PACKAGE / "data" / name


def default_baselines() -> Path:
    """The checkout's baselines/ even before the first `check --accept` creates it."""
    return PACKAGE.parent / "baselines" if in_checkout() else PACKAGE / "data" / "baselines"
