"""Computed report cards beside published ones: how far the rules are from the publisher's grades.

For every published card of the framework whose jurisdiction is encoded, the encoded law is graded
and put beside the card: each section's computed and published score and their difference, the
total and the grade, and for each section that differs, the components whose points explain it.
Across all compared cards: grade agreement, totals within ±0.5 and the mean absolute section error.

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
        "agreement": agreement(entries),
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
    head["grade"] = {"computed": computed.grade if computed else None, "published": card.grade,
                     "agrees": computed.grade == card.grade if computed else None}
    head["explanations"] = explanations(computed, sections) if computed else []
    return head


def range_fields(computed: tuple[Decimal, Decimal] | None, published: Decimal | None) -> dict[str, Any]:
    """Where the published score falls against the computed range: inside it, the undetermined
    components can account for the difference; outside it, rules, facts or the scheme disagree.
    `distance` is how far outside (0 inside), what --tolerance measures."""
    if computed is None or published is None:
        return {"computed_range": None if computed is None else [number(v) for v in computed],
                "published_within_range": None, "distance": None}
    low, high = computed
    distance = low - published if published < low else published - high if published > high else Decimal(0)
    return {"computed_range": [number(low), number(high)], "published_within_range": low <= published <= high,
            "distance": number(distance)}


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


def agreement(entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Grade agreement, totals within ±0.5 and mean absolute section error over the compared cards."""
    compared = [e for e in entries if e["status"] == COMPARED]
    errors = [abs(Decimal(str(s["difference"]))) for e in compared for s in e["sections"]
              if s["difference"] is not None]
    mean = (sum(errors, Decimal(0)) / len(errors)).quantize(Decimal("0.01"), ROUND_HALF_EVEN) if errors else None
    inside = [s["published_within_range"] for e in compared for s in e["sections"]
              if s["published_within_range"] is not None]
    return {
        "cards": len(compared),
        "totals_within_range": sum(1 for e in compared if e["total"]["published_within_range"]),
        "sections_within_range": sum(inside),
        "grades_agree": sum(1 for e in compared if e["grade"]["agrees"]),
        "totals": sum(1 for e in compared if e["total"]["difference"] is not None),
        "totals_within": sum(1 for e in compared if e["total"]["difference"] is not None
                             and abs(Decimal(str(e["total"]["difference"]))) <= TOTAL_WITHIN),
        "total_margin": number(TOTAL_WITHIN),
        "sections": len(errors),
        "mean_absolute_section_error": None if mean is None else number(mean.normalize()),
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


def agreement_lines(project: Project, framework: Framework) -> list[str]:
    """The agreement figures `check` prints after the baselines (nothing when there are no cards)."""
    if not any(c.framework == framework.id for c in project.published):
        return []
    from analyzer.render.compare import agreement_text

    return agreement_text(compare(project, framework)["agreement"])
