"""Evaluate stage: three-valued evaluation of rule conditions over a jurisdiction's provisions.

A condition is met, unmet, or unknown (the encoded law is silent on a fact it needs), so a report
can tell "the statute falls short" from "the statute does not say". Every node of the evaluation
keeps a trace: the fact values read, their citations, and the provisions that decided the result.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from analyzer.model import (
    LIFE,
    BaselineValue,
    Compare,
    Jurisdiction,
    Logic,
    Points,
    Provision,
    Quantified,
    Refers,
    Rule,
    SameFact,
    Tier,
    Vocabulary,
    Where,
)


class Truth(StrEnum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"


class Reading(NamedTuple):
    """One fact value read from one provision (value None: the provision does not state it).
    A NamedTuple, as Trace: immutable, and built at half a frozen dataclass's cost (a check of
    51 jurisdictions builds tens of thousands of each)."""

    jurisdiction: str
    provision: str
    citation: str
    fact: str
    value: Any
    confidence: str | None = None  # the fact's confidence mark; None: the fact states none (synthetic law)


class Trace(NamedTuple):
    """One node of a condition's evaluation: what it tested, the result, and why."""

    description: str
    result: Truth
    where: Where
    readings: tuple[Reading, ...] = ()
    children: tuple[Trace, ...] = ()
    evidence: frozenset[str] = frozenset()  # ids of the graded jurisdiction's provisions that decided it
    provision: str | None = None  # set on the per-provision branches of some/every


@dataclass(frozen=True)
class TierOutcome:
    index: int  # 1-based, as analysts count tiers
    tier: Tier
    trace: Trace


@dataclass(frozen=True)
class ComponentResult:
    rule: Rule
    points: Points
    status: str  # met | partial | unmet | unknown (a higher tier than the one reached turns on unstated facts)
    reached: TierOutcome | None
    outcomes: tuple[TierOutcome, ...]  # every tier's, or only those up to the one reached (see component)
    evidence: tuple[Provision, ...]
    benchmarks: tuple[Provision, ...]
    silent: tuple[Reading, ...]  # facts the law does not state that left a higher tier unknown
    absent: bool = False  # the law has no provision of any kind the rule reads: no such law at all
    cited_facts: tuple[Reading, ...] = ()  # the graded law's stated facts that decided the result
    complete: bool = False  # the encoding claims to hold every provision of the kinds the rule reads
    kinds: tuple[str, ...] = ()  # the provision kinds the rule looks for (named when none is encoded)

    @property
    def weakest_confidence(self) -> str | None:
        """The least sure mark among the cited facts: the points rest on it (None: nothing cited)."""
        marks = [r.confidence or "unstated" for r in self.cited_facts]
        if not marks:  # a tier met by a provision's existence alone rests on how sure its facts are
            marks = [f.confidence or "unstated" for p in self.evidence for f in p.facts.values()] or \
                    ["unstated" for _ in self.evidence]
        return next((m for m in CONFIDENCE_ORDER if m in marks), None)

    @property
    def high(self) -> Points:
        """The points of the best tier the stated facts do not rule out: a tier that evaluates to
        unknown could still be met once its facts are read, so the range stays open up to it."""
        best = next((o for o in self.outcomes if o.trace.result is not Truth.UNMET), None)
        return self.points if best is None else max(best.tier.points, self.points)

    @property
    def points_range(self) -> tuple[Points, Points]:
        """[what the stated facts earn, what they do not rule out]; closed when determined."""
        return self.points, self.high

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.citation for p in self.evidence))

    @property
    def finding(self) -> str:
        if self.status == "met":
            return self.rule.met
        if self.status == "unknown":
            return self.undetermined
        if self.absent and not self.complete:
            return self.unencoded
        if self.reached is not None and self.reached.tier.gap:
            return self.reached.tier.gap
        return self.rule.gap

    @property
    def undetermined(self) -> str:
        """Unknown is not a gap: say what is not stated instead of asserting a shortfall."""
        by_fact: dict[str, list[str]] = {}
        for r in self.silent:
            by_fact.setdefault(r.fact.replace("_", " "), []).append(r.citation)
        facts = "; ".join(f"{fact} ({', '.join(dict.fromkeys(cites))})" for fact, cites in by_fact.items())
        earned = (f"the stated facts earn {self.points.normalize():f} of {self.rule.max.normalize():f} points"
                  if self.reached else "the stated facts earn no points")
        return (f"Not determined: a higher tier turns on facts the encoded law does not state — {facts}. "
                f"Until they are encoded, {earned}; this is not a finding that the law falls short.")

    @property
    def unencoded(self) -> str:
        """No provision of the kinds read is encoded, and the encoding does not claim to be complete for
        them: say what the encoding holds, never that the law has no such provision."""
        return (f"The encoding holds no {kind_words(self.kinds)}, and does not claim to hold every one: the "
                "law may have one that is not encoded yet. This is not a finding that there is no such "
                "law.")

    @property
    def recommendation(self) -> str | None:
        return None if self.status == "met" else self.rule.recommendation


CONFIDENCE_ORDER = ("unstated", "recalled", "inferred", "confirmed")  # least sure first


def kind_words(kinds: Iterable[str]) -> str:
    """`sex tourism offense or patronizing offense`: provision kinds as words."""
    return " or ".join(k.replace("_", " ") for k in kinds)

SYMBOLS = {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "in": "is one of",
           "contains": "includes"}
COMPARISONS = {"eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "gte": operator.ge, "lt": operator.lt,
               "lte": operator.le}


class Evaluator:
    def __init__(self, jurisdiction: Jurisdiction, vocabulary: Vocabulary,
                 baseline: Jurisdiction | None = None) -> None:
        self.jurisdiction = jurisdiction
        self.vocabulary = vocabulary
        self.baseline = baseline

    # --- rules --------------------------------------------------------------------------------
    def component(self, rule: Rule, *, every_tier: bool = True) -> ComponentResult:
        """Evaluate every tier (explain shows them all), or with `every_tier` False only the tiers up
        to the first one met: it sets the points, and the tiers below it change nothing a report
        card or its JSON form shows."""
        evaluated = []
        for i, tier in enumerate(rule.tiers, 1):
            evaluated.append(TierOutcome(i, tier, self.condition(tier.when)))
            if not every_tier and evaluated[-1].trace.result is Truth.MET:
                break
        outcomes = tuple(evaluated)
        reached = next((o for o in outcomes if o.trace.result is Truth.MET), None)
        higher = outcomes if reached is None else outcomes[: reached.index - 1]
        silent = tuple(dict.fromkeys(r for o in higher if o.trace.result is Truth.UNKNOWN
                                     for r in _silent(o.trace)))
        if reached is not None:
            points = reached.tier.points
            status = "met" if points == rule.max else "unknown" if silent else "partial" if points > 0 else "unmet"
            decisive = reached.trace
        else:
            points = Decimal(0)
            status = "unknown" if silent else "unmet"
            decisive = outcomes[0].trace
        evidence = tuple(p for p in self.jurisdiction.provisions if p.id in decisive.evidence)
        benchmarks = ()
        if self.baseline:
            benchmark_ids = _provisions_read_outside(decisive, self.jurisdiction.id)
            benchmarks = tuple(p for p in self.baseline.provisions if p.id in benchmark_ids)
        absent, kinds = False, ()
        if reached is None:
            kinds = tuple(dict.fromkeys(k for t in rule.tiers for k in _quantified_kinds(t.when)))
            absent = bool(kinds) and not any(p.kind in kinds for p in self.jurisdiction.provisions)
        complete = set(kinds) <= set(self.jurisdiction.complete_for)
        cited = tuple(dict.fromkeys(r for r in _decisive_readings(decisive)
                                    if r.jurisdiction == self.jurisdiction.id and r.value is not None))
        return ComponentResult(rule, points, status, reached, outcomes, evidence, benchmarks, silent, absent, cited,
                               complete, kinds)

    # --- jurisdiction-level conditions -------------------------------------------------------
    def condition(self, node: Logic | Quantified) -> Trace:
        if isinstance(node, Logic):
            return self._logic(node, [self.condition(item) for item in node.items])
        return self._quantify(node.quantifier, node.kinds, node.condition,
                              self.jurisdiction.of_kind(node.kinds), node.where,
                              f"{node.quantifier} {_kinds(node.kinds)} provision")

    def _quantify(self, quantifier: str, kinds: tuple[str, ...], condition: Any,
                  provisions: Iterable[Provision], where: Where, label: str) -> Trace:
        branches = []
        for provision in provisions:
            if condition is None:
                trace = Trace("exists", Truth.MET, where, evidence=frozenset({provision.id}))
            else:
                trace = self.provision_condition(condition, provision)
            branches.append(Trace(f"{provision.citation} — {provision.title}", trace.result, where,
                                  children=(trace,), evidence=trace.evidence, provision=provision.id))
        results = [b.result for b in branches]
        result = _any(results) if quantifier == "some" else _all(results)
        description = label if branches else f"{label} (none in {self.jurisdiction.name})"
        return Trace(description, result, where, children=tuple(branches), evidence=_decided(branches, result))

    @staticmethod
    def _logic(node: Logic, children: list[Trace]) -> Trace:
        if node.op == "not":
            (child,) = children
            flipped = {Truth.MET: Truth.UNMET, Truth.UNMET: Truth.MET}.get(child.result, Truth.UNKNOWN)
            return Trace("not", flipped, node.where, children=(child,), evidence=child.evidence)
        results = [c.result for c in children]
        result = _all(results) if node.op == "all" else _any(results)
        label = "all of" if node.op == "all" else "any of"
        return Trace(label, result, node.where, children=tuple(children), evidence=_decided(children, result))

    # --- provision-level conditions ----------------------------------------------------------
    def provision_condition(self, node: Any, provision: Provision) -> Trace:
        if isinstance(node, Logic):
            return self._logic(node, [self.provision_condition(item, provision) for item in node.items])
        if isinstance(node, Refers):
            fact = provision.facts.get(node.fact)
            reading = self._reading(self.jurisdiction, provision, node.fact)
            if fact is None:
                return Trace(f"{node.fact}: {node.quantifier} listed provision", Truth.UNKNOWN, node.where,
                             (reading,), evidence=frozenset({provision.id}))
            # a listed provision not in force on the law's date is not law then: it is not read
            listed = [self.jurisdiction.by_id[ref] for ref in fact.value if ref in self.jurisdiction.by_id]
            listed = [p for p in listed if not node.kinds or p.kind in node.kinds]
            inner = self._quantify(node.quantifier, node.kinds, node.condition, listed, node.where,
                                   f"{node.fact}: {node.quantifier} listed {_kinds(node.kinds)} provision")
            return Trace(inner.description, inner.result, node.where, (reading,), inner.children,
                         inner.evidence | {provision.id})
        return self._compare(node, provision)

    def _compare(self, node: Compare, provision: Provision) -> Trace:
        reading = self._reading(self.jurisdiction, provision, node.fact)
        evidence = frozenset({provision.id})
        if node.op == "known":
            stated = reading.value is not None
            result = Truth.MET if stated == node.value else Truth.UNMET
            text = f"{node.fact} is {'stated' if node.value else 'not stated'}"
            return Trace(text, result, node.where, (reading,), evidence=evidence)
        readings = [reading]
        operands = []
        for operand in node.value if node.op == "in" else (node.value,):
            if isinstance(operand, SameFact):
                same = self._reading(self.jurisdiction, provision, operand.fact)
                readings.append(same)
                operand = same.value
            elif isinstance(operand, BaselineValue):
                benchmark = self._benchmark(operand)
                readings.append(benchmark)
                operand = benchmark.value
            operands.append(operand)
        text = f"{node.fact} {SYMBOLS[node.op]} {', '.join(map(_show, operands))}"
        value = reading.value
        if value is None or None in operands:
            return Trace(text, Truth.UNKNOWN, node.where, tuple(readings), evidence=evidence)
        if node.op == "contains":
            ok = operands[0] in value
        elif node.op == "in":
            ok = _order(value) in map(_order, operands)
        else:
            ok = COMPARISONS[node.op](_order(value), _order(operands[0]))
        return Trace(text, Truth.MET if ok else Truth.UNMET, node.where, tuple(readings), evidence=evidence)

    def _benchmark(self, operand: BaselineValue) -> Reading:
        assert self.baseline is not None  # validate guarantees a baseline for baseline operands
        return self._reading(self.baseline, self.baseline.by_id[operand.provision], operand.fact)

    @staticmethod
    def _reading(jurisdiction: Jurisdiction, provision: Provision, name: str) -> Reading:
        fact = provision.facts.get(name)
        if fact is None:
            return Reading(jurisdiction.id, provision.id, provision.citation, name, None)
        return Reading(jurisdiction.id, provision.id, fact.citation or provision.citation, name, fact.value,
                       fact.confidence)


def evaluate(rules: Iterable[Rule], jurisdiction: Jurisdiction, vocabulary: Vocabulary,
             baseline: Jurisdiction | None = None, *, every_tier: bool = True) -> tuple[ComponentResult, ...]:
    evaluator = Evaluator(jurisdiction, vocabulary, baseline)
    return tuple(evaluator.component(rule, every_tier=every_tier) for rule in rules)


def _all(results: list[Truth]) -> Truth:
    if Truth.UNMET in results:
        return Truth.UNMET
    return Truth.UNKNOWN if Truth.UNKNOWN in results else Truth.MET


def _any(results: list[Truth]) -> Truth:
    if Truth.MET in results:
        return Truth.MET
    return Truth.UNKNOWN if Truth.UNKNOWN in results else Truth.UNMET


def _decided(children: Iterable[Trace], result: Truth) -> frozenset[str]:
    """The provisions behind the children that agree with the result: they decided it."""
    out: frozenset[str] = frozenset()
    for child in children:
        if child.result is result:
            out |= child.evidence
    return out


def _quantified_kinds(node: Any) -> Iterable[str]:
    """The provision kinds a jurisdiction-level condition looks for."""
    if isinstance(node, Logic):
        for item in node.items:
            yield from _quantified_kinds(item)
    elif isinstance(node, Quantified):
        yield from node.kinds


def _readings(trace: Trace) -> Iterable[Reading]:
    """Every reading of a trace, depth first."""
    yield from trace.readings
    for child in trace.children:
        yield from _readings(child)


def _provisions_read_outside(trace: Trace, graded: str) -> set[str]:
    """The ids of the provisions read anywhere in a trace from another jurisdiction than the
    graded one (the benchmark's)."""
    nodes = [trace]
    for node in nodes:  # the list grows as the loop goes: every node of the tree, once
        nodes.extend(node.children)
    return {r.provision for node in nodes for r in node.readings if r.jurisdiction != graded}


def _decisive_readings(trace: Trace) -> Iterable[Reading]:
    """The readings on the branches that agree with the result: the facts that decided it."""
    yield from trace.readings
    for child in trace.children:
        if child.result is trace.result or trace.description == "not":
            yield from _decisive_readings(child)


def _silent(trace: Trace) -> Iterable[Reading]:
    """Unstated facts on the unknown paths of a trace."""
    if trace.result is not Truth.UNKNOWN:
        return
    yield from (r for r in trace.readings if r.value is None)
    for child in trace.children:
        yield from _silent(child)


def _order(value: Any) -> Any:
    return Decimal("Infinity") if value == LIFE else value


def _kinds(kinds: tuple[str, ...]) -> str:
    return " or ".join(kinds) if kinds else "any"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(not stated)"
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)
