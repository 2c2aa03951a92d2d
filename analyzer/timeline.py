"""Timeline: a jurisdiction's report card on every date its encoded law changes.

Each dated point is the law of that date graded as `report --as-of DATE` grades it, with what
changed since the point before (provisions in force or repealed, fact values, the enacting act)
and the components whose points moved. The publisher's cards of the jurisdiction stand at their
law dates. The result is plain data (what `timeline --format json` prints); renderers read only that.
"""

from __future__ import annotations

from typing import Any

from analyzer.model import Framework, Jurisdiction, Project
from analyzer.pipeline import law_on, report
from analyzer.render.data import number, show_value
from analyzer.score import Report


def timeline(project: Project, framework: Framework, jurisdiction: Jurisdiction, start: str | None = None,
             end: str | None = None) -> dict[str, Any]:
    """The dated points of `jurisdiction` from `start` to `end` (default: the whole span encoded);
    `start` between two dates of change adds the law in force on `start` as the first point."""
    first = law_on(jurisdiction, start) if start else None  # refuses a start before the encoded law
    dates = [d for d in jurisdiction.dates if (start is None or d >= start) and (end is None or d <= end)]
    if first is not None and (not dates or dates[0] != start):
        dates.insert(0, first.as_of)
    points: list[dict[str, Any]] = []
    before: Jurisdiction | None = None
    graded_before: Report | None = None
    for date in dates:
        law = jurisdiction.at(date)
        graded = report(project, law, framework, every_tier=False)
        points.append({
            "date": date,
            "score": number(graded.score),
            "score_range": [number(v) for v in graded.score_range],
            "grade": graded.grade,
            "grade_range": list(graded.grade_range),
            "sections": [{"id": s.section.id, "score": number(s.score),
                          "score_range": [number(v) for v in s.score_range], "max": number(s.section.max)}
                         for s in graded.sections],
            "undetermined": len(graded.undetermined),
            "changes": law_changes(before, law),
            "moved": moved(graded_before, graded),
        })
        before, graded_before = law, graded
    return {
        "framework": {"id": framework.id, "title": framework.title, "version": framework.version,
                      "publisher": framework.publisher},
        "jurisdiction": {"id": jurisdiction.id, "name": jurisdiction.name,
                         "encoded": {"from": jurisdiction.earliest, "through": jurisdiction.latest}},
        "sections": [{"id": s.id, "title": s.title, "max": number(s.max)} for s in framework.sections],
        "max_score": number(framework.max),
        "points": points,
        "published": [c for c in published(project, framework, jurisdiction.id)  # the cards the span holds
                      if (start is None or c["date"] >= start) and (end is None or c["date"] <= end)],
    }


def law_changes(before: Jurisdiction | None, after: Jurisdiction) -> list[dict[str, Any]]:
    """What differs between the law of two dates: provisions that came into force or left it, and
    fact values that changed, each with the act that made the change where the file names it."""
    if before is None:
        return []
    out: list[dict[str, Any]] = []
    for p in after.provisions:
        if p.id not in before.by_id:
            out.append({"provision": p.id, "citation": p.citation, "title": p.title, "change": "in force",
                        "by": p.enacted_by})
    for p in before.provisions:
        if p.id not in after.by_id:
            out.append({"provision": p.id, "citation": p.citation, "title": p.title, "change": "repealed",
                        "by": p.repealed_by})
    for p in after.provisions:
        old = before.by_id.get(p.id)
        if old is None:
            continue
        for name in dict.fromkeys((*old.facts, *p.facts)):
            was, now = old.facts.get(name), p.facts.get(name)
            old_value, new_value = (was.value if was else None), (now.value if now else None)
            if old_value == new_value and type(old_value) is type(new_value):
                continue
            cited = (now or was).citation  # type: ignore[union-attr]  # one of them states the fact
            out.append({"provision": p.id, "citation": cited or p.citation, "title": p.title, "change": "fact",
                        "fact": name, "from": show_value(old_value), "to": show_value(new_value),
                        "by": now.enacted_by if now else None})
    return out


def moved(before: Report | None, after: Report) -> list[dict[str, Any]]:
    """The components whose points or status differ from the point before."""
    if before is None:
        return []
    old = {c.rule.id: c for c in before.components}
    return [{"id": c.rule.id, "title": c.rule.title, "from": number(old[c.rule.id].points), "to": number(c.points),
             "from_status": old[c.rule.id].status, "to_status": c.status}
            for c in after.components
            if c.rule.id in old and (old[c.rule.id].points != c.points or old[c.rule.id].status != c.status)]


def published(project: Project, framework: Framework, jurisdiction: str) -> list[dict[str, Any]]:
    """The publisher's cards of the jurisdiction, at the dates of the law they graded."""
    cards = sorted((c for c in project.published if c.framework == framework.id and c.jurisdiction == jurisdiction),
                   key=lambda c: c.law_date.value)
    return [{"date": c.law_date.value, "date_confidence": c.law_date.confidence, "edition": c.edition.value,
             "score": None if c.total is None else number(c.total), "grade": c.grade,
             "sections": {s.id: number(s.score) for s in c.sections}, "file": c.where.file}
            for c in cards]
