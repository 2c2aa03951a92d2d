"""From a fresh clone, the README's own set-up line: the report prints, and the checkout is live.

The clone is installed the way the README says (`pip install -e '.[test]'`), into a new virtual
environment. To stay fast and offline, that environment borrows this one's installed dependencies
(a .pth file) and pip runs with --no-deps --no-build-isolation; the install of the clone itself is
real. Then an edit to a rule in the clone must show in the next report and explain, and
`check --accept` must write the clone's own baselines/ (and nothing inside the environment).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULE = "rules/pic/section-1/1.1.yaml"


def run(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
    return done


def readme_setup_line() -> list[str]:
    """The README's set-up line, as its `&&`-joined commands."""
    line = next(line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("python3 -m venv .venv"))
    return [part.strip() for part in line.split("&&")]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.fail("the fresh-clone test needs git and a git checkout (CI runs from a clone)")
    folder = tmp_path_factory.mktemp("fresh") / "clone"
    run("git", "clone", "--quiet", ROOT, folder, cwd=ROOT.parent)
    venv, install, report = readme_setup_line()
    assert venv == "python3 -m venv .venv"
    assert shlex.split(install) == [".venv/bin/pip", "install", "-q", "-e", ".[test]"]
    assert report == ".venv/bin/gap-analyzer report missouri"
    run(sys.executable, "-m", "venv", "--without-pip", ".venv", cwd=folder)
    python = folder / ".venv/bin/python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=folder).stdout.strip()
    (Path(purelib) / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(sys.executable, "-m", "pip", "--python", python, "install", *shlex.split(install)[2:], "--no-deps",
        "--no-build-isolation", cwd=folder)
    return folder


def test_the_readme_setup_line_prints_the_missouri_report(clone: Path) -> None:
    done = run("sh", "-c", readme_setup_line()[2], cwd=clone)
    assert re.search(r"Final score [0-9.]+ of [0-9.]+( +Grade [A-F]|, up to [0-9.]+ if the \d+ undetermined)",
                     done.stdout)  # one number, or both ends of an open range
    located = run(clone / ".venv/bin/python", "-c", "import analyzer; print(analyzer.__file__)", cwd=clone.parent)
    assert Path(located.stdout.strip()).resolve().is_relative_to(clone.resolve())  # the clone's code, editable


def test_an_edit_to_a_rule_shows_in_the_next_report_and_explain(clone: Path) -> None:
    rule = clone / RULE
    text = rule.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    rule.write_text(text.replace(title, "title: Edited in the checkout, seen at once"), encoding="utf-8")
    report = run(clone / ".venv/bin/gap-analyzer", "report", "missouri", cwd=clone).stdout
    assert "Edited in the checkout, seen at once" in report
    explained = run(clone / ".venv/bin/gap-analyzer", "explain", "missouri", "1.1", cwd=clone).stdout
    assert "Component 1.1 — Edited in the checkout, seen at once" in explained
    assert f"Rule: {RULE}\n" in explained  # checkout-relative, not a path inside the environment
    from_below = run(clone / ".venv/bin/gap-analyzer", "explain", "missouri", "1.1", cwd=clone / "rules").stdout
    assert "Edited in the checkout, seen at once" in from_below and "Rule: pic/section-1/1.1.yaml" in from_below


def test_check_accept_writes_the_checkouts_baselines(clone: Path) -> None:
    rule = clone / RULE
    text = rule.read_text(encoding="utf-8")
    if "Edited in the checkout" not in text:
        title = next(line for line in text.splitlines() if line.startswith("title: "))
        rule.write_text(text.replace(title, "title: Edited in the checkout, seen at once"), encoding="utf-8")
    before = run(clone / ".venv/bin/gap-analyzer", "check", "--strict", cwd=clone, check=False)
    assert before.returncode == 1 and "baselines/missouri.json" in before.stdout
    accepted = run(clone / ".venv/bin/gap-analyzer", "check", "--accept", cwd=clone).stdout
    assert "baselines/missouri.json: updated" in accepted
    changed = run("git", "status", "--porcelain", "baselines", cwd=clone).stdout
    # the edited title is in every jurisdiction's report: each baseline changed, in the checkout only
    assert sorted(line.split() for line in changed.splitlines()) == sorted(
        ["M", f"baselines/{p.name}"] for p in (clone / "baselines").glob("*.json"))
    assert "Edited in the checkout, seen at once" in (clone / "baselines/missouri.json").read_text(encoding="utf-8")
    for copy in (clone / ".venv").rglob("missouri.json"):  # a copy an install bundled is left alone
        assert "Edited in the checkout" not in copy.read_text(encoding="utf-8")
    assert run(clone / ".venv/bin/gap-analyzer", "check", "--strict", cwd=clone).returncode == 0
