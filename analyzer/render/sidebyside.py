"""Rendering several report cards side by side (the shape analyzer.sidebyside.side_by_side returns).

Text and Markdown print one table (a row per section, a column per jurisdiction); the HTML page
adds a bar chart per section across the jurisdictions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analyzer.render.wording import pts, span


def grades(j: Mapping[str, Any]) -> str:
    """`D`, or `D to A` when the jurisdiction's range is open."""
    low, high = j["grade_range"]
    return low if low == high else f"{low} to {high}"


def render_side_by_side(table: Mapping[str, Any], fmt: str, *, color: bool = False, width: int | None = None) -> str:
    if fmt == "json":
        from analyzer.render.data import dumps

        return dumps(table)
    if fmt == "markdown":
        from analyzer.render.markdown import _tidy, environment

        return _tidy(environment().get_template("sidebyside.md.j2").render(table=table, count=count, span=span,
                                                                                  grades=grades))
    if fmt == "html":
        return side_by_side_html(table)
    return side_by_side_text(table, color=color, width=width)


def count(n: int) -> str:
    return f"{n} jurisdiction{'s' if n != 1 else ''}"


def side_by_side_text(table: Mapping[str, Any], *, color: bool = False, width: int | None = None) -> str:
    from rich.text import Text

    from analyzer.render.text import _out, console, section_grid

    con = console(color, width)
    fw, jurisdictions = table["framework"], table["jurisdictions"]
    con.print(Text(f"{fw['title']} ({fw['version']}) — {count(len(jurisdictions))} side by side", style="bold"))
    section_grid(con, [*(j["name"] for j in jurisdictions), "Max"],
                 [(s["id"], s["title"], [*(span(*r) for r in s["score_ranges"]), pts(s["max"])])
                  for s in table["sections"]],
                 [(Text("Total", style="bold"), [*(Text(span(*j["score_range"]), style="bold") for j in jurisdictions),
                                                 pts(table["max_score"])]),
                  (Text("Grade", style="bold"), [*(Text(grades(j), style="bold") for j in jurisdictions), ""]),
                  ("Not determined", [*(str(j["undetermined_components"]) for j in jurisdictions), ""])],
                 [("Law as of", [*(j["as_of"] for j in jurisdictions), ""])])
    return _out(con)


def side_by_side_html(table: Mapping[str, Any]) -> str:
    from analyzer.render.html import NARROW_LABEL_CHARS, NARROW_WIDTH, chart_rows, environment

    def both(rows: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The chart for wide screens and the one for phones (shown by the page's media query)."""
        return chart_rows(rows, ("score",)), chart_rows(rows, ("score",), NARROW_WIDTH, NARROW_LABEL_CHARS)

    charts = []
    for s in table["sections"]:
        rows = [{"id": j["id"], "title": j["name"], "label": j["name"], "score": score, "high": high, "max": s["max"]}
                for j, score, (_, high) in zip(table["jurisdictions"], s["scores"], s["score_ranges"], strict=True)]
        charts.append(both(rows))
    totals = both([{"id": j["id"], "title": j["name"], "label": j["name"], "score": j["score"],
                    "high": j["score_range"][1], "max": table["max_score"]} for j in table["jurisdictions"]])
    return environment().get_template("sidebyside.html.j2").render(table=table, charts=charts, totals=totals,
                                                                    count=count, grades=grades)
