"""Roadmap: the fact changes that would lift a jurisdiction's law to a target score, as a verified draft.

Every rule tier is a condition over facts, so what would meet a higher tier can be read off the
condition itself, node by node, the same nodes `explain` traces: a comparison names the value it
needs, a quantifier names the kind of provision that must exist, a benchmark operand is read from the
benchmark jurisdiction. Needs are collected as constraints and only then turned into values, so two
components asking things of the same fact are satisfied together or found to conflict.

The plan touches as few statute sections as it can (greedy by points per newly touched section,
then pruned), and is written as a hypothetical amendment, applied and graded: the score a roadmap
prints is always the graded score of its draft, never an estimate.

Reading is not legislating. A fact the encoded law does not state may already be in the statute, so
stating it is something to read and encode first, not a change of law: the plan of law changes is
made from the law as encoded (it changes stated facts and adds provisions, never states an unstated
fact of an existing provision), and a second plan, free to state unstated facts, gives the "read
first" group: the unstated facts worth reading before drafting anything. A fact that classifies a
provision (a limitation period's proceeding) is never changed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from analyzer.evaluate import Evaluator, Truth, _order
from analyzer.model import (
    LIFE,
    BaselineValue,
    Compare,
    Fact,
    FactDef,
    Framework,
    Jurisdiction,
    Logic,
    Provision,
    Quantified,
    Refers,
    Rule,
    SameFact,
    Vocabulary,
    Where,
)
from analyzer.score import Report

OPTIONS_PER_NODE = 6  # the cheapest ways kept at each condition node: enough variety, bounded work
NEGATED = {"eq": "ne", "ne": "eq", "gt": "lte", "gte": "lt", "lt": "gte", "lte": "gt",
           "in": "not_in", "not_in": "in", "contains": "not_contains", "not_contains": "contains"}
PLACEHOLDER_CITATION = "[citation to be drafted]"
REMOVE = object()  # the value of a fact the plan must leave unstated
DRAFT = Where("roadmap draft", 0)


@dataclass(frozen=True, order=True)
class Need:
    """One constraint a tier puts on one fact of one provision: `fact OP value`."""

    provision: str
    fact: str
    op: str
    value: Any


@dataclass(frozen=True)
class Option:
    """One way to meet a condition: the constraints it needs and the new provisions it adds."""

    needs: frozenset[Need] = frozenset()
    new: frozenset[tuple[str, str]] = frozenset()  # (provision id, kind)

    @property
    def touched(self) -> frozenset[str]:
        return frozenset(n.provision for n in self.needs) | frozenset(pid for pid, _ in self.new)

    def cost(self) -> tuple[int, int, int, str]:
        """Fewest sections, then amending over adding a section, then fewest facts; ties by text."""
        return len(self.touched), len(self.new), len(self.needs), repr(sorted(self.needs, key=repr))

    def __or__(self, other: Option) -> Option:
        return Option(self.needs | other.needs, self.new | other.new)


EMPTY = Option()


@dataclass(frozen=True)
class Candidate:
    """A way to lift one component to one of its higher tiers."""

    rule: Rule
    tier: int  # 1-based tier index reached
    points: Decimal
    option: Option


@dataclass(frozen=True)
class FactChange:
    fact: str
    old: Any  # None: not stated before
    new: Any  # REMOVE: to be left unstated
    meaning: str
    placeholder: bool  # the rule only needs the fact stated: the value is the drafter's choice
    kind: str = "change"  # "read": an unstated fact of an existing provision, to read before drafting


@dataclass(frozen=True)
class SectionChange:
    """All the changes the plan makes to one statute section (an existing provision or a new one)."""

    provision: str
    citation: str
    title: str
    kind: str
    is_new: bool
    facts: tuple[FactChange, ...]
    lifts: tuple[tuple[str, str, Decimal, Decimal], ...]  # (component, title, points before, after)


@dataclass(frozen=True)
class Alternative:
    """An option left out of the plan, with what it adds on top of the plan when applied."""

    component: str
    title: str
    tier: int
    gain: Decimal
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Roadmap:
    jurisdiction: Jurisdiction
    framework: Framework
    target: Decimal
    target_label: str
    before: Report
    after: Report  # the draft, applied and graded
    changes: tuple[SectionChange, ...]
    alternatives: tuple[Alternative, ...]
    unreachable: tuple[tuple[str, str], ...]  # components below full that no fact change can lift
    draft: Mapping[str, Any] = field(repr=False)
    read_first: tuple[SectionChange, ...] = ()  # unstated facts a reading could show already meet a tier

    @property
    def target_in_range(self) -> bool:
        """The target lies inside the current range: reading the unstated facts may reach it unchanged."""
        return self.before.score < self.target <= self.before.high

    @property
    def reached(self) -> bool:
        return self.after.score >= self.target


# --- solving conditions --------------------------------------------------------------------------

class Solver:
    """Derives, from a rule's conditions, the cheapest sets of constraints that would meet them."""

    def __init__(self, jurisdiction: Jurisdiction, vocabulary: Vocabulary, benchmark: Jurisdiction | None,
                 encoded: frozenset[str] | None = None) -> None:
        self.jurisdiction = jurisdiction
        self.vocabulary = vocabulary
        self.evaluator = Evaluator(jurisdiction, vocabulary, benchmark)
        self.drafts: dict[str, Provision] = {}
        self.encoded = encoded  # provisions whose unstated facts are to read, not to legislate (None: any)

    def unstated_is_read(self, provision: Provision, fact: str) -> bool:
        """Stating this fact would be reading the statute, which a plan of law changes never does."""
        return self.encoded is not None and provision.id in self.encoded and fact not in provision.facts

    def draft_provision(self, kind: str) -> Provision:
        """The one new provision of a kind the plan may add (shared, so sections stay few)."""
        if kind not in self.drafts:
            base = "draft-" + kind.replace("_", "-")
            pid, n = base, 2
            while pid in self.jurisdiction.by_id:
                pid, n = f"{base}-{n}", n + 1
            self.drafts[kind] = Provision(pid, PLACEHOLDER_CITATION, "[title to be drafted]", kind, {}, "", DRAFT)
        return self.drafts[kind]

    def tier(self, rule: Rule, index: int) -> list[Option]:
        return self.solve(rule.tiers[index - 1].when, True, None)

    def solve(self, node: Any, positive: bool, provision: Provision | None) -> list[Option]:
        if isinstance(node, Logic):
            if node.op == "not":
                return self.solve(node.items[0], not positive, provision)
            parts = [self.solve(item, positive, provision) for item in node.items]
            return self.combine(parts) if (node.op == "all") == positive else self.either(parts)
        if isinstance(node, Quantified):
            return self.quantified(node.quantifier, node.kinds, node.condition, positive,
                                   self.jurisdiction.of_kind(node.kinds), None)
        if isinstance(node, Refers):
            assert provision is not None
            return self.refers(node, positive, provision)
        assert provision is not None
        return self.compare(node, positive, provision)

    def quantified(self, quantifier: str, kinds: tuple[str, ...], condition: Any, positive: bool,
                   candidates: Iterable[Provision], listing: tuple[str, str] | None) -> list[Option]:
        """some/every, as 'there exists' or 'for all' once the polarity is applied."""
        candidates = tuple(candidates)
        exists = (quantifier == "some") == positive
        if not exists:  # for all: each candidate must meet the condition (in the required polarity)
            if condition is None:
                return [EMPTY] if positive or not candidates else []
            return self.combine([self.solve(condition, positive, p) for p in candidates])
        options: list[list[Option]] = []
        for p in candidates:
            if condition is None:
                return [EMPTY]
            options.append(self.solve(condition, positive, p))
        if listing is not None:  # a provision of the jurisdiction not yet listed may be listed
            lister, fact = listing
            listed = {p.id for p in candidates}
            for p in self.jurisdiction.of_kind(kinds):
                if p.id not in listed:
                    add = Option(frozenset({Need(lister, fact, "contains", p.id)}))
                    inner = [EMPTY] if condition is None else self.solve(condition, positive, p)
                    options.append([o | add for o in inner])
        if positive and kinds:  # or a new provision of the first kind named
            new = self.draft_provision(kinds[0])
            added = Option(new=frozenset({(new.id, new.kind)}))
            if listing is not None:
                added = added | Option(frozenset({Need(listing[0], listing[1], "contains", new.id)}))
            inner = [EMPTY] if condition is None else self.solve(condition, True, new)
            options.append([o | added for o in inner])
        return self.either(options)

    def refers(self, node: Refers, positive: bool, provision: Provision) -> list[Option]:
        fact = provision.facts.get(node.fact)
        if fact is None and self.unstated_is_read(provision, node.fact):
            return []
        refs = fact.value if fact is not None else ()
        listed = [self.jurisdiction.by_id[r] for r in refs if r in self.jurisdiction.by_id]
        listed = [p for p in listed if not node.kinds or p.kind in node.kinds]
        options = self.quantified(node.quantifier, node.kinds, node.condition, positive, listed,
                                  (provision.id, node.fact))
        if fact is None:  # an unstated list is unknown: the plan must state it
            stated = Option(frozenset({Need(provision.id, node.fact, "known", True)}))
            options = [o | stated for o in options]
        return options

    def compare(self, node: Compare, positive: bool, provision: Provision) -> list[Option]:
        truth = self.evaluator.provision_condition(node, provision).result
        if truth is (Truth.MET if positive else Truth.UNMET):
            return [EMPTY]
        if self.vocabulary.facts[node.fact].classifies and node.fact in provision.facts:
            return []  # what a provision is (a civil limitation period) is no change of law to propose
        if self.unstated_is_read(provision, node.fact):
            return []
        if node.op == "known":
            return [Option(frozenset({Need(provision.id, node.fact, "known", node.value == positive)}))]
        operands = []
        for operand in node.value if node.op == "in" else (node.value,):
            if isinstance(operand, BaselineValue):
                operand = self.evaluator._benchmark(operand).value
                if operand is None:
                    return []  # the benchmark does not state it: nothing to aim for
            operands.append(operand)
        value = tuple(operands) if node.op == "in" else operands[0]
        op = node.op if positive else NEGATED[node.op]
        return [Option(frozenset({Need(provision.id, node.fact, op, value)}))]

    # --- combining options ------------------------------------------------------------------------
    def either(self, parts: Iterable[list[Option]]) -> list[Option]:
        pool = [o for part in parts for o in part]
        if EMPTY in pool:
            return [EMPTY]
        return self.best(pool)

    def combine(self, parts: list[list[Option]]) -> list[Option]:
        current = [EMPTY]
        for part in parts:
            if not part:
                return []
            merged = [a | b for a, b in itertools.product(current, part)]
            current = self.best(o for o in merged if self.feasible(o))
            if not current:
                return []
        return current

    def best(self, options: Iterable[Option]) -> list[Option]:
        unique = sorted(set(options), key=Option.cost)
        return unique[:OPTIONS_PER_NODE]

    def feasible(self, option: Option) -> bool:
        return resolve(option, self.jurisdiction, self.vocabulary) is not None


# --- from constraints to values ------------------------------------------------------------------

def resolve(option: Option, jurisdiction: Jurisdiction,
            vocabulary: Vocabulary) -> dict[str, dict[str, tuple[Any, bool]]] | None:
    """The fact values an option sets, per provision: {provision: {fact: (value, placeholder)}};
    None when its constraints on some fact cannot all hold. Needs that compare a fact with another
    fact of the same provision are resolved last, against that fact's resolved (or current) value."""
    grouped: dict[tuple[str, str], list[Need]] = {}
    for need in option.needs:
        grouped.setdefault((need.provision, need.fact), []).append(need)
    relative = {key for key, needs in grouped.items() if any(isinstance(n.value, SameFact) for n in needs)}
    values: dict[tuple[str, str], tuple[Any, bool]] = {}

    def current(pid: str, name: str) -> Any:
        fact = jurisdiction.by_id[pid].facts.get(name) if pid in jurisdiction.by_id else None
        return None if fact is None else fact.value

    def settle(pid: str, name: str, needs: list[Need]) -> bool:
        value = _value(needs, vocabulary.facts[name], current(pid, name))
        if value is not None:
            values[(pid, name)] = value
        return value is not None

    for key in sorted(set(grouped) - relative):
        if not settle(*key, grouped[key]):
            return None
    for pid, name in sorted(relative):
        needs = []
        for need in grouped[(pid, name)]:
            if isinstance(need.value, SameFact):
                ref = (pid, need.value.fact)
                if ref not in values and current(*ref) is None and not settle(*ref, [Need(*ref, "known", True)]):
                    return None
                other = values[ref][0] if ref in values else current(*ref)
                if other is REMOVE:  # compared with a fact the plan leaves unstated: never met
                    return None
                need = Need(pid, name, need.op, other)
            needs.append(need)
        if not settle(pid, name, needs):
            return None
    out: dict[str, dict[str, tuple[Any, bool]]] = {}
    for (pid, name), value in sorted(values.items()):
        now = current(pid, name)
        if (value[0] is REMOVE and now is None) or (value[0] is not REMOVE and value[0] == now):
            continue
        out.setdefault(pid, {})[name] = value
    return out


def _holds(value: Any, op: str, operand: Any) -> bool:
    if operand is REMOVE:
        return False
    if value is REMOVE:
        return op == "known" and operand is False
    if op == "known":
        return operand is True
    if op in ("contains", "not_contains"):
        return (operand in value) == (op == "contains")
    if op in ("in", "not_in"):
        return any(_order(value) == _order(o) for o in operand) == (op == "in")
    try:
        left, right = _order(value), _order(operand)
        return {"eq": left == right, "ne": left != right, "gt": left > right, "gte": left >= right,
                "lt": left < right, "lte": left <= right}[op]
    except TypeError:
        return False


def _value(needs: list[Need], fact: FactDef, current: Any) -> tuple[Any, bool] | None:
    """The least change to a fact that meets every need on it: (value, placeholder) or None."""
    if current is not None and all(_holds(current, n.op, n.value) for n in needs):
        return current, False
    ops = {n.op for n in needs}
    if ops == {"known"} and all(n.value is False for n in needs):
        return REMOVE, False
    for candidate, placeholder in _candidates(needs, fact, current):
        if candidate is not None and all(_holds(candidate, n.op, n.value) for n in needs):
            return candidate, placeholder
    return None


def _candidates(needs: list[Need], fact: FactDef, current: Any) -> Iterable[tuple[Any, bool]]:
    """Values worth trying, least change first (the last ones only when the rule just needs a value)."""
    by_op: dict[str, list[Any]] = {}
    for need in needs:
        by_op.setdefault(need.op, []).append(need.value)
    yield from ((v, False) for v in by_op.get("eq", ()))
    if fact.type in ("set", "provisions"):
        members = set(current or ())
        members |= set(by_op.get("contains", ()))
        members -= set(by_op.get("not_contains", ()))
        order = list(fact.values) if fact.type == "set" else sorted(members)
        yield tuple(sorted(members, key=lambda m: (order.index(m) if m in order else len(order), m))), False
        return
    for options in by_op.get("in", ()):
        yield from ((v, False) for v in options)
    if fact.type == "boolean":
        yield from ((not v, False) for v in by_op.get("ne", ()))
        yield True, "known" in by_op and len(by_op) == 1
        yield False, False
        return
    if fact.type in ("enum",):
        yield from ((v, "known" in by_op and len(by_op) == 1) for v in fact.values)
        return
    if fact.type in ("integer", "number", "money", "years"):
        step = Decimal(1)
        lows = [v for v in by_op.get("gte", ())] + [_plus(v, step) for v in by_op.get("gt", ())]
        highs = [v for v in by_op.get("lte", ())] + [_plus(v, -step) for v in by_op.get("lt", ())]
        if lows:
            low = max(lows, key=_order)
            if fact.unit == "years of age" and _order(low) < 18 and all(_order(h) >= 18 for h in highs):
                yield 18, True  # an age bar the rule only needs to exist reaches every minor, not "under 1"
            yield low, False
        if highs:
            yield max(Decimal(0), min(highs, key=_order)) if all(h != LIFE for h in highs) else LIFE, False
        for excluded in by_op.get("ne", ()):
            yield _plus(excluded, step), False
        if current is None and set(by_op) <= {"known"}:
            yield (18 if fact.unit == "years of age" else 1), True
        return
    if fact.type == "text":
        yield "[to be drafted]", True


def _plus(value: Any, step: Decimal) -> Any:
    if value == LIFE:
        return LIFE
    result = Decimal(value) + step
    return int(result) if isinstance(value, int) and not isinstance(value, bool) else result


# --- applying a plan ----------------------------------------------------------------------------

def apply_option(jurisdiction: Jurisdiction, option: Option, vocabulary: Vocabulary) -> Jurisdiction | None:
    """The jurisdiction with the option's values set (in memory; the draft file is checked separately)."""
    values = resolve(option, jurisdiction, vocabulary)
    if values is None:
        return None
    kinds = dict(option.new)
    provisions = {p.id: p for p in jurisdiction.provisions}
    for pid, kind in sorted(kinds.items()):
        provisions[pid] = Provision(pid, PLACEHOLDER_CITATION, "[title to be drafted]", kind, {}, "", DRAFT)
    for pid, facts in values.items():
        old = provisions[pid]
        new_facts = dict(old.facts)
        for name, (value, _) in facts.items():
            if value is REMOVE:
                new_facts.pop(name, None)
            else:
                new_facts[name] = Fact(name, value, DRAFT)
        provisions[pid] = replace(old, facts=new_facts)
    return replace(jurisdiction, provisions=tuple(provisions.values()))


# --- planning -----------------------------------------------------------------------------------

def target_points(framework: Framework, target: str) -> tuple[Decimal, str]:
    """A grade letter (its band's minimum) or a number of points."""
    bands = {band.grade.upper(): band.min for band in framework.grades}
    if target.upper() in bands:
        return bands[target.upper()], f"grade {target.upper()}"
    value = Decimal(target)
    return value, f"{target} points"


def plan(jurisdiction: Jurisdiction, framework: Framework, rules: tuple[Rule, ...], vocabulary: Vocabulary,
         benchmark: Jurisdiction | None, target: Decimal, target_label: str, *, legislate_only: bool = True) -> Roadmap:
    """The plan to the target; `legislate_only` plans law changes from the law as encoded, never stating
    an unstated fact of an existing provision (False: reading counts too, for the "read first" group)."""
    from analyzer.evaluate import evaluate
    from analyzer.score import score

    def grade(law: Jurisdiction) -> Report:
        return score(framework, law, evaluate(rules, law, vocabulary, benchmark))

    before = grade(jurisdiction)
    kinds_read = {rule.id: _kinds_read(rule) for rule in rules}
    unchanged = {c.rule.id: c for c in before.components}

    def graded(option: Option) -> Report | None:
        """The law with the option applied, graded; a component that reads none of the kinds the option
        touches cannot move, so its result is reused (the final draft is graded in full)."""
        law = apply_option(jurisdiction, option, vocabulary)
        if law is None:
            return None
        touched = {law.by_id[p].kind for p in option.touched}
        evaluator = Evaluator(law, vocabulary, benchmark)
        results = tuple(unchanged[r.id] if kinds_read[r.id] is not None and not kinds_read[r.id] & touched
                        else evaluator.component(r) for r in rules)
        return score(framework, law, results)

    encoded = frozenset(jurisdiction.by_id) if legislate_only else None
    candidates = _candidates_for(Solver(jurisdiction, vocabulary, benchmark, encoded), before, jurisdiction)
    chosen: list[Candidate] = []
    combined, current = EMPTY, before
    for _ in range(ROUNDS):
        while current.score < target:
            picked = _step(candidates, chosen, combined, current, graded)
            if picked is None:
                break
            candidate, combined, current = picked
            chosen.append(candidate)
        if current.score >= target:
            break
        # Stalled: a change made for one component can unsettle another (a new provision that an
        # `every` now also covers). Derive the ways again from the law as the plan leaves it.
        law = apply_option(jurisdiction, combined, vocabulary)
        assert law is not None
        candidates = [c for c in _candidates_for(Solver(law, vocabulary, benchmark, encoded), current, jurisdiction)
                      if c not in chosen]
    if current.score >= target:  # prune what the target does not need, widest changes first
        for candidate in sorted(chosen, key=lambda c: (-len(c.option.touched), c.points, c.rule.id)):
            rest = [c for c in chosen if c is not candidate]
            trial = _union(c.option for c in rest)
            report = graded(trial)
            if report is not None and report.score >= target:
                chosen, combined, current = rest, trial, report

    draft = draft_amendment(jurisdiction, framework, combined, vocabulary, target_label)
    changes = _section_changes(jurisdiction, combined, vocabulary, before, current)
    alternatives = _alternatives(candidates, chosen, combined, current, graded)
    # every component the plan leaves below full credit is an option or, when no way found lifts it on
    # top of the plan, one that cannot be lifted: each exactly once
    offered = {a.component for a in alternatives}
    unreachable = tuple((c.rule.id, c.rule.title) for c in current.components
                        if c.points < c.rule.max and c.rule.id not in offered)
    return Roadmap(jurisdiction, framework, target, target_label, before, current, changes, alternatives,
                   unreachable, draft)


def _kinds_read(rule: Rule) -> frozenset[str] | None:
    """The provision kinds a rule's conditions range over (None: some condition ranges over every kind)."""
    kinds: set[str] = set()

    def walk(node: Any) -> bool:
        if isinstance(node, Logic):
            return all(walk(item) for item in node.items)
        if isinstance(node, Quantified | Refers):
            if not node.kinds:
                return False
            kinds.update(node.kinds)
            return node.condition is None or walk(node.condition)
        return True

    return frozenset(kinds) if all(walk(t.when) for t in rule.tiers) else None


OPTIONS_PER_TIER = 2  # the cheapest ways to each tier that the plan considers
ROUNDS = 3  # derivations from the planned law when the plan stalls below the target


def _candidates_for(solver: Solver, report: Report, original: Jurisdiction) -> list[Candidate]:
    """Every way the solver finds to lift each component below full credit to each higher tier."""
    out = []
    for component in report.components:
        for index, tier in enumerate(component.rule.tiers, 1):
            if tier.points <= component.points:
                break
            options = [o for o in solver.tier(component.rule, index) if o != EMPTY][:OPTIONS_PER_TIER]
            out.extend(Candidate(component.rule, index, tier.points, _owning(option, solver.jurisdiction, original))
                       for option in options)
    return out


def _owning(option: Option, law: Jurisdiction, original: Jurisdiction) -> Option:
    """An option derived from the planned law also adds the draft provisions it amends, so it stands alone."""
    drafts = frozenset((n.provision, law.by_id[n.provision].kind) for n in option.needs
                       if n.provision not in original.by_id and n.provision in law.by_id)
    return Option(option.needs, option.new | drafts)


VERIFIED_PER_STEP = 3  # improving candidates compared at each step, best estimates first
GRADED_PER_STEP = 16  # at most this many graded per step (interactions can make estimates wrong)


def _step(candidates: list[Candidate], chosen: list[Candidate], combined: Option, current: Report,
          graded: Any) -> tuple[Candidate, Option, Report] | None:
    """The next way to add: most points per newly touched section, as graded with the plan so far."""
    estimates = []
    for candidate in candidates:
        if candidate in chosen:
            continue
        now = current.component(candidate.rule.id)
        gain = candidate.points - (now.points if now else Decimal(0))
        if gain <= 0:
            continue
        added = len(candidate.option.touched - combined.touched)
        estimates.append(((gain / added if added else Decimal("Infinity")), gain, candidate))
    estimates.sort(key=lambda e: (-e[0], -e[1], e[2].rule.id, e[2].tier, e[2].option.cost()))
    best: tuple[tuple[Decimal, Decimal], Candidate, Option, Report] | None = None
    found = 0
    for _, _, candidate in estimates[:GRADED_PER_STEP]:
        if found >= VERIFIED_PER_STEP:
            break
        trial = combined | candidate.option
        report = graded(trial)
        if report is None or report.score <= current.score:
            continue
        found += 1
        gain = report.score - current.score
        added = len(trial.touched - combined.touched)
        key = (gain / added if added else Decimal("Infinity"), gain)
        if best is None or key > best[0]:
            best = (key, candidate, trial, report)
    return None if best is None else best[1:]


def _union(options: Iterable[Option]) -> Option:
    out = EMPTY
    for option in options:
        out = out | option
    return out


def _alternatives(candidates: list[Candidate], chosen: list[Candidate], combined: Option, current: Report,
                  graded: Any) -> tuple[Alternative, ...]:
    """What else could be done on top of the plan, best points per section changed first: one entry per
    component the plan leaves below full credit, the cheapest way found that lifts it, and its gain
    the component's own (at most what it lacks; a change's effect on other components is not counted)."""
    best: dict[str, Alternative] = {}
    for candidate in sorted(candidates, key=lambda c: (c.rule.id, c.option.cost())):
        now = current.component(candidate.rule.id)
        if candidate in chosen or candidate.rule.id in best or now is None or now.points >= candidate.rule.max:
            continue
        report = graded(combined | candidate.option)
        lifted = report.component(candidate.rule.id) if report is not None else None
        if lifted is None or lifted.points <= now.points:
            continue  # not this way: try the component's next cheapest
        gain = min(lifted.points, candidate.rule.max) - now.points
        sections = tuple(sorted(candidate.option.touched - combined.touched)) or tuple(sorted(candidate.option.touched))
        best[candidate.rule.id] = Alternative(candidate.rule.id, candidate.rule.title, candidate.tier, gain, sections)
    return tuple(sorted(best.values(), key=_rank))


def _rank(alternative: Alternative) -> tuple[Decimal, Decimal, str]:
    return (-alternative.gain / len(alternative.sections), -alternative.gain, alternative.component)


def _section_changes(jurisdiction: Jurisdiction, option: Option, vocabulary: Vocabulary, before: Report,
                     after: Report) -> tuple[SectionChange, ...]:
    values = resolve(option, jurisdiction, vocabulary) or {}
    new = dict(option.new)
    moved = [(b.rule.id, b.rule.title, b.points, a.points) for b, a in zip(before.components, after.components,
                                                                          strict=True) if a.points > b.points]
    out = []
    for pid in sorted(set(values) | set(new), key=lambda p: (p in new, p)):
        existing = jurisdiction.by_id.get(pid)
        facts = tuple(
            FactChange(name, None if existing is None or name not in existing.facts else existing.facts[name].value,
                       value, vocabulary.facts[name].meaning, placeholder,
                       "read" if existing is not None and name not in existing.facts and value is not REMOVE
                       else "change")
            for name, (value, placeholder) in sorted(values.get(pid, {}).items()))
        lifts = tuple(m for m in moved if _reads(after, m[0], pid))
        out.append(SectionChange(pid, existing.citation if existing else PLACEHOLDER_CITATION,
                                 existing.title if existing else "[title to be drafted]",
                                 existing.kind if existing else new[pid], existing is None, facts, lifts))
    return tuple(out)


def _read_facts(changes: Iterable[SectionChange]) -> tuple[SectionChange, ...]:
    """The sections of a plan free to state unstated facts, with only those facts: what to read first."""
    out = []
    for change in changes:
        facts = tuple(f for f in change.facts if f.kind == "read")
        if facts:
            out.append(replace(change, facts=facts))
    return tuple(out)


def _reads(report: Report, component: str, provision: str) -> bool:
    result = report.component(component)
    return result is not None and any(p.id == provision for p in result.evidence)


# --- the draft amendment ------------------------------------------------------------------------

def draft_amendment(jurisdiction: Jurisdiction, framework: Framework, option: Option, vocabulary: Vocabulary,
                    target_label: str) -> dict[str, Any]:
    """The plan as an amendment file (status: hypothetical) in the project's amendment format."""
    values = resolve(option, jurisdiction, vocabulary) or {}
    new = dict(option.new)
    changes: list[dict[str, Any]] = []
    for pid in sorted(set(values) | set(new), key=lambda p: (p in new, p)):
        facts = values.get(pid, {})
        written = {name: _written(value, placeholder) for name, (value, placeholder) in sorted(facts.items())
                   if value is not REMOVE}
        removed = sorted(name for name, (value, _) in facts.items() if value is REMOVE)
        if pid in new:
            kind = new[pid]
            changes.append({"add": {
                "id": pid, "citation": PLACEHOLDER_CITATION,
                "title": f"[title to be drafted] ({kind.replace('_', ' ')})", "kind": kind, "facts": written,
                "source": "Proposed by gap-analyzer roadmap from the rule tiers it would meet; no enacted text.",
            }})
            continue
        if written:
            changes.append({"set_facts": {"provision": pid, "facts": written}})
        if removed:
            changes.append({"remove_facts": {"provision": pid, "facts": removed}})
    return {
        "title": f"Draft: what {jurisdiction.name} law would need for {target_label} ({framework.title})",
        "bill": "Roadmap draft (not a bill)",
        "jurisdiction": jurisdiction.id,
        "effective": jurisdiction.as_of,
        "status": "hypothetical",
        "source": (f"Generated by gap-analyzer roadmap from the {framework.title} rules: the facts a bill "
                   "would have to establish, not bill text. Citations and titles in brackets are placeholders."),
        "changes": changes or [],
    }


def _written(value: Any, placeholder: bool) -> dict[str, Any]:
    plain = list(value) if isinstance(value, tuple) else value
    if isinstance(plain, Decimal):
        plain = int(plain) if plain == plain.to_integral_value() else float(plain)
    out: dict[str, Any] = {"value": plain, "citation": PLACEHOLDER_CITATION}
    if placeholder:
        out["note"] = "placeholder: the rule needs this fact stated; the value is the drafter's choice"
    return out


def draft_yaml(roadmap: Roadmap) -> str:
    import yaml

    header = ("# yaml-language-server: $schema=../../analyzer/schemas/amendment.schema.json\n"
              "# A hypothetical amendment written by `gap-analyzer roadmap`: the legal substance is in the\n"
              "# fact values; bracketed citations and titles are placeholders for the drafter.\n")
    return header + yaml.safe_dump(dict(roadmap.draft), sort_keys=False, allow_unicode=True, width=100)


def roadmap(project: Any, jurisdiction: Jurisdiction, framework: Framework, target: str) -> Roadmap:
    """Plan, write the draft, then apply the draft as an amendment file and grade it: the result shown
    is the graded draft, so a roadmap cannot promise points its draft does not earn."""
    from analyzer.pipeline import report

    points, label = target_points(framework, target)
    benchmark = project.jurisdictions.get(framework.baseline) if framework.baseline else None
    result = plan(jurisdiction, framework, project.rules[framework.id], project.vocabulary, benchmark,
                  points, label)
    if result.before.undetermined and result.before.score < points:
        reading = plan(jurisdiction, framework, project.rules[framework.id], project.vocabulary, benchmark,
                       points, label, legislate_only=False)
        result = replace(result, read_first=_read_facts(reading.changes))
    if not result.draft["changes"]:
        return result
    law = apply_draft(result, project.vocabulary)
    graded = report(project, law, framework)
    return replace(result, after=graded)


def apply_draft(result: Roadmap, vocabulary: Vocabulary) -> Jurisdiction:
    """The draft read back exactly as `report --amend` would read the written file."""
    from analyzer import contract
    from analyzer.amend import amendment_schema, apply_amendment
    from analyzer.documents import parse_document
    from analyzer.errors import InputError

    document = parse_document(draft_yaml(result), "roadmap draft")
    problems = contract.check(document, amendment_schema(vocabulary))
    if problems:
        raise InputError(problems)
    return apply_amendment(result.jurisdiction, document, vocabulary)
