"""The report as plain data (JSON): the stable, diffable form that baselines and diffs read."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from analyzer.evaluate import ComponentResult, Trace
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
                         "value": plain(r.value), "jurisdiction": r.jurisdiction} for r in trace.readings]
    if trace.children:
        out["children"] = [trace_data(c) for c in trace.children]
    return out


def component_data(result: ComponentResult, *, with_trace: bool = True) -> dict[str, Any]:
    rule = result.rule
    out: dict[str, Any] = {
        "id": rule.id,
        "section": rule.section,
        "title": rule.title,
        "points": number(result.points),
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
    }
    if with_trace:
        decisive = result.reached or result.outcomes[0]
        out["trace"] = trace_data(decisive.trace)
    return out


def report_data(report: Report) -> dict[str, Any]:
    framework, jurisdiction = report.framework, report.jurisdiction
    return {
        "framework": {"id": framework.id, "title": framework.title, "version": framework.version,
                      "publisher": framework.publisher},
        "jurisdiction": {"id": jurisdiction.id, "name": jurisdiction.name, "as_of": jurisdiction.as_of},
        "amendments": [{"title": a.title, "bill": a.bill, "effective": a.effective}
                       for a in jurisdiction.amendments],
        "score": number(report.score),
        "max_score": number(report.max),
        "grade": report.grade,
        "summary": {"text": report.summary.text, "strengths": list(report.summary.strengths),
                    "gaps": list(report.summary.gaps)},
        "sections": [{"id": s.section.id, "title": s.section.title, "score": number(s.score),
                      "max": number(s.section.max), "components": [c.rule.id for c in s.components]}
                     for s in report.sections],
        "components": [component_data(c) for c in report.components],
    }


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report_json(report: Report) -> str:
    return dumps(report_data(report))
