"""Oklahoma's encoding, as a dated statute file: its shape, its sourcing and what it measures.

Oklahoma is encoded from statute text at two dates (30 June 2019, before the 2019 acts, whose law
the 2019 card is assumed to grade on 1 September 2019; and 1 November 2024, the latest law read in
full) so that its computed card can be compared with the published one. A second reader re-read it
(issue 27); statutes/second-reading/oklahoma.md records every fact re-read and how it was settled.
These tests guard what is particular to this file (citations to a section, sources that may name an
official document, confirmed values resting on an address) and record what the encoding measures per
date, so any move is seen; the checks every statute file gets are in test_statute_evidence.py. The
measured figures are results, not targets: the goals of issue 27 (at least 80% of facts confirmed
and at most one undetermined component per date) are not met, for want of texts outside Title 21.
"""

from __future__ import annotations

import re

import pytest

from tests.statute_files import (
    ROOT,
    confirmed_share,
    encoding,
    entries,
    provisions,
    report,
    section_scores,
    stated_values,
    undetermined,
)

NAME = "oklahoma"
STATUTE_FILE = ROOT / "statutes" / f"{NAME}.yaml"
URL = re.compile(r"https?://[^\s)]+")
OFFICIAL_NAME = re.compile(r"(Okla\. Stat\.|O\.S\.|Oklahoma Statutes|Session Law|Enrolled|HB \d+|SB \d+|T21-2024)")
LOCAL_PATH = re.compile(r"(^|\s)(/|~/|\./|\.\./|file:)|\\|[A-Za-z]:\\")
SPAN = ("2019-06-30", "2024-11-01")  # the file's `from` and `as_of`
DATES = ("2019-09-01", "2024-11-01")  # the 2019 cards' law date, and the latest law read
RECORD = ROOT / "statutes" / "second-reading" / f"{NAME}.md"
# What the encoding measures after the second reading (issue 27), per date: not a claim about the card.
# The goals (>= 80% confirmed, <= 1 undetermined) are not met: see the second-reading record.
MEASURED = {
    "2019-09-01": {"score": 77.5, "grade": "C", "sections": {"1": 7.5, "2": 24, "3": 12, "4": 7.5, "5": 14.5, "6": 12},
                   "facts": 124, "confirmed": 16, "undetermined": 8},
    "2024-11-01": {"score": 81, "grade": "B", "sections": {"1": 7.5, "2": 24, "3": 12.5, "4": 7.5, "5": 17.5, "6": 12},
                   "facts": 130, "confirmed": 97, "undetermined": 5},
}


def test_jurisdiction_spans_the_card_date_and_the_latest_law_read():
    jurisdiction = encoding(NAME)["jurisdiction"]
    assert jurisdiction["id"] == "oklahoma"
    assert jurisdiction["type"] == "state"
    assert (jurisdiction["from"], jurisdiction["as_of"]) == SPAN
    assert "2019" in jurisdiction["note"], "the note must say why this law date was chosen"
    assert "could not be found" in jurisdiction["note"], "the note must name the texts not found"


def test_citations_name_a_section_of_the_oklahoma_statutes():
    for provision, name, value in stated_values(NAME):
        assert "§" in value["citation"], f"{provision}.{name}: cite the section and subsection"


def openable(source: str) -> bool:
    """A source a reader can open: an http(s) address, or a named official document."""
    return bool(URL.search(source) or OFFICIAL_NAME.search(source))


def test_every_source_is_openable_and_none_is_a_local_path():
    sources = [(p["id"], p["source"]) for p in provisions(NAME)]
    sources += [(f"{p}.{n}", v["source"]) for p, n, v in stated_values(NAME) if "source" in v]
    for where, source in sources:
        assert openable(source), f"{where}: source names neither a URL nor an official document"
        for address in URL.findall(source):
            assert not address.startswith("http://localhost"), f"{where}: {address}"
        stripped = URL.sub("", source)
        assert not LOCAL_PATH.search(stripped), f"{where}: source looks like a local path"


def test_confirmed_values_rest_on_an_address_a_reader_can_open():
    head = STATUTE_FILE.read_text(encoding="utf-8").split("jurisdiction:")[0]
    for provision in provisions(NAME):
        for name, fact in provision["facts"].items():
            for value in entries(fact):
                if value.get("confidence") != "confirmed":
                    continue
                source = value.get("source", provision["source"])
                if "T21-2024" in source:  # the short form is defined, with its address, in the file's head
                    assert URL.search(head) and "T21-2024" in head
                else:
                    assert URL.search(source), f"{provision['id']}.{name}"


def test_openable_rejects_a_local_path_and_accepts_an_address():
    assert not openable("notes/oklahoma-research.txt")
    assert openable("https://law.justia.com/codes/oklahoma/2014/title-21/section-21-748.2/index.html")
    assert openable("Enrolled HB 4224 (2022)")


@pytest.mark.parametrize("date", DATES)
def test_share_of_facts_confirmed_as_measured(date):
    confirmed, stated = confirmed_share(NAME, date)
    assert (stated, confirmed) == (MEASURED[date]["facts"], MEASURED[date]["confirmed"])


def test_the_presumption_of_coercion_stood_in_2019_and_was_gone_by_2024():
    prostitution = next(p for p in provisions(NAME) if p["id"] == "ok-21-1029")
    history = prostitution["facts"]["presumption_of_coercion"]["history"]
    assert [(e["from"], e["value"]) for e in history] == [
        ("2019-06-30", True), ("2022-11-01", False), ("2024-11-01", False)]


@pytest.mark.parametrize("date", DATES)
def test_oklahoma_measured_result(date):
    card = report(NAME, date)
    expected = MEASURED[date]
    assert (card["score"], card["grade"], section_scores(card), len(undetermined(card))) == (
        expected["score"], expected["grade"], expected["sections"], expected["undetermined"])


def test_forfeiture_reaches_trafficking_from_the_first_date():
    forfeiture = next(p for p in provisions(NAME) if p["id"] == "ok-21-1738")
    assert forfeiture["kind"] == "asset_forfeiture_provision"
    history = forfeiture["facts"]["covers_offense_kinds"]["history"]
    assert [(e["from"], e["confidence"]) for e in history] == [("2019-06-30", "inferred"), ("2023-11-01", "confirmed")]
    assert all("sex_trafficking" in e["value"] for e in history)


def test_sex_tourism_is_declared_absent_after_a_full_text_search():
    jurisdiction = encoding(NAME)["jurisdiction"]
    assert jurisdiction["complete_for"] == ["sex_tourism_offense"]
    assert "touris" in jurisdiction["note"], "the note must say what was searched"


def test_second_reading_record_lists_every_fact_with_its_settlement():
    text = RECORD.read_text(encoding="utf-8")
    header = ("| date(s) | provision / citation | fact | first reading (the file) | second reading | agree? "
              "| how settled |")
    assert header in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and line.count("|") == 8]
    assert len(rows) > 40
    for date in DATES:
        assert date in text
