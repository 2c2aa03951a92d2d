"""Nebraska, encoded blind from its statutes (no published card was consulted).

These tests pin the shape of the encoding and the results measured when it was written: enough
provisions in force on each law date, every dated value pinned to a subsection with its own
confidence, every source something a reader can open, the share of confirmed facts and the number
of undetermined components on 30 June 2019 and today, and the scores the rules gave then.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from analyzer.cli import main

ROOT = Path(__file__).resolve().parents[1]
STATUTE = ROOT / "statutes" / "nebraska.yaml"
CONFIDENCES = {"confirmed", "inferred", "recalled"}
URL = re.compile(r"https?://\S+")
LAW_2019 = "2019-06-30"
TODAY = "2025-09-03"

# Measured with the rules of this commit (gap-analyzer report nebraska --as-of DATE --format json).
MEASURED = {
    LAW_2019: {"score": 71.5, "grade": "C", "sections": {"1": 10, "2": 20, "3": 9, "4": 6.5, "5": 18, "6": 8}},
    TODAY: {"score": 81, "grade": "B", "sections": {"1": 10, "2": 21.5, "3": 10.5, "4": 6.5, "5": 24.5, "6": 8}},
}


@cache
def encoding() -> dict[str, Any]:
    return yaml.safe_load(STATUTE.read_text(encoding="utf-8"))


def provisions() -> list[dict[str, Any]]:
    return encoding()["provisions"]


def in_force(provision: dict[str, Any], on: str) -> bool:
    return provision.get("effective", "0000") <= on and on < provision.get("repealed", "9999")


def entries(fact: dict[str, Any]) -> list[dict[str, Any]]:
    """Every dated value of a fact: its history entries, or the fact itself when it has none."""
    return fact.get("history", [fact])


def value_on(fact: dict[str, Any], on: str) -> dict[str, Any] | None:
    if "history" not in fact:
        return fact
    current = None
    for entry in fact["history"]:
        if entry["from"] <= on:
            current = entry
    return None if current is None or current.get("unstated") else current


def facts_on(on: str) -> list[dict[str, Any]]:
    return [value for p in provisions() if in_force(p, on)
            for fact in p["facts"].values() if (value := value_on(fact, on)) is not None]


def dated_values() -> list[tuple[str, str, dict[str, Any]]]:
    return [(p["id"], name, entry) for p in provisions() for name, fact in p["facts"].items()
            for entry in entries(fact) if not entry.get("unstated")]


def openable(source: str) -> bool:
    """An http(s) address, never a path on somebody's disk."""
    return bool(URL.search(source)) and "file://" not in source and not re.search(r"(^|\s)(/|~/|\./)", source)


def test_the_span_runs_from_the_2019_law_date_to_today_and_the_note_says_why() -> None:
    head = encoding()["jurisdiction"]
    assert head["id"] == "nebraska" and head["type"] == "state"
    assert date.fromisoformat(head["from"]) == date(2019, 6, 30)
    assert date.fromisoformat(head["as_of"]) == date(2025, 9, 3)
    assert "LB519" in head["note"] and "LB383" in head["note"]


@pytest.mark.parametrize("on", [LAW_2019, TODAY])
def test_at_least_thirty_provisions_in_force_on_each_date(on: str) -> None:
    ids = [p["id"] for p in provisions()]
    assert len(ids) == len(set(ids))
    assert sum(in_force(p, on) for p in provisions()) >= 30


@pytest.mark.parametrize("on, least", [(LAW_2019, 0.60), (TODAY, 0.80)])
def test_the_share_of_confirmed_facts_on_each_date(on: str, least: float) -> None:
    counts = Counter(value["confidence"] for value in facts_on(on))
    assert counts["confirmed"] / sum(counts.values()) >= least, counts


@pytest.mark.parametrize("provision_id, name, value", dated_values(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_dated_value_is_pinned_with_a_citation_and_its_own_confidence(provision_id: str, name: str,
                                                                             value: dict[str, Any]) -> None:
    assert value.get("citation", "").strip(), f"{provision_id}.{name} has no citation"
    assert value.get("confidence") in CONFIDENCES, f"{provision_id}.{name} has no confidence"
    if "source" in value:
        assert openable(value["source"]), f"{provision_id}.{name}: source {value['source']!r}"


@pytest.mark.parametrize("provision", provisions(), ids=lambda p: p["id"])
def test_every_provision_names_an_openable_source(provision: dict[str, Any]) -> None:
    assert openable(provision["source"]), provision["source"]
    assert "confidence" not in provision, "confidence is per fact, not per provision"


def test_the_renumbered_abuse_material_sections_hand_over_on_one_day() -> None:
    by_id = {p["id"]: p for p in provisions()}
    for old, new in [("ne-28-1463.03", "ne-28-1805"), ("ne-28-1463.05", "ne-28-1804"), ("ne-28-813.01", "ne-28-1803")]:
        assert by_id[old]["repealed"] == by_id[new]["effective"] == TODAY


def test_the_encoding_does_not_cite_a_published_card() -> None:
    text = STATUTE.read_text(encoding="utf-8").lower()
    assert "sharedhope" not in text and "report card" not in text
    assert not (ROOT / "published" / "pic" / "nebraska-2019.yaml").exists()


@cache
def measured(on: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["report", "nebraska", "--as-of", on, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("on", [LAW_2019, TODAY])
def test_at_most_three_components_are_undetermined(on: str) -> None:
    undetermined = [c["id"] for c in measured(on)["components"] if c["undetermined"]]
    assert len(undetermined) <= 3, undetermined


@pytest.mark.parametrize("on", [LAW_2019, TODAY])
def test_the_scores_measured_when_the_encoding_was_written(on: str) -> None:
    report = measured(on)
    assert (report["score"], report["grade"]) == (MEASURED[on]["score"], MEASURED[on]["grade"])
    assert {s["id"]: s["score"] for s in report["sections"]} == MEASURED[on]["sections"]
