"""Rendering a timeline (the shape analyzer.timeline.timeline returns): text, Markdown, JSON, HTML.

The HTML page draws the total and each section as step charts over time (the law holds from one
date of change to the next), with the published cards marked at their law dates; inline SVG, no
script, and a narrower drawing for phone screens, as the other pages do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from analyzer.render.wording import plural, pts, signed


def render_timeline(data: Mapping[str, Any], fmt: str, *, color: bool = False, width: int | None = None) -> str:
    if fmt == "json":
        from analyzer.render.data import dumps

        return dumps(data)
    if fmt == "markdown":
        from analyzer.render.markdown import _tidy, environment

        return _tidy(environment().get_template("timeline.md.j2").render(t=data, change_line=change_line, span=span))
    if fmt == "html":
        return timeline_html(data)
    return timeline_text(data, color=color, width=width)


def span(ends: Sequence[Any], between: str = "–") -> str:
    """A range as the reports print it: one value when closed, low and high joined when open."""
    low, high = ends
    return pts(low) if low == high else f"{pts(low)}{between}{pts(high)}"


def change_line(change: Mapping[str, Any]) -> str:
    """One change of the law in words: `§ 567.020.5 minor_protection: a → b (SB 775 (2022))`."""
    by = f" ({change['by']})" if change.get("by") else ""
    if change["change"] == "fact":
        return f"{change['citation']} {change['fact']}: {change['from']} → {change['to']}{by}"
    return f"{change['citation']} {change['title']}: {change['change']}{by}"


def timeline_text(data: Mapping[str, Any], *, color: bool = False, width: int | None = None) -> str:
    from rich.text import Text

    from analyzer.render.text import _out, console, hang, keyed_grid

    con = console(color, width)
    fw, jur, points = data["framework"], data["jurisdiction"], data["points"]
    con.print(Text(f"Timeline — {jur['name']} under {fw['title']} ({fw['version']})", style="bold"))
    hang(con, f"Law encoded from {jur['encoded']['from']} through {jur['encoded']['through']}; "
              f"{plural(len(points), 'dated point')}, each graded as `report --as-of DATE` grades it.")
    con.print()
    rows: list[tuple[Any, list[Any]]] = [
        (p["date"], [span(p["score_range"]), span(p["grade_range"], " to "),
                     *(span(s["score_range"]) for s in p["sections"]), str(p["undetermined"])]) for p in points]
    rows += [(Text(f"{c['date']} card", style="italic"),
              [pts(c["score"]), c["grade"], *(pts(c["sections"].get(s["id"])) for s in data["sections"]), ""])
             for c in data["published"]]
    keyed_grid(con, "Date", ["Total", "Grade", *(s["id"] for s in data["sections"]), "Not determined"], rows)
    maxima = ", ".join(f"{s['id']}: {pts(s['max'])}" for s in data["sections"])
    hang(con, f"Section maxima: {maxima}; total {pts(data['max_score'])}. A range (low–high) is open where "
              f"components are not determined. Rows marked 'card' are the publisher's cards at the law date they "
              f"graded (— where the record found gives no figure).")
    for previous, p in pairwise(points):
        con.print()
        delta = Decimal(str(p["score"])) - Decimal(str(previous["score"]))
        con.print(Text(f"{p['date']}: {pts(previous['score'])} → {pts(p['score'])} ({signed(delta)}), grade "
                       f"{p['grade']}", style="bold"))
        if not p["changes"]:
            hang(con, "- no fact value changed: a dated entry changed only its evidence or wording", 2, 2)
        for change in p["changes"]:
            hang(con, f"- {change_line(change)}", 2, 2)
        for m in p["moved"]:
            hang(con, f"  moves {m['id']} {m['title']}: {pts(m['from'])} → {pts(m['to'])}", 2, 4)
    return _out(con)


# --- HTML ------------------------------------------------------------------------------------

WIDE, NARROW = 720, 360


def timeline_html(data: Mapping[str, Any]) -> str:
    from analyzer.render.html import environment

    total = {"id": "total", "title": "Total", "max": data["max_score"]}
    # The total spans the page (a wide drawing, and a narrow one for phones); the sections sit in a
    # grid of cells no wider than a phone, so they have the narrow drawing alone.
    charts = [{"series": total, "wide": step_chart(data, "total", total["max"], WIDE, 240, 13),
               "narrow": step_chart(data, "total", total["max"], NARROW, 200, 13)}]
    charts += [{"series": s, "narrow": step_chart(data, s["id"], s["max"], NARROW, 150, 13)}
               for s in data["sections"]]
    return environment().get_template("timeline.html.j2").render(t=data, charts=charts, change_line=change_line,
                                                                 span=span)


def _value(point: Mapping[str, Any], series: str, end: int = 0) -> Any:
    """The series' score at a point: the low end of its range (`end` 0) or the high end (1)."""
    if series == "total":
        return point["score_range"][end]
    return next(s["score_range"][end] for s in point["sections"] if s["id"] == series)


def step_chart(data: Mapping[str, Any], series: str, maximum: Any, width: int, height: int,
               font: int) -> dict[str, Any]:
    """Geometry of one step chart: the law's score over time, and the published scores as marks.

    Positions are computed here, rounded once, so the same timeline gives the same bytes."""
    points, cards = data["points"], data["published"]
    # A card that gives the grade alone is drawn on the total's chart as its letter, in a band above the
    # plot (over no line and beside no label); it has no section scores, so section charts leave it out.
    letters = series == "total" and any(c["score"] is None for c in cards)
    left, right, top, bottom = 34, 10, (26 if letters else 10), 22
    dates = [date.fromisoformat(p["date"]) for p in points] + [date.fromisoformat(c["date"]) for c in cards]
    first, last = min(dates), max(dates)
    end = date(last.year + 1, 1, 1)  # the last state of the law is drawn to the end of its year
    span = max((end - first).days, 1)
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = Decimal(str(maximum))

    def x(day: date) -> float:
        return round(left + plot_w * (day - first).days / span, 1)

    def y(value: Any) -> float:
        return round(top + plot_h * float(1 - Decimal(str(value)) / top_value), 1)

    path, upper, marks = [], [], []
    for i, p in enumerate(points):
        x0 = x(date.fromisoformat(p["date"]))
        x1 = x(date.fromisoformat(points[i + 1]["date"])) if i + 1 < len(points) else x(end)
        value, high = _value(p, series), _value(p, series, 1)
        path.append(f"{'M' if i == 0 else 'L'}{x0},{y(value)} L{x1},{y(value)}")
        upper.append(f"{'M' if i == 0 else 'L'}{x0},{y(high)} L{x1},{y(high)}")
        shown = pts(value) if value == high else f"{pts(value)} to {pts(high)}"
        marks.append({"x": x0, "y": y(value), "label": f"{p['date']}: {shown} of {pts(maximum)}"})
    opened = any(_value(p, series) != _value(p, series, 1) for p in points)
    published = []
    for c in cards:
        value = c["score"] if series == "total" else c["sections"].get(series)
        if value is None:
            if not letters:
                continue
            published.append({"x": x(date.fromisoformat(c["date"])), "y": top - 9, "value": None,
                              "label": f"{c['edition']} card ({c['date']}): grade {c['grade']}", "grade": c["grade"]})
        else:
            published.append({"x": x(date.fromisoformat(c["date"])), "y": y(value), "value": value,
                              "label": f"{c['edition']} card ({c['date']}): {pts(value)} of {pts(maximum)}",
                              "grade": c["grade"]})
    years = list(range(first.year + 1, end.year + 1))
    every = max(1, -(-len(years) * 44 // max(plot_w, 1)))  # about 44 px per labelled year
    ticks = [{"x": x(date(year, 1, 1)),  # the last tick is the chart's right edge: no room for its year
              "label": str(year) if (year - years[0]) % every == 0 and year != end.year else ""}
             for year in years] if years else []
    grid = [{"y": y(v), "label": pts(v)} for v in _gridlines(top_value)]
    return {"width": width, "height": height, "path": " ".join(path), "upper": " ".join(upper) if opened else None,
            "marks": marks, "published": published,
            "ticks": ticks, "grid": grid, "left": left, "right": width - right, "bottom": height - bottom,
            "font": font}


def _gridlines(maximum: Decimal) -> Sequence[Decimal]:
    step = next(s for s in (Decimal("0.5"), Decimal(1), Decimal("2.5"), Decimal(5), Decimal(10), Decimal(25))
                if maximum / s <= 5)
    values, v = [], Decimal(0)
    while v <= maximum:
        values.append(v)
        v += step
    return values
