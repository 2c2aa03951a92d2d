"""HTML report cards: one self-contained file (inline CSS and SVG, no scripts, no network) to hand out or print.

Texts from rules and statutes reach the page only through Jinja2's autoescaping, and a Content
Security Policy forbids scripts and remote loads, so a provision title can never become markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from analyzer.render.wording import amendment_label, amendments_heading, law_date, pts, range_clause, signed, span
from analyzer.score import Report

STATUS = {  # status -> (mark, label): the mark and word carry the meaning, colour only repeats it
    "met": ("✓", "Met"),
    "partial": ("◐", "Partial credit"),
    "unmet": ("✗", "Not met"),
    "unknown": ("?", "Not determined"),
}

CHART_WIDTH = 720
SERIES_NOTE = {"computed": " rules", "published": " card", "old": " old", "new": " new"}  # after a bar's value
LABEL_CHARS = 78  # longer section titles are shortened in the chart; the full title is in its tooltip
NARROW_WIDTH, NARROW_LABEL_CHARS = 360, 52  # the chart drawn for phone screens (about 390 px wide)


@cache
def environment():  # noqa: ANN201
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("analyzer", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    from analyzer.render.data import confidence_label, evidence_sentence, facts_by_provision, show_value

    env.globals.update(evidence_sentence=evidence_sentence, facts_by_provision=facts_by_provision,
                       confidence=confidence_label, value=show_value)
    env.globals.update(pts=pts, signed=signed, status_mark=lambda s: STATUS.get(s, ("•", s))[0],
                       status_label=lambda s: STATUS.get(s, ("•", str(s)))[1])
    env.globals.update(amendments_heading=amendments_heading, amendment_label=amendment_label, law_date=law_date,
                       span=span, range_clause=range_clause)
    return env


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fraction(value: Any, maximum: Any) -> float:
    maximum = Decimal(str(maximum or 0))
    if maximum <= 0 or value is None:
        return 0.0
    return float(min(max(Decimal(str(value)) / maximum, Decimal(0)), Decimal(1)))


def _bar_text(series: str, value: Any, high: Any, maximum: Any) -> str:
    """The label right of a bar: `20 / 27.5`, the low and high ends for an open range, then the series' note."""
    shown = pts(value) if high is None or high == value else span(value, high)
    return f"{shown} / {pts(maximum)}{SERIES_NOTE.get(series, '')}"


def chart_rows(rows: Iterable[Mapping[str, Any]], series: tuple[str, ...], width: int = CHART_WIDTH,
               label_chars: int = LABEL_CHARS) -> dict[str, Any]:
    """Geometry of a horizontal bar chart: per section a label line, then one bar per series.

    Computed here rather than in the template so the template stays declarative and the numbers
    are rounded once (same input, same bytes).
    """
    label_h, bar_h, gap = 18, 14, 14
    texts = [_bar_text(key, row[key], row.get("high") if key in ("score", "computed") else None, row["max"])
             for row in rows for key in series]
    # the value labels sit right of the bars: room for the longest at 12 px (about 7 px a character, bold)
    track = width - max(110, 12 + 7 * max((len(t) for t in texts), default=0))
    y, out = 0, []
    for row in rows:
        bars = []
        for i, key in enumerate(series):
            frac = _fraction(row[key], row["max"])
            high = row.get("high") if key in ("score", "computed") else None  # an open range's part, drawn apart
            open_width = round(track * (_fraction(high, row["max"]) - frac), 1) if high is not None else 0
            bars.append({"series": key, "value": row[key], "y": y + label_h + i * (bar_h + 3),
                         "width": round(track * frac, 1), "track": track, "percent": round(frac * 100),
                         "high": high if open_width > 0 else None, "open_width": max(open_width, 0)})
            bars[-1]["text"] = _bar_text(key, row[key], bars[-1]["high"], row["max"])
        title = row.get("label") or f"{row['id']}. {row['title']}"
        out.append({"label": _shorten(title, label_chars), "title": title, "y": y + 13, "bars": bars, "max": row["max"],
                    "row": row})
        y += label_h + len(series) * (bar_h + 3) + gap
    return {"rows": out, "width": width, "height": max(y - gap + 4, 1), "bar_h": bar_h, "track": track}


def report_view(report: Report) -> dict[str, Any]:
    sections = [{"id": s.section.id, "title": s.section.title, "score": s.score, "high": s.high,
                 "max": s.section.max} for s in report.sections]
    return {"chart": chart_rows(sections, ("score",)),
            "narrow_chart": chart_rows(sections, ("score",), NARROW_WIDTH, NARROW_LABEL_CHARS),
            "percent": round(_fraction(report.score, report.max) * 100),
            "counts": {status: sum(1 for c in report.components if c.status == status) for status in STATUS}}


def report_html(report: Report) -> str:
    return environment().get_template("report.html.j2").render(
        report=report, fw=report.framework, jur=report.jurisdiction, view=report_view(report))


def render_diff_html(diff: Mapping[str, Any]) -> str:
    """Old and new law side by side: section bars for both, then the components that changed."""
    components = list(diff.get("components", ()))
    changed = [c for c in components if _component_changed(c)]
    view = {"chart": chart_rows(diff.get("sections", ()), ("old", "new")),
            "narrow_chart": chart_rows(diff.get("sections", ()), ("old", "new"), NARROW_WIDTH, NARROW_LABEL_CHARS),
            "changed": changed,
            "unchanged": len(components) - len(changed)}
    from analyzer.render.diff import grade_span, score_span

    return environment().get_template("diff.html.j2").render(diff=diff, view=view, score_span=score_span,
                                                             grade_span=grade_span)


def _component_changed(c: Mapping[str, Any]) -> bool:
    return (c.get("delta") not in (0, None) or c.get("old_status") != c.get("new_status")
            or list(c.get("old_citations") or ()) != list(c.get("new_citations") or ()))
