"""Florida, encoded from its statute text: the law of 1 September 2019 (the law date of the 2019
cards) and the text stored on 11 February 2026 (the 2025 Florida Statutes). Florida is graded
blind: no published score, grade or analysis of Florida was used, and no card is filed.

The first tests pin what is particular to this file (its dates, what its note says is missing, its
citations). The last ones record what the rules gave when the file was written: the share of
confirmed facts, the scores and the components left undetermined on each date. A change to the
rules or the encoding that moves them should update these numbers on purpose.

Each date is graded by the tool itself (`report --as-of`) and, as a cross-check of the dated
format's reading, from a copy of the file reduced to that date's values.
"""

from __future__ import annotations

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

NAME = "florida"
FROM, TODAY = "2019-09-01", "2026-02-11"
DATES = (FROM, TODAY)


# --- shape (the checks every statute file gets are in test_statute_evidence.py) ---------------

def test_the_file_states_2019_to_the_2026_text_and_the_note_says_what_is_missing() -> None:
    head = encoding(NAME)["jurisdiction"]
    assert head["id"] == NAME and head["type"] == "state"
    assert (head["from"], head["as_of"]) == (FROM, TODAY)
    for absent in ("sex tourism", "409.1678", "772.17", "934.07", "796.07(2)(f)", "2019-167"):
        assert absent in head["note"]


@pytest.mark.parametrize("provision", provisions(NAME), ids=lambda p: p["id"])
def test_every_provision_cites_the_florida_statutes_and_names_an_address(provision: dict) -> None:
    assert openable(provision["source"]), provision["source"]
    assert provision["citation"].startswith("Fla. Stat.")


def test_no_published_card_is_filed_for_florida() -> None:
    assert not list((ROOT / "published").rglob("florida*"))


# --- measured results ------------------------------------------------------------------------

@pytest.mark.parametrize("date, confirmed, total", [(FROM, 51, 110), (TODAY, 83, 118)])
def test_share_of_confirmed_facts_as_measured(date: str, confirmed: int, total: int) -> None:
    # Below the 80% goal on both dates: many sections are headings only in the stored chapters, and
    # most sections that matter were amended after 2019 with their 2019 wording not read.
    assert confirmed_share(NAME, date) == (confirmed, total)


MEASURED = {
    # 2.6: s. 787.06(10) read only in the current text; 6.3: s. 934.07's 2019 list. The second
    # reading dated the consent bar of s. 787.06(12) (5.2) and the solicitation fine (2.8) by inference.
    FROM: (81.5, "B", {"1": 10, "2": 15.5, "3": 14.5, "4": 7.5, "5": 22, "6": 12}, ["2.6", "6.3"]),
    TODAY: (86.5, "B", {"1": 10, "2": 18, "3": 14.5, "4": 7.5, "5": 22, "6": 14.5}, []),
}


@pytest.mark.parametrize("date", DATES)
def test_scores_and_undetermined_components_as_measured(date: str) -> None:
    card = report(NAME, date)
    score, grade, sections, unknown = MEASURED[date]
    assert (card["score"], card["grade"], section_scores(card)) == (score, grade, sections)
    assert undetermined(card) == unknown

