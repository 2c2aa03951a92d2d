"""Scoring: exact half-point arithmetic, sections and grade from the framework file, gaps reported."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from analyzer import pipeline
from analyzer.model import Framework, GradeBand, Where

MINI = Path(__file__).parent / "data" / "mini"
PROJECT = pipeline.load(MINI / "rules", MINI / "statutes")
TOY = PROJECT.frameworks["toy"]


def report(jurisdiction: str):
    return pipeline.report(PROJECT, PROJECT.jurisdictions[jurisdiction], TOY)


def test_a_jurisdiction_meeting_every_rule_scores_the_maximum() -> None:
    ideal = report("ideal")
    assert ideal.score == ideal.max == Decimal("7.5")
    assert ideal.grade == "A"
    assert {c.status for c in ideal.components} == {"met"}
    assert all(c.recommendation is None for c in ideal.components)


def test_a_jurisdiction_with_no_provisions_scores_zero_and_every_component_is_a_gap() -> None:
    empty = report("empty")
    assert empty.score == 0 and empty.grade == "F"
    for component in empty.components:
        assert component.points == 0 and component.status == "unmet"
        assert component.finding == component.rule.gap
        assert component.recommendation == component.rule.recommendation


def test_partial_tiers_add_up_exactly_by_section() -> None:
    partial = report("partial")
    assert [(c.rule.id, c.points, c.status) for c in partial.components] == [
        ("a1", Decimal("1"), "partial"), ("a2", Decimal("1.5"), "partial"), ("b1", Decimal("0.5"), "partial")]
    assert [s.score for s in partial.sections] == [Decimal("2.5"), Decimal("0.5")]
    assert partial.score == Decimal("3")
    assert partial.component("a1").finding == "Only some offense exists."  # the tier's own gap text


def test_points_never_accumulate_float_error() -> None:
    maximum = report("partial").max
    halves = sum((Decimal("0.5") for _ in range(int(maximum * 2))), Decimal(0))
    assert halves == maximum
    assert sum([0.1] * 3) != 0.3  # why Decimal: floats would drift
    assert isinstance(report("partial").score, Decimal)


@pytest.mark.parametrize(("total", "grade"), [("90", "A"), ("89.5", "B"), ("80", "B"), ("79.5", "C"),
                                              ("70", "C"), ("68.5", "D"), ("60", "D"), ("58.5", "F"), ("0", "F")])
def test_grade_scale_boundaries(total: str, grade: str) -> None:
    bands = tuple(GradeBand(g, Decimal(m)) for g, m in [("A", 90), ("B", 80), ("C", 70), ("D", 60), ("F", 0)])
    framework = Framework("f", "F", "1", (), bands, Where("f", 1))
    assert framework.grade(Decimal(total)) == grade


def test_the_summary_opens_with_strengths_then_gaps() -> None:
    assert report("ideal").summary.text == "Ideal State protects all minors. Ideal State shields victims."
    assert report("empty").summary.gaps == ("Empty State does not protect all minors.",
                                            "Empty State does not shield victims.")


def test_json_report_carries_numbers_and_citations(cli) -> None:
    result = cli("report", "ideal", "--rules", str(MINI / "rules"), "--statutes", str(MINI / "statutes"),
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["score"], data["max_score"], data["grade"]) == (7.5, 7.5, "A")
    assert [(s["id"], s["score"], s["max"]) for s in data["sections"]] == [("A", 5, 5), ("B", 2.5, 2.5)]
    a2 = next(c for c in data["components"] if c["id"] == "a2")
    assert a2["citations"] == ["I.S. § 1"]
    assert a2["benchmarks"] == ["18 U.S.C. § 1"]
    assert a2["tier"] == {"index": 1, "points": 2.5, "reason": "As high as the baseline."}
    for key in ("id", "section", "title", "points", "max", "status", "citations", "gap", "recommendation"):
        assert key in a2


def test_unknown_status_when_the_law_is_silent(tmp_path: Path) -> None:
    silent = (MINI / "statutes" / "partial.yaml").read_text().replace("max_prison: 15", "fine: 1")
    (tmp_path / "statutes").mkdir()
    for name in ("fed.yaml",):
        (tmp_path / "statutes" / name).write_text((MINI / "statutes" / name).read_text())
    (tmp_path / "statutes" / "partial.yaml").write_text(silent)
    project = pipeline.load(MINI / "rules", tmp_path / "statutes")
    a2 = pipeline.report(project, project.jurisdictions["partial"], project.frameworks["toy"]).component("a2")
    assert (a2.status, a2.points) == ("unknown", 0)
    assert [(r.provision, r.fact) for r in a2.silent] == [("p-1", "max_prison")]


def test_the_summary_turns_to_gaps_with_however_keeping_the_jurisdiction_capitalised() -> None:
    assert report("mixed").summary.text == (
        "Mixed State protects all minors. However, Mixed State does not shield victims.")
