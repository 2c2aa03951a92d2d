"""Texas, encoded from its statute text: from 1 September 2015 (the 2015 card's law date, with the
84th Legislature's acts) through 1 September 2017 (the 2017 card's, with the 85th's) to the Penal
Code text stored on 7 March 2026 (with the 2025 acts).

The first tests pin what is particular to this file (its dates, what its note says is missing, its
citations, the dated changes it records). The last ones record what was measured when the file was
written: the share of confirmed facts, the scores and the components left undetermined on each
date. A change to the rules or the encoding that moves them should update these numbers on purpose.

Each date is graded by the tool itself (`report --as-of`) and, as a cross-check of the dated
format's reading, from a copy of the file reduced to that date's values.
"""

from __future__ import annotations

import pytest

from tests.statute_files import (
    confirmed_share,
    encoding,
    in_force,
    openable,
    provisions,
    report,
    section_scores,
    undetermined,
    value_on,
)

NAME = "texas"
CARD_2015, CARD_2017, TODAY = "2015-09-01", "2017-09-01", "2026-03-07"
DATES = (CARD_2015, CARD_2017, TODAY)
CODES = ("Tex. Penal Code", "Tex. Code Crim. Proc.", "Tex. Fam. Code", "Tex. Gov't Code",
         "Tex. Occ. Code", "Tex. Civ. Prac. & Rem. Code")


def provision(pid: str) -> dict:
    return next(p for p in provisions(NAME) if p["id"] == pid)


def fact_on(pid: str, fact: str, day: str):
    held = value_on(provision(pid)["facts"][fact], day)
    return None if held is None else held["value"]


# --- shape (the checks every statute file gets are in test_statute_evidence.py) ---------------

def test_the_file_states_2015_to_the_2026_text_and_the_note_says_what_is_missing() -> None:
    head = encoding(NAME)["jurisdiction"]
    assert head["id"] == NAME and head["type"] == "state"
    assert (head["from"], head["as_of"]) == (CARD_2015, TODAY)
    for absent in ("sex tourism", "consent", "161.001", "62.001(5)", "16.0045", "63.009"):
        assert absent in head["note"]


@pytest.mark.parametrize("item", provisions(NAME), ids=lambda p: p["id"])
def test_every_provision_cites_a_texas_code_and_names_an_address(item: dict) -> None:
    assert openable(item["source"]), item["source"]
    assert item["citation"].startswith(CODES), item["citation"]


def test_the_2021_buyer_offense_replaces_the_buyer_prong_of_prostitution() -> None:
    old, new = provision("tx-pc-43.02b"), provision("tx-pc-43.021")
    assert old["repealed"] == new["effective"] == "2021-09-01"
    assert [in_force(old, d) for d in DATES] == [True, True, False]
    assert [in_force(new, d) for d in DATES] == [False, False, True]


def test_the_wiretap_and_compensation_laws_were_recodified_and_not_lost() -> None:
    assert provision("tx-ccp-18.20")["repealed"] == provision("tx-ccp-18a.101")["effective"] == "2019-01-01"
    assert provision("tx-ccp-56")["repealed"] == provision("tx-ccp-56b")["effective"] == "2021-01-01"


def test_dated_changes_read_from_the_acts() -> None:
    # the first-degree grading of § 20A.02's child prongs applies whatever the actor knew of the age
    # from the 2017 acts (inferred; read in the wording of 2019-2021 and today's); earlier, not read
    assert [fact_on("tx-pc-20a.02", "mistake_of_age_barred_under", d) for d in DATES] == [None, 18, 18]
    # the buyer's felony for a minor was a second-degree felony on every date
    assert fact_on("tx-pc-43.02b", "max_prison", CARD_2015) == fact_on("tx-pc-43.021", "max_prison", TODAY) == 20
    # minors keep only a defense to prostitution: never excluded from the offense
    assert {fact_on("tx-pc-43.02", "minor_protection", d) for d in DATES} == {"affirmative_defense"}
    # SB 1804 (2025) widened mandatory restitution from child victims to all of chapter 20A and subch. A
    assert "prostitution" in fact_on("tx-ccp-42.0372", "covers_offense_kinds", TODAY)
    assert "prostitution" not in fact_on("tx-ccp-42.0372", "covers_offense_kinds", CARD_2017)


def test_second_reading_findings() -> None:
    # online solicitation protects minors younger than 17 on every date (SB 344, 2015, read)
    assert {fact_on("tx-pc-33.021", "minor_age_limit", d) for d in DATES} == {17}
    # the Department must report a child missing from its conservatorship and the child's return
    assert {tuple(fact_on("tx-fam-264.123", "reports", d)) for d in DATES} == {("missing", "located")}
    # trafficking was reportable for registration on 1 September 2015; continuous trafficking from 2017
    assert [fact_on("tx-pc-20a.02", "registration_required", d) for d in DATES] == [True, True, True]
    assert [fact_on("tx-pc-20a.03", "registration_required", d) for d in DATES] == [False, True, True]


# --- measured results ------------------------------------------------------------------------

@pytest.mark.parametrize("date, confirmed, total", [(CARD_2015, 45, 138), (CARD_2017, 52, 142), (TODAY, 128, 156)])
def test_share_of_confirmed_facts_as_measured(date: str, confirmed: int, total: int) -> None:
    # the two card dates rest mostly on inferred values: most Penal Code sections were amended after
    # them, and their wording on those dates was read only where a bill or a dated copy printed it
    assert confirmed_share(NAME, date) == (confirmed, total)


MEASURED = {
    # 2.6 open: § 20A.02's age-knowledge clause before 2017 not read; 2.10 and 3.5 full from the
    # registration of § 20A.02 stated (inferred) by the second reading; 6.6 full from Family Code
    # § 264.123 (the Department reports a missing child and its return to law enforcement)
    CARD_2015: (89, "B", {"1": 10, "2": 23, "3": 14.5, "4": 7.5, "5": 19, "6": 15}),
    # 2.6 full from the age-knowledge clause inferred from HB 1808 (2017)
    CARD_2017: (90, "A", {"1": 10, "2": 24, "3": 14.5, "4": 7.5, "5": 19, "6": 15}),
    TODAY: (91, "A", {"1": 10, "2": 24, "3": 14.5, "4": 7.5, "5": 20, "6": 15}),
}
UNDETERMINED = {
    CARD_2015: ["2.6"],
    CARD_2017: [],
    TODAY: [],
}


@pytest.mark.parametrize("date", DATES)
def test_scores_and_undetermined_components_as_measured(date: str) -> None:
    card = report(NAME, date)
    score, grade, sections = MEASURED[date]
    assert (card["score"], card["grade"], section_scores(card)) == (score, grade, sections)
    assert undetermined(card) == UNDETERMINED[date]

