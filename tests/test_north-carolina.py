"""North Carolina, encoded from its statute text on two dates: 1 September 2019 (the law date of the
2019 cards) and the current text as scraped from ncleg.gov on 10 June 2026.

North Carolina is graded blind: no published card is compared here. The first tests pin what is
particular to this file (its dates, what its note says is missing, its citations, the acts of 2019
that took effect only on 1 December 2019). The last ones record what the rules gave when the file
was written: the share of confirmed facts, the scores and the components left undetermined on each
date. A change to the rules or the encoding that moves them should update these numbers on purpose.

Each date is graded by the tool itself (`report --as-of`) and, as a cross-check of the dated
format's reading, from a copy of the file reduced to that date's values.
"""

from __future__ import annotations

import pytest

from tests.statute_files import (
    confirmed_share,
    encoding,
    openable,
    provisions,
    report,
    section_scores,
    undetermined,
)

NAME = "north-carolina"
CARD_DATE, DECEMBER_2019, TODAY = "2019-09-01", "2019-12-01", "2026-06-10"
DATES = (CARD_DATE, TODAY)


# --- shape (the checks every statute file gets are in test_statute_evidence.py) ---------------

def test_the_file_states_the_2019_card_date_to_the_2026_text_and_the_note_says_what_is_missing() -> None:
    head = encoding(NAME)["jurisdiction"]
    assert head["id"] == NAME and head["type"] == "state"
    assert (head["from"], head["as_of"]) == (CARD_DATE, TODAY)
    for absent in ("training", "located missing children", "75D-3", "Rule 412", "uncapped fine",
                   "15A-1340.17"):
        assert absent in head["note"], absent


@pytest.mark.parametrize("provision", provisions(NAME), ids=lambda p: p["id"])
def test_every_provision_cites_the_general_statutes_and_names_an_address(provision: dict) -> None:
    assert openable(provision["source"]), provision["source"]
    assert provision["citation"].startswith("G.S.")


def test_the_buyer_amendment_of_2019_counts_only_from_1_december_2019() -> None:
    """S.L. 2019-158, s. 1 added "obtains" to sexual servitude from 1 December 2019 (s. 1(b))."""
    servitude = next(p for p in provisions(NAME) if p["id"] == "nc-14-43.13")
    history = servitude["facts"]["applies_to"]["history"]
    assert [(h["from"], h["value"]) for h in history] == [
        (CARD_DATE, ["traffickers"]), (DECEMBER_2019, ["traffickers", "buyers"])]


def test_the_sex_tourism_crime_of_2019_is_dated_1_december_2019() -> None:
    tourism = next(p for p in provisions(NAME) if p["id"] == "nc-14-208.1")
    assert tourism["effective"] == DECEMBER_2019 and "inferred" in tourism["note"]


def test_no_fine_is_stated_because_the_court_sets_it_without_a_cap() -> None:
    for provision in provisions(NAME):
        fine = provision["facts"].get("max_fine")
        if fine is not None:
            assert all(entry.get("unstated") for entry in fine["history"]), provision["id"]


def test_the_rape_shield_reaches_sexual_servitude_only_where_its_clause_was_read() -> None:
    """Second reading: Rule 412(d)(4) was read in today's text; its enactment date was not found."""
    shield = next(p for p in provisions(NAME) if p["id"] == "nc-8C-412")
    history = shield["facts"]["covers_offense_kinds"]["history"]
    assert history[0]["from"] == CARD_DATE and history[0].get("unstated")
    assert (history[-1]["from"], history[-1]["value"]) == (TODAY, ["sex_trafficking"])


# --- measured results ------------------------------------------------------------------------

@pytest.mark.parametrize("date, confirmed, total", [(CARD_DATE, 92, 130), (TODAY, 119, 140)])
def test_share_of_confirmed_facts_as_measured(date: str, confirmed: int, total: int) -> None:
    assert confirmed_share(NAME, date) == (confirmed, total)
    assert confirmed / total >= 0.6


MEASURED = {
    # 2.8 and 3.4 turn on the fine, which G.S. 15A-1340.17(b) leaves to the court (not expressible);
    # 5.10 and 5.11 on the civil action of S.L. 2019-158, s. 3, whose effective clause was not found;
    # 5.9 on § 15A-145.6(b)(2)a., repealed from 1 December 2019, whose wording was not read; 5.8 on
    # whether Rule 412(d)(4) (sexual servitude) was in force yet. 4.3 is 0: the sex tourism crime
    # (§ 14-208.1) is dated 1 December 2019 by inference
    CARD_DATE: (78.5, "C", {"1": 10, "2": 20, "3": 13.5, "4": 5, "5": 18, "6": 12},
                ["2.8", "3.4", "5.8", "5.9", "5.10", "5.11"]),
    # 5.9: the juvenile expunction exception of S.L. 2019-158 for trafficking victims was not read;
    # 5.8 is full: Rule 412(d)(4) reaches sexual servitude (second reading)
    TODAY: (83.5, "B", {"1": 10, "2": 20, "3": 13.5, "4": 7, "5": 21, "6": 12}, ["2.8", "3.4", "5.9"]),
}


@pytest.mark.parametrize("date", DATES)
def test_scores_and_undetermined_components_as_measured(date: str) -> None:
    card = report(NAME, date)
    score, grade, sections, open_components = MEASURED[date]
    assert (card["score"], card["grade"], section_scores(card)) == (score, grade, sections)
    assert undetermined(card) == open_components

