"""Rendering a comparison of computed and published cards (the shape analyzer.compare.compare returns).

Text for the terminal, JSON for tools, Markdown for pull requests, and one self-contained HTML page
with a chart of computed against published scores per section. Every format reads the same data.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
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
        return _tidy(template.render(result=result, **template_helpers()))
    if fmt == "html":
        return compare_html(result)
    return compare_text(result, color=color, width=width)


def template_helpers() -> dict[str, Any]:
    """The wording functions the Markdown and HTML templates share with the text renderer."""
    return {"dated": dated, "fact_value": fact_value, "computed_span": computed_span, "inside": inside,
            "components_heading": components_heading, "exceeded_text": exceeded_text, "card_heading": card_heading,
            "agreement_sentence": agreement_sentence, "pinned_lines": pinned_lines, "evidence_line": evidence_line,
            "summary_text": summary_text}


def dated(value: Mapping[str, Any]) -> str:
    """'2019 (assumed)': a value and how sure it is; 'stated' needs no mark."""
    return value["value"] if value["confidence"] == "stated" else f"{value['value']} ({value['confidence']})"


def difference(value: Any) -> str:
    return signed(value).replace("−", "-") if value is not None else "—"




def summary_text(summary: Mapping[str, Any]) -> list[str]:
    """The summary as lines (shared by `compare` and `check`): grades, totals, then each section's bias."""
    cards = summary["cards"]
    lines = [f"Summary over {cards} compared card{'s' if cards != 1 else ''}"]
    if cards:
        largest = summary["largest_total_difference"]
        lines.append(f"  grades agree: {summary['grades_agree']} of {cards}; the published grade is inside the "
                     f"computed grade range: {summary['grades_within_range']} of {cards}")
        if summary["totals"]:
            lines.append(f"  published totals inside the computed range: {summary['totals_within_range']} of "
                         f"{summary['totals']}; within {pts(summary['total_near'])} of it: "
                         f"{summary['totals_near_range']} of {summary['totals']}; "
                         f"within ±{pts(summary['total_margin'])} of the computed score: "
                         f"{summary['totals_within']} of {summary['totals']}")
            lines.append(f"  total difference (computed less published): mean "
                         f"{difference(summary['mean_total_difference'])} (beyond the computed range: "
                         f"{difference(summary['mean_total_beyond_range'])}), mean absolute "
                         f"{pts(summary['mean_absolute_total_difference'])}, largest "
                         f"{difference(largest['difference'])} ({largest['jurisdiction']} {largest['edition']})")
        else:
            lines.append("  no published total to compare (the cards give the grade alone)")
        if summary["sections"]:
            lines += [f"  published sections inside the computed range: {summary['sections_within_range']} of "
                      f"{summary['sections']}; within {pts(summary['section_near'])} of it: "
                      f"{summary['sections_near_range']} of {summary['sections']}",
                      f"  mean absolute section error: {pts(summary['mean_absolute_section_error'])} points over "
                      f"{summary['sections']} sections"]
        bias = [f"{s['id']} {difference(s['mean_difference'])}" for s in summary["by_section"] if s["cards"]]
        if bias:
            lines.append("  mean difference by section (computed less published; + the rules award more): "
                         + ", ".join(bias))
    if summary["not_encoded"]:
        lines.append(f"  not encoded (no comparison): {', '.join(summary['not_encoded'])}")
    return lines


def card_heading(card: Mapping[str, Any]) -> str:
    """'Missouri, 2015 card': each card by its jurisdiction and edition."""
    return f"{card['jurisdiction']['name']}, {card['edition']['value']} card"


def agreement_sentence(card: Mapping[str, Any]) -> str:
    """What can truly be said of a card none of whose published sections differs: only what it published."""
    grade = card["grade"]
    low, high = grade["computed_range"] or (grade["computed"], grade["computed"])
    computed = low if low == high else f"{low} to {high}"
    said = (f"the grade agrees ({grade['computed']})" if grade["agrees"]
            else f"the grade differs: {computed} against {grade['published']}")
    if not any(s["published"] is not None for s in card["sections"]):
        return f"No section figures were published; {said}."
    return f"Every published section agrees with the card; {said}."


def evidence_line(card: Mapping[str, Any]) -> str | None:
    """Which calibrated sizes rest on this card: agreement there is partly by construction."""
    if not card.get("evidence_for"):
        return None
    return (f"This card is evidence for the calibrated sizes of {', '.join(card['evidence_for'])}: where those "
            "components agree with it, they agree partly by construction.")


def pinned_lines(card: Mapping[str, Any]) -> list[str]:
    """The components each published section score pins and the rules miss, one line a section."""
    lines = []
    for pin in card["pinned"]:
        if pin["kind"] == "full_section":
            missed = ", ".join(f"{c['id']} ({span(*c['points_range'])})" for c in pin["components"])
            lines.append(f"Section {pin['section']} is full on the card ({pts(pin['published'])}), so every "
                         f"component earned full credit; the rules score below it: {missed}")
        else:
            needs = Decimal(str(pin["needs"]))
            lines.append(f"Section {pin['section']} is {pts(pin['published'])} on the card, outside the computed "
                         f"{span(*pin['computed_range'])}: its components would have to "
                         f"{'gain' if needs > 0 else 'lose'} {pts(abs(needs))}")
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
        con.print(Text(f"{card_heading(card)} — {card['file']}", style="bold underline"))
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
            con.print(agreement_sentence(card))
        if evidence_line(card):
            con.print(Text(evidence_line(card), style="italic"))
        pins = pinned_lines(card)
        if pins:
            con.print()
            con.print(Text("What the card pins and the rules miss:", style="bold"))
            for line in pins:
                con.print(Padding(line, (0, 0, 0, 2)))
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
    summary_table(con, result["summary"])
    tolerance = result["tolerance"]
    if tolerance is not None:
        if tolerance["exceeded"]:
            con.print(Text(f"Differences beyond the tolerance of ±{pts(tolerance['limit'])}:", style="red"))
            for e in tolerance["exceeded"]:
                con.print(f"  {e['jurisdiction']} {e['what']}: {exceeded_text(e)}")
        else:
            con.print(f"Every difference is within the tolerance of ±{pts(tolerance['limit'])}.")
    return _out(con)


def summary_table(con: Any, summary: Mapping[str, Any]) -> None:
    """The summary lines, then the per-section figures as a table (the bias a reader should see first)."""
    from rich.padding import Padding
    from rich.text import Text

    from analyzer.render.text import section_grid

    lines = summary_text(summary)
    con.print(Text(lines[0], style="bold"))
    for line in lines[1:]:
        if not line.startswith("  mean difference by section"):  # the table below gives it
            con.print(Padding(line.strip(), (0, 0, 0, 2)))
    rows = [(s["id"], s["title"], [str(s["cards"]), difference(s["mean_difference"]),
                                   difference(s["mean_beyond_range"]), pts(s["mean_absolute_difference"]),
                                   str(s["within_range"]), str(s["near_range"])])
            for s in summary["by_section"] if s["cards"]]
    if rows:
        con.print()
        section_grid(con, ["Cards", "Mean diff.", "Beyond range", "Mean |diff.|", "In range",
                           f"Within {pts(summary['section_near'])}"], rows, [])
        con.print(Padding("Difference: the computed score (low end) less the published one; beyond range: "
                          "the same from the nearer end of the computed range, 0 inside it. + means the "
                          "rules award more than the card.", (0, 0, 0, 0)))


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
    return environment().get_template("compare.html.j2").render(result=result, charts=charts, narrow=narrow,
                                                                **template_helpers())
