"""Terminal text: aligned tables (rich), colour only when writing to a terminal.

Everything is laid out for the width it is given (the terminal's, or a fixed width in a pipe):
tables wrap their text columns, and wrapped lines keep a hanging indent under their first line.
"""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from analyzer.evaluate import ComponentResult, Trace, Truth
from analyzer.render.data import confidence_label, evidence_sentence, facts_by_provision, number, show_value
from analyzer.render.wording import amendment_label, amendments_heading, law_date, plural, range_clause, span
from analyzer.score import Report
from analyzer.terminal import PIPE_WIDTH

STATUS_STYLE = {"met": "green", "partial": "yellow", "unmet": "red", "unknown": "magenta"}
STATUS_MARK = {"met": "✓", "partial": "◐", "unmet": "✗", "unknown": "?"}  # readable without colour
STATUS_WORD = {"unknown": "not determined"}  # one word per idea in every format (JSON keeps "unknown")
BAR_WIDTH = 20
BARS_FROM = 72  # narrower than this, the section table drops its bars so titles keep their room
MARK = {Truth.MET: ("✓", "green"), Truth.UNMET: ("✗", "red"), Truth.UNKNOWN: ("?", "magenta")}


def console(color: bool, width: int | None) -> Console:
    return Console(file=io.StringIO(), width=width or PIPE_WIDTH, color_system="standard" if color else None,
                   force_terminal=color, no_color=not color, highlight=False, emoji=False, markup=False,
                   legacy_windows=False)


def _out(con: Console) -> str:
    text = con.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def pts(value: object) -> str:
    return str(number(value))  # type: ignore[arg-type]


def hang(con: Console, text: Text | str, indent: int = 0, hanging: int = 2) -> None:
    """Print `text` wrapped to the console's width: first line at `indent`, the rest `hanging` further in."""
    text = Text(text) if isinstance(text, str) else text
    room = max(10, con.width - indent - hanging)
    for i, line in enumerate(text.wrap(con, room)):
        line.rstrip()
        con.print(Text.assemble(" " * (indent if i == 0 else indent + hanging), line), soft_wrap=True)


def report_text(report: Report, *, color: bool = False, width: int | None = None) -> str:
    con = console(color, width)
    fw, jur = report.framework, report.jurisdiction
    con.print(Text(f"{fw.title} ({fw.version}) — {jur.name}", style="bold"))
    con.print(law_date(jur))
    low, high = report.score_range
    if high > low:  # the stated facts leave the grade open: say both ends first, never one number
        hang(con, Text.assemble("Final score ", (f"{pts(low)} of {pts(report.max)}", "bold"), ", ",
                                (range_clause(high, len(report.undetermined), report.grade_range), "bold")), 0, 2)
    else:
        con.print(Text.assemble("Final score ", (f"{pts(report.score)} of {pts(report.max)}", "bold"),
                                "   Grade ", (report.grade, "bold")))
    if jur.amendments:
        con.print()
        hang(con, Text(amendments_heading(jur.amendments), style="bold"))
        for a in jur.amendments:
            hang(con, f"- {amendment_label(a)}: {a.title} (effective {a.effective})", 2, 2)
    if report.summary.text:
        con.print()
        hang(con, report.summary.text, 0, 0)
    con.print()
    with_bars = con.width >= BARS_FROM
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Section", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Max", justify="right", no_wrap=True)
    if with_bars:
        table.add_column("", no_wrap=True)
    for s in report.sections:
        bars = (bar(s.score, s.section.max, high=s.high),) if with_bars else ()
        table.add_row(s.section.id, s.section.title, span(*s.score_range), pts(s.section.max), *bars)
    bars = (bar(report.score, report.max, high=report.high),) if with_bars else ()
    table.add_row("", Text("Total", style="bold"), Text(span(*report.score_range), style="bold"), pts(report.max),
                  *bars)
    con.print(table)
    con.print()
    hang(con, evidence_sentence(report), 0, 0)
    for s in report.sections:
        con.print()
        hang(con, Text(f"{s.section.id}. {s.section.title} — {span(*s.score_range)} of {pts(s.section.max)}",
                       style="bold underline"), 0, len(s.section.id) + 2)
        con.print(_components_table(s.components))
        shortfalls = [c for c in s.components if c.status != "met"]
        for c in shortfalls:
            label = "not determined" if c.status == "unknown" else "not encoded" if c.absent and not c.complete \
                else "gap"
            hang(con, Text.assemble((f"{c.rule.id} {label}", "bold"),
                                    f" ({span(*c.points_range)} of {pts(c.rule.max)}): ", c.finding), 2, 2)
            hang(con, Text.assemble(("Recommendation: ", "italic"), c.recommendation or ""), 2, 2)
    return _out(con)


def _components_table(components: tuple[ComponentResult, ...]) -> Table:
    """Full width, so every section's table and its header rule line up."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    table.add_column("ID", no_wrap=True, min_width=4)
    table.add_column("Points", justify="right", no_wrap=True, min_width=7)
    table.add_column("Status", no_wrap=True, min_width=9)
    table.add_column("Component and cited provisions", overflow="fold", ratio=1)
    for c in components:
        cited = Table.grid(padding=(0, 0))
        cited.add_column(width=2)
        cited.add_column(overflow="fold")
        for citation, facts in facts_by_provision(c) or (("(no provision cited)", ()),):
            cited.add_row("", Text(citation, style="dim"))
            for r in facts:  # each fact the result rests on, with how sure its encoding is
                cited.add_row("", Padding(Text(f"{r.fact} = {show_value(r.value)} · {confidence_label(r)}",
                                               style="dim"), (0, 0, 0, 2)))
        table.add_row(c.rule.id, f"{span(*c.points_range)}/{pts(c.rule.max)}",
                      Text(f"{STATUS_MARK[c.status]} {STATUS_WORD.get(c.status, c.status)}",
                           style=STATUS_STYLE[c.status]),
                      Group(Text(c.rule.title), cited))
    return table


def bar(score: object, maximum: object, width: int = BAR_WIDTH, *, high: object = None) -> Text:
    """A text bar (█ earned, ▒ open: not determined, ░ missing) so section scores compare at a
    glance, colour or not."""
    def cells(value: object) -> int:
        filled = round(width * float(value) / float(maximum)) if float(maximum) > 0 else 0  # type: ignore[arg-type]
        return max(0, min(width, filled))

    filled = cells(score)
    reach = max(filled, cells(high)) if high is not None else filled
    if high is not None and float(high) > float(score) and reach == filled:  # type: ignore[arg-type]
        reach = min(width, filled + 1)  # an open range always shows, however narrow
    return Text.assemble(("█" * filled, "cyan"), ("▒" * (reach - filled), "magenta"), ("░" * (width - reach), "dim"))


def explain_text(report: Report, result: ComponentResult, *, color: bool = False, width: int | None = None) -> str:
    con = console(color, width)
    rule, jur = result.rule, report.jurisdiction
    section = next(s.section for s in report.sections if s.section.id == rule.section)
    hang(con, Text(f"Component {rule.id} — {rule.title}", style="bold"), 0, 2)
    hang(con, f"{jur.name} (law as of {jur.as_of}) · section {section.id}: {section.title}", 0, 2)
    for amendment in jur.amendments:
        lead = "Amended by" if amendment.enacted else "What-if"
        hang(con, f"{lead} {amendment_label(amendment)}: {amendment.title} (effective {amendment.effective})", 0, 2)
    if rule.criterion:
        hang(con, Text(rule.criterion, style="italic"), 0, 0)
    reached = f"tier {result.reached.index} of {len(rule.tiers)}" if result.reached else "no tier"
    hang(con, Text.assemble("Points ", (f"{pts(result.points)} of {pts(rule.max)}", "bold"), " · ",
                            (result.status, STATUS_STYLE[result.status]), f" · {reached} reached"), 0, 2)
    hang(con, f"Rule: {rule.where.file}", 0, 2)
    for outcome in result.outcomes:
        con.print()
        mark, style = MARK[outcome.trace.result]
        hang(con, Text.assemble((f"{mark} Tier {outcome.index} ({plural(outcome.tier.points, 'point')}): ", style),
                                (outcome.trace.result.value, style), f" — line {outcome.tier.where.line}"), 0, 2)
        hang(con, Text(outcome.tier.reason, style="italic"), 2, 0)
        scheme = report.framework.scheme
        calibrated = rule.calibration.deductions if rule.calibration else {}
        for clause in filter(None, (scheme.clause(c) for c in outcome.tier.clauses) if scheme else ()):
            cost = "no deduction" if not clause.deduction else f"−{pts(clause.deduction)}"
            if clause.id in calibrated:
                cost = f"−{pts(calibrated[clause.id])} in this component, calibrated; the scheme's default {cost}"
            hang(con, Text.assemble((f"Scheme clause '{clause.id}' ({clause.name}, {cost}): ", "bold"),
                                    clause.text), 2, 2)
        trace_lines(con, outcome.trace, 1)
    if rule.calibration:
        calibration = rule.calibration
        con.print()
        cards = len(calibration.cards)
        hang(con, Text(f"Calibration (on {cards} published card{'s' if cards != 1 else ''})", style="bold"), 0, 2)
        hang(con, calibration.reason, 2, 2)
        for e in calibration.evidence:
            where = f", section {e.section}" if e.section else ""
            hang(con, f"{e.card}{where} ({e.shows.replace('_', ' ')}): {e.text}", 2, 4)
        if calibration.open:
            hang(con, f"Open: {calibration.open}", 2, 2)
    con.print()
    con.print(Text("Cited provisions", style="bold"))
    for p in result.evidence:
        hang(con, f"{p.citation} — {p.title}", 2, 2)
        hang(con, Text(f"provision {p.id} ({p.where}); source: {p.source}", style="dim"), 4, 2)
        for r in (r for r in result.cited_facts if r.provision == p.id):
            hang(con, f"{r.citation}: {r.fact} = {show_value(r.value)} · {confidence_label(r)}", 4, 2)
    if not result.evidence:
        con.print("  (none)")
    for p in result.benchmarks:
        hang(con, f"benchmark: {p.citation} — {p.title}", 2, 2)
    con.print()
    if result.status == "unknown":
        con.print(Text("Not stated in the law as encoded", style="bold"))
        for r in result.silent:
            hang(con, f"- {r.fact} ({r.citation})", 2, 2)
        con.print()
    con.print(Text("Finding", style="bold"))
    hang(con, result.finding, 2, 0)
    if result.status != "met":
        con.print(Text("To reach full credit", style="bold"))
        top = result.outcomes[0]
        for line in dict.fromkeys(shortfall_lines(top.trace)):
            hang(con, f"- {line}", 2, 2)
        hang(con, f"Recommendation: {result.recommendation}", 2, 2)
    return _out(con)


def trace_lines(con: Console, trace: Trace, depth: int) -> None:
    """A condition tree, one line per condition, its fact readings under it; wrapped lines hang."""
    mark, style = MARK[trace.result]
    hang(con, Text.assemble((f"{mark} ", style), trace.description), 2 * depth, 2)
    for reading in trace.readings:
        value = "not stated" if reading.value is None else _value(reading.value)
        hang(con, Text(f"{reading.citation}: {reading.fact} = {value}", style="dim"), 2 * depth + 4, 2)
    for child in trace.children:
        trace_lines(con, child, depth + 1)


def shortfalls(trace: Trace, want: Truth = Truth.MET) -> list[tuple[Trace, Truth]]:
    """The leaves that keep a condition from its wanted result: what an amendment would have to change."""
    if trace.result is want:
        return []
    if trace.description == "not":
        want = {Truth.MET: Truth.UNMET, Truth.UNMET: Truth.MET}.get(want, want)
    if not trace.children:
        return [(trace, want)]
    return [x for c in trace.children for x in shortfalls(c, want)]


def _asks_unstated(trace: Trace) -> bool:
    """A `known: false` leaf: the alternative "this fact is not stated", which no one should be told to bring about."""
    return not trace.children and trace.description.endswith(" is not stated")


def shortfall_lines(trace: Trace, want: Truth = Truth.MET) -> list[str]:
    """What would make `trace` reach `want`, one line per need. Of an `any of` that falls short, the
    alternatives that ask for a fact to be left unstated are dropped (that is reading, not law), and
    two or more remaining alternatives make one line, "one of: ...; or ..."."""
    if trace.result is want:
        return []
    if trace.description == "not":
        want = {Truth.MET: Truth.UNMET, Truth.UNMET: Truth.MET}.get(want, want)
    if not trace.children:
        return [describe_shortfall(trace, want)]
    if trace.description == "any of" and want is Truth.MET:
        options = [c for c in trace.children if c.result is not want and not _asks_unstated(c)] or [
            c for c in trace.children if c.result is not want]
        if len(options) > 1:
            return ["one of: " + "; or ".join(" and ".join(dict.fromkeys(shortfall_lines(c, want))) for c in options)]
        return [line for c in options for line in shortfall_lines(c, want)]
    return [line for c in trace.children for line in shortfall_lines(c, want)]


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


CATALOG_COLUMNS = {
    "jurisdictions": (("id", "ID"), ("name", "Name"), ("law_as_of", "Law as of"), ("role", "Role")),
    "frameworks": (("id", "ID"), ("title", "Title"), ("sections", "Sections"), ("components", "Components"),
                   ("points", "Points"), ("benchmark", "Benchmark")),
    "components": (("framework", "Framework"), ("id", "ID"), ("section", "Section"), ("max", "Max"),
                   ("title", "Title")),
}
# Columns of prose, wrapped at word boundaries on a narrow terminal; ids and numbers never wrap.
WRAPPING = {"name", "title", "role", "benchmark"}
# The vocabulary is prose about names: one entry a paragraph reads at any width, where a table would not.
VOCABULARY_LINES = {
    "kinds": ("kind", (("meaning", ""), ("facts_read", "Facts the rules read: "), ("read_by", "Read by: "))),
    "facts": ("fact", (("type", "Type: "), ("unit", "Unit: "), ("meaning", ""),
                       ("kinds_read_from", "Read from: "))),
}


def catalog_text(data: dict[str, list[dict[str, object]]], *, color: bool = False, width: int | None = None) -> str:
    """`gap-analyzer list`: one aligned table per kind, the last column wrapping to the width."""
    con = console(color, width)
    for index, (kind, rows) in enumerate(data.items()):
        if index:
            con.print()
        con.print(Text(f"{kind.capitalize()} ({len(rows)})", style="bold"))
        if kind in VOCABULARY_LINES:
            name, lines = VOCABULARY_LINES[kind]
            for row in rows:
                con.print(Text(str(row[name]), style="bold"))
                for key, label in lines:
                    if row[key]:
                        con.print(Padding(Text(label + str(row[key])), (0, 0, 0, 4)))
            continue
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        columns = CATALOG_COLUMNS[kind]
        for key, header in columns:
            table.add_column(header, no_wrap=key not in WRAPPING, overflow="fold",
                             ratio=2 if key in ("meaning", "title") else 1 if key in WRAPPING else None)
        for row in rows:
            table.add_row(*(str(row[key]) for key, _ in columns))
        con.print(table)
    return _out(con)


MIN_TITLE = 24  # narrower than this, a title column wraps a word a line: titles go under the table instead


def section_grid(con: Console, headers: list[str], rows: list[tuple[str, str, list[Any]]],
                 totals: list[tuple[Any, list[Any]]], notes: list[tuple[str, list[Any]]] = (), *,
                 legend: bool = True) -> None:
    """A table of sections (id, title, then right-aligned value columns) that stays legible at any width:
    names are never cut (a header wraps between its words), and where the title column would be too
    narrow to read, the table keeps the section ids and the titles follow it, one per line; so do the
    `notes` rows (e.g. law dates), as one line each."""
    def longest_word(text: str) -> int:
        return max((len(word) for word in text.split()), default=0)

    def column(i: int, with_notes: bool) -> int:
        cells = [_plain(r[2][i]) for r in rows] + [_plain(t[1][i]) for t in totals]
        cells += [_plain(n[1][i]) for n in notes] if with_notes else []
        return max([longest_word(headers[i]), *(len(c) for c in cells)])

    labels = [r[0] for r in rows] + [_plain(t[0]) for t in totals]
    ids = max([len("Section"), *(len(x) for x in labels), *(len(n[0]) for n in notes)])
    values = sum(column(i, True) for i in range(len(headers)))
    wide = con.width - ids - values - 3 * (len(headers) + 1) >= MIN_TITLE  # 3: padding and rule between columns
    if not wide and len(headers) > 1:  # more columns than the width holds: several tables, a group each
        widths = [column(i, False) + 2 for i in range(len(headers))]
        groups, current = [], []
        for i, width in enumerate(widths):
            if current and ids + sum(widths[j] for j in current) + width > con.width:
                groups.append(current)
                current = []
            current.append(i)
        groups.append(current)
        if len(groups) > 1:
            for group in groups:
                pick = lambda cells, g=group: [cells[i] for i in g]  # noqa: E731
                section_grid(con, pick(headers), [(r[0], r[1], pick(r[2])) for r in rows],
                             [(t[0], pick(t[1])) for t in totals], legend=False)
            _legend(con, headers, rows, notes)
            return
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                 padding=(0, 1) if wide else (0, 0, 0, 1))  # narrow: two columns apart, not three
    grid.add_column("Section", no_wrap=True)
    if wide:
        grid.add_column("Title", ratio=1)
    for i, header in enumerate(headers):
        width = column(i, wide)  # narrow: as wide as its longest word or number, a header wraps between words
        grid.add_column(header, justify="right", min_width=width, max_width=None if wide else width)
    for section, title, row in rows:
        grid.add_row(section, *([title] if wide else []), *row)
    for label, row in [*totals, *(notes if wide else [])]:
        grid.add_row(*(("", label) if wide else (label,)), *row)
    con.print(grid)
    if not wide and legend:
        _legend(con, headers, rows, notes)


def _legend(con: Console, headers: list[str], rows: list[tuple[str, str, list[Any]]],
            notes: list[tuple[str, list[Any]]]) -> None:
    """Under a table too narrow for titles: each section's title, then each note as one line."""
    legend = Table.grid(padding=(0, 2))
    legend.add_column(no_wrap=True)
    legend.add_column()
    for section, title, _ in rows:
        legend.add_row(section, title)
    for label, row in notes:
        legend.add_row(label, " · ".join(f"{h} {_plain(v)}" for h, v in zip(headers, row, strict=True) if _plain(v)))
    con.print(legend)


def _plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def keyed_grid(con: Console, key: str, headers: list[str], rows: list[tuple[Any, list[Any]]]) -> None:
    """Rows keyed by a first column (e.g. a date) with right-aligned value columns, as several tables when
    the values do not fit beside the key: each table repeats the key column and holds as many value
    columns as the width allows, so no number is ever cut and no column dropped. A header wraps between
    its words; a cell never wraps."""
    def longest_word(text: str) -> int:
        return max((len(word) for word in text.split()), default=0)

    key_width = max([len(key), *(len(_plain(r[0])) for r in rows)])
    widths = [max([longest_word(h), *(len(_plain(r[1][i])) for r in rows)]) for i, h in enumerate(headers)]
    gap = 3  # padding either side of a column, and the space between columns
    groups: list[list[int]] = []
    for i, width in enumerate(widths):
        if groups and key_width + sum(widths[j] + gap for j in groups[-1]) + width + gap <= con.width:
            groups[-1].append(i)
        else:
            groups.append([i])
    for n, group in enumerate(groups):
        if n:
            con.print()
        grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        grid.add_column(key, no_wrap=True)
        for i in group:
            grid.add_column(headers[i], justify="right", min_width=widths[i], max_width=widths[i])
        for label, cells in rows:
            grid.add_row(label, *(Text(_plain(cells[i]), no_wrap=True) for i in group))
        con.print(grid)
