"""Roadmap output: plain data (JSON) first; text, Markdown and HTML are views of that data."""

from __future__ import annotations

import textwrap
from typing import Any

from analyzer.render.data import dumps, number, plain
from analyzer.render.data import show_value as shown
from analyzer.render.wording import plural, pts, signed, span
from analyzer.roadmap import REMOVE, Roadmap, SectionChange

LIMITS = (
    "A roadmap lists the facts the framework's rules read, not bill text: each change says what the law "
    "would have to establish, and a drafter still writes the words, the citation and the title.",
    "Values marked as placeholders are there only because a rule needs the fact stated; the drafter chooses them.",
    "The score with the draft is graded, not estimated: the draft amendment was applied and the rules run on it.",
)


def section_data(change: SectionChange) -> dict[str, Any]:
    """One statute section of a plan; each fact says whether it is a change of law or a reading."""
    return {
        "provision": change.provision,
        "citation": change.citation,
        "title": change.title,
        "kind": change.kind,
        "new": change.is_new,
        "facts": [{"fact": f.fact, "from": _value(f.old), "to": _value(f.new), "meaning": f.meaning,
                   "placeholder": f.placeholder, "kind": f.kind} for f in change.facts],
        "lifts": [{"component": cid, "title": title, "before": number(old), "after": number(new),
                   "gain": number(new - old)} for cid, title, old, new in change.lifts],
    }


def roadmap_data(roadmap: Roadmap, draft_file: str | None = None) -> dict[str, Any]:
    before, after = roadmap.before, roadmap.after
    plan = [section_data(change) for change in roadmap.changes]
    return {
        "framework": {"id": roadmap.framework.id, "title": roadmap.framework.title,
                      "version": roadmap.framework.version},
        "jurisdiction": {"id": roadmap.jurisdiction.id, "name": roadmap.jurisdiction.name,
                         "as_of": roadmap.jurisdiction.as_of},
        "target": {"label": roadmap.target_label, "points": number(roadmap.target)},
        "max": number(before.max),
        "before": {"score": number(before.score), "grade": before.grade,
                   "score_range": [number(v) for v in before.score_range], "grade_range": list(before.grade_range),
                   "undetermined_components": len(before.undetermined)},
        "target_in_range": roadmap.target_in_range,
        "read_first": [section_data(change) for change in roadmap.read_first],
        "after": {"score": number(after.score), "grade": after.grade, "graded_from_draft": bool(plan)},
        "reached": roadmap.reached,
        "sections_changed": len(plan),
        "facts_changed": sum(len(p["facts"]) for p in plan),
        "plan": plan,
        "alternatives": [{"component": a.component, "title": a.title, "tier": a.tier, "gain": number(a.gain),
                          "sections": list(a.sections),
                          "points_per_section": number(a.gain / len(a.sections))}
                         for a in roadmap.alternatives],
        "unreachable": [{"component": cid, "title": title} for cid, title in roadmap.unreachable],
        "draft": draft_file,
        "limits": list(LIMITS),
    }


def before_text(d: dict[str, Any]) -> str:
    """The law's score now: one number, or the range and grades when components are undetermined."""
    b = d["before"]
    low, high = b["score_range"]
    if low == high:
        return f"{pts(b['score'])} of {pts(d['max'])}, grade {b['grade']}"
    grades = " to ".join(dict.fromkeys(b["grade_range"]))
    n = b["undetermined_components"]
    return (f"{pts(low)} of {pts(d['max'])}, up to {pts(high)} if the {plural(n, 'component')} "
            f"not determined {'is' if n == 1 else 'are'} favorable (grade {grades})")


def in_range_text(d: dict[str, Any]) -> str:
    low, high = d["before"]["score_range"]
    return (f"The target lies inside the current range ({span(low, high)}): reading the unstated facts may reach "
            "it with no change of law.")


def _value(value: Any) -> Any:
    if value is REMOVE:
        return "(unstated)"
    return plain(value)


def roadmap_json(roadmap: Roadmap, draft_file: str | None = None) -> str:
    return dumps(roadmap_data(roadmap, draft_file))


def roadmap_text(roadmap: Roadmap, draft_file: str | None = None, width: int = 100) -> str:
    d = roadmap_data(roadmap, draft_file)
    lines: list[str] = []

    def say(text: str = "", indent: int = 0, hang: int = 0) -> None:
        if not text:
            lines.append("")
            return
        lines.extend(textwrap.wrap(text, width=max(width, 40), initial_indent=" " * indent,
                                   subsequent_indent=" " * (indent + hang), break_on_hyphens=False))

    fw, jur = d["framework"], d["jurisdiction"]
    say(f"Roadmap — {jur['name']} to {d['target']['label']} ({pts(d['target']['points'])} of {pts(d['max'])}) "
        f"under {fw['title']} ({fw['version']})")
    say(f"Law as of {jur['as_of']}: {before_text(d)}")
    if d["target_in_range"]:
        say(in_range_text(d))
    if d["read_first"]:
        say()
        say("Read first: facts the encoded law does not state. The statute may already say them, so read and "
            "encode them before drafting; they are not changes of law.")
        for p in d["read_first"]:
            say()
            say(f"- {p['citation']} — {p['title']} ({p['provision']})", 0, 2)
            for f in p["facts"]:
                say(f"{f['fact']}: not stated; the rules would credit {shown(f['to'])}", 2, 2)
                say(f"Substance: {f['meaning']}", 4, 2)
            for lift in p["lifts"]:
                say(f"Could lift {lift['component']} {lift['title']} ({pts(lift['before'])} → {pts(lift['after'])})",
                    2, 2)
        say()
        say("The plan below changes the law as encoded; it states no fact the encoding leaves unstated.")
    if not d["plan"]:
        say("Nothing is needed: the law already reaches the target." if d["reached"]
            else "No change the rules describe raises the score toward the target.")
    else:
        verdict = "target reached" if d["reached"] else "target NOT reached: this is as far as fact changes go"
        say(f"With the draft applied and graded: {pts(d['after']['score'])} of {pts(d['max'])}, "
            f"grade {d['after']['grade']} ({verdict})")
        say()
        sections = d["sections_changed"]
        facts = d["facts_changed"]
        say(f"Plan: {sections} statute section{'s' if sections != 1 else ''}, "
            f"{facts} fact change{'s' if facts != 1 else ''}")
        for number_, p in enumerate(d["plan"], 1):
            say()
            where = "new provision" if p["new"] else p["provision"]
            say(f"{number_}. {p['citation']} — {p['title']} ({where}; {p['kind'].replace('_', ' ')})", 0, 3)
            for f in p["facts"]:
                mark = " (placeholder)" if f["placeholder"] else ""
                say(f"{f['fact']}: {shown(f['from'])} → {shown(f['to'])}{mark}", 3, 2)
                say(f"Substance: {f['meaning']}", 5, 2)
            for lift in p["lifts"]:
                say(f"Lifts {lift['component']} {lift['title']}: {pts(lift['before'])} → {pts(lift['after'])} "
                    f"({signed(lift['gain'])})", 3, 2)
    if d["alternatives"]:
        say()
        say("Other options, on top of the plan, by points per section changed:")
        for a in d["alternatives"]:
            count = len(a["sections"])
            say(f"{a['component']:<5} {signed(a['gain']):>5}  {count} section{'s' if count != 1 else ''} "
                f"({', '.join(a['sections'])}) — {a['title']}", 2, 14)
    say()
    if d["unreachable"]:
        say("Components no fact change can lift:")
        for u in d["unreachable"]:
            say(f"{u['component']} {u['title']}", 2, 2)
        say()
    if draft_file:
        say(f"Draft amendment written to {draft_file} (status: hypothetical); "
            f"`gap-analyzer report {jur['id']} --amend {draft_file}` grades it.")
        say()
    for limit in d["limits"]:
        say(f"- {limit}", 0, 2)
    return "\n".join(lines) + "\n"


def roadmap_markdown(roadmap: Roadmap, draft_file: str | None = None) -> str:
    from analyzer.render.markdown import environment

    return environment().get_template("roadmap.md.j2").render(d=roadmap_data(roadmap, draft_file), pts=pts,
                                                              signed=signed, shown=shown, before_text=before_text,
                                                              in_range_text=in_range_text)


def roadmap_html(roadmap: Roadmap, draft_file: str | None = None) -> str:
    from analyzer.render.html import environment

    return environment().get_template("roadmap.html.j2").render(d=roadmap_data(roadmap, draft_file), pts=pts,
                                                                signed=signed, shown=shown, before_text=before_text,
                                                                in_range_text=in_range_text)


def render_roadmap(roadmap: Roadmap, fmt: str, draft_file: str | None = None, width: int = 100) -> str:
    if fmt == "json":
        return roadmap_json(roadmap, draft_file)
    if fmt == "markdown":
        return roadmap_markdown(roadmap, draft_file)
    if fmt == "html":
        return roadmap_html(roadmap, draft_file)
    return roadmap_text(roadmap, draft_file, width)
