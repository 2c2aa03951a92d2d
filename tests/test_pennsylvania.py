"""Pennsylvania, encoded blind from its statutes (no published card was consulted).

These tests pin what is particular to this file (the span of law dates its note explains, no card)
and what was measured (issue 18, updated in issue 21 and at the second reading, issue 27); the
checks every statute file gets are in test_statute_evidence.py:

- 1 September 2019 (the 2019 cards' law date; the file's law from 30 June 2019 governs it, no act
  touching these sections took effect in between): 134 facts stated, 41 confirmed (31%); the rules
  leave 2 components not determined (2.6, 5.2; 6.4 and 6.5, open before calibration, are full on
  the enticement law's decoy bar).
- 14 April 2025 (as_of, "today"): 139 facts stated, 84 confirmed (60%); 2 components not
  determined (2.6, 5.2).

Neither date meets the second reading's goals (80% confirmed, at most 1 undetermined): the texts of
18 Pa.C.S. §§ 3011, 3012, 3018 ("Evidence and defenses to human trafficking", which decides the
four open components), 3019, 3063, 5902 (beyond its opening), 6301 and 6320 could not be found,
and much of the 2019 law was amended after the law date (Acts 2019-87, 2020-1, 2023-39, 2024-125,
the registration tiers), so text read today does not confirm it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.statute_files import ROOT, confirmed_share, encoding, openable, provisions, report, undetermined

NAME = "pennsylvania"
FROM = "2019-06-30"
LAW_DATE = "2019-09-01"  # the 2019 cards' law date
TODAY = "2025-04-14"


def test_the_span_is_mid_2019_to_2025_and_the_note_says_why_and_what_was_not_found() -> None:
    head = encoding(NAME)["jurisdiction"]
    assert head["id"] == NAME and head["type"] == "state"
    assert head["from"] == FROM and head["as_of"] == TODAY
    assert date.fromisoformat(FROM) < date.fromisoformat(LAW_DATE) < date.fromisoformat(TODAY)
    for words in ("2019", "Act 2020-1", "could not be found", "§§ 3011, 3012", "1 September 2019", "§ 3018"):
        assert words in head["note"], words


@pytest.mark.parametrize("provision", provisions(NAME), ids=lambda p: p["id"])
def test_every_provision_names_an_address(provision: dict[str, Any]) -> None:
    assert openable(provision["source"]), provision["source"]


def test_the_encoding_does_not_cite_a_published_card() -> None:
    text = (ROOT / "statutes" / f"{NAME}.yaml").read_text(encoding="utf-8").lower()
    assert "sharedhope" not in text and "report card" not in text


@pytest.mark.parametrize("day, stated, confirmed", [(LAW_DATE, 134, 41), (TODAY, 139, 84)])
def test_measured_share_confirmed(day: str, stated: int, confirmed: int) -> None:
    """The measured counts (issue 18): a change to them is a change to the README's numbers too."""
    assert confirmed_share(NAME, day) == (confirmed, stated)


def test_todays_law_leaves_two_components_undetermined() -> None:
    assert set(undetermined(report(NAME))) == {"2.6", "5.2"}


def test_the_law_of_30_june_2019_is_the_law_of_1_september_2019() -> None:
    """No act amending a section read here took effect between the two days (second reading)."""
    june, september = report(NAME, FROM), report(NAME, LAW_DATE)
    assert [(c["id"], c["points"], c["undetermined"]) for c in june["components"]] == [
        (c["id"], c["points"], c["undetermined"]) for c in september["components"]
    ]
    assert confirmed_share(NAME, FROM) == confirmed_share(NAME, LAW_DATE)


def test_the_2019_law_leaves_two_components_undetermined() -> None:
    # 2.7 was a fifth until rule 2.7 read only buyer laws with a term for minors (issue 21): the
    # 2019 § 3013 had none, so § 5902(e)'s misdemeanor gives the token tier
    assert set(undetermined(report(NAME, LAW_DATE))) == {"2.6", "5.2"}
