"""Rendering a comparison of computed and published cards (the shape analyzer.compare.compare returns).

Text for the terminal, JSON for tools, Markdown for pull requests, and one self-contained HTML page
with a chart of computed against published scores per section. Every format reads the same data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analyzer.render.data import show_value as fact_value
from analyzer.render.html import pts, signed
from analyzer.render.wording import span


def computed_span(row: Mapping[str, Any]) -> str:
    """The computed score, or its range when undetermined components leave it open."""
    return span(*row["computed_range"]) if row.get("computed_range") else pts(row["computed"])


def inside(row: Mapping[str, Any]) -> str:
    """Whether the published score lies inside the computed range ('yes' / 'no, 1.5 off')."""
    within = row.get("published_within_range")
    if within is None:
        return "—"
    return "yes" if within else f"no, {pts(row['distance'])} off"


def render_compare(result: Mapping[str, Any], fmt: str, *, color: bool = False, width: int | None = None) -> str:
    if fmt == "json":
        from analyzer.render.data import dumps

        return dumps(result)
    if fmt == "markdown":
        from analyzer.render.markdown import _tidy, environment

        template = environment().get_template("compare.md.j2")
        return _tidy(template.render(result=result, dated=dated, fact_value=fact_value, computed_span=computed_span,
                                     inside=inside, components_heading=components_heading,
                                     exceeded_text=exceeded_text))
    if fmt == "html":
        return compare_html(result)
    return compare_text(result, color=color, width=width)


def dated(value: Mapping[str, Any]) -> str:
    """'2019 (assumed)': a value and how sure it is; 'stated' needs no mark."""
    return value["value"] if value["confidence"] == "stated" else f"{value['value']} ({value['confidence']})"


def difference(value: Any) -> str:
    return signed(value).replace("−", "-") if value is not None else "—"




def agreement_text(agreement: Mapping[str, Any]) -> list[str]:
    """The agreement figures as lines (shared by `compare` and `check`)."""
    cards = agreement["cards"]
    lines = [f"Agreement with published cards ({cards} compared)"]
    if cards:
        lines += [f"  published inside the computed range: {agreement['totals_within_range']} of "
                  f"{agreement['totals']} totals, {agreement['sections_within_range']} of {agreement['sections']} "
                  "sections",
                  f"  grades agree: {agreement['grades_agree']} of {cards}",
                  (f"  totals within ±{pts(agreement['total_margin'])}: "
                   f"{agreement['totals_within']} of {agreement['totals']}"),
                  f"  mean absolute section error: {pts(agreement['mean_absolute_section_error'])} points "
                  f"over {agreement['sections']} sections"]
    if agreement["not_encoded"]:
        lines.append(f"  not encoded (no comparison): {', '.join(agreement['not_encoded'])}")
    return lines


def compare_text(result: Mapping[str, Any], *, color: bool = False, width: int | None = None) -> str:
    from rich.padding import Padding
    from rich.text import Text

    from analyzer.render.text import _out, console, section_grid

    con = console(color, width)
    fw = result["framework"]
    con.print(Text(f"{fw['title']} ({fw['version']}): computed and published report cards", style="bold"))
    if not result["cards"]:
        con.print("No published card to compare.")
    for card in result["cards"]:
        jur = card["jurisdiction"]
        con.print()
        con.print(Text(f"{jur['name']} — {card['file']}", style="bold underline"))
        con.print(f"Card: edition {dated(card['edition'])}, grades the law as of {dated(card['law_date'])}")
        con.print(f"Source: {card['source']}")
        if card["status"] != "compared":
            con.print(Text(f"Not encoded: {card['not_encoded']}, so nothing to compare. Published "
                           f"{pts(card['total']['published'])} (grade {card['grade']['published']}).", style="yellow"))
            continue
        con.print(f"Graded: the encoded law of {jur['as_of']}, the card's law date")
        total, grade = card["total"], card["grade"]
        section_grid(con, ["Computed", "Published", "Difference", "In range", "Max"],
                     [(s["id"], s["title"], [computed_span(s), pts(s["published"]), _delta(s["difference"]),
                                             inside(s), pts(s["max"])]) for s in card["sections"]],
                     [(Text("Total", style="bold"), [computed_span(total), pts(total["published"]),
                                                     _delta(total["difference"]), inside(total), pts(total["max"])]),
                      (Text("Grade", style="bold"), [grade["computed"], grade["published"],
                                                     Text("agree", style="green") if grade["agrees"]
                                                     else Text("differ", style="red"), "", ""])])
        if not card["explanations"]:
            con.print("Every section agrees with the published card.")
        for ex in card["explanations"]:
            con.print()
            con.print(Text(f"Section {ex['section']} ({difference(ex['difference'])}), published {ex['label']}; "
                           f"{ex['direction']}; " + components_heading(ex), style="bold"))
            for c in ex["components"]:
                tier = c["tier"]["reason"] if c["tier"] else "No points: the law meets none of the rule's tiers."
                status = "not determined" if c["status"] == "unknown" else c["status"]
                con.print(Padding(f"{c['id']} {c['title']} — {span(*c['points_range'])}/{pts(c['max'])} {status}",
                                  (0, 0, 0, 2)))
                con.print(Padding(Text(tier, style="italic"), (0, 0, 0, 6)))
                for f in c["facts"]:
                    con.print(Padding(Text(f"{f['citation']}: {f['fact']} = {fact_value(f['value'])}", style="dim"),
                                      (0, 0, 0, 6)))
    if result["no_published_card"]:
        con.print()
        con.print("No published card (nothing to compare): " + ", ".join(result["no_published_card"]))
    con.print()
    for line in agreement_text(result["agreement"]):
        con.print(line)
    tolerance = result["tolerance"]
    if tolerance is not None:
        if tolerance["exceeded"]:
            con.print(Text(f"Differences beyond the tolerance of ±{pts(tolerance['limit'])}:", style="red"))
            for e in tolerance["exceeded"]:
                con.print(f"  {e['jurisdiction']} {e['what']}: {exceeded_text(e)}")
        else:
            con.print(f"Every difference is within the tolerance of ±{pts(tolerance['limit'])}.")
    return _out(con)


def components_heading(ex: Mapping[str, Any]) -> str:
    """What the listed components are, as each kind of difference picks them."""
    return f"{ex['listing']}:"


def exceeded_text(e: Mapping[str, Any]) -> str:
    """The difference and how far outside the computed range it lies: what --tolerance measures."""
    outside = f"{pts(e['distance'])} outside the computed range {span(*e['computed_range'])}"
    return f"{difference(e['difference'])} ({outside})"


def _delta(value: Any) -> Any:
    from rich.text import Text

    if value is None:
        return "—"
    style = "green" if value == 0 else "red"
    return Text(difference(value), style=style)


def compare_html(result: Mapping[str, Any]) -> str:
    from analyzer.render.html import NARROW_LABEL_CHARS, NARROW_WIDTH, chart_rows, environment

    compared = [card for card in result["cards"] if card["status"] == "compared"]
    rows = {card["file"]: [{**s, "high": (s["computed_range"] or (None, None))[1]} for s in card["sections"]]
            for card in compared}
    charts = {name: chart_rows(sections, ("computed", "published")) for name, sections in rows.items()}
    narrow = {name: chart_rows(sections, ("computed", "published"), NARROW_WIDTH, NARROW_LABEL_CHARS)
              for name, sections in rows.items()}
    return environment().get_template("compare.html.j2").render(
        result=result, charts=charts, narrow=narrow, dated=dated, fact_value=fact_value, computed_span=computed_span,
        inside=inside, components_heading=components_heading, exceeded_text=exceeded_text)
