"""The report as plain data (JSON): the stable, diffable form that baselines and diffs read."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from analyzer.evaluate import ComponentResult, Reading, Trace
from analyzer.model import Framework, Rule, Tier
from analyzer.score import Report


def number(value: Decimal) -> int | float:
    """Exact halves print as JSON numbers: 10, 9.5."""
    return int(value) if value == value.to_integral_value() else float(value)


def plain(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return str(value)


def trace_data(trace: Trace) -> dict[str, Any]:
    out: dict[str, Any] = {"condition": trace.description, "result": trace.result.value}
    if trace.provision:
        out["provision"] = trace.provision
    if trace.readings:
        out["facts"] = [{"provision": r.provision, "citation": r.citation, "fact": r.fact,
                         "value": plain(r.value), "jurisdiction": r.jurisdiction,
                         "confidence": r.confidence or "unstated"} for r in trace.readings]
    if trace.children:
        out["children"] = [trace_data(c) for c in trace.children]
    return out


def confidence_label(reading: Reading) -> str:
    """A fact's confidence as a reader sees it ('unstated' for synthetic law that marks none)."""
    return reading.confidence or "unstated"


def fact_data(reading: Reading) -> dict[str, Any]:
    return {"provision": reading.provision, "citation": reading.citation, "fact": reading.fact,
            "value": plain(reading.value), "confidence": reading.confidence or "unstated"}


def component_data(result: ComponentResult, *, with_trace: bool = True) -> dict[str, Any]:
    rule = result.rule
    out: dict[str, Any] = {
        "id": rule.id,
        "section": rule.section,
        "title": rule.title,
        "points": number(result.points),
        "points_range": [number(v) for v in result.points_range],
        "max": number(rule.max),
        "status": result.status,
        "tier": None if result.reached is None else {
            "index": result.reached.index, "points": number(result.reached.tier.points),
            "reason": result.reached.tier.reason},
        "citations": list(result.citations),
        "provisions": [p.id for p in result.evidence],
        "benchmarks": [p.citation for p in result.benchmarks],
        "finding": result.finding,
        "gap": None if result.status == "met" else result.finding,
        "recommendation": result.recommendation,
        "unstated_facts": [{"provision": r.provision, "citation": r.citation, "fact": r.fact}
                           for r in result.silent],
        "undetermined": result.status == "unknown",
        "no_such_law": result.absent and result.complete,
        "not_encoded": result.absent and not result.complete,
        "facts": [fact_data(r) for r in result.cited_facts],
        "evidence": result.weakest_confidence,
    }
    if with_trace:
        decisive = result.reached or result.outcomes[0]
        out["trace"] = trace_data(decisive.trace)
    return out


def report_data(report: Report, *, with_trace: bool = True) -> dict[str, Any]:
    framework, jurisdiction = report.framework, report.jurisdiction
    return {
        "framework": {"id": framework.id, "title": framework.title, "version": framework.version,
                      "publisher": framework.publisher},
        "jurisdiction": {"id": jurisdiction.id, "name": jurisdiction.name, "as_of": jurisdiction.as_of,
                         "encoded": {"from": jurisdiction.earliest or jurisdiction.as_of,
                                     "through": jurisdiction.latest or jurisdiction.as_of}},
        "amendments": [{"title": a.title, "bill": a.bill, "effective": a.effective, "applied_to": a.applied_to}
                       for a in jurisdiction.amendments],
        "score": number(report.score),
        "max_score": number(report.max),
        "grade": report.grade,
        "score_range": [number(v) for v in report.score_range],
        "grade_range": list(report.grade_range),
        "undetermined_components": len(report.undetermined),
        "summary": {"text": report.summary.text, "strengths": list(report.summary.strengths),
                    "gaps": list(report.summary.gaps), "unencoded": list(report.summary.unencoded)},
        "sections": [{"id": s.section.id, "title": s.section.title, "score": number(s.score),
                      "score_range": [number(v) for v in s.score_range], "max": number(s.section.max),
                      "components": [c.rule.id for c in s.components]}
                     for s in report.sections],
        "evidence": {"points_by_confidence": {k: number(v) for k, v in report.points_by_confidence.items()},
                     "points_on_inferred_or_recalled": number(report.points_on_weaker_evidence)},
        "components": [component_data(c, with_trace=with_trace) for c in report.components],
    }


def clauses_data(framework: Framework, tier: Tier, rule: Rule) -> list[dict[str, Any]]:
    """The partial-credit scheme's clauses a tier cites, with their text and what each costs in this
    component (its calibrated deduction, where the rule sets one) (for explain --format json)."""
    scheme = framework.scheme
    found = [scheme.clause(c) for c in tier.clauses] if scheme else []
    calibrated = rule.calibration.deductions if rule.calibration else {}
    return [{"id": c.id, "name": c.name, "deduction": number(calibrated.get(c.id, c.deduction)),
             "default_deduction": number(c.deduction), "calibrated": c.id in calibrated, "text": c.text}
            for c in found if c]


def calibration_data(rule: Rule) -> dict[str, Any] | None:
    """A rule's calibrated sizes and the published evidence behind them."""
    calibration = rule.calibration
    if calibration is None:
        return None
    return {"deductions": {k: number(v) for k, v in calibration.deductions.items()}, "reason": calibration.reason,
            "cards": list(calibration.cards), "open": calibration.open,
            "evidence": [{"card": e.card, "section": e.section, "shows": e.shows, "text": e.text}
                         for e in calibration.evidence]}


def evidence_sentence(report: Report) -> str:
    """The summary's count of how many points rest on inferred or recalled facts."""
    by = report.points_by_confidence
    missing = [c.rule.id for c in report.components if c.absent and not c.complete]
    return (f"Evidence: {pts_text(report.points_on_weaker_evidence)} of the {pts_text(report.score)} points rest on "
            f"at least one inferred or recalled fact ({pts_text(by['inferred'])} inferred, "
            f"{pts_text(by['recalled'])} recalled); {pts_text(by['confirmed'])} rest on confirmed facts only"
            + (f"; {pts_text(by['unstated'])} on facts with no confidence mark." if by["unstated"] else ".")
            + (f" Not encoded: {len(missing)} of {len(report.components)} components read only kinds of law "
               f"the encoding holds no provision of ({', '.join(missing)}); their points are not findings about "
               "the law until it is encoded." if missing else ""))


def pts_text(value: Decimal) -> str:
    return str(number(value))


def facts_by_provision(result: ComponentResult) -> list[tuple[str, list[Reading]]]:
    """The cited facts grouped under the provision citation they belong to, in citation order."""
    groups: dict[str, list[Reading]] = {}
    for provision in result.evidence:
        groups[provision.citation] = [r for r in result.cited_facts if r.provision == provision.id]
    return list(groups.items())


def show_value(value: Any) -> str:
    """A fact value as analysts read it: true/false, [a, b], 'not stated' when the law is silent."""
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report_json(report: Report) -> str:
    return dumps(report_data(report))
