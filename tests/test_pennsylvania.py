"""Pennsylvania, encoded blind from its statutes (no published card was consulted).

These tests pin the shape of the encoding, never its score: enough provisions, every dated value
pinned to a subsection with its own confidence, every source something a reader can open, the span
of law dates the jurisdiction note explains, and what was measured (issue 18):

- 30 June 2019: 134 facts stated, 41 confirmed (31%); on that date the rules leave 5 components
  not determined (2.6, 2.7, 5.2, 6.4, 6.5).
- 14 April 2025 (as_of, "today"): 139 facts stated, 84 confirmed (60%); 4 components not
  determined (2.6, 5.2, 6.4, 6.5).

Today's law meets the issue's 60% goal but not its limit of 3 undetermined; 2019 meets neither: the texts of
18 Pa.C.S. §§ 3011, 3012, 3018, 3019, 5902 (beyond its opening), 6301 and 6320 could not be found,
and much of the 2019 law was amended after the law date (Acts 2019-87, 2020-1, 2023-39, 2024-125,
the registration tiers), so text read today does not confirm it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
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
LAW_DATE = "2019-06-30"
TODAY = "2025-04-14"


@cache
def encoding() -> dict[str, Any]:
    return yaml.safe_load(STATUTE.read_text(encoding="utf-8"))


def provisions() -> list[dict[str, Any]]:
    return encoding()["provisions"]


def values() -> list[tuple[str, str, dict[str, Any]]]:
    """Every stated value: a plain fact, or each entry of a fact's history."""
    out = []
    for p in provisions():
        for name, fact in p["facts"].items():
            entries = fact["history"] if isinstance(fact, dict) and "history" in fact else [fact]
            out.extend((p["id"], name, entry) for entry in entries)
    return out


def law_on(day: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The facts stated on `day`, by the dated format's rules (statutes/README.md)."""
    out = []
    for p in provisions():
        if p.get("effective", "0000") > day or p.get("repealed", "9999") <= day:
            continue
        for name, fact in p["facts"].items():
            if "history" not in fact:
                out.append((p["id"], name, fact))
                continue
            held = [entry for entry in fact["history"] if entry["from"] <= day]
            if held and not held[-1].get("unstated"):
                out.append((p["id"], name, held[-1]))
    return out


def openable(source: str) -> bool:
    """An http(s) address, never a path on somebody's disk."""
    return bool(URL.search(source)) and "file://" not in source and not re.search(r"(^|\s)(/|~/|\./)", source)


def test_the_span_is_mid_2019_to_2025_and_the_note_says_why_and_what_was_not_found() -> None:
    head = encoding()["jurisdiction"]
    assert head["id"] == "pennsylvania" and head["type"] == "state"
    assert head["from"] == LAW_DATE and head["as_of"] == TODAY
    assert date.fromisoformat(head["from"]) < date.fromisoformat(head["as_of"])
    for words in ("2019", "Act 2020-1", "could not be found", "§§ 3011, 3012"):
        assert words in head["note"], words


def test_at_least_thirty_provisions_with_unique_ids() -> None:
    ids = [p["id"] for p in provisions()]
    assert len(ids) >= 30
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("provision_id, name, value", values(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_value_is_pinned_with_a_citation_and_its_own_confidence(provision_id: str, name: str,
                                                                      value: Any) -> None:
    assert isinstance(value, dict), f"{provision_id}.{name} is not pinned"
    if value.get("unstated"):
        assert value.get("note", "").strip(), f"{provision_id}.{name}: an unstated entry says why"
        return
    assert value.get("citation", "").strip(), f"{provision_id}.{name} has no citation"
    assert value.get("confidence") in CONFIDENCES, f"{provision_id}.{name} has no confidence"
    if "source" in value:
        assert openable(value["source"]), f"{provision_id}.{name}: source {value['source']!r}"


def test_histories_are_dated_in_order_within_the_span() -> None:
    for p in provisions():
        for name, fact in p["facts"].items():
            if "history" in fact:
                dates = [entry["from"] for entry in fact["history"]]
                assert dates == sorted(set(dates)), f"{p['id']}.{name}: {dates}"
                assert dates[0] >= LAW_DATE and dates[-1] <= TODAY, f"{p['id']}.{name}: {dates}"


@pytest.mark.parametrize("provision", provisions(), ids=lambda p: p["id"])
def test_every_provision_names_an_openable_source(provision: dict[str, Any]) -> None:
    assert openable(provision["source"]), provision["source"]
    assert "confidence" not in provision, "confidence is per fact, not per provision"


def test_the_encoding_does_not_cite_a_published_card() -> None:
    text = STATUTE.read_text(encoding="utf-8").lower()
    assert "sharedhope" not in text and "report card" not in text


@pytest.mark.parametrize("day, stated, confirmed", [(LAW_DATE, 134, 41), (TODAY, 139, 84)])
def test_measured_share_confirmed(day: str, stated: int, confirmed: int) -> None:
    """The measured counts (issue 18): a change to them is a change to the README's numbers too."""
    law = law_on(day)
    assert len(law) == stated
    assert sum(v["confidence"] == "confirmed" for _, _, v in law) == confirmed


def report(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "analyzer", "report", "pennsylvania", "--format", "json", *args],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def undetermined(card: dict[str, Any]) -> set[str]:
    return {c["id"] for c in card["components"] if c["undetermined"]}


def test_todays_law_leaves_four_components_undetermined() -> None:
    assert undetermined(report()) == {"2.6", "5.2", "6.4", "6.5"}


def test_the_2019_law_leaves_five_components_undetermined() -> None:
    assert undetermined(report("--as-of", LAW_DATE)) == {"2.6", "2.7", "5.2", "6.4", "6.5"}
