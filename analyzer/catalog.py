"""What can be graded: jurisdictions (with their law dates), frameworks and their components.

The framework's benchmark jurisdiction (e.g. federal law) is what rules compare against, not a
subject: grading it against a state-law framework would print a meaningless card.
"""

from __future__ import annotations

from decimal import Decimal

from analyzer.errors import InputError, Problem
from analyzer.model import Framework, Project
from analyzer.render.data import number

KINDS = ("jurisdictions", "frameworks", "components")


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
    if "components" in what:
        out["components"] = [
            {"framework": framework_id, "id": r.id, "section": r.section, "max": number(r.max), "title": r.title}
            for framework_id in sorted(project.rules) for r in project.rules[framework_id]]
    return out
