"""Diff rendering: plain text here; Markdown and HTML come from the report templates, which share
the diff's data shape (analyzer.diff.diff_reports)."""

from __future__ import annotations

import textwrap
from typing import Any


def _signed(value: int | float) -> str:
    return f"+{value}" if value > 0 else str(value)


def _citation_changes(component: dict[str, Any]) -> tuple[list[str], list[str]]:
    old, new = component["old_citations"], component["new_citations"]
    return [c for c in new if c not in old], [c for c in old if c not in new]


def score_span(side: dict[str, Any]) -> str:
    """A side's score, or its range where undetermined components leave it open."""
    from analyzer.render.wording import span

    return span(*side.get("score_range") or (side["score"], side["score"]))


def grade_span(side: dict[str, Any]) -> str:
    low, high = side.get("grade_range") or (side["grade"], side["grade"])
    return low if low == high else f"{low} to {high}"


def diff_text(diff: dict[str, Any], width: int | None = None) -> str:
    """The diff as lines wrapped to `width`, each wrapped line hanging under its first; columns aligned."""
    from analyzer.terminal import PIPE_WIDTH

    width = width or PIPE_WIDTH
    out: list[str] = []

    def line(text: str, indent: int = 0, hanging: int = 2) -> None:
        out.extend(textwrap.wrap(text, width, initial_indent=" " * indent,
                                 subsequent_indent=" " * (indent + hanging), break_on_hyphens=False) or [""])

    old, new = diff["old"], diff["new"]
    line(f"Old: {old['label']}")
    line(f"New: {new['label']}")
    if not diff["changed"]:
        line(f"No change: both score {score_span(new)} of {new['max_score']} (grade {grade_span(new)}).")
        return "\n".join(out) + "\n"
    score = diff["score"]
    line(f"Score {score_span(old)} → {score_span(new)} ({_signed(score['delta'])}) of {new['max_score']}; "
         f"grade {grade_span(old)} → {grade_span(new)}")
    line("")
    count = len(diff["components"])
    line(f"Changed components ({count})" if count != 1 else "Changed component (1)")
    for c in diff["components"]:
        line(f"{c['id']} {c['title']}", 2, len(c["id"]) + 1)
        line(f"points {c['old_points']} → {c['new_points']} of {c['max']} ({_signed(c['delta'])}); "
             f"status {c['old_status']} → {c['new_status']}", 4, 2)
        line(f"why: {c['reason']}", 4, 5)
        added, dropped = _citation_changes(c)
        for citation in added:
            line(f"+ cites {citation}", 4, 2)
        for citation in dropped:
            line(f"- no longer cites {citation}", 4, 2)
    line("")
    line("Sections")
    rows = [(s["id"], str(s["old"]), str(s["new"]), f"of {s['max']}", f"({_signed(s['delta']) if s['delta'] else '0'})",
             s["title"]) for s in diff["sections"]]
    rows.append(("", str(score["old"]), str(score["new"]), f"of {new['max_score']}",
                 f"({_signed(score['delta']) if score['delta'] else '0'})", "Total"))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        lead = (f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}} → {r[2]:>{widths[2]}} {r[3]:<{widths[3]}} "
                f"{r[4]:<{widths[4]}}  ")
        line(lead + r[5], 2, len(lead))
    line(f"Grade {grade_span(old)} → {grade_span(new)}")
    return "\n".join(out) + "\n"


def render_diff(diff: dict[str, Any], fmt: str, *, width: int | None = None) -> str:
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
    return diff_text(diff, width)
