"""Oklahoma's encoding, as a statute file: its shape and its sourcing, not its score.

Oklahoma is encoded from statute text so that its computed card can be compared with the
published one; these tests guard what makes that comparison honest — enough provisions, every fact
pinned to a subsection with its own confidence, and every source something a reader can open.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from analyzer.load import read_statutes, read_vocabulary

ROOT = Path(__file__).resolve().parents[1]
STATUTE_FILE = ROOT / "statutes" / "oklahoma.yaml"
CONFIDENCES = {"confirmed", "inferred", "recalled"}
URL = re.compile(r"https?://[^\s)]+")
OFFICIAL_NAME = re.compile(r"(Okla\. Stat\.|O\.S\.|Oklahoma Statutes|Session Law|Enrolled|HB \d+|SB \d+)")
LOCAL_PATH = re.compile(r"(^|\s)(/|~/|\./|\.\./|file:)|\\|[A-Za-z]:\\")


@cache
def raw() -> dict:
    return yaml.safe_load(STATUTE_FILE.read_text(encoding="utf-8"))


def provisions() -> list[dict]:
    return raw()["provisions"]


def pinned_facts() -> list[tuple[str, str, dict]]:
    return [(p["id"], name, fact) for p in provisions() for name, fact in p["facts"].items()]


def test_jurisdiction_is_oklahoma_as_of_mid_2019():
    jurisdiction = raw()["jurisdiction"]
    assert jurisdiction["id"] == "oklahoma"
    assert jurisdiction["type"] == "state"
    assert jurisdiction["as_of"].startswith("2019-")
    assert "2019" in jurisdiction["note"], "the note must say why this law date was chosen"


def test_has_at_least_thirty_provisions_with_unique_ids():
    ids = [p["id"] for p in provisions()]
    assert len(ids) >= 30
    assert len(ids) == len(set(ids))


def test_file_loads_against_the_shipped_vocabulary():
    vocabulary = read_vocabulary(ROOT / "rules" / "vocabulary.yaml")
    jurisdiction = read_statutes(STATUTE_FILE, vocabulary)
    assert len(jurisdiction.provisions) == len(provisions())


@pytest.mark.parametrize(("provision", "name", "fact"), pinned_facts(),
                         ids=[f"{p}.{n}" for p, n, _ in pinned_facts()])
def test_every_fact_is_pinned_with_citation_and_confidence(provision, name, fact):
    assert isinstance(fact, dict), f"{provision}.{name} is a bare value; pin it with citation and confidence"
    assert "value" in fact
    assert fact.get("citation", "").strip(), f"{provision}.{name} has no citation"
    assert fact.get("confidence") in CONFIDENCES, f"{provision}.{name} has no valid confidence"


def test_citations_name_a_section_of_the_oklahoma_statutes():
    for provision, name, fact in pinned_facts():
        assert "§" in fact["citation"], f"{provision}.{name}: cite the section and subsection"


def openable(source: str) -> bool:
    """A source a reader can open: an http(s) address, or a named official document."""
    return bool(URL.search(source) or OFFICIAL_NAME.search(source))


def test_every_source_is_openable_and_none_is_a_local_path():
    sources = [(p["id"], p["source"]) for p in provisions()]
    sources += [(f"{p}.{n}", f["source"]) for p, n, f in pinned_facts() if "source" in f]
    for where, source in sources:
        assert openable(source), f"{where}: source names neither a URL nor an official document"
        for address in URL.findall(source):
            assert not address.startswith("http://localhost"), f"{where}: {address}"
        stripped = URL.sub("", source)
        assert not LOCAL_PATH.search(stripped), f"{where}: source looks like a local path"


def test_confirmed_facts_rest_on_an_address_a_reader_can_open():
    for provision in provisions():
        for name, fact in provision["facts"].items():
            if fact["confidence"] == "confirmed":
                assert URL.search(fact.get("source", provision["source"])), f"{provision['id']}.{name}"


def test_openable_rejects_a_local_path_and_accepts_an_address():
    assert not openable("notes/oklahoma-research.txt")
    assert openable("https://law.justia.com/codes/oklahoma/2014/title-21/section-21-748.2/index.html")
    assert openable("Enrolled HB 4224 (2022)")
