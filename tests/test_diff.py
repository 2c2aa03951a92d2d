"""`diff`: what moved between two reports, why, and the exit status CI reads (0 same, 1 moved, 2 bad input)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from analyzer.diff import diff_reports
from analyzer.render.diff import diff_text
from tests.conftest import RAISE


def report(sections: dict[str, float], components: list[dict], grade: str = "F") -> dict:
    """A minimal saved report: only what a diff reads."""
    total = sum(sections.values())
    return {
        "framework": {"id": "pic"}, "jurisdiction": {"id": "x", "name": "X", "as_of": "2020-01-01"},
        "score": total, "max_score": 10, "grade": grade,
        "sections": [{"id": k, "title": f"Section {k}", "score": v, "max": 5} for k, v in sections.items()],
        "components": components,
    }


def component(cid: str, points: float, status: str, tier: int | None, citations: list[str]) -> dict:
    return {"id": cid, "section": cid.split(".")[0], "title": f"Component {cid}", "points": points, "max": 2.5,
            "status": status, "finding": f"finding {cid} {status}", "citations": citations,
            "tier": None if tier is None else {"index": tier, "points": points, "reason": f"reason of tier {tier}"}}


OLD = report({"1": 3, "2": 2.5}, [component("1.1", 0.5, "partial", 3, ["A § 1"]),
                                   component("1.2", 2.5, "met", 1, ["A § 2"]),
                                   component("2.1", 2.5, "met", 1, ["A § 3"])])


def test_identical_reports_have_no_change():
    diff = diff_reports(OLD, copy.deepcopy(OLD), "old", "new")
    assert diff["changed"] is False
    assert diff["components"] == []
    assert [s["delta"] for s in diff["sections"]] == [0, 0]
    assert "No change: both score 5.5 of 10 (grade F)." in diff_text(diff)


def test_a_component_that_moved_is_listed_with_its_reason_and_citations():
    new = report({"1": 5, "2": 2.5}, [component("1.1", 2.5, "met", 1, ["A § 1", "A § 9"]),
                                       component("1.2", 2.5, "met", 1, ["A § 2"]),
                                       component("2.1", 2.5, "met", 1, ["A § 3"])], grade="D")
    diff = diff_reports(OLD, new, "before", "after")
    assert diff["changed"] is True
    assert diff["old"] == {"label": "before", "jurisdiction": "x", "score": 5.5, "score_range": [5.5, 5.5],
                           "grade": "F", "grade_range": ["F", "F"], "max_score": 10}
    assert diff["score"] == {"old": 5.5, "new": 7.5, "delta": 2}
    assert diff["grade"] == {"old": "F", "new": "D"}
    assert diff["sections"][0] == {"id": "1", "title": "Section 1", "old": 3, "new": 5, "delta": 2, "max": 5}
    assert diff["sections"][1]["delta"] == 0  # every section is listed
    (moved,) = diff["components"]
    assert moved == {"id": "1.1", "section": "1", "title": "Component 1.1", "max": 2.5, "old_points": 0.5,
                     "new_points": 2.5, "delta": 2, "old_status": "partial", "new_status": "met",
                     "reason": "tier 3 → tier 1: reason of tier 1",
                     "old_citations": ["A § 1"], "new_citations": ["A § 1", "A § 9"]}
    text = diff_text(diff)
    assert "points 0.5 → 2.5 of 2.5 (+2); status partial → met" in text
    assert "+ cites A § 9" in text
    assert "     5.5 → 7.5 of 10 (+2)  Total" in text and "Grade F → D" in text


def test_a_status_change_without_points_counts_and_a_lost_tier_gives_the_finding():
    new = copy.deepcopy(OLD)
    new["components"][0] = component("1.1", 0, "unknown", None, [])
    new["components"][1] = component("1.2", 2.5, "met", 1, ["A § 2 (renumbered)"])  # citation only: not listed
    new["sections"][0]["score"] = 2.5
    new["score"] = 5
    diff = diff_reports(OLD, new, "a", "b")
    assert [c["id"] for c in diff["components"]] == ["1.1"]
    assert diff["components"][0]["reason"] == "tier 3 → no tier: finding 1.1 unknown"


def test_json_shape_has_exactly_the_agreed_keys(run, write):
    path = write("raise.yaml", RAISE)
    result = run("diff", "testland", "testland", "--amend", str(path), "--format", "json")
    data = json.loads(result.output)
    assert set(data) == {"old", "new", "changed", "score", "grade", "sections", "components"}
    assert set(data["old"]) == set(data["new"]) == {"label", "jurisdiction", "score", "score_range",
                                                          "grade", "grade_range", "max_score"}
    assert set(data["score"]) == {"old", "new", "delta"}
    assert set(data["grade"]) == {"old", "new"}
    assert all(set(s) == {"id", "title", "old", "new", "delta", "max"} for s in data["sections"])
    assert data["components"]
    assert all(set(c) == {"id", "section", "title", "max", "old_points", "new_points", "delta", "old_status",
                          "new_status", "reason", "old_citations", "new_citations"} for c in data["components"])
    assert data["new"]["label"] == "Testland, law of 2020-01-01 + HB 7 (2021)"


def test_exit_0_when_nothing_moved_and_1_when_something_did(run, write):
    path = write("raise.yaml", RAISE)
    same = run("diff", "testland", "testland")
    assert same.exit_code == 0
    assert "No change" in same.output
    moved = run("diff", "testland", "testland", "--amend", str(path))
    assert moved.exit_code == 1
    assert "1.1 " in moved.output
    assert "why: " in moved.output


def test_saved_and_fresh_reports_compare_the_same_way(run, write, tmp_path: Path):
    path = write("raise.yaml", RAISE)
    saved = tmp_path / "old.json"
    assert run("report", "testland", "--format", "json", "--out", str(saved)).exit_code == 0
    assert run("diff", str(saved), "testland").exit_code == 0
    assert run("diff", "testland", str(saved)).exit_code == 0
    from_file = run("diff", str(saved), "testland", "--amend", str(path), "--format", "json")
    fresh = run("diff", "testland", "testland", "--amend", str(path), "--format", "json")
    a, b = json.loads(from_file.output), json.loads(fresh.output)
    assert a["old"]["label"] == "old.json (Testland, law of 2020-01-01)"
    a["old"]["label"] = b["old"]["label"]
    assert a == b


@pytest.mark.parametrize(("fmt", "start"), [("markdown", ""), ("html", "<!DOCTYPE html>")])
def test_markdown_and_html_to_an_out_file(run, write, tmp_path: Path, fmt, start):
    path = write("raise.yaml", RAISE)
    out = tmp_path / f"diff.{fmt}"
    result = run("diff", "testland", "testland", "--amend", str(path), "--format", fmt, "--out", str(out))
    assert result.exit_code == 1
    assert result.output == ""
    text = out.read_text(encoding="utf-8")
    assert text.lower().startswith(start.lower())
    assert "Testland, law of 2020-01-01 + HB 7 (2021)" in text
    assert "1.1" in text


def test_diff_is_deterministic(run, write):
    path = write("raise.yaml", RAISE)
    outputs = {run("diff", "testland", "testland", "--amend", str(path), "--format", fmt).output
               for fmt in ("json",) for _ in range(2)}
    assert len(outputs) == 1


@pytest.mark.parametrize(("args", "expected"), [
    (["nowhere", "testland"], "gap-analyzer: unknown jurisdiction 'nowhere'"),
    (["testlnd", "testland"], "(did you mean 'testland'?)"),
    (["missing.json", "testland"], "missing.json:1: cannot read file"),
    (["bad.json", "testland"], "bad.json:1: missing required key 'score'"),
    (["typo.json", "testland"], "typo.json:3: components[0].points: expected a number, found text 'many'"),
    (["testland", "old.json", "--amend", "raise.yaml"], "--amend applies to NEW, which must then be a jurisdiction id"),
])
def test_bad_diff_input_gets_one_line_and_exit_2(run, write, args, expected):
    write("raise.yaml", RAISE)
    write("old.json", "{}\n")
    write("bad.json", '{"framework": {"id": "pic"},\n "jurisdiction": {"id": "x", "name": "X", "as_of": "2020-01-01"},'
                      '\n "max_score": 10, "grade": "F", "sections": [], "components": []}\n')
    saved = report({"1": 0}, [component("1.1", 0, "unmet", None, [])])
    text = json.dumps(saved, indent=None).replace(', "components"', ',\n\n "components"')
    write("typo.json", text.replace('"points": 0', '"points": "many"'))
    result = run("diff", *args)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert result.stdout == ""


def test_each_side_is_labelled_with_its_law_and_keeps_its_score_range(cli) -> None:
    """A side whose law leaves components undetermined shows its range, not its low end alone."""
    data = json.loads(cli("diff", "missouri@2011-08-28", "missouri", "--format", "json").stdout)
    low, high = data["old"]["score_range"]
    assert data["old"]["label"] == "Missouri, law of 2011-08-28" and low < high
    text = cli("diff", "missouri@2011-08-28", "missouri").stdout
    assert text.startswith("Old: Missouri, law of 2011-08-28\nNew: Missouri, law of ")
    assert f"Score {low}–{high} → " in text
    for fmt in ("markdown", "html"):
        page = cli("diff", "missouri@2011-08-28", "missouri", "--format", fmt).stdout
        assert "Missouri, law of 2011-08-28" in page and f"{low}–{high}" in page
