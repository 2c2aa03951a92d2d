"""Diff rendering: plain text here; Markdown and HTML come from the report templates, which share
the diff's data shape (analyzer.diff.diff_reports)."""

from __future__ import annotations

from typing import Any


def _signed(value: int | float) -> str:
    return f"+{value}" if value > 0 else str(value)


def _citation_changes(component: dict[str, Any]) -> tuple[list[str], list[str]]:
    old, new = component["old_citations"], component["new_citations"]
    return [c for c in new if c not in old], [c for c in old if c not in new]


def diff_text(diff: dict[str, Any]) -> str:
    old, new = diff["old"], diff["new"]
    lines = [f"Diff: {old['label']} → {new['label']}"]
    if not diff["changed"]:
        lines.append(f"No change: both score {new['score']} of {new['max_score']} (grade {new['grade']}).")
        return "\n".join(lines) + "\n"
    score = diff["score"]
    lines.append(f"Score {score['old']} → {score['new']} ({_signed(score['delta'])}) of {new['max_score']}; "
                 f"grade {diff['grade']['old']} → {diff['grade']['new']}")
    lines.append("")
    lines.append(f"Changed components ({len(diff['components'])})")
    for c in diff["components"]:
        lines.append(f"  {c['id']} {c['title']}")
        lines.append(f"    points {c['old_points']} → {c['new_points']} of {c['max']} ({_signed(c['delta'])}); "
                     f"status {c['old_status']} → {c['new_status']}")
        lines.append(f"    why: {c['reason']}")
        added, dropped = _citation_changes(c)
        lines += [f"    + cites {citation}" for citation in added]
        lines += [f"    - no longer cites {citation}" for citation in dropped]
    lines.append("")
    lines.append("Sections")
    width = max((len(s["id"]) for s in diff["sections"]), default=1)
    for s in diff["sections"]:
        delta = _signed(s["delta"]) if s["delta"] else "0"
        lines.append(f"  {s['id']:<{width}}  {s['old']} → {s['new']} of {s['max']} ({delta})  {s['title']}")
    lines.append(f"Total {score['old']} → {score['new']} ({_signed(score['delta'])}); "
                 f"grade {diff['grade']['old']} → {diff['grade']['new']}")
    return "\n".join(lines) + "\n"


def render_diff(diff: dict[str, Any], fmt: str) -> str:
    """Text here; Markdown and HTML come from the report renderers, which share the diff's shape."""
    if fmt == "json":
        from analyzer.render.data import dumps

        return dumps(diff)
    if fmt == "markdown":
        from analyzer.render.markdown import diff_markdown

        return diff_markdown(diff)
    if fmt == "html":
        from analyzer.render.html import render_diff_html

        return render_diff_html(diff)
    return diff_text(diff)
