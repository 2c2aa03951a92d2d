"""Pennsylvania, encoded blind from its statutes (no published card was consulted).

These tests pin the shape of the encoding, never its score: enough provisions, every fact pinned
to a subsection with its own confidence, every source something a reader can open, and the law
date the jurisdiction note explains.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
STATUTE = ROOT / "statutes" / "pennsylvania.yaml"
CONFIDENCES = {"confirmed", "inferred", "recalled"}
URL = re.compile(r"https?://\S+")


@cache
def encoding() -> dict[str, Any]:
    return yaml.safe_load(STATUTE.read_text(encoding="utf-8"))


def provisions() -> list[dict[str, Any]]:
    return encoding()["provisions"]


def facts() -> list[tuple[str, str, Any]]:
    return [(p["id"], name, value) for p in provisions() for name, value in p["facts"].items()]


def openable(source: str) -> bool:
    """An http(s) address, never a path on somebody's disk."""
    return bool(URL.search(source)) and "file://" not in source and not re.search(r"(^|\s)(/|~/|\./)", source)


def test_the_law_date_is_mid_2019_and_the_note_says_why() -> None:
    head = encoding()["jurisdiction"]
    assert head["id"] == "pennsylvania" and head["type"] == "state"
    assert date.fromisoformat(head["as_of"]) == date(2019, 6, 30)
    assert "2019" in head["note"] and "Act 2020-1" in head["note"]


def test_at_least_thirty_provisions_with_unique_ids() -> None:
    ids = [p["id"] for p in provisions()]
    assert len(ids) >= 30
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("provision_id, name, value", facts(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_fact_is_pinned_with_a_citation_and_its_own_confidence(provision_id: str, name: str,
                                                                       value: Any) -> None:
    assert isinstance(value, dict), f"{provision_id}.{name} is not pinned"
    assert value.get("citation", "").strip(), f"{provision_id}.{name} has no citation"
    assert value.get("confidence") in CONFIDENCES, f"{provision_id}.{name} has no confidence"
    if "source" in value:
        assert openable(value["source"]), f"{provision_id}.{name}: source {value['source']!r}"


@pytest.mark.parametrize("provision", provisions(), ids=lambda p: p["id"])
def test_every_provision_names_an_openable_source(provision: dict[str, Any]) -> None:
    assert openable(provision["source"]), provision["source"]
    assert "confidence" not in provision, "confidence is per fact, not per provision"


def test_the_encoding_does_not_cite_a_published_card() -> None:
    text = STATUTE.read_text(encoding="utf-8").lower()
    assert "sharedhope" not in text and "report card" not in text
