"""The condition vocabulary: each operator, three-valued results, and what a trace records."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.documents import parse_document
from analyzer.evaluate import Evaluator, Truth
from analyzer.load import _condition, jurisdiction_from, read_vocabulary

MINI = Path(__file__).parent / "data" / "mini"
VOCABULARY = read_vocabulary(MINI / "rules" / "vocabulary.yaml")

PROVISIONS = """
jurisdiction: {id: s, name: S, as_of: "2020-01-01"}
provisions:
  - {id: o-1, citation: S § 1, title: Child trafficking, kind: offense, source: t,
     facts: {age_limit: 18, means_required: false, max_prison: life, fine: 250000, parties: [buyers, sellers],
             label: text}}
  - {id: o-2, citation: S § 2, title: Old offense, kind: offense, source: t,
     facts: {age_limit: 16, means_required: true, max_prison: 7}}
  - {id: d-1, citation: S § 3, title: Defense, kind: defense, source: t, facts: {treatment: defense}}
  - {id: e-1, citation: S § 4, title: Gangs, kind: enterprise, source: t, facts: {predicates: [o-2]}}
"""
BASELINE = """
jurisdiction: {id: fed, name: Federal, as_of: "2020-01-01"}
provisions:
  - {id: fed-1, citation: 18 U.S.C. § 1, title: Baseline, kind: offense, source: t,
     facts: {age_limit: 18, max_prison: life}}
"""


def jurisdiction(text: str):
    doc = parse_document(text, "j.yaml")
    return jurisdiction_from(doc, doc.data)


EVALUATOR = Evaluator(jurisdiction(PROVISIONS), VOCABULARY, jurisdiction(BASELINE))


def evaluate(condition: str):
    doc = parse_document(condition, "rule.yaml")
    return EVALUATOR.condition(_condition(doc, doc.data, ()))


def where(clause: str) -> str:
    return f"some: {{kind: offense, where: {clause}}}"


@pytest.mark.parametrize(("clause", "expected"), [
    ("{fact: age_limit, eq: 18}", Truth.MET),
    ("{fact: age_limit, eq: 17}", Truth.UNMET),
    ("{fact: means_required, ne: true}", Truth.MET),
    ("{fact: age_limit, gt: 18}", Truth.UNMET),
    ("{fact: age_limit, gte: 18}", Truth.MET),
    ("{fact: age_limit, lt: 17}", Truth.MET),
    ("{fact: age_limit, lte: 15}", Truth.UNMET),
    ("{fact: age_limit, in: [17, 18]}", Truth.MET),
    ("{fact: parties, contains: buyers}", Truth.MET),
    ("{fact: label, known: true}", Truth.MET),
    ("{fact: fine, gte: 250000}", Truth.MET),
    ("{fact: fine, gt: 250000}", Truth.UNKNOWN),  # o-1 falls short, o-2 states no fine
])
def test_each_comparison_operator(clause: str, expected: Truth) -> None:
    assert evaluate(where(clause)).result is expected


def test_life_imprisonment_outranks_any_number_of_years() -> None:
    assert evaluate(where("{fact: max_prison, gte: 99}")).result is Truth.MET
    assert evaluate(where("{fact: max_prison, eq: life}")).result is Truth.MET
    assert evaluate("every: {kind: offense, where: {fact: max_prison, gte: 10}}").result is Truth.UNMET


def test_a_fact_the_statute_does_not_state_is_unknown_not_unmet() -> None:
    assert evaluate("some: {kind: defense, where: {fact: parties, contains: buyers}}").result is Truth.UNKNOWN
    assert evaluate("some: {kind: defense, where: {fact: parties, known: false}}").result is Truth.MET


def test_some_every_and_not() -> None:
    assert evaluate("some: {kind: offense, where: {fact: means_required, eq: true}}").result is Truth.MET
    assert evaluate("every: {kind: offense, where: {fact: means_required, eq: false}}").result is Truth.UNMET
    assert evaluate("not: {some: {kind: offense, where: {fact: means_required, eq: true}}}").result is Truth.UNMET
    assert evaluate("some: {kind: [defense, offense]}").result is Truth.MET


def test_no_provision_of_a_kind_is_unmet_for_some_and_vacuously_met_for_every() -> None:
    empty = Evaluator(jurisdiction('jurisdiction: {id: e, name: E, as_of: "2020-01-01"}\nprovisions: []\n'),
                      VOCABULARY)
    doc = parse_document("some: {kind: offense}", "r.yaml")
    assert empty.condition(_condition(doc, doc.data, ())).result is Truth.UNMET
    doc = parse_document("every: {kind: offense, where: {fact: age_limit, gte: 18}}", "r.yaml")
    assert empty.condition(_condition(doc, doc.data, ())).result is Truth.MET


@pytest.mark.parametrize(("items", "all_result", "any_result"), [
    (["MET", "MET"], Truth.MET, Truth.MET),
    (["MET", "UNMET"], Truth.UNMET, Truth.MET),
    (["MET", "UNKNOWN"], Truth.UNKNOWN, Truth.MET),
    (["UNMET", "UNKNOWN"], Truth.UNMET, Truth.UNKNOWN),
    (["UNKNOWN", "UNKNOWN"], Truth.UNKNOWN, Truth.UNKNOWN),
])
def test_all_and_any_follow_three_valued_logic(items: list[str], all_result: Truth, any_result: Truth) -> None:
    clause = {"MET": where("{fact: age_limit, eq: 18}"), "UNMET": where("{fact: age_limit, eq: 1}"),
              "UNKNOWN": "some: {kind: defense, where: {fact: fine, gte: 1}}"}
    listed = ", ".join("{" + clause[i] + "}" for i in items)
    assert evaluate(f"all: [{listed}]").result is all_result
    assert evaluate(f"any: [{listed}]").result is any_result
    negated = {Truth.MET: Truth.UNMET, Truth.UNMET: Truth.MET, Truth.UNKNOWN: Truth.UNKNOWN}
    assert evaluate(f"not: {{all: [{listed}]}}").result is negated[all_result]


def test_comparison_against_the_baseline_reads_the_federal_fact() -> None:
    trace = evaluate(where("{fact: max_prison, gte: {baseline: fed-1, fact: max_prison}}"))
    assert trace.result is Truth.MET
    readings = [r for branch in trace.children for node in branch.children for r in node.readings]
    assert ("fed", "fed-1", "max_prison", "life") in {(r.jurisdiction, r.provision, r.fact, r.value) for r in readings}


def test_provisions_facts_quantify_over_the_listed_provisions() -> None:
    met = evaluate("some: {kind: enterprise, where: {fact: predicates, some: {kind: offense}}}")
    assert met.result is Truth.MET
    assert met.evidence == {"e-1", "o-2"}  # the enterprise statute and the predicate it lists
    unmet = evaluate("some: {kind: enterprise, where: {fact: predicates, some: {where: {fact: age_limit, gte: 18}}}}")
    assert unmet.result is Truth.UNMET


def test_evidence_is_the_provisions_that_decided_the_result() -> None:
    met = evaluate(where("{fact: age_limit, gte: 18}"))
    assert met.evidence == {"o-1"}  # o-2 was examined but did not meet it
    unmet = evaluate(where("{fact: age_limit, gte: 21}"))
    assert unmet.evidence == {"o-1", "o-2"}  # every provision that fell short
