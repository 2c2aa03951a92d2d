"""`check --accept` interrupted by SIGINT at any moment leaves the baselines all old or all new.

A separate process runs the real command and sends itself SIGINT at a chosen point (while grading,
after some baselines are staged, at the commit, in the middle of the swap, while removing a stale
baseline); a few more runs are interrupted from outside after a delay. Afterwards the baselines
folder must be byte for byte the old one or the new one, and an interrupted run says so in one
line with exit status 130.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, TESTLAND

NAMES = [f"state{i:02d}" for i in range(8)]

TRIPWIRE = """
import os, pathlib, signal, sys
point, at = sys.argv[1], int(sys.argv[2])
import analyzer.baseline as baseline, analyzer.pipeline as pipeline
calls = [0]
def tripwire(real):
    def wrapped(*args, **kwargs):
        calls[0] += 1
        if calls[0] == at:
            os.kill(os.getpid(), signal.SIGINT)
        return real(*args, **kwargs)
    return wrapped
if point == "grade":
    pipeline.report = tripwire(pipeline.report)
elif point == "stage":
    baseline._write_synced = tripwire(baseline._write_synced)
elif point == "swap":
    os.replace = tripwire(os.replace)
elif point == "remove":
    pathlib.Path.unlink = tripwire(pathlib.Path.unlink)
from analyzer.cli import main
main(sys.argv[3:], prog_name="gap-analyzer")
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Old baselines (8 jurisdictions and one that is gone) and the new ones an accept records."""
    root = tmp_path_factory.mktemp("interrupt")
    shutil.copytree(ROOT / "rules", root / "rules", ignore=shutil.ignore_patterns("*.cases.yaml"))
    statutes = root / "statutes"
    statutes.mkdir()
    shutil.copy(ROOT / "statutes" / "federal.yaml", statutes / "federal.yaml")
    for name in [*NAMES, "gone"]:
        (statutes / f"{name}.yaml").write_text(TESTLAND.replace("testland", name), encoding="utf-8")
    old = root / "old"
    assert accept(root, old).returncode == 0
    (statutes / "gone.yaml").unlink()
    for name in NAMES:  # every report moves: age limit 16 -> 18
        (statutes / f"{name}.yaml").write_text(TESTLAND.replace("testland", name).replace(
            "minor_age_limit: 16", "minor_age_limit: 18"), encoding="utf-8")
    new = root / "new"
    shutil.copytree(old, new)
    assert accept(root, new).returncode == 0
    before, after = snapshot(old), snapshot(new)
    assert before != after and "gone.json" in before and "gone.json" not in after
    return {"root": root, "old": before, "new": after}


def data_args(root: Path, folder: Path) -> list[str]:
    return ["check", "--accept", "--baselines", str(folder), "--rules", str(root / "rules"),
            "--statutes", str(root / "statutes")]


def accept(root: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "analyzer", *data_args(root, folder)], capture_output=True,
                          text=True, check=False, cwd=root)


def fresh_copy(project: dict[str, object], name: str) -> Path:
    root = project["root"]
    assert isinstance(root, Path)
    folder = root / name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(root / "old", folder)
    return folder


# 8 baselines change and one is removed: 8 staged files and the journal (the 9th write), then the
# commit (the 1st rename), 8 renames into place and one removal.
POINTS = [("grade", 3), ("stage", 1), ("stage", 5), ("stage", 9), ("swap", 1), ("swap", 2), ("swap", 6),
          ("remove", 1)]


@pytest.mark.parametrize(("point", "at"), POINTS, ids=[f"{p}-{n}" for p, n in POINTS])
def test_sigint_at_any_point_leaves_all_old_or_all_new(project, point, at):
    root = project["root"]
    assert isinstance(root, Path)
    folder = fresh_copy(project, f"run-{point}-{at}")
    result = subprocess.run([sys.executable, "-c", TRIPWIRE, point, str(at), *data_args(root, folder)],
                            capture_output=True, text=True, check=False, cwd=root, timeout=120)
    assert result.returncode == 130, result.stderr
    assert result.stderr == "gap-analyzer: interrupted\n"
    after = snapshot(folder)
    assert after in (project["old"], project["new"]), sorted(after)
    if point in ("grade", "stage"):
        assert after == project["old"]  # before the commit: nothing changed
    if (point, at) in (("stage", 5), ("swap", 6)):  # and the next run records the new ones
        rerun = accept(root, folder)
        assert rerun.returncode == 0 and snapshot(folder) == project["new"]


@pytest.mark.parametrize("delay", [1.0, 2.0])
def test_sigint_from_outside_after_a_delay(project, delay):
    root = project["root"]
    assert isinstance(root, Path)
    folder = fresh_copy(project, f"delay-{delay}")
    process = subprocess.Popen([sys.executable, "-m", "analyzer", *data_args(root, folder)], cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    # Before the command starts, Python's own start-up may be what is interrupted (-SIGINT).
    assert process.returncode in (0, 130, -signal.SIGINT), stderr
    if process.returncode == 130:
        assert stderr.endswith("gap-analyzer: interrupted\n") and "Traceback" not in stderr
    assert snapshot(folder) in (project["old"], project["new"])
