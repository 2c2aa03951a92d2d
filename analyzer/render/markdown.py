"""Markdown for pull-request comments and issue threads (GitHub-flavoured tables, texts escaped).

Rule and statute texts are escaped so they can neither format nor inject HTML; the only raw HTML
the templates write is `<br>` between citations in a table cell, where Markdown has no line break.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from analyzer.render.data import confidence_label, evidence_sentence, facts_by_provision, show_value
from analyzer.render.wording import amendment_label, amendments_heading, law_date, pts, range_clause, signed, span
from analyzer.score import Report

STATUS = {"met": "✅ met", "partial": "🟡 partial", "unmet": "❌ unmet", "unknown": "❔ not determined"}
_INLINE = re.compile(r"([\\`*_\[\]<>|#~&!])")
_LINE_START = re.compile(r"^(\s*)(\d+(?=[.)])|)([-+=.)])")


def escape(text: object) -> str:
    """Keep rule and statute texts from being read as Markdown or HTML markup (one line, no breaks)."""
    return _INLINE.sub(r"\\\1", " ".join(str(text).split()))


def paragraph(text: object) -> str:
    """Escape a text that starts a line, where `1.` or `-` would also open a list."""
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2) + "\\" + m.group(3), escape(text))


def status(value: object) -> str:
    return STATUS.get(str(value), escape(value)) if value else "—"


@cache
def environment():  # noqa: ANN201
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("analyzer", "templates"), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = escape
    env.filters["cell"] = escape
    env.filters["paragraph"] = paragraph
    env.globals.update(pts=pts, signed=signed, status=status, evidence_sentence=evidence_sentence,
                       facts_by_provision=facts_by_provision, confidence=confidence_label, value=show_value)
    env.globals.update(amendments_heading=amendments_heading, amendment_label=amendment_label, law_date=law_date,
                       span=span, range_clause=range_clause)
    return env


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def report_markdown(report: Report) -> str:
    return _tidy(environment().get_template("report.md.j2").render(
        report=report, fw=report.framework, jur=report.jurisdiction, amendments=report.jurisdiction.amendments))


def diff_markdown(diff: Mapping[str, Any]) -> str:
    """A diff (the shape `gap-analyzer diff` returns) as a pull-request comment: what the change does to the grade."""
    from analyzer.render.html import _component_changed

    components = list(diff.get("components", ()))
    changed = [c for c in components if _component_changed(c)]
    from analyzer.render.diff import grade_span, score_span

    return _tidy(environment().get_template("diff.md.j2").render(
        diff=diff, changed=changed, unchanged=len(components) - len(changed), score_span=score_span,
        grade_span=grade_span))
