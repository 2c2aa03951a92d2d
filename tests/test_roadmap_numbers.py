"""A roadmap's numbers add up, for every shipped state and any target: each component below full
credit after the plan appears exactly once (an option, or one that cannot be lifted), an option's
gain is at most what its component lacks, the plan only lifts, and no drafted age bar reads "under 1"."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.pipeline import law_on, pick_framework
from analyzer.roadmap import roadmap
from tests.test_properties import project


@cache
def shipped() -> tuple[str, ...]:
    framework = pick_framework(project(), None)
    return tuple(sorted(j for j in project().jurisdictions if j != framework.baseline))


def targets() -> st.SearchStrategy[str]:
    framework = pick_framework(project(), None)
    letters = st.sampled_from([band.grade for band in framework.grades])
    points = st.integers(0, int(framework.max * 2)).map(lambda n: f"{n / 2:g}")
    return st.one_of(letters, points)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(state=st.sampled_from(shipped()), target=targets())
def test_every_component_below_full_is_accounted_for_once_and_gains_fit(state: str, target: str) -> None:
    numbers_add_up(state, target)


@pytest.mark.parametrize("state", shipped())
def test_every_shipped_state_to_grade_a_and_to_the_maximum(state: str) -> None:
    numbers_add_up(state, "A")
    numbers_add_up(state, str(pick_framework(project(), None).max))


def numbers_add_up(state: str, target: str) -> None:
    framework = pick_framework(project(), None)
    result = roadmap(project(), law_on(project().jurisdictions[state], None), framework, target)
    listed = [a.component for a in result.alternatives] + [cid for cid, _ in result.unreachable]
    after = {c.rule.id: c for c in result.after.components}
    for cid, c in after.items():  # below full: an option or cannot be lifted, once; at full: neither
        assert listed.count(cid) == (1 if c.points < c.rule.max else 0), (cid, c.points, listed)
    for option in result.alternatives:
        lacking = after[option.component].rule.max - after[option.component].points
        assert 0 < option.gain <= lacking, (option.component, option.gain, lacking)
    for change in result.changes:
        for cid, _, before, now in change.lifts:
            assert before < now <= after[cid].rule.max, (cid, before, now)  # a plan lifts; it lists no fall
        for fact in change.facts:
            if project().vocabulary.facts[fact.fact].unit == "years of age" and isinstance(fact.new, int):
                assert fact.new >= 12, (change.provision, fact.fact, fact.new)  # a bar for minors, not "under 1"
