"""Nebraska, encoded blind from its statutes (no published card was consulted).

These tests pin what is particular to this file (its span, the renumbered abuse-material sections,
no card, the kinds declared complete after the second reading) and the results measured after the
second reading (issue 27, statutes/second-reading/nebraska.md): the share of confirmed facts and the
number of undetermined components on 1 September 2019 (the 2019 cards' law date, when the 2019
session's acts were in force) and today, and the scores the rules gave then. The checks every
statute file gets are in test_statute_evidence.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.statute_files import (
    ROOT,
    confirmed_share,
    encoding,
    openable,
    provisions,
    report,
    section_scores,
    undetermined,
)

NAME = "nebraska"
LAW_2019 = "2019-09-01"
TODAY = "2025-09-03"

# Measured with the rules of this commit (gap-analyzer report nebraska --as-of DATE --format json).
MEASURED = {
    LAW_2019: {"score": 84, "grade": "B", "sections": {"1": 10, "2": 20.5, "3": 10, "4": 6.5, "5": 23.5, "6": 13.5}},
    TODAY: {"score": 87, "grade": "B", "sections": {"1": 10, "2": 22, "3": 11.5, "4": 6.5, "5": 23.5, "6": 13.5}},
}


def test_the_span_runs_from_the_2019_law_date_to_today_and_the_note_says_why() -> None:
    head = encoding(NAME)["jurisdiction"]
    assert head["id"] == NAME and head["type"] == "state"
    assert date.fromisoformat(head["from"]) == date(2019, 6, 30)
    assert date.fromisoformat(head["as_of"]) == date(2025, 9, 3)
    assert "LB519" in head["note"] and "LB383" in head["note"]


@pytest.mark.parametrize("on, least", [(LAW_2019, 0.80), (TODAY, 0.90)])
def test_the_share_of_confirmed_facts_on_each_date(on: str, least: float) -> None:
    confirmed, stated = confirmed_share(NAME, on)
    assert confirmed / stated >= least, (confirmed, stated)


@pytest.mark.parametrize("provision", provisions(NAME), ids=lambda p: p["id"])
def test_every_provision_names_an_address(provision: dict) -> None:
    assert openable(provision["source"]), provision["source"]


def test_the_renumbered_abuse_material_sections_hand_over_on_one_day() -> None:
    by_id = {p["id"]: p for p in provisions(NAME)}
    for old, new in [("ne-28-1463.03", "ne-28-1805"), ("ne-28-1463.05", "ne-28-1804"), ("ne-28-813.01", "ne-28-1803")]:
        assert by_id[old]["repealed"] == by_id[new]["effective"] == TODAY


def test_the_encoding_does_not_cite_a_published_card() -> None:
    text = (ROOT / "statutes" / f"{NAME}.yaml").read_text(encoding="utf-8").lower()
    assert "sharedhope" not in text and "report card" not in text
    assert not (ROOT / "published" / "pic" / "nebraska-2019.yaml").exists()


@pytest.mark.parametrize("on", [LAW_2019, TODAY])
def test_at_most_one_component_is_undetermined(on: str) -> None:
    assert len(undetermined(report(NAME, on))) <= 1, undetermined(report(NAME, on))


def test_the_kinds_read_in_full_are_declared_and_sex_tourism_is_a_finding_of_no_law() -> None:
    head = encoding(NAME)["jurisdiction"]
    assert set(head["complete_for"]) == {"sex_tourism_offense", "training_provision", "missing_child_reporting"}
    for on in (LAW_2019, TODAY):
        tourism = next(c for c in report(NAME, on)["components"] if c["id"] == "4.3")
        assert tourism["points"] == 0 and tourism["no_such_law"] and not tourism["not_encoded"]


@pytest.mark.parametrize("on", [LAW_2019, TODAY])
def test_located_children_are_reported_through_the_clearinghouse(on: str) -> None:
    component = next(c for c in report(NAME, on)["components"] if c["id"] == "6.6")
    assert component["points"] == component["max"] and "ne-29-214" in component["provisions"]


def test_the_second_reading_is_recorded() -> None:
    record = (ROOT / "statutes" / "second-reading" / f"{NAME}.md").read_text(encoding="utf-8")
    assert "2019-09-01" in record and "| agree? |" in record


@pytest.mark.parametrize("on", [LAW_2019, TODAY])
def test_the_scores_measured_when_the_encoding_was_written(on: str) -> None:
    card = report(NAME, on)
    assert (card["score"], card["grade"]) == (MEASURED[on]["score"], MEASURED[on]["grade"])
    assert section_scores(card) == MEASURED[on]["sections"]
