"""Score stage: component points into section scores, a total and a grade, per the framework file."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from analyzer.evaluate import CONFIDENCE_ORDER, ComponentResult, kind_words
from analyzer.model import Framework, Jurisdiction, Points, Section


@dataclass(frozen=True)
class SectionScore:
    section: Section
    score: Points
    components: tuple[ComponentResult, ...]

    @property
    def high(self) -> Points:
        return sum((c.high for c in self.components), Decimal(0))

    @property
    def score_range(self) -> tuple[Points, Points]:
        return self.score, self.high


@dataclass(frozen=True)
class Summary:
    """The report's opening: what the framework's critical components found."""

    strengths: tuple[str, ...]
    gaps: tuple[str, ...]
    text: str
    unencoded: tuple[str, ...] = ()  # kinds read that the encoding holds none of, without claiming it is complete


@dataclass(frozen=True)
class Report:
    framework: Framework
    jurisdiction: Jurisdiction
    sections: tuple[SectionScore, ...]
    score: Points
    grade: str
    summary: Summary

    @property
    def max(self) -> Points:
        return self.framework.max

    @property
    def components(self) -> tuple[ComponentResult, ...]:
        return tuple(c for s in self.sections for c in s.components)

    @property
    def high(self) -> Points:
        """The score if every undetermined component's unstated facts turned out favorable."""
        return sum((s.high for s in self.sections), Decimal(0))

    @property
    def score_range(self) -> tuple[Points, Points]:
        return self.score, self.high

    @property
    def grade_range(self) -> tuple[str, str]:
        return self.grade, self.framework.grade(self.high)

    @property
    def undetermined(self) -> tuple[ComponentResult, ...]:
        """The components whose range is open (status unknown)."""
        return tuple(c for c in self.components if c.high > c.points)

    def component(self, component_id: str) -> ComponentResult | None:
        return next((c for c in self.components if c.rule.id == component_id), None)

    @property
    def points_by_confidence(self) -> dict[str, Points]:
        """How many points rest on each kind of evidence: a component's points count under the least
        sure mark among the facts that earned them (confirmed, inferred, recalled, or unstated)."""
        out = {mark: Decimal(0) for mark in reversed(CONFIDENCE_ORDER)}
        for c in self.components:
            if c.points > 0:
                out[c.weakest_confidence or "unstated"] += c.points
        return out

    @property
    def points_on_weaker_evidence(self) -> Points:
        """Points that rest on at least one inferred or recalled fact."""
        by = self.points_by_confidence
        return by["inferred"] + by["recalled"]


def score(framework: Framework, jurisdiction: Jurisdiction, results: tuple[ComponentResult, ...]) -> Report:
    by_id = {r.rule.id: r for r in results}
    sections = tuple(
        SectionScore(section, sum((by_id[c].points for c in section.components), Decimal(0)),
                     tuple(by_id[c] for c in section.components))
        for section in framework.sections)
    total = sum((s.score for s in sections), Decimal(0))
    return Report(framework, jurisdiction, sections, total, framework.grade(total),
                  summarize(framework, jurisdiction, by_id))


def summarize(framework: Framework, jurisdiction: Jurisdiction,
              results: dict[str, ComponentResult]) -> Summary:
    strengths, gaps, unencoded = [], [], []
    for component in framework.summary_components:
        result = results[component]
        if result.status == "unknown":
            continue  # unknown is not a gap: the summary asserts nothing the encoded law does not show
        if result.absent and not result.complete:  # "has no such law at all" only where the encoding claims it
            unencoded.append(f"The encoding of {jurisdiction.name} holds no {kind_words(result.kinds)}.")
            continue
        if result.status == "met":
            text = result.rule.summary_met
        else:  # "no such law" is a different finding from "a law that falls short"
            text = (result.rule.summary_absent or result.rule.summary_gap) if result.absent else result.rule.summary_gap
        if text:
            sentence = text.replace("{jurisdiction}", jurisdiction.name)
            (strengths if result.status == "met" else gaps).append(sentence)
    strengths, gaps = list(dict.fromkeys(strengths)), list(dict.fromkeys(gaps))
    unencoded = list(dict.fromkeys(unencoded))
    parts = list(strengths)
    if gaps and strengths:
        first = gaps[0]
        # "However, state law ..." but "However, Missouri ...": keep the jurisdiction's capital.
        parts.append("However, " + (first if first.startswith(jurisdiction.name) else first[0].lower() + first[1:]))
        parts += gaps[1:]
    else:
        parts += gaps
    parts += unencoded
    return Summary(tuple(strengths), tuple(gaps), " ".join(parts), tuple(unencoded))
