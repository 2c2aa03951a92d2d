"""South Carolina, encoded blind from its Code (no published card was consulted).

These tests pin what is particular to this file (its law dates, that every value short of confirmed
says why, no card) and record what the tool measures on it at the two law dates (30 June 2019 and
1 January 2025, the latest date whose text was read): the share of confirmed facts per date, and the
scores and undetermined components the rules give. The measured numbers are records, not targets:
when a rule or a fact changes, update them with the reason. The checks every statute file gets are in
test_statute_evidence.py.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.statute_files import (
    ROOT,
    confirmed_share,
    encoding,
    openable,
    provisions,
    report,
    report_of_law_on,
    section_scores,
    stated_values,
    undetermined,
)

NAME = "south-carolina"
STATUTE = ROOT / "statutes" / f"{NAME}.yaml"
DATES = ("2019-06-30", "2025-01-01")

# Facts in force on each date and how many of them are confirmed (measured on the encoding).
MEASURED_FACTS = {"2019-06-30": (111, 169), "2025-01-01": (153, 169)}
# What the rules give on the encoded facts at each date (measured, not a claim about any card).
MEASURED = {
    # 2.6 full since its rule lets a general patronizing law with no minor term pass (was 74, 2.6 at 1.5
    # undetermined, because 16-15-90(3) states no mistake-of-age rule: age is no element of it).
    "2019-06-30": {"score": 75, "grade": "C",
                   "sections": {"1": 10, "2": 20.5, "3": 8, "4": 6.5, "5": 23, "6": 7},
                   "undetermined": ["5.2"], "points_on_inferred_or_recalled": 45},
    "2025-01-01": {"score": 75, "grade": "C",
                   "sections": {"1": 10, "2": 20.5, "3": 8, "4": 6.5, "5": 23, "6": 7},
                   "undetermined": ["5.2"], "points_on_inferred_or_recalled": 14.5},
}


def test_the_law_dates_and_the_note_says_what_was_read() -> None:
    head = encoding(NAME)["jurisdiction"]
    assert head["id"] == NAME and head["type"] == "state"
    assert date.fromisoformat(head["from"]) == date(2019, 6, 30)
    assert date.fromisoformat(head["as_of"]) == date(2025, 1, 1)
    assert "2024 Act No. 213" in head["note"] and "not read" in head["note"]


def test_dates_are_quoted_strings() -> None:
    text = STATUTE.read_text(encoding="utf-8")
    assert not re.search(r"(from|as_of|effective|repealed):\s+\d{4}-\d{2}-\d{2}\s*$", text, re.MULTILINE)


@pytest.mark.parametrize("provision_id, name, value", stated_values(NAME),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_value_short_of_confirmed_says_why(provision_id: str, name: str, value: dict[str, Any]) -> None:
    if value["confidence"] != "confirmed":
        assert value.get("note", "").strip(), f"{provision_id}.{name}: an unconfirmed value says why"
    if "source" in value:
        assert openable(value["source"]), f"{provision_id}.{name}: source {value['source']!r}"


@pytest.mark.parametrize("provision", provisions(NAME), ids=lambda p: p["id"])
def test_every_provision_names_an_address(provision: dict[str, Any]) -> None:
    assert openable(provision["source"]), provision["source"]


def test_the_encoding_does_not_cite_a_published_card() -> None:
    text = STATUTE.read_text(encoding="utf-8").lower()
    assert "sharedhope" not in text and "report card" not in text


@pytest.mark.parametrize("day", DATES)
def test_share_of_confirmed_facts_per_date(day: str) -> None:
    confirmed, stated = confirmed_share(NAME, day)
    assert (confirmed, stated) == MEASURED_FACTS[day]
    assert confirmed / stated >= 0.6


def check_card(card: dict[str, Any], measured: dict[str, Any]) -> None:
    assert (card["score"], card["grade"]) == (measured["score"], measured["grade"])
    assert section_scores(card) == measured["sections"]
    assert undetermined(card) == measured["undetermined"] and len(measured["undetermined"]) <= 3
    assert card["evidence"]["points_on_inferred_or_recalled"] == measured["points_on_inferred_or_recalled"]


@pytest.mark.parametrize("day", DATES)
def test_measured_result_of_each_date_graded_alone(day: str, tmp_path: Path) -> None:
    check_card(report_of_law_on(NAME, day, tmp_path), MEASURED[day])


@pytest.mark.parametrize("day", DATES)
def test_measured_result_per_date(day: str) -> None:
    check_card(report(NAME, day), MEASURED[day])
