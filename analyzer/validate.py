"""Validate stage: the referential checks a schema cannot express, all reported in one pass.

Schemas already guarantee shapes and types of each file on its own; this pass checks names across
files (kinds, facts, provisions, sections, components), operator/type fit, and that points add up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import PurePath

from analyzer.errors import Problem, did_you_mean
from analyzer.model import (
    LIFE,
    BaselineValue,
    Compare,
    Evidence,
    Fact,
    Framework,
    Jurisdiction,
    Logic,
    Project,
    Provision,
    PublishedCard,
    Quantified,
    Refers,
    Rule,
    SameFact,
    Vocabulary,
    Where,
)
from analyzer.published import check_cards

MISSING = Jurisdiction("", "", "", (), Where("", 0))  # stands in for a baseline that is not loaded

OPERATORS = {
    "boolean": {"eq", "ne", "known"},
    "integer": {"eq", "ne", "gt", "gte", "lt", "lte", "in", "known"},
    "number": {"eq", "ne", "gt", "gte", "lt", "lte", "in", "known"},
    "money": {"eq", "ne", "gt", "gte", "lt", "lte", "in", "known"},
    "years": {"eq", "ne", "gt", "gte", "lt", "lte", "in", "known"},
    "enum": {"eq", "ne", "in", "known"},
    "set": {"contains", "known"},
    "provisions": {"some", "every", "known"},
    "text": {"known"},
}


def check_project(project: Project) -> Iterator[Problem]:
    for jurisdiction in project.jurisdictions.values():
        yield from _check_file_name(jurisdiction)
        yield from check_jurisdiction(jurisdiction, project.vocabulary)
    for framework in project.frameworks.values():
        yield from _check_framework(framework, project)
        rules = project.rules.get(framework.id, ())
        yield from _check_rules(framework, rules, project.complete)
        yield from _check_calibrations(framework, rules, project)
        baseline = project.jurisdictions.get(framework.baseline) if framework.baseline else None
        if framework.baseline and baseline is None:
            baseline = MISSING  # reported once above (or its file failed to load)
        for rule in rules:
            for tier in rule.tiers:
                yield from _check_condition(tier.when, project.vocabulary, baseline)
    yield from check_cards(project)


def _problem(where: Where, message: str) -> Problem:
    return Problem(where.file, where.line, message)


def _check_file_name(jurisdiction: Jurisdiction) -> Iterator[Problem]:
    """A statute file is named after its jurisdiction: commands that grade one read only <id>.yaml."""
    name = PurePath(jurisdiction.where.file).name
    if name != f"{jurisdiction.id}.yaml":
        yield _problem(jurisdiction.where, f"jurisdiction id '{jurisdiction.id}' differs from its file name "
                                           f"'{name}' (name the file {jurisdiction.id}.yaml)")


def check_jurisdiction(jurisdiction: Jurisdiction, vocabulary: Vocabulary) -> Iterator[Problem]:
    """Provision ids are unique, provision lists name provisions of the same jurisdiction (in force on
    some date of the file), and the law's dates are in order."""
    seen: dict[str, Where] = {}
    for provision in jurisdiction.timeline:
        if provision.id in seen:
            yield _problem(provision.where, f"duplicate provision id '{provision.id}' (first at line "
                                            f"{seen[provision.id].line})")
        seen.setdefault(provision.id, provision.where)
    for _, fact, ref in provision_references(jurisdiction, vocabulary):
        if ref not in seen:
            yield _problem(fact.where, f"{fact.name}: unknown provision '{ref}' in "
                                       f"{jurisdiction.id}{did_you_mean(ref, seen)}")
    for kind in jurisdiction.complete_for:  # a misspelt kind would silently claim nothing
        if kind not in vocabulary.kinds:
            yield _problem(jurisdiction.where, f"complete_for: unknown provision kind '{kind}'"
                                               f"{did_you_mean(kind, vocabulary.kinds)}")
    yield from _check_dates(jurisdiction)


def _check_dates(jurisdiction: Jurisdiction) -> Iterator[Problem]:
    """Dates the law could not have: a span that ends before it starts, a repeal not after its
    provision took effect, a value dated after the file's latest date, history out of order."""
    first, last = jurisdiction.earliest or jurisdiction.as_of, jurisdiction.latest or jurisdiction.as_of
    if first > last:
        yield _problem(jurisdiction.where, f"'from' {first} is after 'as_of' {last}: the file states the law "
                                           f"from its earliest date to its latest")
    for provision in jurisdiction.timeline:
        if provision.effective and provision.effective > last:
            yield _problem(provision.where, f"{provision.id} takes effect {provision.effective}, after the "
                                            f"latest date the file states ({last}); raise 'as_of' or leave it out")
        if provision.repealed and provision.effective and provision.repealed <= provision.effective:
            yield _problem(provision.where, f"{provision.id} is repealed {provision.repealed}, not after it "
                                            f"takes effect ({provision.effective})")
        for values in provision.history.values():
            for before, entry in zip((None, *values), values, strict=False):
                if entry.since is None:
                    continue
                if entry.since > last:
                    yield _problem(entry.where, f"{entry.name}: dated {entry.since}, after the latest date the "
                                                f"file states ({last})")
                if before is not None and before.since is not None and entry.since <= before.since:
                    what = "shares its date with" if entry.since == before.since else "is dated before"
                    yield _problem(entry.where, f"{entry.name}: the value from {entry.since} {what} the one "
                                                f"above it (line {before.where.line}); list a history oldest "
                                                f"first, one value per date")


def provision_references(jurisdiction: Jurisdiction, vocabulary: Vocabulary) -> Iterator[tuple[Provision, Fact, str]]:
    """Every provision id listed by a `provisions` fact on any date, with the provision and fact that list it."""
    for provision in jurisdiction.timeline:
        for values in provision.history.values():
            for fact in values:
                definition = vocabulary.facts.get(fact.name)
                if definition is not None and definition.type == "provisions" and fact.value is not None:
                    for ref in fact.value:
                        yield provision, fact, ref


def _check_framework(framework: Framework, project: Project) -> Iterator[Problem]:
    for section_id, count in Counter(s.id for s in framework.sections).items():
        if count > 1:
            yield _problem(framework.where, f"section '{section_id}' is listed {count} times")
    components = Counter(c for s in framework.sections for c in s.components)
    for component, count in components.items():
        if count > 1:
            yield _problem(framework.where, f"component '{component}' is listed {count} times")
    for component in framework.summary_components:
        if component not in components:
            yield _problem(framework.where, f"summary names unknown component '{component}'"
                                            f"{did_you_mean(component, components)}")
    if framework.baseline and framework.baseline not in project.jurisdictions and project.complete:
        yield _problem(framework.where, f"benchmark jurisdiction '{framework.baseline}' not found in the "
                                        f"statutes{did_you_mean(framework.baseline, project.jurisdictions)}")
    mins = [band.min for band in framework.grades]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
        yield _problem(framework.where, "grades must be listed highest first, with distinct minimums")


def _check_rules(framework: Framework, rules: tuple[Rule, ...], complete: bool) -> Iterator[Problem]:
    sections = {s.id: s for s in framework.sections}
    home = {c: s.id for s in framework.sections for c in s.components}
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id:
            yield _problem(rule.where, f"duplicate rule id '{rule.id}' (also in {by_id[rule.id].where.file})")
            continue
        by_id[rule.id] = rule
        if rule.section not in sections:
            yield _problem(rule.where, f"section '{rule.section}' is not in framework '{framework.id}'"
                                       f"{did_you_mean(rule.section, sections)}")
        elif rule.id not in home:
            yield _problem(rule.where, f"component '{rule.id}' is not listed in section '{rule.section}' "
                                       f"of framework '{framework.id}'")
        elif home[rule.id] != rule.section:
            yield _problem(rule.where, f"component '{rule.id}' belongs to section '{home[rule.id]}', "
                                       f"not '{rule.section}'")
        previous = None
        for index, tier in enumerate(rule.tiers, 1):
            if tier.points > rule.max:
                yield _problem(tier.where, f"tier {index} is worth {tier.points} points, more than the "
                                           f"rule's max of {rule.max}")
            if previous is not None and tier.points >= previous:
                yield _problem(tier.where, f"tier {index} ({tier.points} points) must be worth less than "
                                           f"the tier before it ({previous}): the first tier met wins")
            previous = tier.points
        yield from _check_clauses(framework, rule)
    if not complete:  # a rule file that failed to load would make these checks report falsely
        return
    for section in framework.sections:
        for component in section.components:
            if component not in by_id:
                yield _problem(section.where, f"component '{component}' of section '{section.id}' has no rule")
        total = sum((by_id[c].max for c in section.components if c in by_id), Decimal(0))
        if all(c in by_id for c in section.components) and total != section.max:
            yield _problem(section.where, f"the rules of section '{section.id}' add up to {total.normalize():f} "
                                          f"points, not the section's max of {section.max.normalize():f}")


def _check_clauses(framework: Framework, rule: Rule) -> Iterator[Problem]:
    """Every tier cites the partial-credit scheme, and its points are what the cited clauses fix."""
    scheme = framework.scheme
    if scheme is None:
        return
    known = [c.id for c in scheme.clauses]
    for index, tier in enumerate(rule.tiers, 1):
        if not tier.clauses:
            yield _problem(tier.where, f"tier {index} cites no clause of the partial-credit scheme "
                                       f"(add 'clause:' with one of: {', '.join(known)})")
            continue
        unknown = [c for c in tier.clauses if scheme.clause(c) is None]
        for clause in unknown:
            yield _problem(tier.where, f"tier {index} cites unknown clause '{clause}'{did_you_mean(clause, known)}")
        if unknown:
            continue
        calibrated = rule.calibration.deductions if rule.calibration else {}
        fixed = scheme.points(rule.max, tier.clauses, calibrated)
        if fixed != tier.points:
            sized = ", ".join(f"{c} calibrated to {calibrated[c]}" if c in calibrated else c for c in tier.clauses)
            yield _problem(tier.where, f"tier {index} is worth {tier.points} points, but its clauses "
                                       f"({sized}) fix {fixed.normalize():f}")
    if rule.tiers and rule.tiers[0].points != rule.max:
        yield _problem(rule.tiers[0].where, f"no tier of component '{rule.id}' earns its max of {rule.max}, so "
                                            f"section '{rule.section}' can no longer add up to its maximum")


def _check_calibrations(framework: Framework, rules: tuple[Rule, ...], project: Project) -> Iterator[Problem]:
    """A calibrated size names known clauses that its tiers cite, departs from the default, and rests on
    published cards that exist and say what the evidence claims of them."""
    scheme = framework.scheme
    cards = {f"{c.jurisdiction}-{c.edition.value}": c for c in project.evidence_cards if c.framework == framework.id}
    for rule in rules:
        calibration = rule.calibration
        if calibration is None:
            continue
        where = calibration.where
        if scheme is None:
            yield _problem(where, f"framework '{framework.id}' has no partial-credit scheme to calibrate")
            continue
        cited = {c for tier in rule.tiers for c in tier.clauses}
        for clause_id, deduction in calibration.deductions.items():
            clause = scheme.clause(clause_id)
            if clause is None:
                yield _problem(where, f"calibrates unknown clause '{clause_id}'"
                                      f"{did_you_mean(clause_id, [c.id for c in scheme.clauses])}")
            elif not clause.deduction:
                yield _problem(where, f"clause '{clause_id}' is full credit and costs nothing: it cannot be calibrated")
            elif deduction == clause.deduction:
                yield _problem(where, f"clause '{clause_id}' is calibrated to {deduction}, the scheme's own "
                                      "deduction: remove it")
            elif clause_id not in cited:
                yield _problem(where, f"clause '{clause_id}' is calibrated, but no tier of component '{rule.id}' "
                                      "cites it")
        for evidence in calibration.evidence if project.cards_read else ():  # a report reads no cards
            yield from _check_evidence(evidence, rule, cards, project.complete)


def _check_evidence(evidence: Evidence, rule: Rule, cards: dict[str, PublishedCard],
                    complete: bool) -> Iterator[Problem]:
    card = cards.get(evidence.card)
    if card is None:
        if complete:  # a card file that failed to load is reported already
            yield _problem(evidence.where, f"evidence names card '{evidence.card}', which is not in published/"
                                           f"{did_you_mean(evidence.card, cards)}")
        return
    if evidence.section is not None and evidence.section != rule.section:
        yield _problem(evidence.where, f"evidence names section '{evidence.section}', but component '{rule.id}' "
                                       f"is in section '{rule.section}'")
        return
    if evidence.shows == "finding":
        return
    if evidence.section is None:
        yield _problem(evidence.where, f"evidence that shows {evidence.shows} names the section it reads "
                                       f"(add 'section: \"{rule.section}\"')")
        return
    # Whether a section was full is the card's fact at its own date: a section that has gained a
    # component since has a larger maximum today, so only the score's existence is checked here.
    if not any(s.id == evidence.section for s in card.sections):
        yield _problem(evidence.where, f"card '{evidence.card}' publishes no score for section '{evidence.section}'")


def _check_condition(node: object, vocabulary: Vocabulary, baseline: Jurisdiction | None) -> Iterator[Problem]:
    if isinstance(node, Logic):
        for item in node.items:
            yield from _check_condition(item, vocabulary, baseline)
    elif isinstance(node, Quantified | Refers):
        for kind in node.kinds:
            if kind not in vocabulary.kinds:
                yield _problem(node.where, f"unknown provision kind '{kind}'{did_you_mean(kind, vocabulary.kinds)}")
        if isinstance(node, Refers):
            yield from _check_fact(node.fact, node.quantifier, node.where, vocabulary)
        if node.condition is not None:
            yield from _check_condition(node.condition, vocabulary, baseline)
    elif isinstance(node, Compare):
        yield from _check_compare(node, vocabulary, baseline)


def _check_fact(name: str, op: str, where: Where, vocabulary: Vocabulary) -> Iterator[Problem]:
    fact = vocabulary.facts.get(name)
    if fact is None:
        yield _problem(where, f"unknown fact '{name}'{did_you_mean(name, vocabulary.facts)}")
    elif op not in OPERATORS[fact.type]:
        yield _problem(where, f"'{op}' does not apply to {fact.type} fact '{name}' "
                              f"(use one of: {', '.join(sorted(OPERATORS[fact.type]))})")


def _check_compare(node: Compare, vocabulary: Vocabulary, baseline: Jurisdiction | None) -> Iterator[Problem]:
    problems = list(_check_fact(node.fact, node.op, node.where, vocabulary))
    yield from problems
    if problems or node.op == "known":
        return
    fact = vocabulary.facts[node.fact]
    operands = node.value if node.op == "in" else (node.value,)
    for operand in operands:
        if isinstance(operand, SameFact):
            other = vocabulary.facts.get(operand.fact)
            if other is None:
                yield _problem(node.where,
                               f"unknown fact '{operand.fact}'{did_you_mean(operand.fact, vocabulary.facts)}")
            elif other.type != fact.type:
                yield _problem(node.where, f"cannot compare {fact.type} fact '{node.fact}' with "
                                           f"{other.type} fact '{operand.fact}'")
            continue
        if isinstance(operand, BaselineValue):
            yield from _check_baseline(node, operand, vocabulary, baseline)
            continue
        expected = _operand_problem(fact.type, fact.values, operand)
        if expected:
            yield _problem(node.where, f"{node.fact} {node.op}: {expected}")


def _operand_problem(fact_type: str, values: tuple[str, ...], operand: object) -> str | None:
    is_number = isinstance(operand, int | Decimal) and not isinstance(operand, bool)
    if fact_type == "boolean" and not isinstance(operand, bool):
        return f"expected true or false, found {operand!r}"
    if fact_type in ("integer", "number", "money") and not is_number:
        return f"expected a number, found {operand!r}"
    if fact_type == "years" and not (is_number or operand == LIFE):
        return f"expected a number of years or 'life', found {operand!r}"
    if fact_type in ("enum", "set") and operand not in values:
        return f"'{operand}' is not one of: {', '.join(values)}{did_you_mean(str(operand), values)}"
    return None


def _check_baseline(node: Compare, operand: BaselineValue, vocabulary: Vocabulary,
                    baseline: Jurisdiction | None) -> Iterator[Problem]:
    if baseline is MISSING:
        return
    if baseline is None:
        yield _problem(node.where, "compares against the benchmark, but the framework names no benchmark "
                                   "jurisdiction that the statutes hold")
        return
    if operand.provision not in baseline.by_id:
        yield _problem(node.where, f"unknown {baseline.id} provision '{operand.provision}'"
                                   f"{did_you_mean(operand.provision, baseline.by_id)}")
    other = vocabulary.facts.get(operand.fact)
    if other is None:
        yield _problem(node.where, f"unknown fact '{operand.fact}'{did_you_mean(operand.fact, vocabulary.facts)}")
    elif other.type != vocabulary.facts[node.fact].type:
        yield _problem(node.where, f"cannot compare {vocabulary.facts[node.fact].type} fact '{node.fact}' with "
                                   f"{other.type} fact '{operand.fact}'")
