"""A synthetic report with every status and hostile texts, and a hand-made diff, for the renderers' tests.

The shipped data has one section with every component met; renderers must handle any framework,
so these fixtures build one with three sections of different sizes and shortfalls of every kind.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from analyzer.evaluate import ComponentResult, Reading, TierOutcome, Trace, Truth
from analyzer.model import Framework, GradeBand, Jurisdiction, Provision, Rule, Section, Tier, Where
from analyzer.score import Report, score

EVIL = '<script>alert("x")</script> & <b>bold</b> | *stars* _under_ [link](http://evil.example) `tick` #'
W = Where("synthetic.yaml", 1)


def _provision(pid: str, citation: str, title: str) -> Provision:
    return Provision(pid, citation, title, "offense", {}, "synthetic source", W)


def _result(rule: Rule, points: str, status: str, evidence: tuple[Provision, ...] = (),
            reached: int | None = None, silent: tuple[Reading, ...] = ()) -> ComponentResult:
    outcomes = tuple(TierOutcome(i, t, Trace("synthetic", Truth.MET if i == reached else Truth.UNMET, W))
                     for i, t in enumerate(rule.tiers, 1))
    hit = outcomes[reached - 1] if reached else None
    return ComponentResult(rule, Decimal(points), status, hit, outcomes, evidence, (), silent)


def _rule(rid: str, section: str, title: str, max_points: str = "2.5", gap: str | None = None) -> Rule:
    tiers = (Tier(Decimal(max_points), "Full credit: everything.", None, W),  # type: ignore[arg-type]
             Tier(Decimal("1.5"), "Partial credit: the project's reading of half the criterion.", None, W,
                  gap=gap))  # type: ignore[arg-type]
    return Rule(rid, section, title, Decimal(max_points), tiers, met=f"{title}: met.",
                gap=f"{title}: the law falls short.", recommendation=f"Amend the law so that {title.lower()}.",
                where=W, summary_met=f"{{jurisdiction}} does {title.lower()}.",
                summary_gap=f"{{jurisdiction}} does not {title.lower()}.")


def build_synthetic_report() -> Report:
    p1 = _provision("p1", "Syn. Code § 1.1", "Trafficking of a child")
    p2 = _provision("p2", "Syn. Code § 2.2", EVIL)
    rules = {
        "A1": _rule("A1", "A", "Criminalize trafficking"),
        "A2": _rule("A2", "A", "Punish buyers", gap="Buyers face only a misdemeanor " + EVIL),
        "B1": _rule("B1", "B", "Protect victims " + EVIL),
        "B2": _rule("B2", "B", "Screen children", max_points="5"),
        "C1": _rule("C1", "C", "Train investigators", max_points="10"),
    }
    silent = (Reading("syn", "p1", "Syn. Code § 1.1", "mistake_of_age_defense", None),)
    results = (
        _result(rules["A1"], "2.5", "met", (p1,), reached=1),
        _result(rules["A2"], "1.5", "partial", (p2,), reached=2),
        _result(rules["B1"], "0", "unmet"),
        _result(rules["B2"], "0", "unknown", (p1,), silent=silent),
        _result(rules["C1"], "10", "met", (p1, p2), reached=1),
    )
    sections = (
        Section("A", "Criminal provisions", Decimal(5), ("A1", "A2"), W),
        Section("B", "Victim protections with a title long enough to be shortened in the chart " + EVIL,
                Decimal("7.5"), ("B1", "B2"), W),
        Section("C", "Investigative tools", Decimal(10), ("C1",), W),
    )
    framework = Framework("syn", "Synthetic Framework", "v9", sections,
                          (GradeBand("A", Decimal(20)), GradeBand("C", Decimal(10)), GradeBand("F", Decimal(0))),
                          W, publisher="Example Publisher", summary_components=("A1", "B1"))
    jurisdiction = Jurisdiction("syn", "Synthetica", "2024-01-01", (p1, p2), W)
    return score(framework, jurisdiction, results)


def build_diff() -> dict[str, Any]:
    side = {"jurisdiction": "Synthetica", "grade": "F", "max_score": 22.5}
    return {
        "old": {**side, "label": "Law as of 2024", "score": 14},
        "new": {**side, "label": "With HB 1 " + EVIL, "score": 17.5, "grade": "C"},
        "changed": True,
        "score": {"old": 14, "new": 17.5, "delta": 3.5},
        "grade": {"old": "F", "new": "C"},
        "sections": [
            {"id": "A", "title": "Criminal provisions", "old": 4, "new": 5, "delta": 1, "max": 5},
            {"id": "B", "title": "Victim protections " + EVIL, "old": 0, "new": 2.5, "delta": 2.5, "max": 7.5},
            {"id": "C", "title": "Investigative tools", "old": 10, "new": 10, "delta": 0, "max": 10},
        ],
        "components": [
            {"id": "A2", "section": "A", "title": "Punish buyers", "max": 2.5, "old_points": 1.5, "new_points": 2.5,
             "delta": 1, "old_status": "partial", "new_status": "met", "reason": "HB 1 makes buying a felony",
             "old_citations": ["Syn. Code § 2.2"], "new_citations": ["Syn. Code § 2.2", "Syn. Code § 2.3"]},
            {"id": "B1", "section": "B", "title": "Protect victims", "max": 2.5, "old_points": 0, "new_points": 2.5,
             "delta": 2.5, "old_status": "unmet", "new_status": "met", "reason": EVIL,
             "old_citations": [], "new_citations": ["Syn. Code § 9.9"]},
            {"id": "C1", "section": "C", "title": "Train investigators", "max": 10, "old_points": 10,
             "new_points": 10, "delta": 0, "old_status": "met", "new_status": "met", "reason": None,
             "old_citations": ["Syn. Code § 1.1"], "new_citations": ["Syn. Code § 1.1"]},
        ],
    }
