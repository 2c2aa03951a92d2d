"""Shared fixtures: the project's data folders, a scratch copy of them, and a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A scratch copy of rules/ and statutes/ that a test may break."""
    for name in ("rules", "statutes"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.cases.yaml"))
    return tmp_path


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user would, in a separate process."""
    return subprocess.run([sys.executable, "-m", "analyzer", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, check=False)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def synthetic_report():
    """A three-section report with every status and hostile texts (tests/synthetic.py)."""
    from tests.synthetic import build_synthetic_report

    return build_synthetic_report()


@pytest.fixture
def diff_dict():
    """A hand-made `gap-analyzer diff` result (tests/synthetic.py)."""
    from tests.synthetic import build_diff

    return build_diff()
