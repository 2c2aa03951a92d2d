"""Computed report cards beside published ones: how far the rules are from the publisher's grades.

For every published card of the framework whose jurisdiction is encoded, the encoded law is graded
and put beside the card: each section's computed and published score and their difference, the
total and the grade, and for each section that differs, the components whose points explain it.
Across all compared cards, a summary: grades that agree, published totals inside (or near) the
computed range, the mean and largest differences, and the mean signed difference per section.

The result is plain data (the shape `compare --format json` prints); the renderers read only that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from analyzer.errors import InputError, Problem, did_you_mean
from analyzer.evaluate import ComponentResult, Reading, Trace
from analyzer.model import Dated, Framework, Project, PublishedCard
from analyzer.pipeline import law_on, report
from analyzer.render.data import number
from analyzer.score import Report

TOTAL_WITHIN = Decimal("0.5")  # a total this close to the published one counts as agreeing
# How near a published figure must lie to the computed range for the rules to count as calibrated
# to it (issue 25's goals): a total within 2 points of the range, a section within 1.5.
TOTAL_NEAR = Decimal(2)
SECTION_NEAR = Decimal("1.5")
NOT_ENCODED = "not encoded"
COMPARED = "compared"


def cards_of(project: Project, framework: Framework, names: Sequence[str] = ()) -> list[PublishedCard]:
    """The framework's cards, all or those of the named jurisdictions (in card file order)."""
    cards = [c for c in project.published if c.framework == framework.id]
    if not names:
        return cards
    known = set(project.jurisdictions) | {c.jurisdiction for c in cards}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InputError([Problem("gap-analyzer", 0, f"unknown jurisdiction '{n}'{did_you_mean(n, known)}: "
                                                     "it is neither encoded nor on a published card")
                          for n in unknown])
    return [c for c in cards if c.jurisdiction in names]


def compare(project: Project, framework: Framework, names: Sequence[str] = (),
            tolerance: Decimal | None = None) -> dict[str, Any]:
    """Grade every card's jurisdiction and compare; `tolerance` lists each difference above it."""
    cards = cards_of(project, framework, names)
    entries = []
    for card in cards:
        jurisdiction = project.jurisdictions.get(card.jurisdiction)
        encoded = jurisdiction is not None and card.law_date.value >= (jurisdiction.earliest or jurisdiction.as_of)
        # each card is compared with the law it graded: the jurisdiction's law on the card's law date
        computed = report(project, law_on(jurisdiction, card.law_date.value), framework, every_tier=False) \
            if encoded else None
        entry = card_comparison(card, framework, computed)
        card_id = f"{card.jurisdiction}-{card.edition.value}"
        entry["evidence_for"] = [r.id for r in project.rules.get(framework.id, ())
                                 if r.calibration and card_id in r.calibration.cards]
        if jurisdiction is None:
            entry["not_encoded"] = f"no statutes for '{card.jurisdiction}'"
        elif not encoded:
            entry["not_encoded"] = (f"the encoded law of {jurisdiction.name} starts on {jurisdiction.earliest}, after "
                                    f"the law date this card graded")
        entries.append(entry)
    without = sorted(dict.fromkeys(n for n in names if n not in {c.jurisdiction for c in cards}))
    out: dict[str, Any] = {
        "framework": {"id": framework.id, "title": framework.title, "version": framework.version,
                      "publisher": framework.publisher},
        "cards": entries,
        "no_published_card": without,
        "summary": summary(entries),
        "tolerance": None,
    }
    if tolerance is not None:
        out["tolerance"] = {"limit": number(tolerance), "exceeded": exceeded(entries, tolerance)}
    return out


def card_comparison(card: PublishedCard, framework: Framework, computed: Report | None) -> dict[str, Any]:
    published = {s.id: s for s in card.sections}
    head: dict[str, Any] = {
        "jurisdiction": {"id": card.jurisdiction,
                         "name": computed.jurisdiction.name if computed else card.jurisdiction,
                         "as_of": computed.jurisdiction.as_of if computed else None},
        "file": card.where.file,
        "status": COMPARED if computed else NOT_ENCODED,
        "edition": dated(card.edition),
        "law_date": dated(card.law_date),
        "source": card.source,
    }
    sections = []
    for section in framework.sections:
        given = published.get(section.id)
        graded = next((s for s in computed.sections if s.section.id == section.id), None) if computed else None
        sections.append({
            "id": section.id, "title": section.title, "max": number(section.max),
            "computed": None if graded is None else number(graded.score),
            "published": None if given is None else number(given.score),
            "difference": None if graded is None or given is None else number(graded.score - given.score),
            **range_fields(graded.score_range if graded else None, given.score if given else None),
            "findings": list(given.findings) if given else [],
        })
    head["sections"] = sections
    published_total = None if card.total is None else number(card.total)
    head["total"] = {"computed": number(computed.score) if computed else None, "published": published_total,
                     "difference": number(computed.score - card.total) if computed and card.total is not None
                     else None, **range_fields(computed.score_range if computed else None, card.total),
                     "max": number(framework.max)}
    grades = computed.grade_range if computed else None
    head["grade"] = {"computed": computed.grade if computed else None, "published": card.grade,
                     "agrees": computed.grade == card.grade if computed else None,
                     "computed_range": list(grades) if grades else None,
                     "published_within_range": card.grade in _grades_between(framework, *grades) if grades else None}
    head["explanations"] = explanations(computed, sections) if computed else []
    head["pinned"] = pinned(computed, sections) if computed else []
    return head


def _grades_between(framework: Framework, low: str, high: str) -> list[str]:
    """The grades from `high` down to `low` on the framework's scale (a range can span several)."""
    order = [band.grade for band in framework.grades]
    return order[order.index(high):order.index(low) + 1]


def pinned(report: Report, sections: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """What each published section score pins and the rules miss. A section at its maximum pins
    every component in it at full credit: the ones the rules score below it are listed. A section
    below its maximum bounds the sum of its components: listed when the computed range cannot reach
    it, with how many points the components would have to gain or lose."""
    by_id = {s.section.id: s for s in report.sections}
    out = []
    for row in sections:
        if row["published"] is None:
            continue
        components = by_id[row["id"]].components
        if row["published"] == row["max"]:
            missed = [c for c in components if c.high < c.rule.max]
            if missed:
                out.append({"section": row["id"], "kind": "full_section", "published": row["published"],
                            "components": [{"id": c.rule.id, "points_range": [number(v) for v in c.points_range],
                                            "max": number(c.rule.max)} for c in missed]})
        elif row["published_within_range"] is False:
            low, high = (Decimal(str(v)) for v in row["computed_range"])
            published = Decimal(str(row["published"]))
            out.append({"section": row["id"], "kind": "section_bound", "published": row["published"],
                        "computed_range": row["computed_range"],
                        "needs": number(published - high if published > high else published - low)})
    return out


def range_fields(computed: tuple[Decimal, Decimal] | None, published: Decimal | None) -> dict[str, Any]:
    """Where the published score falls against the computed range: inside it, the undetermined
    components can account for the difference; outside it, rules, facts or the scheme disagree.
    `distance` is how far outside (0 inside), what --tolerance measures; `beyond` is the same with a
    sign: + where even the range's low end awards more than the card, - where its high end awards less."""
    if computed is None or published is None:
        return {"computed_range": None if computed is None else [number(v) for v in computed],
                "published_within_range": None, "distance": None, "beyond": None}
    low, high = computed
    beyond = low - published if published < low else high - published if published > high else Decimal(0)
    return {"computed_range": [number(low), number(high)], "published_within_range": low <= published <= high,
            "distance": number(abs(beyond)), "beyond": number(beyond)}


def dated(value: Dated) -> dict[str, Any]:
    return {"value": value.value, "confidence": value.confidence, "source": value.source, "note": value.note}


OUTSIDE = "outside the computed range: rules, facts or the scheme disagree"
INSIDE = "inside the computed range: undetermined components can account for it"


def explanations(report: Report, sections: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each section that differs, the components that account for it; sections whose published
    score lies outside the computed range first, since no reading of unstated facts closes them.

    Published above the whole range: the components short of full credit even at their high end
    (their tier, reached on stated facts, is what caused it). Published below it: the components
    whose points rest on a fact the encoding only inferred or recalled (the likeliest to be points
    the card withheld); only when none does, every component that earned points. Published inside
    the range but off its low end: the undetermined components, whose unstated facts can account
    for the difference. Each comes with the tier reason and the facts it read.
    """
    out = []
    by_id = {s.section.id: s for s in report.sections}
    for row in sections:
        if not row["difference"]:
            continue
        lower = row["difference"] < 0
        within = bool(row["published_within_range"])
        section = by_id[row["id"]].components
        if within:
            components, listing = [c for c in section if c.high > c.points], "components not determined"
        elif lower:
            components, listing = [c for c in section if c.high < c.rule.max], "components short of full credit"
        else:
            earned = [c for c in section if c.points > 0]
            components = [c for c in earned if c.weakest_confidence in ("inferred", "recalled")]
            listing = "components whose points rest on an inferred or recalled fact"
            if not components:
                components, listing = earned, "components that earned points"
        out.append({"section": row["id"], "title": row["title"], "difference": row["difference"],
                    "computed_range": row["computed_range"], "published_within_range": within,
                    "distance": row["distance"], "label": INSIDE if within else OUTSIDE,
                    "direction": "rules award less" if lower else "rules award more", "listing": listing,
                    "components": [component_reason(c, report.jurisdiction.id) for c in components]})
    return sorted(out, key=lambda e: e["published_within_range"])


def component_reason(result: ComponentResult, jurisdiction: str) -> dict[str, Any]:
    reached = result.reached
    decisive = reached.trace if reached else result.outcomes[0].trace
    return {
        "id": result.rule.id, "title": result.rule.title, "points": number(result.points),
        "points_range": [number(v) for v in result.points_range], "max": number(result.rule.max),
        "status": result.status,
        "tier": None if reached is None else {"index": reached.index, "points": number(reached.tier.points),
                                              "reason": reached.tier.reason},
        "finding": result.finding,
        "facts": [{"jurisdiction": r.jurisdiction, "citation": r.citation, "fact": r.fact,
                   "value": _value(r.value)} for r in facts_read(decisive, result, jurisdiction)],
    }


def facts_read(trace: Trace, result: ComponentResult, jurisdiction: str) -> list[Reading]:
    """The facts the decisive tier read from the provisions that decided it (and the benchmark's),
    each once, in the order read; all facts it read when no provision decided it."""
    readings: dict[tuple[str, str, str, str], Reading] = {}

    def walk(node: Trace) -> None:
        for r in node.readings:
            readings.setdefault((r.jurisdiction, r.citation, r.fact, repr(r.value)), r)
        for child in node.children:
            walk(child)

    walk(trace)
    deciding = {p.id for p in result.evidence}
    decided = [r for r in readings.values() if r.provision in deciding or r.jurisdiction != jurisdiction]
    return decided if any(r.jurisdiction == jurisdiction for r in decided) else list(readings.values())


def _value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def _mean(values: list[Decimal]) -> Any:
    if not values:
        return None
    return number((sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_EVEN).normalize())


def summary(entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The record at a glance, over every compared card: grades, totals and, per section, the mean
    signed difference (computed less published: the rules' bias a reader should see first)."""
    entries = list(entries)
    compared = [e for e in entries if e["status"] == COMPARED]
    totals = [e for e in compared if e["total"]["difference"] is not None]
    differences = [Decimal(str(e["total"]["difference"])) for e in totals]
    largest = max(totals, key=lambda e: (abs(Decimal(str(e["total"]["difference"]))), e["file"]), default=None)
    section_rows = [s for e in compared for s in e["sections"] if s["difference"] is not None]
    errors = [abs(Decimal(str(s["difference"]))) for s in section_rows]
    per_section = []
    for section_id in dict.fromkeys(s["id"] for e in compared for s in e["sections"]):
        rows = [s for s in section_rows if s["id"] == section_id]
        signed = [Decimal(str(s["difference"])) for s in rows]
        beyond = [Decimal(str(s["beyond"])) for s in rows]
        title = next(s["title"] for e in compared for s in e["sections"] if s["id"] == section_id)
        per_section.append({
            "id": section_id, "title": title, "cards": len(rows), "mean_difference": _mean(signed),
            "mean_absolute_difference": _mean([abs(v) for v in signed]), "mean_beyond_range": _mean(beyond),
            "within_range": sum(1 for s in rows if s["published_within_range"]),
            "near_range": sum(1 for s in rows if Decimal(str(s["distance"])) <= SECTION_NEAR)})
    return {
        "cards": len(compared),
        "grades_agree": sum(1 for e in compared if e["grade"]["agrees"]),
        "grades_within_range": sum(1 for e in compared if e["grade"]["published_within_range"]),
        "totals": len(totals),
        "totals_within_range": sum(1 for e in totals if e["total"]["published_within_range"]),
        "totals_near_range": sum(1 for e in totals if Decimal(str(e["total"]["distance"])) <= TOTAL_NEAR),
        "total_near": number(TOTAL_NEAR),
        "totals_within": sum(1 for v in differences if abs(v) <= TOTAL_WITHIN),
        "total_margin": number(TOTAL_WITHIN),
        "mean_total_difference": _mean(differences),
        "mean_total_beyond_range": _mean([Decimal(str(e["total"]["beyond"])) for e in totals]),
        "mean_absolute_total_difference": _mean([abs(v) for v in differences]),
        "largest_total_difference": None if largest is None else {
            "jurisdiction": largest["jurisdiction"]["id"], "edition": largest["edition"]["value"],
            "difference": largest["total"]["difference"]},
        "sections": len(errors),
        "sections_within_range": sum(1 for s in section_rows if s["published_within_range"]),
        "sections_near_range": sum(1 for s in section_rows if Decimal(str(s["distance"])) <= SECTION_NEAR),
        "section_near": number(SECTION_NEAR),
        "mean_absolute_section_error": _mean(errors),
        "by_section": per_section,
        "not_encoded": [f"{e['jurisdiction']['id']} ({e['edition']['value']} card)" for e in entries
                        if e["status"] == NOT_ENCODED],
    }


def exceeded(entries: Iterable[dict[str, Any]], tolerance: Decimal) -> list[dict[str, Any]]:
    """Every section or total whose published score lies further than `tolerance` outside its
    computed range (compared cards only): an open range is the encoding's, not a disagreement."""
    out = []
    for entry in entries:
        if entry["status"] != COMPARED:
            continue
        rows = [(f"section {s['id']}", s) for s in entry["sections"]]
        rows.append(("total", entry["total"]))
        out += [{"jurisdiction": entry["jurisdiction"]["id"], "what": what, "difference": row["difference"],
                 "computed_range": row["computed_range"], "distance": row["distance"]}
                for what, row in rows if row["distance"] is not None and Decimal(str(row["distance"])) > tolerance]
    return out


def summary_lines(project: Project, framework: Framework) -> list[str]:
    """The summary `check` prints after the baselines (nothing when there are no cards)."""
    if not any(c.framework == framework.id for c in project.published):
        return []
    from analyzer.render.compare import summary_text

    return summary_text(compare(project, framework)["summary"])
