"""What can be graded: jurisdictions (with their law dates), frameworks and their components.

The framework's benchmark jurisdiction (e.g. federal law) is what rules compare against, not a
subject: grading it against a state-law framework would print a meaningless card.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from analyzer.errors import InputError, Problem
from analyzer.model import Compare, FactDef, Framework, Logic, Project, Quantified, Refers
from analyzer.render.data import number

KINDS = ("jurisdictions", "frameworks", "components")
VOCABULARY = ("kinds", "facts")  # listed only when asked for: what an encoder or rule author needs


def refuse_benchmark(framework: Framework, jurisdiction_id: str) -> None:
    """The benchmark is refused as a report subject, with what to do instead."""
    if framework.baseline and jurisdiction_id == framework.baseline:
        raise InputError([Problem("gap-analyzer", 0, f"'{jurisdiction_id}' is the benchmark that framework "
                                                     f"'{framework.id}' compares states against, not a "
                                                     f"jurisdiction it grades (see `gap-analyzer list`)")])


def catalog(project: Project, what: tuple[str, ...] = KINDS) -> dict[str, list[dict[str, object]]]:
    """The lists `gap-analyzer list` prints, as plain data."""
    benchmarks = {f.baseline: f.id for f in project.frameworks.values() if f.baseline}
    out: dict[str, list[dict[str, object]]] = {}
    if "jurisdictions" in what:
        out["jurisdictions"] = [
            {"id": j.id, "name": j.name, "law_as_of": j.as_of,
             "role": f"benchmark of {benchmarks[j.id]}" if j.id in benchmarks else "graded"}
            for j in sorted(project.jurisdictions.values(), key=lambda j: j.id)]
    if "frameworks" in what:
        out["frameworks"] = [
            {"id": f.id, "title": f"{f.title} ({f.version})", "sections": len(f.sections),
             "components": sum(len(s.components) for s in f.sections),
             "points": number(sum((s.max for s in f.sections), Decimal(0))),
             "benchmark": f.baseline or ""}
            for f in sorted(project.frameworks.values(), key=lambda f: f.id)]
    if "kinds" in what:
        read = reads(project)
        out["kinds"] = [
            {"kind": kind, "meaning": meaning,
             "facts_read": ", ".join(sorted(f for f in read.get(kind, {}) if f)),
             "read_by": ", ".join(sorted({c for facts in read.get(kind, {}).values() for c in facts}, key=_order))}
            for kind, meaning in sorted(project.vocabulary.kinds.items())]
    if "facts" in what:
        read = reads(project)
        out["facts"] = [
            {"fact": name, "type": fact_type(fact), "unit": fact.unit or "", "meaning": fact.meaning,
             "kinds_read_from": ", ".join(sorted(k for k, facts in read.items() if name in facts))}
            for name, fact in sorted(project.vocabulary.facts.items())]
    if "components" in what:
        out["components"] = [
            {"framework": framework_id, "id": r.id, "section": r.section, "max": number(r.max), "title": r.title}
            for framework_id in sorted(project.rules) for r in project.rules[framework_id]]
    return out


def fact_type(fact: FactDef) -> str:
    """A fact's type as an encoder writes it: the allowed values of an enum or a set spelled out."""
    if fact.type == "enum":
        return "one of: " + ", ".join(fact.values)
    if fact.type == "set":
        return "list of: " + ", ".join(fact.values)
    return {"years": "years or life", "provisions": "provision ids"}.get(fact.type, fact.type)


def reads(project: Project) -> dict[str, dict[str, set[str]]]:
    """For each provision kind the rules read, the facts they read from it and the components that do
    ("" holds components that only need a provision of the kind to exist)."""
    found: dict[str, dict[str, set[str]]] = {}

    def walk(node: Any, kinds: tuple[str, ...], component: str) -> None:
        if isinstance(node, Logic):
            for item in node.items:
                walk(item, kinds, component)
        elif isinstance(node, Quantified):
            for kind in node.kinds:
                found.setdefault(kind, {}).setdefault("", set()).add(component)
            if node.condition is not None:
                walk(node.condition, node.kinds, component)
        elif isinstance(node, Refers):
            for kind in kinds:
                found.setdefault(kind, {}).setdefault(node.fact, set()).add(component)
            if node.condition is not None:
                walk(node.condition, node.kinds or kinds, component)
        elif isinstance(node, Compare):
            for kind in kinds:
                found.setdefault(kind, {}).setdefault(node.fact, set()).add(component)

    for rules in project.rules.values():
        for rule in rules:
            for tier in rule.tiers:
                walk(tier.when, (), rule.id)
    return found


def _order(component: str) -> tuple[int | str, ...]:
    return tuple(int(part) if part.isdigit() else part for part in component.split("."))
