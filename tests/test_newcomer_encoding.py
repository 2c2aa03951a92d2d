"""What a rule author and an encoder start from: `list kinds`/`list facts` (the vocabulary with its
meanings and who reads it), `new-jurisdiction` (a skeleton of what the rules read), and
jurisdictions named as a reader names them (any case, or a state's postal code)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from analyzer.catalog import reads
from tests.test_newcomer import ROOT, gap
from tests.test_properties import project


def test_list_facts_names_every_kind_and_fact_with_its_meaning() -> None:
    data = json.loads(gap("list", "--facts", "--format", "json").stdout)
    vocabulary = project().vocabulary
    assert [k["kind"] for k in data["kinds"]] == sorted(vocabulary.kinds)
    assert [f["fact"] for f in data["facts"]] == sorted(vocabulary.facts)
    assert all(k["meaning"] == vocabulary.kinds[k["kind"]] for k in data["kinds"])
    enums = [f for f in data["facts"] if vocabulary.facts[f["fact"]].type == "enum"]
    assert enums and all(", ".join(vocabulary.facts[f["fact"]].values) in f["type"] for f in enums)
    text = gap("list", "facts", env={"COLUMNS": "80"}).stdout
    assert all(re.search(rf"^{name}$", text, re.MULTILINE) for name in vocabulary.facts)


def test_list_kinds_says_which_facts_the_rules_read_and_which_components_read_them() -> None:
    data = {k["kind"]: k for k in json.loads(gap("list", "kinds", "--format", "json").stdout)["kinds"]}
    read = reads(project())
    for kind, facts in read.items():
        assert data[kind]["facts_read"].split(", ") == sorted(f for f in facts if f) or not data[kind]["facts_read"]
    rule_ids = {r.id for rules in project().rules.values() for r in rules}
    listed = {c for k in data.values() for c in k["read_by"].split(", ") if c}
    assert listed == rule_ids  # every rule reads some kind, and nothing else is named


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    for name in ("rules", "statutes", "amendments", "baselines", "published"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def test_new_jurisdiction_writes_a_skeleton_of_every_kind_the_rules_read(data_folder: Path) -> None:
    done = gap("new-jurisdiction", "New State", "--as-of", "2024-07-01", cwd=data_folder)
    assert done.returncode == 0, done.stderr
    text = (data_folder / "statutes" / "new-state.yaml").read_text(encoding="utf-8")
    for kind, facts in reads(project()).items():
        block = text.split(f"  #   kind: {kind}\n")[1].split("\n\n")[0]
        assert all(f"  #     {f}: {{unstated: true}}" in block for f in facts if f), kind
    assert "id: new-state" in text and 'as_of: "2024-07-01"' in text
    again = gap("new-jurisdiction", "New State", cwd=data_folder)
    assert again.returncode == 2 and "never replaces" in again.stderr


def test_an_uncommented_provision_of_the_skeleton_validates_and_is_graded(data_folder: Path) -> None:
    gap("new-jurisdiction", "New State", "--as-of", "2024-07-01", cwd=data_folder)
    path = data_folder / "statutes" / "new-state.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("  # - id: new-state-training-provision")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  #   "))
    block = [line.replace("  # ", "  ", 1) for line in lines[start:end]]
    block = [line.replace("{unstated: true}", '{value: mandated, citation: "NS § 1(a)", confidence: confirmed}')
             .replace('"[', '"NS § 1 [') for line in block]
    path.write_text("\n".join(lines[:start] + block + lines[end:]) + "\n", encoding="utf-8")
    assert gap("validate", cwd=data_folder).returncode == 0
    report = json.loads(gap("report", "New State", "--format", "json", cwd=data_folder).stdout)
    assert {c["id"]: c["status"] for c in report["components"]}["6.1"] == "met"


def uncomment(path: Path, *kinds: str) -> None:
    """Uncomment the skeleton's provisions of these kinds, as an encoder starting a state does."""
    lines, out, on = path.read_text(encoding="utf-8").splitlines(), [], False
    for line in lines:
        if line.startswith("  # - id: "):
            on = any(line.endswith("-" + kind.replace("_", "-")) for kind in kinds)
        elif not line.startswith("  #   "):
            on = False
        out.append(line.replace("  # ", "  ", 1) if on else line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def test_a_placeholder_left_from_the_skeleton_is_refused_at_its_line(data_folder: Path) -> None:
    gap("new-jurisdiction", "New State", "--as-of", "2024-07-01", cwd=data_folder)
    path = data_folder / "statutes" / "new-state.yaml"
    uncomment(path, "training_provision")
    text = path.read_text(encoding="utf-8").replace(
        "mandate: {unstated: true}", 'mandate: {value: mandated, citation: "[subsection]", confidence: confirmed}')
    path.write_text(text, encoding="utf-8")
    done = gap("validate", cwd=data_folder)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = text.splitlines()
    for placeholder in ("[citation]", "[title]", "[URL or official document of the text read]", "[subsection]"):
        line = next(i for i, x in enumerate(lines, 1) if f'"{placeholder}"' in x and not x.lstrip().startswith("#"))
        assert f"statutes/new-state.yaml:{line}: " in done.stderr and placeholder in done.stderr, placeholder


def test_an_unfilled_fact_is_not_determined_and_claims_no_confidence(data_folder: Path) -> None:
    """A state started from the skeleton with three provisions and no fact read: nothing rests on
    confirmed facts, the components those kinds feed are not determined, and the report counts the
    components whose kinds of law the encoding holds no provision of."""
    gap("new-jurisdiction", "New State", "--as-of", "2024-07-01", cwd=data_folder)
    path = data_folder / "statutes" / "new-state.yaml"
    kinds = ("sex_trafficking_offense", "prostitution_offense", "training_provision")
    uncomment(path, *kinds)
    text = path.read_text(encoding="utf-8")
    for n, placeholder in enumerate(("[citation]", "[title]", "[URL or official document of the text read]")):
        text = text.replace(f'"{placeholder}"', f'"NS § {n}"')
    path.write_text(text, encoding="utf-8")
    assert gap("validate", cwd=data_folder).returncode == 0
    report = json.loads(gap("report", "New State", "--format", "json", cwd=data_folder).stdout)
    assert report["evidence"]["points_by_confidence"]["confirmed"] == 0
    readers = {c for kind in kinds for facts in reads(project())[kind].values() for c in facts}
    statuses = {c["id"]: c["status"] for c in report["components"]}
    assert {statuses[c] for c in readers} <= {"unknown", "unmet", "partial"} and "unknown" in statuses.values()
    not_encoded = [c["id"] for c in report["components"] if c.get("not_encoded")]
    assert not_encoded
    text_report = " ".join(gap("report", "New State", cwd=data_folder).stdout.split())
    assert f"Not encoded: {len(not_encoded)} of {len(report['components'])} components" in text_report


@pytest.mark.parametrize("typed", ["Missouri", "MISSOURI", "MO", "mo"])
def test_a_jurisdiction_is_named_in_any_case_or_by_postal_code(typed: str) -> None:
    done = gap("report", typed, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["jurisdiction"]["id"] == "missouri"


def test_one_jurisdiction_named_twice_is_one_report_not_a_side_by_side() -> None:
    done = gap("report", "missouri", "Missouri", "MO")
    assert done.returncode == 0 and "side by side" not in done.stdout
    assert done.stdout.startswith(gap("report", "missouri").stdout.splitlines()[0])
