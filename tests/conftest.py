"""Shared fixtures: the project's data folders, scratch copies of them, a synthetic jurisdiction, CLI runners."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from analyzer.cli import main

ROOT = Path(__file__).resolve().parent.parent

# The cache of checked files: one fresh folder per test session (in-process and CLI subprocesses),
# so tests exercise both its misses and its hits and never touch the user's cache.
os.environ.setdefault("GAP_ANALYZER_CACHE_DIR", tempfile.mkdtemp(prefix="gap-analyzer-cache-"))

TESTLAND = """\
jurisdiction: {id: testland, name: Testland, as_of: "2020-01-01", type: synthetic}
provisions:
  - id: t-traf
    citation: T.C. § 1
    title: Trafficking
    kind: sex_trafficking_offense
    facts:
      minor_age_limit: 16
      means_required_for_minors: true
      commercial: true
    source: synthetic
  - id: t-pros
    citation: T.C. § 2
    title: Prostitution
    kind: prostitution_offense
    facts: {minor_protection: none, presumption_of_coercion: false}
    source: synthetic
  - id: t-gang
    citation: T.C. § 3
    title: Gangs
    kind: criminal_enterprise_statute
    facts: {predicate_offenses: [t-traf]}
    source: synthetic
"""

# An amendment to Testland that raises its trafficking law to full protection.
RAISE = """\
title: Raise protection
bill: HB 7 (2021)
jurisdiction: testland
effective: "2021-08-28"
source: synthetic
changes:
  - set_facts: {provision: t-traf, facts: {minor_age_limit: 18, means_required_for_minors: false}}
"""


MINI = ROOT / "tests" / "data" / "mini"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a scratch copy of a data file (the test's setup fails if it is gone)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A scratch copy of the small synthetic framework (tests/data/mini) that a test may break."""
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture
def project_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the shipped rules (with the published cards beside them, which their calibration
    evidence cites) and federal baseline, and one synthetic jurisdiction."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("*.cases.yaml"))
    shutil.copytree(ROOT / "published", tmp_path / "published")
    statutes = tmp_path / "statutes"
    statutes.mkdir()
    shutil.copy(ROOT / "statutes" / "federal.yaml", statutes / "federal.yaml")
    (statutes / "testland.yaml").write_text(TESTLAND, encoding="utf-8")
    return rules, statutes


@pytest.fixture
def run(project_dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Run the CLI against the throwaway project, from tmp_path (so file names print relative)."""
    rules, statutes = project_dirs
    monkeypatch.chdir(tmp_path)
    for name in ("COLUMNS", "LINES"):  # a library loaded earlier may have set them: lay out as in a pipe
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str, data: bool = True) -> Result:
        extra = ["--rules", str(rules), "--statutes", str(statutes)] if data else []
        return CliRunner().invoke(main, [*args, *extra], catch_exceptions=False)

    return invoke


@pytest.fixture
def write(tmp_path: Path):
    """Write a (dedented) file under tmp_path and return its path."""

    def writer(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
        return path

    return writer


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A scratch copy of rules/ and statutes/ that a test may break."""
    for name in ("rules", "statutes"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.cases.yaml"))
    return tmp_path


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user would, in a separate process, with output to a pipe.

    The environment is passed explicitly: a library loaded in the test process (readline) may have
    set COLUMNS at the C level, which a child would otherwise inherit and lay its text out for."""
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([sys.executable, "-m", "analyzer", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, check=False, env=environment)


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
