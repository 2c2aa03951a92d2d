"""Rendering a reading list (the shape analyzer.readinglist.reading_list returns): the encoder's to-do list.

Text for the terminal, Markdown for an issue or pull request, HTML to hand out, JSON for tools; every format reads the
same data and says the same things in the same order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analyzer.readinglist import by_section
from analyzer.render.wording import plural, pts, span


def render_reading_list(data: Mapping[str, Any], fmt: str, *, color: bool = False, width: int | None = None) -> str:
    if fmt == "json":
        from analyzer.render.data import dumps

        return dumps(data)
    if fmt == "markdown":
        return reading_list_markdown(data)
    if fmt == "html":
        return reading_list_html(data)
    return reading_list_text(data, color=color, width=width)


def points(value: Any) -> str:
    """`1 point`, `2.5 points`, for the plain numbers of the JSON form."""
    return f"{pts(value)} point{'' if value == 1 else 's'}"


def headline(data: Mapping[str, Any]) -> str:
    """What the list is for: how wide the range is and how many components keep it open."""
    low, high = data["score_range"]
    if low == high:
        return (f"Score {pts(low)} of {pts(data['max_score'])}, grade {data['grade_range'][0]}: every component is "
                "determined, so no unstated fact keeps the range open.")
    unstated = sum(1 for i in data["items"] if i["kind"] == "unstated")
    grades = " to ".join(dict.fromkeys(data["grade_range"]))
    return (f"Score {span(low, high)} of {pts(data['max_score'])} (grade {grades}): "
            f"{points(data['open_points'])} turn{'s' if data['open_points'] == 1 else ''} on "
            f"{plural(unstated, 'unstated fact')} in "
            f"{plural(data['undetermined_components'], 'component')} not determined.")


def opens(item: Mapping[str, Any]) -> str:
    """The components an unstated fact keeps open, each with its range and the points at stake."""
    return ", ".join(f"{c['id']} ({span(*c['points_range'])}, {pts(c['points_at_stake'])} at stake)"
                     for c in item["components"])


def carries(item: Mapping[str, Any]) -> str:
    return ", ".join(f"{c['id']} ({pts(c['points'])})" for c in item["components"])


def section_heading(group: Mapping[str, Any]) -> str:
    where = " (benchmark)" if group["benchmark"] else ""
    title = f" — {group['title']}" if group["title"] else ""
    return f"{group['citation']}{title} ({group['provision']}){where}"


def reading_list_text(data: Mapping[str, Any], *, color: bool = False, width: int | None = None) -> str:
    from rich.text import Text

    from analyzer.render.text import _out, console, hang

    con = console(color, width)
    jur, fw = data["jurisdiction"], data["framework"]
    hang(con, Text(f"Reading list — {jur['name']} (law as of {jur['as_of']}), {fw['title']} ({fw['version']})",
                   style="bold"), 0, 2)
    hang(con, headline(data), 0, 2)
    unstated = [i for i in data["items"] if i["kind"] == "unstated"]
    unconfirmed = [i for i in data["items"] if i["kind"] == "unconfirmed"]
    if unstated:
        con.print()
        con.print(Text("Unstated facts that keep the range open, by statute section (most points at stake first)",
                       style="bold underline"))
        for group in by_section(unstated):
            con.print()
            hang(con, Text(section_heading(group), style="bold"), 0, 2)
            for item in group["facts"]:
                hang(con, Text.assemble((item["fact"], "bold"), f" · {points(item['points_at_stake'])} at stake"),
                     2, 2)
                if item["meaning"]:
                    hang(con, Text(item["meaning"], style="italic"), 4, 2)
                hang(con, f"Opens {opens(item)}", 4, 2)
    if unconfirmed:
        con.print()
        con.print(Text("Stated facts that earn points on inferred or recalled confidence (most points first)",
                       style="bold underline"))
        for item in unconfirmed:
            from analyzer.render.data import show_value

            hang(con, Text.assemble((f"{item['citation']} ({item['provision']}): ", "dim"), (item["fact"], "bold"),
                                    f" = {show_value(item['value'])} · {item['confidence']} · carries "
                                    f"{points(item['points'])}: {carries(item)}"), 0, 4)
    if not unstated and not unconfirmed:
        con.print()
        con.print("Nothing to read: every fact the rules read is stated, and every point rests on confirmed facts.")
    return _out(con)


def reading_list_markdown(data: Mapping[str, Any]) -> str:
    from analyzer.render.data import show_value
    from analyzer.render.markdown import _tidy, escape, paragraph

    jur, fw = data["jurisdiction"], data["framework"]
    lines = [f"### Reading list: {escape(jur['name'])} (law as of {escape(jur['as_of'])}), "
             f"{escape(fw['title'])} ({escape(fw['version'])})", "", paragraph(headline(data)), ""]
    unstated = [i for i in data["items"] if i["kind"] == "unstated"]
    unconfirmed = [i for i in data["items"] if i["kind"] == "unconfirmed"]
    if unstated:
        lines += ["#### Unstated facts that keep the range open, by statute section", ""]
        for group in by_section(unstated):
            lines += [f"**{escape(section_heading(group))}**", ""]
            for item in group["facts"]:
                meaning = f" {escape(item['meaning'])}" if item["meaning"] else ""
                lines.append(f"- [ ] `{item['fact']}` ({points(item['points_at_stake'])} at stake):{meaning} "
                             f"Opens {escape(opens(item))}.")
            lines.append("")
    if unconfirmed:
        lines += ["#### Stated facts that earn points on inferred or recalled confidence", "",
                  "| Statute section | Fact | Value | Confidence | Points | Components |",
                  "|---|---|---|---|---:|---|"]
        for item in unconfirmed:
            lines.append(f"| {escape(item['citation'])} ({escape(item['provision'])}) | `{item['fact']}` | "
                         f"{escape(show_value(item['value']))} | {item['confidence']} | {pts(item['points'])} | "
                         f"{escape(carries(item))} |")
        lines.append("")
    if not unstated and not unconfirmed:
        lines.append("Nothing to read: every fact the rules read is stated, and every point rests on confirmed facts.")
    return _tidy("\n".join(lines))


def reading_list_html(data: Mapping[str, Any], report_page: str | None = None) -> str:
    """One page; with `report_page`, each component links to its entry on that report page (the site)."""
    from analyzer.render.html import environment

    return environment().get_template("readinglist.html.j2").render(
        r=data, unstated=[i for i in data["items"] if i["kind"] == "unstated"],
        unconfirmed=[i for i in data["items"] if i["kind"] == "unconfirmed"], by_section=by_section,
        headline=headline, section_heading=section_heading, points=points, opens=opens, carries=carries,
        report_page=report_page)
