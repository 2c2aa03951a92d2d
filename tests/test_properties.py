"""Properties of scoring and amendments over small random jurisdictions drawn from the vocabulary.

Whatever the law says: the total stays within [0, max] and is the sum of the sections; adding
protection (a stricter penalty, a higher age limit, dropping a force/fraud/coercion requirement)
never costs a component points; and an amendment followed by its inverse restores the report.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.amend import apply_amendment, provision_data
from analyzer.documents import parse_document
from analyzer.model import Fact, FactDef, Jurisdiction, Project, Provision, Where
from analyzer.paths import default_dir
from analyzer.render.data import report_data

FAST = settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
HERE = Where("generated", 1)
AS_OF = "2000-01-01"
AGE = st.integers(min_value=10, max_value=18)


@cache
def project() -> Project:
    from analyzer.pipeline import load

    return load(default_dir("rules"), default_dir("statutes"))


def framework() -> Any:
    from analyzer.pipeline import pick_framework

    return pick_framework(project(), None)


def grade(jurisdiction: Jurisdiction) -> Any:
    from analyzer.pipeline import report

    return report(project(), jurisdiction, framework())


@cache
def read_by_rules() -> tuple[tuple[str, ...], tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The kinds and facts the rules read, and for each fact the kinds whose provisions it is read
    from: drawing from these makes examples that move points."""
    from analyzer.model import Compare, Logic, Quantified, Refers

    kinds: set[str] = set()
    facts: dict[str, set[str]] = {}

    def walk(node: Any, around: tuple[str, ...]) -> None:
        if isinstance(node, Logic):
            for item in node.items:
                walk(item, around)
        elif isinstance(node, Quantified | Refers):
            kinds.update(node.kinds)
            if isinstance(node, Refers):
                facts.setdefault(node.fact, set()).update(around)
            if node.condition is not None:
                walk(node.condition, node.kinds or around)
        elif isinstance(node, Compare):
            facts.setdefault(node.fact, set()).update(around)

    for rules in project().rules.values():
        for rule in rules:
            for tier in rule.tiers:
                walk(tier.when, ())
    vocabulary = project().vocabulary
    return (tuple(sorted(kinds or vocabulary.kinds)), tuple(sorted(facts or vocabulary.facts)),
            {f: tuple(sorted(k)) for f, k in facts.items()})


def value_of(fact: FactDef, ids: list[str]) -> st.SearchStrategy[Any]:
    if fact.type == "provisions":
        return st.lists(st.sampled_from(ids), unique=True).map(tuple) if ids else st.just(())
    return {
        "boolean": st.booleans(),
        "integer": AGE,
        "number": st.integers(min_value=0, max_value=50),
        "money": st.integers(min_value=0, max_value=500_000),
        "years": st.one_of(st.integers(min_value=0, max_value=99), st.just("life")),
        "enum": st.sampled_from(fact.values),
        "set": st.lists(st.sampled_from(fact.values), unique=True).map(lambda v: tuple(sorted(v))),
        "text": st.just("stated"),
    }[fact.type]


@st.composite
def provisions(draw: st.DrawFn, ids: list[str], prefix: str = "p", must: tuple[str, ...] = ()) -> Provision:
    vocabulary = project().vocabulary
    number = draw(st.integers(min_value=0, max_value=999))
    kinds, facts_read, kinds_reading = read_by_rules()
    focus = kinds_reading.get(must[0], ()) if must else ()
    kind = draw(st.sampled_from(focus) if focus else
                st.one_of(st.sampled_from(kinds), st.sampled_from(sorted(vocabulary.kinds))))
    names = draw(st.lists(st.one_of(st.sampled_from(facts_read), st.sampled_from(sorted(vocabulary.facts))),
                          unique=True, max_size=8))
    names = list(dict.fromkeys([*must, *names]))
    facts = {n: Fact(n, draw(value_of(vocabulary.facts[n], ids)), HERE) for n in names}
    pid = f"{prefix}{number}"
    return Provision(pid, f"Gen. § {pid}", f"Provision {pid}", kind, facts, "generated", HERE)


@st.composite
def jurisdictions(draw: st.DrawFn) -> Jurisdiction:
    count = draw(st.integers(min_value=0, max_value=4))
    ids = [f"p{i}" for i in range(count)]
    made = []
    for pid in ids:
        provision = draw(provisions(ids))
        made.append(Provision(pid, f"Gen. § {pid}", provision.title, provision.kind, provision.facts,
                              "generated", HERE))
    return Jurisdiction("gen", "Generated", AS_OF, tuple(made), HERE, "synthetic")


@given(jurisdictions())
@FAST
def test_total_is_within_bounds_and_sections_add_up(jurisdiction):
    result = grade(jurisdiction)
    assert Decimal(0) <= result.score <= result.max
    assert sum((s.score for s in result.sections), Decimal(0)) == result.score
    for section in result.sections:
        assert sum((c.points for c in section.components), Decimal(0)) == section.score
        assert Decimal(0) <= section.score <= section.section.max
    for component in result.components:
        assert Decimal(0) <= component.points <= component.rule.max


def stricter(fact: str, value: Any, draw: st.DrawFn) -> Any:
    """A value that protects at least as much as `value` (None: no stricter value exists)."""
    if fact in ("max_prison", "min_prison"):
        return None if value == "life" else draw(st.one_of(st.integers(value, value + 40), st.just("life")))
    if fact == "max_fine":
        return draw(st.integers(value, value + 500_000))
    if fact in ("minor_age_limit", "mistake_of_age_barred_under"):
        return None if value >= 18 else draw(st.integers(value + 1, 18))
    if fact == "means_required_for_minors":
        return False if value is True else None
    return None


PROTECTIVE = ("max_prison", "min_prison", "max_fine", "minor_age_limit", "mistake_of_age_barred_under",
              "means_required_for_minors")


@given(jurisdictions(), st.data())
@FAST
def test_adding_protection_never_lowers_a_component(jurisdiction, data):
    name = data.draw(st.sampled_from(PROTECTIVE))
    target = data.draw(provisions([p.id for p in jurisdiction.provisions], prefix="target", must=(name,)))
    value = stricter(name, target.facts[name].value, data.draw)
    if value is None:
        return
    facts = {**target.facts, name: Fact(name, value, HERE)}
    stronger = Provision(target.id, target.citation, target.title, target.kind, facts, target.source, HERE)
    before = grade(Jurisdiction("gen", "Generated", AS_OF, (*jurisdiction.provisions, target), HERE))
    after = grade(Jurisdiction("gen", "Generated", AS_OF, (*jurisdiction.provisions, stronger), HERE))
    points = {c.rule.id: c.points for c in before.components}
    lowered = {c.rule.id: (points[c.rule.id], c.points) for c in after.components if c.points < points[c.rule.id]}
    assert not lowered, f"{target.kind} {name}: {target.facts[name].value!r} -> {value!r} lowered {lowered}"


def amendment(changes: list[dict[str, Any]], effective: str, name: str) -> Any:
    text = yaml.safe_dump({"title": name, "bill": name, "jurisdiction": "gen", "effective": effective,
                           "source": "generated", "changes": changes}, sort_keys=False, allow_unicode=True)
    return parse_document(text, name)


def comparable(result: Any) -> dict[str, Any]:
    """The report without the law's date and amendment record, which an inverse rightly keeps."""
    data = report_data(result)
    data["jurisdiction"].pop("as_of")
    data.pop("amendments")
    return data


@given(jurisdictions(), st.data())
@FAST
def test_an_amendment_then_its_inverse_restores_the_report(jurisdiction, data):
    vocabulary = project().vocabulary
    ids = [p.id for p in jurisdiction.provisions]
    action = data.draw(st.sampled_from(["add", "set_facts", "remove_facts", "replace"] if ids else ["add"]))
    if action == "add":
        added = data.draw(provisions(ids, prefix="new"))
        change, inverse = {"add": provision_data(added)}, {"repeal": {"provision": added.id}}
    else:
        target = jurisdiction.by_id[data.draw(st.sampled_from(ids))]
        inverse = {"replace": provision_data(target)}
        if action == "replace":
            other = data.draw(provisions(ids))
            change = {"replace": {**provision_data(other), "id": target.id}}
        elif action == "set_facts":
            names = data.draw(st.lists(st.sampled_from(sorted(vocabulary.facts)), unique=True, min_size=1,
                                       max_size=4))
            values = {n: data.draw(value_of(vocabulary.facts[n], ids)) for n in names}
            change = {"set_facts": {"provision": target.id, "facts": {
                n: list(v) if isinstance(v, tuple) else v for n, v in values.items()}}}
        else:
            if not target.facts:
                return
            names = data.draw(st.lists(st.sampled_from(sorted(target.facts)), unique=True, min_size=1))
            change = {"remove_facts": {"provision": target.id, "facts": names}}
    amended = apply_amendment(jurisdiction, amendment([change], "2001-01-01", "change"), vocabulary)
    restored = apply_amendment(amended, amendment([inverse], "2002-01-01", "inverse"), vocabulary)
    assert [p.id for p in restored.provisions] == ids
    assert comparable(grade(restored)) == comparable(grade(jurisdiction))
    assert [a.bill for a in restored.amendments] == ["change", "inverse"]
