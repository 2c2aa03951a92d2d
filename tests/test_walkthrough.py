"""The README's "Adding a rule" walkthrough, performed as written, in a scratch copy of the project.

The files come from the README's own code blocks (each opens with a comment naming its file and
where it goes), the framework edit follows step 3, then `validate`, `check --accept` and the tests
that read the framework run in the copy. If the README and the tool drift apart, this fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Adding a rule"
# The tests that read the framework's size, maxima and components (and the rules' cases), run in the copy.
FRAMEWORK_READING = ("tests/test_missouri.py", "tests/test_framework.py", "tests/test_newcomer.py",
                     "tests/test_validate_everything.py", "tests/test_partial_credit.py", "tests/test_check.py")


def readme_blocks() -> list[tuple[str, str, str]]:
    """(file, where, text) for each YAML block of the walkthrough: its first line is `# FILE[, where]`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = []
    for match in re.finditer(r"^( *)```yaml\n(.*?)^\1```", section, re.MULTILINE | re.DOTALL):
        lines = [line[len(match.group(1)):] for line in match.group(2).splitlines()]
        head = re.fullmatch(r"# (\S+)(?:, (.*))?", lines[0])
        assert head, f"a walkthrough block must open with '# FILE[, where]': {lines[0]!r}"
        blocks.append((head.group(1), head.group(2) or "", "\n".join(lines[1:]) + "\n"))
    return blocks


def place(folder: Path, file: str, where: str, text: str) -> None:
    """Put a block where the README says; a checkout where someone already followed the walkthrough
    holds it already, exactly as written, and is left as it is (so the suite passes there too)."""
    path = folder / file
    if not where:
        if path.exists():
            assert path.read_text(encoding="utf-8") == text, f"{file} exists and differs from the README's"
            return
        path.write_text(text, encoding="utf-8")
        return
    if text in path.read_text(encoding="utf-8"):
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    block = re.search(r"the (\w+): block", where)
    assert block, where
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{block.group(1)}:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "")), len(lines))
    path.write_text("".join(lines[:end]) + text + "".join(lines[end:]), encoding="utf-8")


def raise_section(folder: Path, rule_file: str) -> None:
    """Step 3: list the component in its section and raise the section's max by the rule's max."""
    rule = yaml.safe_load((folder / rule_file).read_text(encoding="utf-8"))
    path = folder / "rules" / "pic" / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    section = next(s for s in yaml.safe_load(text)["sections"] if s["id"] == rule["section"])
    if rule["id"] in section["components"]:  # already listed (and its section raised) by the reader
        return
    old = f'max: {section["max"]}\n    components: [{", ".join(chr(34) + c + chr(34) for c in section["components"])}]'
    assert old in text, "framework.yaml no longer lays out its sections as the walkthrough expects"
    raised = section["max"] + rule["max"]
    new = (f'max: {int(raised) if raised == int(raised) else raised}\n    components: '
           f'[{", ".join(chr(34) + c + chr(34) for c in [*section["components"], rule["id"]])}]')
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("GAP_ANALYZER_DATA", "COLUMNS")}
    return subprocess.run([sys.executable, *args], cwd=folder, capture_output=True, text=True, env=environment,
                          check=False, timeout=1200)


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str],
                                                              subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("walkthrough") / "project"
    shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(".git", ".venv", ".ci-venv", "__pycache__",
                                                                 ".pytest_cache", ".hypothesis", "*.egg-info"))
    blocks = readme_blocks()
    assert {file for file, _, _ in blocks} >= {"rules/vocabulary.yaml"}
    for file, where, text in blocks:
        place(folder, file, where, text)
    rule = next(file for file, where, _ in blocks if not where and not file.endswith(".cases.yaml"))
    raise_section(folder, rule)
    validated = run(folder, "-m", "analyzer", "validate")
    accepted = run(folder, "-m", "analyzer", "check", "--accept")  # step 6, once for every test below
    return folder, validated, accepted


def test_the_walkthrough_validates_without_warnings(walked) -> None:
    _, done, _ = walked
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_check_accept_records_the_new_component_and_check_then_passes(walked) -> None:
    folder, _, accepted = walked
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert '"6.7"' in (folder / "baselines" / "missouri.json").read_text(encoding="utf-8")
    assert run(folder, "-m", "analyzer", "check", "--strict").returncode == 0


def test_the_framework_reading_tests_pass_unedited(walked) -> None:
    folder, _, _ = walked
    done = run(folder, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *FRAMEWORK_READING)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
