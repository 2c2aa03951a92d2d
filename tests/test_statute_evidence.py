"""Every fact of a real jurisdiction carries its evidence: a citation, a confidence and an openable source.

Synthetic test jurisdictions may keep plain values; federal and state statute files, and the
amendments to them, may not. Sources name a URL or an official document, never a file on the
machine the encoding was written on.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer.amend import apply_amendment_files
from analyzer.errors import InputError
from analyzer.load import read_statutes, read_vocabulary
from tests.statute_files import report, report_of_law_on

ROOT = Path(__file__).resolve().parents[1]
STATUTES = sorted((ROOT / "statutes").glob("*.yaml"))
AMENDMENTS = sorted((ROOT / "amendments").rglob("*.yaml"))
CONFIDENCE = {"confirmed", "inferred", "recalled"}
URL = re.compile(r"https?://\S+")
LOCAL_PATH = re.compile(r"/work/|/tmp/|/home/|/root/|\.\./|\bshared/reference\b"
                        r"|(?:\w[\w.-]*/)+\w[\w.-]*\.(?:md|ya?ml|txt|json|py)\b")


def names_a_local_path(text: str) -> bool:
    """A local or relative file path anywhere outside the URLs the text cites."""
    return bool(LOCAL_PATH.search(URL.sub(" ", text)))


@cache
def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def sources(data: Any) -> list[str]:
    """Every `source` text anywhere in a statute or amendment file (provisions, facts, the file itself)."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "source" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(sources(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(sources(item))
    return found


def fact_maps(data: Any) -> list[dict[str, Any]]:
    """Every `facts:` mapping in an amendment's changes (add, replace, set_facts)."""
    return [change[action]["facts"] for change in data["changes"]
            for action in ("add", "replace", "set_facts") if action in change]


@pytest.mark.parametrize("path", STATUTES, ids=lambda p: p.name)
def test_every_fact_of_a_real_jurisdiction_has_a_citation_and_a_confidence(path: Path) -> None:
    data = load(path)
    assert data["jurisdiction"].get("type") != "synthetic"
    for provision in data["provisions"]:
        assert "confidence" not in provision, f"{provision['id']}: confidence belongs to each fact"
        for name, fact in provision["facts"].items():
            where = f"{path.name} {provision['id']} {name}"
            assert isinstance(fact, dict), f"{where}: a plain value has no citation or confidence"
            # A dated fact (statutes/README.md): each value of its history carries its own evidence;
            # an `unstated: true` entry states no value, so it needs none.
            entries = fact.get("history", [fact])
            for entry in entries:
                if entry.get("unstated"):
                    continue
                at = f"{where} (from {entry['from']})" if "from" in entry else where
                assert entry.get("citation"), f"{at}: no citation"
                assert entry.get("confidence") in CONFIDENCE, f"{at}: confidence {entry.get('confidence')!r}"


@pytest.mark.parametrize("path", STATUTES, ids=lambda p: p.name)
def test_a_value_left_unstated_on_a_date_says_why(path: Path) -> None:
    for provision in load(path)["provisions"]:
        for name, fact in provision["facts"].items():
            for entry in fact.get("history", []):
                if entry.get("unstated"):
                    assert entry.get("note", "").strip(), f"{provision['id']} {name} (from {entry['from']})"


@pytest.mark.parametrize("path", STATUTES, ids=lambda p: p.name)
def test_no_value_is_dated_before_the_first_date_the_file_states(path: Path) -> None:
    head = load(path)["jurisdiction"]
    first = str(head.get("from", head["as_of"]))
    for provision in load(path)["provisions"]:
        for name, fact in provision["facts"].items():
            for entry in fact.get("history", []):
                assert str(entry["from"]) >= first, f"{provision['id']} {name}: {entry['from']} is before {first}"


@pytest.mark.parametrize("path", AMENDMENTS, ids=lambda p: p.name)
def test_every_fact_an_amendment_sets_has_a_citation_and_a_confidence(path: Path) -> None:
    data = load(path)
    if data.get("status") == "hypothetical":  # a what-if states no law read anywhere (as amend.py holds)
        return
    for facts in fact_maps(data):
        for name, fact in facts.items():
            assert isinstance(fact, dict) and fact.get("citation") and fact.get("confidence") in CONFIDENCE, \
                f"{path.name} {name}: needs citation and confidence"


@pytest.mark.parametrize("path", STATUTES + AMENDMENTS, ids=lambda p: p.name)
def test_no_source_names_a_local_path(path: Path) -> None:
    texts = sources(load(path))
    assert texts, f"{path.name} has no source"
    for text in texts:
        assert not names_a_local_path(text), f"{path.name}: source names a local path: {text[:120]}"


@pytest.mark.parametrize("text", ["Research notes: /work/shared/reference/missouri-statutes.md",
                                  "see ../shared/reference/x.md", "notes in reference/missouri-statutes.md",
                                  "/tmp/draft.yaml", "/home/me/notes.txt"])
def test_the_local_path_check_catches_local_paths(text: str) -> None:
    assert names_a_local_path(text)


@pytest.mark.parametrize("text", ["https://revisor.mo.gov/main/OneSection.aspx?section=566.211",
                                  "https://github.com/o/r/blob/abc/bills/mo/2024/SB906_full_text.md",
                                  "Revisor of Statutes, §§ 567.087 and 567.089",
                                  "18 U.S.C. § 2252(b)(1), first-offense range"])
def test_the_local_path_check_accepts_urls_and_named_documents(text: str) -> None:
    assert not names_a_local_path(text)


def test_no_statute_follows_the_report_card() -> None:
    for path in STATUTES:
        text = path.read_text(encoding="utf-8").lower()
        assert "follows the report card" not in text and "following the card" not in text, path.name


def statute_file(tmp_path: Path, kind: str, fact: str) -> Path:
    path = tmp_path / "x.yaml"
    path.write_text(f"jurisdiction: {{id: x, name: X, as_of: '2020-01-01', type: {kind}}}\n"
                    "provisions:\n"
                    "  - id: x-1\n    citation: X § 1\n    title: T\n    kind: patronizing_offense\n"
                    f"    source: https://example.org/x\n    facts:\n      minor_age_limit: {fact}\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["state", "federal", "territory"])
def test_a_plain_fact_in_a_real_jurisdiction_is_a_clear_error(tmp_path: Path, kind: str) -> None:
    vocabulary = read_vocabulary(ROOT / "rules" / "vocabulary.yaml")
    with pytest.raises(InputError) as caught:
        read_statutes(statute_file(tmp_path, kind, "18"), vocabulary)
    (problem,) = caught.value.problems
    assert problem.line == 9 and "minor_age_limit" in problem.message and "citation" in problem.message


def test_a_pinned_fact_without_confidence_names_the_missing_key(tmp_path: Path) -> None:
    vocabulary = read_vocabulary(ROOT / "rules" / "vocabulary.yaml")
    with pytest.raises(InputError) as caught:
        read_statutes(statute_file(tmp_path, "state", "{value: 18, citation: X § 1(a)}"), vocabulary)
    (problem,) = caught.value.problems
    assert "missing required key 'confidence'" in problem.message


def test_a_synthetic_jurisdiction_may_keep_plain_values(tmp_path: Path) -> None:
    vocabulary = read_vocabulary(ROOT / "rules" / "vocabulary.yaml")
    jurisdiction = read_statutes(statute_file(tmp_path, "synthetic", "18"), vocabulary)
    assert jurisdiction.provisions[0].facts["minor_age_limit"].value == 18


def test_an_amendment_to_a_real_jurisdiction_must_pin_its_facts(tmp_path: Path) -> None:
    vocabulary = read_vocabulary(ROOT / "rules" / "vocabulary.yaml")
    missouri = read_statutes(ROOT / "statutes" / "missouri.yaml", vocabulary)
    amendment = tmp_path / "a.yaml"
    amendment.write_text("title: T\nbill: HB 1 (2030)\njurisdiction: missouri\neffective: '2030-08-28'\n"
                         "source: https://example.org/hb1\nchanges:\n"
                         "  - set_facts:\n      provision: mo-567.030\n      facts:\n"
                         "        max_prison: 10\n"
                         "        max_fine: {value: 20000, citation: X § 1}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        apply_amendment_files(missouri, [amendment], vocabulary)
    messages = sorted((p.line, p.message) for p in caught.value.problems)
    assert [line for line, _ in messages] == [10, 11]
    assert "needs citation and confidence" in messages[0][1]
    assert "needs confidence" in messages[1][1] and "not a synthetic jurisdiction" in messages[1][1]


@pytest.mark.parametrize("path", STATUTES, ids=lambda p: p.name)
def test_no_provision_takes_effect_after_the_law_date(path: Path) -> None:
    """One law date per file: later enactments belong in amendment files, not in the base."""
    data = load(path)
    as_of = str(data["jurisdiction"]["as_of"])
    for provision in data["provisions"]:
        assert str(provision.get("effective", as_of)) <= as_of, f"{provision['id']} takes effect after {as_of}"


REAL = [p for p in STATUTES if p.stem != "federal"]


@pytest.mark.parametrize("path", STATUTES, ids=lambda p: p.name)
def test_every_statute_file_loads_against_the_shipped_vocabulary(path: Path) -> None:
    jurisdiction = read_statutes(path, read_vocabulary(ROOT / "rules" / "vocabulary.yaml"))
    head = load(path)["jurisdiction"]
    assert (jurisdiction.id, jurisdiction.earliest) == (path.stem, str(head.get("from", head["as_of"])))
    assert len(jurisdiction.timeline) == len(load(path)["provisions"])


def dates_of(path: Path) -> list[str]:
    head = load(path)["jurisdiction"]
    return sorted({str(head.get("from", head["as_of"])), str(head["as_of"])})


@pytest.mark.parametrize("path,day", [(p, d) for p in REAL for d in dates_of(p)],
                         ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_the_tool_reads_each_date_as_the_file_reduced_to_it(path: Path, day: str, tmp_path: Path) -> None:
    """`--as-of DATE` grades what a copy of the file holding only that date's values grades: the dated
    format is read by its own rules (statutes/README.md), not by what the model happens to do."""
    dated, reduced = report(path.stem, day), report_of_law_on(path.stem, day, tmp_path)
    assert [(c["id"], c["points"], c["status"]) for c in dated["components"]] == \
        [(c["id"], c["points"], c["status"]) for c in reduced["components"]]
