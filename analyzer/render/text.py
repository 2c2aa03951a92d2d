"""Terminal text: aligned tables (rich), colour only when writing to a terminal."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from analyzer.evaluate import ComponentResult, Trace, Truth
from analyzer.render.data import confidence_label, evidence_sentence, facts_by_provision, number, show_value
from analyzer.score import Report

STATUS_STYLE = {"met": "green", "partial": "yellow", "unmet": "red", "unknown": "magenta"}
STATUS_MARK = {"met": "✓", "partial": "◐", "unmet": "✗", "unknown": "?"}  # readable without colour
BAR_WIDTH = 20
MARK = {Truth.MET: ("✓", "green"), Truth.UNMET: ("✗", "red"), Truth.UNKNOWN: ("?", "magenta")}


def console(color: bool, width: int | None) -> Console:
    return Console(file=io.StringIO(), width=width or 100, color_system="standard" if color else None,
                   force_terminal=color, no_color=not color, highlight=False, emoji=False, markup=False,
                   legacy_windows=False)


def _out(con: Console) -> str:
    text = con.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def pts(value: object) -> str:
    return str(number(value))  # type: ignore[arg-type]


def report_text(report: Report, *, color: bool = False, width: int | None = None) -> str:
    con = console(color, width)
    fw, jur = report.framework, report.jurisdiction
    con.print(Text(f"{fw.title} ({fw.version}) — {jur.name}", style="bold"))
    con.print(f"Law as of {jur.as_of}")
    con.print(Text.assemble("Final score ", (f"{pts(report.score)} of {pts(report.max)}", "bold"),
                            "   Grade ", (report.grade, "bold")))
    if jur.amendments:
        con.print()
        con.print(Text(f"What-if: the encoded statutes with {len(jur.amendments)} amendment(s) applied",
                       style="bold"))
        for a in jur.amendments:
            con.print(f"  - {a.bill}: {a.title} (effective {a.effective})")
    if report.summary.text:
        con.print()
        con.print(report.summary.text)
    con.print()
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Section")
    table.add_column("Title")
    table.add_column("Score", justify="right")
    table.add_column("Max", justify="right")
    table.add_column("", no_wrap=True)
    for s in report.sections:
        table.add_row(s.section.id, s.section.title, pts(s.score), pts(s.section.max), bar(s.score, s.section.max))
    table.add_row("", Text("Total", style="bold"), Text(pts(report.score), style="bold"), pts(report.max),
                  bar(report.score, report.max))
    con.print(table)
    con.print()
    con.print(evidence_sentence(report))
    for s in report.sections:
        con.print()
        con.print(Text(f"{s.section.id}. {s.section.title} — {pts(s.score)} of {pts(s.section.max)}",
                       style="bold underline"))
        con.print(_components_table(s.components))
        shortfalls = [c for c in s.components if c.status != "met"]
        for c in shortfalls:
            label = "not determined" if c.status == "unknown" else "gap"
            con.print(Padding(Group(
                Text.assemble((f"{c.rule.id} {label}", "bold"), f" ({pts(c.points)} of {pts(c.rule.max)}): ",
                              c.finding),
                Text.assemble(("Recommendation: ", "italic"), c.recommendation or ""),
            ), (0, 0, 0, 2)))
    return _out(con)


def _components_table(components: tuple[ComponentResult, ...]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("ID", no_wrap=True)
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Component and cited provisions", overflow="fold")
    for c in components:
        cited = "\n".join(
            "\n".join([f"  {citation}", *(f"    {r.fact} = {show_value(r.value)} · {confidence_label(r)}"
                                          for r in facts)])
            for citation, facts in facts_by_provision(c)) or "  (no provision cited)"
        table.add_row(c.rule.id, f"{pts(c.points)}/{pts(c.rule.max)}",
                      Text(f"{STATUS_MARK[c.status]} {c.status}", style=STATUS_STYLE[c.status]),
                      Text.assemble(c.rule.title, "\n", (cited, "dim")))
    return table


def bar(score: object, maximum: object, width: int = BAR_WIDTH) -> Text:
    """A text bar (█ earned, ░ missing) so section scores compare at a glance, colour or not."""
    filled = round(width * float(score) / float(maximum)) if float(maximum) > 0 else 0  # type: ignore[arg-type]
    filled = max(0, min(width, filled))
    return Text.assemble(("█" * filled, "cyan"), ("░" * (width - filled), "dim"))


def explain_text(report: Report, result: ComponentResult, *, color: bool = False, width: int | None = None) -> str:
    con = console(color, width)
    rule, jur = result.rule, report.jurisdiction
    section = next(s.section for s in report.sections if s.section.id == rule.section)
    con.print(Text(f"Component {rule.id} — {rule.title}", style="bold"))
    con.print(f"{jur.name} (law as of {jur.as_of}) · section {section.id}: {section.title}")
    for amendment in jur.amendments:
        con.print(f"Amended by {amendment.bill}: {amendment.title} (effective {amendment.effective})")
    if rule.criterion:
        con.print(Text(rule.criterion, style="italic"))
    reached = f"tier {result.reached.index} of {len(rule.tiers)}" if result.reached else "no tier"
    con.print(Text.assemble("Points ", (f"{pts(result.points)} of {pts(rule.max)}", "bold"), " · ",
                            (result.status, STATUS_STYLE[result.status]), f" · {reached} reached"))
    con.print(f"Rule: {rule.where.file}")
    for outcome in result.outcomes:
        con.print()
        mark, style = MARK[outcome.trace.result]
        con.print(Text.assemble((f"{mark} Tier {outcome.index} ({pts(outcome.tier.points)} points): ", style),
                                (outcome.trace.result.value, style), f" — line {outcome.tier.where.line}"))
        con.print(Padding(Text(outcome.tier.reason, style="italic"), (0, 0, 0, 2)))
        scheme = report.framework.scheme
        for clause in filter(None, (scheme.clause(c) for c in outcome.tier.clauses) if scheme else ()):
            cost = "no deduction" if not clause.deduction else f"−{pts(clause.deduction)}"
            con.print(Padding(Text.assemble((f"Scheme clause '{clause.id}' ({clause.name}, {cost}): ", "bold"),
                                            clause.text), (0, 0, 0, 2)))
        for line in trace_lines(outcome.trace, 1):
            con.print(line)
    con.print()
    con.print(Text("Cited provisions", style="bold"))
    for p in result.evidence:
        con.print(f"  {p.citation} — {p.title}")
        con.print(Padding(Text(f"provision {p.id} ({p.where}); source: {p.source}", style="dim"), (0, 0, 0, 4)))
        for r in (r for r in result.cited_facts if r.provision == p.id):
            con.print(Padding(Text(f"{r.citation}: {r.fact} = {show_value(r.value)} · {confidence_label(r)}"),
                              (0, 0, 0, 4)))
    if not result.evidence:
        con.print("  (none)")
    for p in result.benchmarks:
        con.print(f"  benchmark: {p.citation} — {p.title}")
    con.print()
    if result.status == "unknown":
        con.print(Text("Not stated in the law as encoded", style="bold"))
        for r in result.silent:
            con.print(f"  - {r.fact} ({r.citation})")
        con.print()
    con.print(Text("Finding", style="bold"))
    con.print(f"  {result.finding}")
    if result.status != "met":
        con.print(Text("To reach full credit", style="bold"))
        top = result.outcomes[0]
        for line in dict.fromkeys(describe_shortfall(t, want) for t, want in shortfalls(top.trace)):
            con.print(f"  - {line}")
        con.print(f"  Recommendation: {result.recommendation}")
    return _out(con)


def trace_lines(trace: Trace, depth: int) -> list[Text]:
    mark, style = MARK[trace.result]
    line = Text("  " * depth)
    line.append(f"{mark} ", style=style)
    line.append(trace.description)
    lines = [line]
    for reading in trace.readings:
        value = "not stated" if reading.value is None else _value(reading.value)
        lines.append(Text(f"{'  ' * (depth + 1)}  {reading.citation}: {reading.fact} = {value}", style="dim"))
    for child in trace.children:
        lines += trace_lines(child, depth + 1)
    return lines


def shortfalls(trace: Trace, want: Truth = Truth.MET) -> list[tuple[Trace, Truth]]:
    """The leaves that keep a condition from its wanted result: what an amendment would have to change."""
    if trace.result is want:
        return []
    if trace.description == "not":
        want = {Truth.MET: Truth.UNMET, Truth.UNMET: Truth.MET}.get(want, want)
    if not trace.children:
        return [(trace, want)]
    return [x for c in trace.children for x in shortfalls(c, want)]


def describe_shortfall(trace: Trace, want: Truth) -> str:
    facts = "; ".join(
        f"{r.citation} states {_value(r.value)}" if r.value is not None else f"{r.citation} does not state it"
        for r in trace.readings)
    lead = "needs" if want is Truth.MET else "must not hold"
    return f"{lead}: {trace.description}" + (f" ({facts})" if facts else "")


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)
