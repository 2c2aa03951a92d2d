"""The immutable objects passed between stages: load -> validate -> evaluate -> score -> render."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

Points = Decimal  # always a multiple of 0.5; Decimal keeps sums exact


@dataclass(frozen=True)
class Where:
    """A place in a data file, for error messages and traces."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


# --- vocabulary -----------------------------------------------------------------------------

LIFE = "life"  # a `years` fact may be a number of years or life imprisonment


@dataclass(frozen=True)
class FactDef:
    name: str
    type: str
    meaning: str
    values: tuple[str, ...] = ()
    unit: str | None = None
    where: Where | None = None
    classifies: bool = False  # says what a provision is, not what the law does: never a change to propose


@dataclass(frozen=True)
class Vocabulary:
    kinds: Mapping[str, str]  # kind -> meaning
    facts: Mapping[str, FactDef]
    where: Where | None = None


# --- framework and rules --------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    id: str
    title: str
    max: Points
    components: tuple[str, ...]
    where: Where


@dataclass(frozen=True)
class GradeBand:
    grade: str
    min: Decimal


@dataclass(frozen=True)
class Clause:
    """One clause of a framework's partial-credit scheme: a kind of shortfall and what it costs."""

    id: str
    name: str
    text: str
    deduction: Points  # points a tier loses for this shortfall (0 for the full-credit clause)


@dataclass(frozen=True)
class Scheme:
    """The written principle that sizes every partial-credit tier of a framework."""

    principle: str
    floor: Points  # the least a tier earns while the law addresses the component's subject at all
    clauses: tuple[Clause, ...]
    where: Where
    calibration: str | None = None  # when a component may size a clause differently, and on what evidence

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def points(self, maximum: Points, clause_ids: tuple[str, ...],
               calibrated: Mapping[str, Points] | None = None) -> Points:
        """The points a tier citing these shortfalls must carry: the max less their deductions, floored.
        `calibrated` holds a component's own deductions for some clauses (see Calibration)."""
        calibrated = calibrated or {}
        clauses = [self.clause(c) for c in clause_ids]
        deductions = sum((calibrated.get(c.id, c.deduction) for c in clauses if c is not None), Decimal(0))
        return maximum if not deductions else max(self.floor, maximum - deductions)


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    version: str
    sections: tuple[Section, ...]
    grades: tuple[GradeBand, ...]
    where: Where
    publisher: str | None = None
    description: str | None = None
    baseline: str | None = None
    summary_components: tuple[str, ...] = ()
    scheme: Scheme | None = None

    @property
    def max(self) -> Points:
        return sum((s.max for s in self.sections), Decimal(0))

    def grade(self, total: Points) -> str:
        for band in sorted(self.grades, key=lambda b: b.min, reverse=True):
            if total >= band.min:
                return band.grade
        return self.grades[-1].grade


@dataclass(frozen=True)
class BaselineValue:
    """A rule operand read from the framework's benchmark jurisdiction (e.g. a federal penalty)."""

    provision: str
    fact: str


@dataclass(frozen=True)
class SameFact:
    """A rule operand read from another fact of the same provision (e.g. its own age limit)."""

    fact: str


Operand = str | int | Decimal | bool | BaselineValue | SameFact


@dataclass(frozen=True)
class Compare:
    fact: str
    op: str  # eq ne gt gte lt lte in contains known
    value: Any
    where: Where


@dataclass(frozen=True)
class Refers:
    """`some`/`every` over the provisions a `provisions`-typed fact lists."""

    fact: str
    quantifier: str  # some | every
    kinds: tuple[str, ...]  # empty: any kind
    condition: ProvisionCondition | None
    where: Where


@dataclass(frozen=True)
class Logic:
    op: str  # all | any | not
    items: tuple[Any, ...]
    where: Where


@dataclass(frozen=True)
class Quantified:
    """`some`/`every` provision of the given kinds meeting a provision condition."""

    quantifier: str  # some | every
    kinds: tuple[str, ...]
    condition: ProvisionCondition | None
    where: Where


ProvisionCondition = Logic | Compare | Refers
Condition = Logic | Quantified


@dataclass(frozen=True)
class Tier:
    points: Points
    reason: str
    when: Condition
    where: Where
    gap: str | None = None
    clauses: tuple[str, ...] = ()  # the partial-credit scheme's clauses this tier's size follows


@dataclass(frozen=True)
class Evidence:
    """One piece of the published record behind a calibrated size."""

    card: str  # <jurisdiction>-<edition>, the published card's file name
    shows: str  # full_section | section_bound | finding
    text: str
    where: Where
    section: str | None = None


@dataclass(frozen=True)
class Calibration:
    """A component's own deduction for some clauses of the partial-credit scheme, and why: the
    publisher sizes some shortfalls per component, and the visible cards show by how much."""

    deductions: Mapping[str, Points]
    reason: str
    evidence: tuple[Evidence, ...]
    where: Where
    open: str | None = None

    @property
    def cards(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.card for e in self.evidence))


@dataclass(frozen=True)
class Rule:
    id: str
    section: str
    title: str
    max: Points
    tiers: tuple[Tier, ...]
    met: str
    gap: str
    recommendation: str
    where: Where
    criterion: str | None = None
    summary_met: str | None = None
    summary_gap: str | None = None
    note: str | None = None
    summary_absent: str | None = None  # summary sentence when the law has no provision the rule reads
    calibration: Calibration | None = None


# --- statutes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    name: str
    value: Any
    where: Where
    citation: str | None = None  # pinpoint (subsection), when the fact is pinned to one
    note: str | None = None
    confidence: str | None = None  # confirmed (statute text read) | inferred | recalled
    source: str | None = None  # where this fact was read, when not the provision's own source
    since: str | None = None  # the date this value holds from (a dated value of a fact's history)
    enacted_by: str | None = None  # the act that gave the fact this value, when known


UNSTATED = None  # a dated value that is None: from that date the encoding does not state the fact


def facts_on(history: Mapping[str, tuple[Fact, ...]], date: str) -> dict[str, Fact]:
    """Each fact's value of `date`: the last one dated on or before it (unstated ones left out)."""
    facts = {}
    for name, values in history.items():
        held = [f for f in values if f.since is None or f.since <= date]
        if held and held[-1].value is not UNSTATED:
            facts[name] = held[-1]
    return facts


@dataclass(frozen=True)
class Provision:
    id: str
    citation: str
    title: str
    kind: str
    facts: Mapping[str, Fact]
    source: str
    where: Where
    effective: str | None = None  # the first day in force (None: in force from the file's earliest date)
    note: str | None = None
    repealed: str | None = None  # the first day no longer in force
    enacted_by: str | None = None
    repealed_by: str | None = None
    # Every fact's values by date, oldest first (a fact without history: one value, `since` None);
    # `facts` holds the values of the date the provision is read at.
    history: Mapping[str, tuple[Fact, ...]] = field(default_factory=dict, compare=False, repr=False)
    dated: bool = field(default=False, init=False, compare=False, repr=False)  # some fact's value has a date

    def __post_init__(self) -> None:
        if not self.history:  # built from its facts alone (tests, amendments): they hold on every date
            object.__setattr__(self, "history", {name: (fact,) for name, fact in self.facts.items()})
        object.__setattr__(self, "dated", any(f.since for values in self.history.values() for f in values))

    def in_force(self, date: str) -> bool:
        return (self.effective is None or self.effective <= date) and (self.repealed is None or date < self.repealed)

    def on(self, date: str) -> Provision:
        """The provision with each fact's value of `date` (facts unstated on that date left out)."""
        if not self.dated:  # every value holds on every date: the provision reads the same on any
            return self
        facts = facts_on(self.history, date)
        resolved = copy.copy(self)  # dataclasses.replace costs several times more, for every provision
        object.__setattr__(resolved, "facts", facts)
        object.__setattr__(resolved, "history", {name: (fact,) for name, fact in facts.items()})
        object.__setattr__(resolved, "dated", False)  # the values of one date hold on it alone
        return resolved

    @property
    def dates(self) -> set[str]:
        """The dates on which the provision or one of its facts changes."""
        out = {f.since for values in self.history.values() for f in values if f.since}
        return out | {d for d in (self.effective, self.repealed) if d}


@dataclass(frozen=True)
class AmendmentRecord:
    """An amendment applied to a jurisdiction's law, so reports say which law they grade."""

    title: str
    bill: str
    effective: str
    where: Where
    status: str | None = None  # enacted | proposed | hypothetical; only enacted law is "Amended by"
    applied_to: str | None = None  # the date of the law it was applied on top of

    @property
    def enacted(self) -> bool:
        return self.status == "enacted"


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    name: str
    as_of: str
    provisions: tuple[Provision, ...]
    where: Where
    type: str | None = None
    note: str | None = None
    amendments: tuple[AmendmentRecord, ...] = ()  # in the order applied; as_of is the last one's date
    earliest: str | None = None  # the span of dates whose law the statute file states (default: as_of alone)
    latest: str | None = None
    complete_for: tuple[str, ...] = ()  # kinds the encoding claims to hold every provision of
    timeline: tuple[Provision, ...] = field(default=(), compare=False, repr=False)  # every provision, any date
    by_id: Mapping[str, Provision] = field(default_factory=dict, compare=False, repr=False)
    by_kind: Mapping[str, tuple[Provision, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.timeline:
            object.__setattr__(self, "timeline", self.provisions)
        for end in ("earliest", "latest"):  # a law of one date: the span is that date
            if getattr(self, end) is None:
                object.__setattr__(self, end, self.as_of)
        object.__setattr__(self, "by_id", {p.id: p for p in self.provisions})
        by_kind: dict[str, list[Provision]] = {}
        for p in self.provisions:
            by_kind.setdefault(p.kind, []).append(p)
        object.__setattr__(self, "by_kind", {kind: tuple(ps) for kind, ps in by_kind.items()})

    def at(self, date: str) -> Jurisdiction:
        """The law in force on `date`: the provisions in force then, each fact at its value of that
        date (after the latest date encoded, the latest law; callers refuse dates before the earliest)."""
        law = min(date, self.latest or date)
        provisions = tuple(p.on(law) for p in self.timeline if p.in_force(law))
        return replace(self, as_of=date, provisions=provisions)

    def nearest(self, date: str) -> Jurisdiction:
        """The law of `date`, or of the nearest date encoded (a benchmark read for any graded date)."""
        law = min(max(date, self.earliest or date), self.latest or date)
        return self if law == self.as_of else self.at(law)

    @property
    def dates(self) -> tuple[str, ...]:
        """The dates on which the encoded law changes, within the span the file states, oldest first."""
        first, last = self.earliest or self.as_of, self.latest or self.as_of
        inside = {d for p in self.timeline for d in p.dates if first < d <= last}
        return tuple(sorted({first, *inside}))

    def of_kind(self, kinds: tuple[str, ...]) -> tuple[Provision, ...]:
        """The provisions of any of `kinds` (every provision when empty), in file order."""
        if not kinds:
            return self.provisions
        if len(kinds) == 1:
            return self.by_kind.get(kinds[0], ())
        return tuple(p for p in self.provisions if p.kind in kinds)


@dataclass(frozen=True)
class Project:
    """Everything loaded from a rules folder and a statutes folder."""

    vocabulary: Vocabulary
    frameworks: Mapping[str, Framework]
    rules: Mapping[str, tuple[Rule, ...]]  # framework id -> rules in framework order
    jurisdictions: Mapping[str, Jurisdiction]
    complete: bool = True  # False when some file could not be read: checks of totals are skipped
    published: tuple[PublishedCard, ...] = ()  # published report cards, in file order
    cards_read: bool = False  # the published cards were read (a command that grades alone skips them)
    # The cards beside the rules (published/ next to rules/), which calibration evidence cites: the
    # same as `published` unless a command was given another folder of cards to compare with.
    evidence_cards: tuple[PublishedCard, ...] = ()
    every_jurisdiction: bool = True  # False when a command read only the statute files it grades


# --- published report cards -----------------------------------------------------------------

@dataclass(frozen=True)
class Dated:
    """A card's edition or law date, with how sure it is (stated | inferred | assumed)."""

    value: str
    confidence: str
    where: Where
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PublishedSection:
    id: str
    score: Points
    where: Where
    findings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublishedCard:
    """A report card as its publisher issued it (published/<framework>/<jurisdiction>-<edition>.yaml)."""

    framework: str
    edition: Dated
    jurisdiction: str
    law_date: Dated
    total: Points | None  # None: the record found gives the grade alone
    grade: str
    sections: tuple[PublishedSection, ...]
    source: str
    where: Where
    lines: Mapping[str, Where]  # top-level key -> where it is written, for referential errors
    released: str | None = None
    note: str | None = None
