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


# What a baseline keeps of a report: what a reviewer reads in `git diff baselines/` (no condition traces;
# `explain` and `report --format json` give those), in this order, and which component fields share a line.
BASELINE_KEYS = ("framework", "jurisdiction", "amendments", "score", "score_range", "grade", "grade_range",
                 "max_score", "sections", "components")
BASELINE_SECTION_KEYS = ("id", "title", "score", "score_range", "max")
BASELINE_COMPONENT_LINES = (("id", "section", "title", "max"), ("points", "points_range", "status", "tier"),
                            ("citations",), ("facts",), ("unstated_facts",), ("finding",))


def fact_line(fact: dict[str, Any]) -> str:
    """A cited fact as one baseline line: `CITATION · FACT = VALUE (CONFIDENCE)`, the value as JSON."""
    import json

    value = fact["value"]
    shown = ("true" if value else "false") if isinstance(value, bool) else str(value) \
        if isinstance(value, int | float) else json.dumps(value, ensure_ascii=False)
    return f"{fact['citation']} · {fact['fact']} = {shown} ({fact['confidence']})"


def baseline_text(report: Report) -> str:
    """A report as its baseline file holds it: the reviewer's part of the JSON report, laid out so
    that one changed fact changes few lines (a line per section, per fact, and per group of fields)."""
    import json
    from json.encoder import encode_basestring  # type: ignore[attr-defined]  # C speed, as json.dumps

    from analyzer.render.data import report_data

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    data = report_data(report, with_trace=False)
    data["framework"] = {"id": data["framework"]["id"]}
    data["jurisdiction"] = {k: data["jurisdiction"][k] for k in ("id", "name", "as_of")}
    lines = ["{"]
    for key in (k for k in BASELINE_KEYS if k in data and k not in ("sections", "components")):
        lines.append(f"  {dump(key)}: {dump(data[key])},")
    lines.append('  "sections": [')
    lines += [f"    {dump({k: s[k] for k in BASELINE_SECTION_KEYS if k in s})}," for s in data["sections"]]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["  ],", '  "components": [']
    for component in data["components"]:
        if component["tier"] is not None:  # the tier's reason is the rule's text: `explain` prints it
            component["tier"] = {"index": component["tier"]["index"], "points": component["tier"]["points"]}
        component["facts"] = [fact_line(f) for f in component["facts"]]
        component["unstated_facts"] = [f"{f['citation']} · {f['fact']}" for f in component["unstated_facts"]]
        fields = []
        for group in BASELINE_COMPONENT_LINES:
            present = {k: component[k] for k in group if k in component and (component[k] != [] or k == "citations")}
            if group == ("facts",) and present:  # a line per fact: one changed fact, one changed line
                items = ",\n".join(f"        {encode_basestring(line)}" for line in present["facts"])
                fields.append(f'      "facts": [\n{items}\n      ]')
            elif present:
                fields.append(f"      {dump(present)[1:-1]}")
        lines += ["    {", ",\n".join(fields), "    },"]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def parse_report(text: str) -> dict[str, Any]:
    """Read this tool's own report JSON to the data a saved file reads as (numbers as int or
    Decimal); it needs none of a saved file's checks (duplicate keys, depth, line numbers)."""
    import json

    return json.loads(text, parse_float=Decimal)


def label_of(data: dict[str, Any], path: Path | None = None) -> str:
    """Which law a side grades: its jurisdiction, the date of its law and the amendments applied on top
    (a saved report is also named by its file)."""
    jurisdiction, amendments = data["jurisdiction"], data.get("amendments", [])
    law_of = (amendments[0].get("applied_to") if amendments else None) or jurisdiction["as_of"]
    label = f"{jurisdiction['name']}, law of {law_of}" + "".join(f" + {a['bill']}" for a in amendments)
    return f"{display_name(path)} ({label})" if path is not None else label


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


def _num(value: Decimal) -> int | float:
    return number(value)


def _side(label: str, data: dict[str, Any]) -> dict[str, Any]:
    score = _num(_d(data["score"]))
    return {"label": label, "jurisdiction": data["jurisdiction"]["id"], "score": score,
            "score_range": [_num(_d(v)) for v in data.get("score_range", (score, score))],
            "grade": data["grade"], "grade_range": list(data.get("grade_range", (data["grade"], data["grade"]))),
            "max_score": _num(_d(data["max_score"]))}


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
    if after["tier"] is not None and after["tier"].get("reason"):  # a baseline keeps no reason
        return f"{prefix}: {after['tier']['reason']}"
    return f"{prefix}: {after['finding']}"
