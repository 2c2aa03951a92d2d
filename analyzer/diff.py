"""Diff two reports: which components moved, why, and what that does to sections, total and grade.

Both sides are the JSON report form (render.data.report_data). A fresh report is round-tripped
through the same text a saved report holds, so a saved file and a fresh run compare identically.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from analyzer import cache, contract
from analyzer.documents import display_name
from analyzer.errors import InputError
from analyzer.jsondoc import read_json
from analyzer.render.data import number
from analyzer.score import Report

ABSENT = "absent"  # status of a component or section only one side's framework has


def saved_report(path: Path) -> dict[str, Any]:
    """A report saved with `report --format json` (read with json; problems keep their lines)."""
    document, problems = cache.checked(path, contract.schema("report"), read_json, contract.check)
    if problems:
        raise InputError(problems)
    return document.data


def fresh_report(report: Report) -> dict[str, Any]:
    return parse_report(compact_text(report))


def compact_text(report: Report) -> str:
    """The report's JSON without indentation (json's C encoder: several times faster than the
    indented text), which parses to the same data as the saved file."""
    import json

    from analyzer.render.data import report_data

    return json.dumps(report_data(report), ensure_ascii=False)


def report_text(report: Report) -> str:
    from analyzer.render.data import dumps, report_data

    return dumps(report_data(report))


def parse_report(text: str) -> dict[str, Any]:
    """Read this tool's own report JSON to the data a saved file reads as (numbers as int or
    Decimal); it needs none of a saved file's checks (duplicate keys, depth, line numbers)."""
    import json

    return json.loads(text, parse_float=Decimal)


def label_of(data: dict[str, Any], path: Path | None = None) -> str:
    """A saved report is named by its file; a fresh one by its jurisdiction and amendments."""
    if path is not None:
        return display_name(path)
    bills = [a["bill"] for a in data.get("amendments", [])]
    return data["jurisdiction"]["id"] + "".join(f" + {bill}" for bill in bills)


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


def _num(value: Decimal) -> int | float:
    return number(value)


def _side(label: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"label": label, "jurisdiction": data["jurisdiction"]["id"], "score": _num(_d(data["score"])),
            "grade": data["grade"], "max_score": _num(_d(data["max_score"]))}


def diff_reports(old: dict[str, Any], new: dict[str, Any], old_label: str, new_label: str) -> dict[str, Any]:
    """The diff as plain data (the shape `diff --format json` prints and the HTML view renders)."""
    old_sections = {s["id"]: s for s in old["sections"]}
    new_sections = {s["id"]: s for s in new["sections"]}
    sections = []
    for section_id in _union(new_sections, old_sections):
        before, after = old_sections.get(section_id), new_sections.get(section_id)
        shown = after or before
        assert shown is not None
        old_score = _d(before["score"]) if before else Decimal(0)
        new_score = _d(after["score"]) if after else Decimal(0)
        sections.append({"id": section_id, "title": shown["title"], "old": _num(old_score),
                         "new": _num(new_score), "delta": _num(new_score - old_score),
                         "max": _num(_d(shown["max"]))})

    old_components = {c["id"]: c for c in old["components"]}
    new_components = {c["id"]: c for c in new["components"]}
    components = []
    for component_id in _union(new_components, old_components):
        before, after = old_components.get(component_id), new_components.get(component_id)
        shown = after or before
        assert shown is not None
        old_points = _d(before["points"]) if before else Decimal(0)
        new_points = _d(after["points"]) if after else Decimal(0)
        old_status = before["status"] if before else ABSENT
        new_status = after["status"] if after else ABSENT
        if old_points == new_points and old_status == new_status:
            continue
        components.append({
            "id": component_id, "section": shown["section"], "title": shown["title"], "max": _num(_d(shown["max"])),
            "old_points": _num(old_points), "new_points": _num(new_points), "delta": _num(new_points - old_points),
            "old_status": old_status, "new_status": new_status, "reason": _reason(before, after),
            "old_citations": list(before["citations"]) if before else [],
            "new_citations": list(after["citations"]) if after else [],
        })

    old_score, new_score = _d(old["score"]), _d(new["score"])
    changed = bool(components) or old_score != new_score or old["grade"] != new["grade"] \
        or any(s["delta"] for s in sections)
    return {
        "old": _side(old_label, old), "new": _side(new_label, new), "changed": changed,
        "score": {"old": _num(old_score), "new": _num(new_score), "delta": _num(new_score - old_score)},
        "grade": {"old": old["grade"], "new": new["grade"]},
        "sections": sections,
        "components": components,
    }


def _union(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


def _tier(component: dict[str, Any] | None) -> str:
    if component is None or component["tier"] is None:
        return "no tier"
    return f"tier {component['tier']['index']}"


def _reason(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """Why the points moved: the tier the new law reaches and its reason, or the new finding."""
    if after is None:
        return "the component is no longer in the framework"
    prefix = "new component" if before is None else f"{_tier(before)} → {_tier(after)}"
    if after["tier"] is not None:
        return f"{prefix}: {after['tier']['reason']}"
    return f"{prefix}: {after['finding']}"
