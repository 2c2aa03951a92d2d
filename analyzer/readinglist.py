"""The reading list: what to read and encode next, so a report's open ranges close.

A component is undetermined when a tier above the one its stated facts reach turns on facts the
encoded law does not state. Each such unstated fact is listed once, under its statute section,
with the components it keeps open and the points at stake: for each component, how many points
the best tier that reads the fact as unstated would add over what the stated facts earn. Then the
stated facts that earn points but rest on inferred or recalled confidence, by the points they carry:
the next things to confirm against the statute text.

The result is plain data (the shape `reading-list --format json` prints); the renderers read only that.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from analyzer.evaluate import Truth, _silent
from analyzer.model import Vocabulary
from analyzer.render.data import number
from analyzer.score import Report

WEAK = ("inferred", "recalled")  # the confidence marks a stated fact can be confirmed from


def reading_list(report: Report, vocabulary: Vocabulary) -> dict[str, Any]:
    """The unstated facts behind the open ranges, then the stated facts on weaker evidence."""
    jurisdiction, framework = report.jurisdiction, report.framework
    stakes: dict[tuple[str, str, str], dict[str, Decimal]] = {}
    where: dict[tuple[str, str, str], str] = {}
    for c in report.components:
        reached = c.reached.index if c.reached else len(c.outcomes) + 1
        for outcome in c.outcomes[: reached - 1]:
            if outcome.trace.result is not Truth.UNKNOWN:
                continue
            gain = outcome.tier.points - c.points
            for r in _silent(outcome.trace):
                key = (r.jurisdiction, r.provision, r.fact)
                where.setdefault(key, r.citation)
                by_component = stakes.setdefault(key, {})
                by_component[c.rule.id] = max(by_component.get(c.rule.id, Decimal(0)), gain)
    results = {c.rule.id: c for c in report.components}
    unstated = []
    for (jur, pid, fact), by_component in stakes.items():
        unstated.append({
            "kind": "unstated", "jurisdiction": jur, "benchmark": jur != jurisdiction.id,
            "provision": pid, "citation": where[(jur, pid, fact)],
            "title": _title(report, jur, pid), "fact": fact, **_meaning(vocabulary, fact),
            "components": [{"id": cid, "title": results[cid].rule.title,
                            "points_range": [number(v) for v in results[cid].points_range],
                            "points_at_stake": number(gain)}
                           for cid, gain in sorted(by_component.items(), key=lambda i: _component_order(report, i[0]))],
            "points_at_stake": number(sum(by_component.values(), Decimal(0))),
        })
    unstated.sort(key=lambda i: (-Decimal(str(i["points_at_stake"])), i["citation"], i["provision"], i["fact"]))

    carried: dict[tuple[str, str], dict[str, Any]] = {}
    for c in report.components:
        if c.points <= 0:
            continue
        for r in c.cited_facts:
            if r.confidence not in WEAK:
                continue
            item = carried.setdefault((r.provision, r.fact), {
                "kind": "unconfirmed", "jurisdiction": jurisdiction.id, "provision": r.provision,
                "citation": r.citation, "title": _title(report, jurisdiction.id, r.provision), "fact": r.fact,
                "value": _plain(r.value), "confidence": r.confidence, **_meaning(vocabulary, r.fact),
                "components": [], "points": Decimal(0)})
            if c.rule.id not in {x["id"] for x in item["components"]}:
                item["components"].append({"id": c.rule.id, "title": c.rule.title, "points": number(c.points)})
                item["points"] += c.points
    unconfirmed = sorted(carried.values(), key=lambda i: (-i["points"], i["citation"], i["provision"], i["fact"]))
    for item in unconfirmed:
        item["points"] = number(item["points"])

    low, high = report.score_range
    return {
        "framework": {"id": framework.id, "title": framework.title, "version": framework.version},
        "jurisdiction": {"id": jurisdiction.id, "name": jurisdiction.name, "as_of": jurisdiction.as_of},
        "score_range": [number(low), number(high)],
        "grade_range": list(report.grade_range),
        "max_score": number(report.max),
        "open_points": number(high - low),
        "undetermined_components": len(report.undetermined),
        "items": unstated + unconfirmed,
    }


def by_section(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items grouped under their statute section, in the order of each section's first item (so the
    section with the most at stake comes first)."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for item in items:
        group = groups.setdefault((item["jurisdiction"], item["provision"]), {
            "jurisdiction": item["jurisdiction"], "benchmark": item.get("benchmark", False),
            "provision": item["provision"], "citation": item["citation"], "title": item["title"], "facts": []})
        group["facts"].append(item)
    return list(groups.values())


def _component_order(report: Report, component_id: str) -> int:
    return next(i for i, c in enumerate(report.components) if c.rule.id == component_id)


def _title(report: Report, jurisdiction: str, provision: str) -> str:
    found = report.jurisdiction.by_id.get(provision) if jurisdiction == report.jurisdiction.id else None
    return found.title if found else ""


def _meaning(vocabulary: Vocabulary, fact: str) -> dict[str, Any]:
    definition = vocabulary.facts.get(fact)
    if definition is None:
        return {"meaning": "", "type": None, "values": []}
    return {"meaning": definition.meaning, "type": definition.type, "values": list(definition.values)}


def _plain(value: Any) -> Any:
    from analyzer.render.data import plain

    return plain(value)
