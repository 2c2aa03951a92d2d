"""`check`: every graded jurisdiction against its committed baseline; `--accept` records them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def baselines(tmp_path: Path) -> Path:
    return tmp_path / "baselines"


@pytest.fixture
def check(run, baselines):
    def invoke(*args: str):
        return run("check", "--baselines", str(baselines), *args)

    return invoke


def test_accept_records_one_report_per_graded_jurisdiction(check, baselines):
    result = check("--accept")
    assert result.exit_code == 0
    assert sorted(p.name for p in baselines.iterdir()) == ["testland.json"]  # federal is the benchmark
    data = json.loads((baselines / "testland.json").read_text(encoding="utf-8"))
    assert data["jurisdiction"]["id"] == "testland"
    assert "baselines/testland.json: recorded" in result.output


def test_check_passes_when_nothing_moved(check):
    check("--accept")
    result = check()
    assert result.exit_code == 0, result.output
    assert "baselines/testland.json: ok" in result.output


def test_check_fails_with_the_diff_when_a_score_moved(check, project_dirs):
    check("--accept")
    statute = project_dirs[1] / "testland.yaml"
    statute.write_text(statute.read_text(encoding="utf-8").replace("minor_age_limit: 16", "minor_age_limit: 18")
                       .replace("means_required_for_minors: true", "means_required_for_minors: false"),
                       encoding="utf-8")
    result = check()
    assert result.exit_code == 1
    from analyzer.render.data import number
    from tests.test_properties import framework

    total = number(framework().max)  # read from the framework: a component added as the README says changes it
    assert f"baselines/testland.json: the report of 'testland' changed: 3 → 5 of {total}, grade F → F" in result.output
    moved = " ".join(result.output.split("\n  1.1 ", 1)[1].split("\n      ", 1)[0].split())  # wrapped at 100
    assert "0.5 → 2.5 (partial → met); tier 3 → tier 1: Full credit" in moved  # old → new, and the tier's reason
    assert "      T.C. § 1 · minor_age_limit: not cited → 18 (unstated)" in result.output  # the fact that moved
    accepted = check("--accept")
    assert "baselines/testland.json: updated" in accepted.output
    assert check().exit_code == 0


def test_missing_baseline_fails(check, baselines):
    result = check()
    assert result.exit_code == 1
    assert "baselines/testland.json: no baseline for 'testland'" in result.output


def test_baseline_of_a_vanished_jurisdiction_fails_and_accept_removes_it(check, baselines):
    check("--accept")
    (baselines / "atlantis.json").write_text((baselines / "testland.json").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    result = check()
    assert result.exit_code == 1
    assert "baselines/atlantis.json: baseline of 'atlantis', which is not a graded jurisdiction" in result.output
    check("--accept")
    assert not (baselines / "atlantis.json").exists()
    assert check().exit_code == 0


def test_text_only_changes_are_reported_and_fail_only_when_strict(check, baselines):
    check("--accept")
    path = baselines / "testland.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["components"][0]["finding"] = "older wording"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = check()
    assert result.exit_code == 0
    assert "points unchanged, but findings, citations or facts differ" in result.output
    assert "  1.1 Sex trafficking of minors needs no proof of force, fraud or coercion: finding changed" \
        in result.output
    assert check("--strict").exit_code == 1


def test_accept_is_byte_stable(check, baselines):
    check("--accept")
    first = (baselines / "testland.json").read_bytes()
    assert "unchanged" in check("--accept").output
    assert (baselines / "testland.json").read_bytes() == first


def test_a_malformed_baseline_is_bad_input(check, baselines):
    check("--accept")
    (baselines / "testland.json").write_text('{"score": 1}\n', encoding="utf-8")
    result = check()
    assert result.exit_code == 2
    assert result.stderr.startswith("baselines/testland.json:1: missing required key")


def test_bad_statutes_are_bad_input_and_accept_writes_nothing(check, baselines, project_dirs):
    (project_dirs[1] / "testland.yaml").write_text("jurisdiction: {}\n", encoding="utf-8")
    result = check("--accept")
    assert result.exit_code == 2
    assert not baselines.exists()


def test_the_shipped_baselines_match(run):
    """The project's own baselines/ must match its rules and statutes (what CI checks)."""
    result = run("check", "--rules", str(ROOT / "rules"), "--statutes", str(ROOT / "statutes"),
                 "--baselines", str(ROOT / "baselines"), data=False)
    assert result.exit_code == 0, result.output


def test_a_baseline_holds_what_a_reviewer_reads_and_no_trace(check, baselines):
    check("--accept")
    text = (baselines / "testland.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert '"trace"' not in text
    assert all({"points", "status", "tier", "citations", "finding"} <= set(c) for c in data["components"])
    facts = [line for c in data["components"] for line in c.get("facts", ())]
    assert facts and all(re.fullmatch(r"T\.C\. § \d \S* ?· \w+ = .+ \((confirmed|inferred|recalled|unstated)\)", f)
                         for f in facts), facts


def test_a_changed_fact_changes_a_few_lines_of_the_baseline(check, baselines, project_dirs):
    import difflib

    check("--accept")
    before = (baselines / "testland.json").read_text(encoding="utf-8").splitlines()
    statute = project_dirs[1] / "testland.yaml"
    statute.write_text(statute.read_text(encoding="utf-8").replace("minor_age_limit: 16", "minor_age_limit: 18"),
                       encoding="utf-8")
    check("--accept")
    after = (baselines / "testland.json").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert 0 < len(changed) <= 60, changed  # of about 250 lines (score and points ranges move too)
    assert '+        "T.C. § 1 · minor_age_limit = 18 (unstated)"' in changed or \
           '+        "T.C. § 1 · minor_age_limit = 18 (unstated)",' in changed


def test_the_shipped_baselines_are_small_enough_to_review():
    largest = max((ROOT / "baselines").glob("*.json"), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size <= 40_000, f"{largest.name} is {largest.stat().st_size} bytes"


def test_check_lines_keep_to_the_width_of_every_other_command() -> None:
    """`check` prints prose lines (the agreement with published cards) that once ran to 389 columns."""
    from analyzer.cli import fitted

    line = "  mean difference by section (computed less published; + the rules award more): " + ", ".join(
        f"{n} -1.25" for n in range(1, 40))
    out = fitted(f"ok\n{line}\n", 100)
    assert out.startswith("ok\n") and all(len(x) <= 100 for x in out.splitlines())
    assert all(x.startswith("    ") for x in out.splitlines()[2:])  # continuations hang under the text
    assert " ".join(out.split()) == " ".join(f"ok\n{line}".split())  # nothing lost
