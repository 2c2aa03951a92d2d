"""`gap-analyzer roadmap`: from a jurisdiction's law to a target, as a draft amendment that the tool verifies.

A roadmap never promises points its draft does not earn: the draft it writes, applied with
`report --amend`, grades exactly as the roadmap says, for the shipped law, for synthetic law, and
for random law drawn from the vocabulary.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.render.roadmap import render_roadmap
from analyzer.roadmap import roadmap
from tests.conftest import ROOT
from tests.test_properties import FAST, framework, grade, jurisdictions, project

EMPTY = 'jurisdiction: {id: empty, name: Empty State, as_of: "2020-01-01", type: synthetic}\nprovisions: []\n'
# Three provisions, most facts unstated: a state early in its encoding.
SPARSE = """\
jurisdiction: {id: sparse, name: Sparse State, as_of: "2020-01-01", type: synthetic}
provisions:
  - {id: s-1, citation: S § 1, title: Trafficking, kind: sex_trafficking_offense, source: synthetic,
     facts: {minor_age_limit: 16, consent_defense_barred_under: 14}}
  - {id: s-2, citation: S § 2, title: Buying sex, kind: patronizing_offense, source: synthetic,
     facts: {consent_defense_barred_under: 14}}
  - {id: s-3, citation: S § 3, title: Promoting, kind: promoting_prostitution_offense, source: synthetic,
     facts: {minor_age_limit: 18}}
"""


@pytest.fixture
def grading(project_dirs, run, tmp_path: Path):
    """The throwaway project (Testland) plus an empty jurisdiction and the model-law one."""
    _, statutes = project_dirs
    (statutes / "empty.yaml").write_text(EMPTY, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "data" / "model" / "model.yaml", statutes / "model.yaml")
    (statutes / "sparse.yaml").write_text(SPARSE, encoding="utf-8")
    return run


def framework_targets() -> list[str]:
    """Every grade letter the framework's scale names, and a number of points: read, not hard-coded."""
    return [band.grade for band in framework().grades] + [str(framework().max * 6 // 10)]


def framework_max() -> str:
    from analyzer.render.data import number

    return str(number(framework().max))


def roadmap_json(run, *args: str) -> tuple[int, dict]:
    result = run("roadmap", *args, "--format", "json")
    return result.exit_code, json.loads(result.output)


def graded_with(run, jurisdiction: str, draft: Path) -> dict:
    result = run("report", jurisdiction, "--amend", str(draft), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("target", ["A", "98"])
def test_missouri_to_a_target_the_draft_earns_what_the_roadmap_prints(tmp_path: Path, monkeypatch,
                                                                       target: str) -> None:
    from click.testing import CliRunner

    from analyzer.cli import main

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["roadmap", "missouri", "--target", target, "--out", "draft.yaml", "--format", "json"])
    assert result.exit_code == 0, result.output
    promised = json.loads(result.output)
    goal = Decimal(str(promised["target"]["points"]))
    assert promised["reached"] and Decimal(str(promised["after"]["score"])) >= goal
    if Decimal(str(promised["before"]["score"])) >= goal:  # Missouri's law already there: no draft to write
        assert not promised["plan"] and not (tmp_path / "draft.yaml").exists()
        return
    assert promised["after"]["graded_from_draft"]
    draft = yaml.safe_load((tmp_path / "draft.yaml").read_text(encoding="utf-8"))
    assert draft["status"] == "hypothetical" and draft["jurisdiction"] == "missouri"
    report = json.loads(runner.invoke(main, ["report", "missouri", "--amend", "draft.yaml", "--format", "json"]).output)
    assert report["score"] == promised["after"]["score"]
    assert report["grade"] == promised["after"]["grade"] == "A"


@pytest.mark.parametrize("target", ["A", "B", "95", "max"])
def test_a_synthetic_jurisdiction_reaches_each_target_with_its_draft(grading, tmp_path: Path, target: str) -> None:
    target = framework_max() if target == "max" else target
    code, promised = roadmap_json(grading, "testland", "--target", target, "--out", "draft.yaml")
    assert code == 0 and promised["reached"]
    report = graded_with(grading, "testland", tmp_path / "draft.yaml")
    assert report["score"] == promised["after"]["score"] >= float(promised["target"]["points"])


def test_the_empty_jurisdiction_reaches_an_a_from_new_provisions_only(grading, tmp_path: Path) -> None:
    code, promised = roadmap_json(grading, "empty", "--target", "A", "--out", "draft.yaml")
    assert code == 0 and promised["before"]["score"] == 0
    assert promised["plan"] and all(section["new"] for section in promised["plan"])
    assert all(section["citation"] == "[citation to be drafted]" for section in promised["plan"])
    report = graded_with(grading, "empty", tmp_path / "draft.yaml")
    assert report["grade"] == "A" and report["score"] == promised["after"]["score"]


def test_model_law_needs_nothing_and_no_draft_is_written(grading, tmp_path: Path) -> None:
    result = grading("roadmap", "model", "--target", "A", "--out", "draft.yaml")
    assert result.exit_code == 0
    assert "Nothing is needed" in result.output
    assert not (tmp_path / "draft.yaml").exists()


def test_the_plan_touches_few_sections_and_groups_changes_by_section(grading) -> None:
    _, promised = roadmap_json(grading, "testland", "--target", "B")
    provisions = [section["provision"] for section in promised["plan"]]
    assert len(provisions) == len(set(provisions)) == promised["sections_changed"]
    assert promised["facts_changed"] == sum(len(section["facts"]) for section in promised["plan"])
    # Testland's prostitution law (t-pros) needs one new value to lift two components at once.
    pros = next(section for section in promised["plan"] if section["provision"] == "t-pros")
    assert {fact["fact"]: fact["to"] for fact in pros["facts"]} == {"minor_protection": "non_criminalized"}
    assert len(pros["lifts"]) >= 2


def test_a_sparse_state_reads_first_and_plans_law_changes_from_the_law_as_encoded(grading) -> None:
    """Stating what the encoding leaves unstated is reading, not legislating: a separate group."""
    _, promised = roadmap_json(grading, "testland", "--target", "B")
    testland = _testland()
    for section in promised["plan"]:  # every change of an existing provision changes a stated fact
        for fact in section["facts"]:
            assert fact["kind"] == "change"
            if not section["new"]:
                assert fact["fact"] in testland.by_id[section["provision"]].facts
    assert promised["read_first"], "Testland leaves most facts its rules read unstated"
    for section in promised["read_first"]:
        for fact in section["facts"]:
            assert fact["kind"] == "read" and fact["from"] is None
            assert fact["fact"] not in testland.by_id[section["provision"]].facts
    # Testland's trafficking law leaves third-party control unstated: to read, not to legislate.
    traf = next(section for section in promised["read_first"] if section["provision"] == "t-traf")
    assert "third_party_control_required" in {fact["fact"] for fact in traf["facts"]}
    low, high = promised["before"]["score_range"]
    assert promised["target_in_range"] == (low < promised["target"]["points"] <= high)


def test_remaining_options_are_ranked_by_points_per_section(grading) -> None:
    _, promised = roadmap_json(grading, "testland", "--target", "C")
    ratios = [option["points_per_section"] for option in promised["alternatives"]]
    assert ratios == sorted(ratios, reverse=True)
    assert all(option["gain"] > 0 for option in promised["alternatives"])


def test_an_unreachable_target_exits_1_and_says_so(grading, tmp_path: Path, write) -> None:
    rules = tmp_path / "rules" / "pic" / "section-6" / "6.6.yaml"
    text = rules.read_text(encoding="utf-8")
    # A rule whose full tier demands a fact no value can meet: an age limit above 200 and below 10.
    impossible = "      all:\n        - some: {kind: missing_child_reporting, where: {all: [" \
                 "{fact: minor_age_limit, gt: 200}, {fact: minor_age_limit, lt: 10}]}}\n"
    tiers = text.index("tiers:")
    when = text.index("    when:", tiers)
    end = text.index("\n  - points", when) if "\n  - points" in text[when:] else text.index("\nmet:", when)
    rules.write_text(text[:when] + "    when:\n" + impossible.rstrip("\n") + text[end:], encoding="utf-8")
    result = grading("roadmap", "model", "--target", framework_max())
    assert result.exit_code == 1, result.output
    assert "No change the rules describe raises the score" in result.output
    assert "6.6" in result.output  # listed: no fact change can lift it


@pytest.mark.parametrize("target", ["Z", "200", "-1", "lots"])
def test_a_target_that_is_neither_a_grade_nor_points_is_a_one_line_error(grading, target: str) -> None:
    result = grading("roadmap", "testland", "--target", target)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"--target: '{target}' is neither a grade ({', '.join(b.grade for b in framework().grades)}) nor a number "
        f"of points from 0 to {framework_max()}"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format_states_the_graded_result_and_the_limits(grading, fmt: str) -> None:
    result = grading("roadmap", "testland", "--target", "B", "--format", fmt)
    assert result.exit_code == 0
    assert "not bill text" in result.output
    assert "placeholder" in result.output.lower()


def test_every_fact_changed_on_an_existing_provision_is_one_the_explain_trace_reads(grading) -> None:
    """The roadmap solves the conditions `explain` traces: it never changes a fact no tier read."""
    from analyzer.evaluate import _readings  # the trace walk explain uses

    _, promised = roadmap_json(grading, "testland", "--target", framework_max())
    before = grade(_testland())
    read = {(r.provision, r.fact) for c in before.components for o in c.outcomes for r in _readings(o.trace)}
    for section in promised["plan"]:
        if not section["new"]:
            for fact in section["facts"]:
                assert (section["provision"], fact["fact"]) in read


def _testland():
    from analyzer.documents import parse_document
    from analyzer.load import jurisdiction_from
    from tests.conftest import TESTLAND

    document = parse_document(TESTLAND, "testland.yaml")
    return jurisdiction_from(document, document.data)


@given(jurisdictions())
@settings(FAST, max_examples=8)  # each example plans a whole roadmap (about 3 s): few, but derandomized
def test_for_any_law_the_draft_earns_exactly_what_the_roadmap_claims(jurisdiction) -> None:
    from analyzer.roadmap import apply_draft

    result = roadmap(project(), jurisdiction, framework(), "A")
    assert result.after.score >= result.before.score
    if result.draft["changes"]:
        regraded = grade(apply_draft(result, project().vocabulary))
        assert regraded.score == result.after.score
        assert [c.points for c in regraded.components] == [c.points for c in result.after.components]
    assert result.reached == (result.after.score >= Decimal(90))


def test_a_sparse_state_gets_a_roadmap_for_every_target_without_a_traceback(grading) -> None:
    for target in framework_targets():
        result = grading("roadmap", "sparse", "--target", target)
        assert result.exit_code in (0, 1), (target, result.output)
        assert result.output.startswith("Roadmap — Sparse State"), (target, result.output)


def test_a_comparison_with_a_fact_the_plan_leaves_unstated_is_infeasible_not_a_crash() -> None:
    """Regression: a plan that drops minor_age_limit while another need compares the consent bar with
    it (`gte: {same: minor_age_limit}`) crashed with "'>' not supported between 'object' and 'int'"."""
    from analyzer.model import Fact, Jurisdiction, Provision, SameFact
    from analyzer.roadmap import Need, Option, resolve
    from tests.test_properties import AS_OF, HERE

    age = {"minor_age_limit": Fact("minor_age_limit", 16, HERE)}
    law = Provision("p", "G § 1", "t", "sex_trafficking_offense", age, "generated", HERE)
    jurisdiction = Jurisdiction("gen", "Generated", AS_OF, (law,), HERE, "synthetic")
    option = Option(frozenset({Need("p", "minor_age_limit", "known", False),
                               Need("p", "consent_defense_barred_under", "gte", SameFact("minor_age_limit")),
                               Need("p", "consent_defense_barred_under", "gte", 18)}))
    assert resolve(option, jurisdiction, project().vocabulary) is None


@given(jurisdictions(), st.data())
@settings(FAST, max_examples=4)  # a whole roadmap per example (a few seconds): few, but derandomized
def test_a_roadmap_of_any_sparse_law_to_any_target_finishes_and_is_consistent(jurisdiction, data) -> None:
    target = data.draw(st.sampled_from(framework_targets()))
    result = roadmap(project(), jurisdiction, framework(), target)
    assert result.after.score >= result.before.score
    assert result.reached == (result.after.score >= result.target)
    assert render_roadmap(result, "text", None, 100) and render_roadmap(result, "html", None)


@pytest.mark.parametrize(("name", "start"), [("r.html", "<!DOCTYPE html>"), ("r.md", "#"), ("r.json", "{"),
                                             ("r.txt", "Roadmap — ")])
def test_out_picks_the_roadmap_format_by_extension(grading, tmp_path: Path, name: str, start: str) -> None:
    result = grading("roadmap", "testland", "--target", "B", "--out", name)
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    assert not list(tmp_path.glob("*.yaml"))


def test_out_yaml_is_the_draft_and_draft_goes_beside_a_report_file(grading, tmp_path: Path) -> None:
    result = grading("roadmap", "testland", "--target", "B", "--out", "page.json", "--draft", "bill.yaml")
    assert result.exit_code == 0
    assert yaml.safe_load((tmp_path / "bill.yaml").read_text(encoding="utf-8"))["status"] == "hypothetical"
    assert json.loads((tmp_path / "page.json").read_text(encoding="utf-8"))["draft"] == "bill.yaml"
    as_draft = grading("roadmap", "testland", "--target", "B", "--out", "draft.yaml")
    assert as_draft.output.startswith("Roadmap — ")
    assert yaml.safe_load((tmp_path / "draft.yaml").read_text(encoding="utf-8"))["status"] == "hypothetical"
