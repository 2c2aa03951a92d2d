"""South Dakota, encoded from its statute text: from 30 June 2019 (the eve of the 2019 acts; the
2019 card grades the law of 1 September 2019, with them) to the text of 2026.

The first tests pin what is particular to this file (its dates, what its note says is missing, its
citations). The last ones record what was measured when the file was written: the share of
confirmed facts, the scores and the components left undetermined on each date. A change to the
rules or the encoding that moves them should update these numbers on purpose.

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

NAME = "south-dakota"
FROM, CARD_DATE, TODAY = "2019-06-30", "2019-09-01", "2026-02-11"
DATES = (FROM, CARD_DATE, TODAY)


# --- shape (the checks every statute file gets are in test_statute_evidence.py) ---------------

def test_the_file_states_mid_2019_to_the_2026_text_and_the_note_says_what_is_missing() -> None:
    head = encoding(NAME)["jurisdiction"]
    assert head["id"] == NAME and head["type"] == "state"
    assert (head["from"], head["as_of"]) == (FROM, TODAY)
    for absent in ("sex tourism", "training", "located missing children", "22-48"):
        assert absent in head["note"]


@pytest.mark.parametrize("provision", provisions(NAME), ids=lambda p: p["id"])
def test_every_provision_cites_the_codified_laws_and_names_an_address(provision: dict) -> None:
    assert openable(provision["source"]), provision["source"]
    assert provision["citation"].startswith("SDCL")


# --- measured results ------------------------------------------------------------------------

@pytest.mark.parametrize("date, confirmed, total", [(FROM, 98, 136), (CARD_DATE, 111, 137), (TODAY, 162, 162)])
def test_share_of_confirmed_facts_as_measured(date: str, confirmed: int, total: int) -> None:
    assert confirmed_share(NAME, date) == (confirmed, total)
    # the second reading's goal: at least 80% confirmed on the two graded dates (the eve of the
    # 2019 acts, kept as a dated boundary, is not graded against a card)
    assert confirmed / total >= (0.6 if date == FROM else 0.8)


def test_kinds_searched_across_the_whole_code_are_declared_complete() -> None:
    head = encoding(NAME)["jurisdiction"]
    assert set(head["complete_for"]) == {
        "sex_tourism_offense", "training_provision", "victim_services_provision", "missing_child_reporting"}
    kinds = {p["kind"] for p in provisions(NAME)}
    assert "sex_tourism_offense" not in kinds and "training_provision" not in kinds


MEASURED = {
    # 2.6 and 5.2: no consent or mistake-of-age bar before HB 1047 (2020); 2.7: no buyer law with a
    # term for minors (general laws no longer leave it undetermined); 5.3: minors chargeable until
    # SL 2019, ch 109 (was 61.5 to 70.5 with 2.6, 2.7, 5.2 and 5.3 undetermined)
    # 5.9: the 2019 expungement of juvenile adjudications waited until the victim was an adult (was
    # 61.5 and 63.5 before rule 5.9 read the waiting period)
    FROM: (69, "D", {"1": 10, "2": 15, "3": 14, "4": 7.5, "5": 10.5, "6": 12}),
    CARD_DATE: (71, "C", {"1": 10, "2": 15, "3": 14, "4": 7.5, "5": 12.5, "6": 12}),
    # 5.2 partial since § 22-23-2 is read to have no consent bar (was 68 to 71, 2.7 and 5.2 undetermined)
    TODAY: (76, "C", {"1": 10, "2": 17.5, "3": 14.5, "4": 7.5, "5": 14.5, "6": 12}),
}


@pytest.mark.parametrize("date", DATES)
def test_scores_as_measured_with_no_component_undetermined(date: str) -> None:
    card = report(NAME, date)
    score, grade, sections = MEASURED[date]
    assert (card["score"], card["grade"], section_scores(card)) == (score, grade, sections)
    assert undetermined(card) == []

