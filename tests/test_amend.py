"""Amendments: each change type, the record reports show, and one line per bad input (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.amend import apply_amendment_files
from analyzer.errors import InputError
from analyzer.pipeline import load

HEAD = """\
title: Test changes
bill: HB 1 (2021)
jurisdiction: testland
effective: "2021-08-28"
source: synthetic
"""


@pytest.fixture
def project(project_dirs):
    return load(*project_dirs)


@pytest.fixture
def amend(project, write):
    """Apply amendment texts (HEAD + changes) to testland; return the new jurisdiction."""

    def apply(*changes: str, head: str = HEAD):
        files = [write(f"a{i}.yaml", head + text) for i, text in enumerate(changes)]
        return apply_amendment_files(project.jurisdictions["testland"], files, project.vocabulary)

    return apply


def problems(excinfo: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def test_set_facts_changes_and_adds_facts_and_keeps_the_rest(amend, project):
    result = amend("""\
changes:
  - set_facts:
      provision: t-traf
      facts:
        means_required_for_minors: {value: false, citation: T.C. § 1(b), note: amended}
        max_prison: life
""")
    facts = result.by_id["t-traf"].facts
    assert facts["means_required_for_minors"].value is False
    assert facts["means_required_for_minors"].citation == "T.C. § 1(b)"
    assert facts["means_required_for_minors"].where.file.endswith("a0.yaml")
    assert facts["max_prison"].value == "life"
    assert facts["minor_age_limit"].value == 16
    assert "Amended by HB 1 (2021)" in result.by_id["t-traf"].source
    # the loaded jurisdiction is untouched
    assert project.jurisdictions["testland"].by_id["t-traf"].facts["means_required_for_minors"].value is True


def test_remove_facts_leaves_the_law_silent(amend):
    result = amend("changes:\n  - remove_facts: {provision: t-traf, facts: [minor_age_limit]}\n")
    assert "minor_age_limit" not in result.by_id["t-traf"].facts
    assert "means_required_for_minors" in result.by_id["t-traf"].facts


def test_add_appends_a_provision(amend):
    result = amend("""\
changes:
  - add:
      id: t-new
      citation: T.C. § 9
      title: New offense
      kind: patronizing_offense
      facts: {applies_to: [buyers], minor_specific: true}
      source: HB 1
""")
    assert [p.id for p in result.provisions] == ["t-traf", "t-pros", "t-gang", "t-new"]
    assert result.by_id["t-new"].facts["applies_to"].value == ("buyers",)


def test_replace_rewrites_a_provision_in_place(amend):
    result = amend("""\
changes:
  - replace:
      id: t-pros
      citation: T.C. § 2 (as amended)
      title: Prostitution
      kind: prostitution_offense
      facts: {minor_protection: non_criminalized}
      source: HB 1
""")
    assert [p.id for p in result.provisions] == ["t-traf", "t-pros", "t-gang"]
    assert result.by_id["t-pros"].citation == "T.C. § 2 (as amended)"
    assert result.by_id["t-pros"].facts["minor_protection"].value == "non_criminalized"


def test_repeal_removes_a_provision(amend):
    result = amend("changes:\n  - repeal: {provision: t-pros}\n")
    assert "t-pros" not in result.by_id


def test_changes_apply_in_order(amend):
    result = amend("""\
changes:
  - repeal: {provision: t-pros}
  - add: {id: t-pros, citation: c, title: t, kind: prostitution_offense, facts: {}, source: s}
""")
    assert result.by_id["t-pros"].citation == "c"
    assert [p.id for p in result.provisions] == ["t-traf", "t-gang", "t-pros"]


def test_the_amended_law_records_its_amendments_and_date(project, write):
    one = write("one.yaml", HEAD + "changes:\n  - repeal: {provision: t-pros}\n")
    two = write("two.yaml", HEAD.replace("HB 1 (2021)", "SB 2 (2022)").replace("2021-08-28", "2022-08-28")
                + "changes:\n  - set_facts: {provision: t-traf, facts: {minor_age_limit: 18}}\n")
    result = apply_amendment_files(project.jurisdictions["testland"], [one, two], project.vocabulary)
    assert result.as_of == "2022-08-28"
    assert [(a.bill, a.effective) for a in result.amendments] == [("HB 1 (2021)", "2021-08-28"),
                                                                ("SB 2 (2022)", "2022-08-28")]
    assert result.by_id["t-traf"].facts["minor_age_limit"].value == 18


def test_report_lists_applied_amendments_in_every_format(run, write):
    path = write("a.yaml", HEAD + "changes:\n  - repeal: {provision: t-pros}\n")
    data = json.loads(run("report", "testland", "--format", "json", "--amend", str(path)).output)
    assert data["amendments"] == [{"title": "Test changes", "bill": "HB 1 (2021)", "effective": "2021-08-28",
                                   "applied_to": "2020-01-01"}]
    assert data["jurisdiction"]["as_of"] == "2021-08-28"
    assert json.loads(run("report", "testland", "--format", "json").output)["amendments"] == []
    text = run("report", "testland", "--amend", str(path)).output
    assert "What-if: the encoded statutes with 1 amendment applied, 1 of them not law" in text
    assert "- HB 1 (2021), not enacted: Test changes (effective 2021-08-28)" in text
    markdown = run("report", "testland", "--format", "markdown", "--amend", str(path)).output
    assert "**HB 1 (2021), not enacted**: Test changes (effective 2021-08-28)" in markdown
    html = run("report", "testland", "--format", "html", "--amend", str(path)).output
    assert "HB 1 (2021)" in html
    explained = run("explain", "testland", "1.1", "--amend", str(path))
    assert explained.exit_code == 0
    assert "What-if HB 1 (2021), not enacted" in explained.output


def test_enacted_amendments_are_amended_by_and_the_rest_what_if(run, write):
    enacted = write("e.yaml", HEAD.replace("source:", "status: enacted\nsource:")
                    + "changes:\n  - repeal: {provision: t-pros}\n")
    text = run("report", "testland", "--amend", str(enacted)).output
    assert "Amended by HB 1 (2021): the encoded statutes with 1 amendment applied" in text
    assert "What-if" not in text
    assert "Amended by HB 1 (2021)" in run("explain", "testland", "1.1", "--amend", str(enacted)).output
    proposed = write("p.yaml", HEAD.replace("source:", "status: proposed\nsource:")
                     .replace("HB 1 (2021)", "SB 2 (2022)").replace("2021-08-28", "2022-08-28")
                     + "changes:\n  - set_facts: {provision: t-traf, facts: {commercial: false}}\n")
    both = run("report", "testland", "--amend", str(enacted), "--amend", str(proposed)).output
    assert "What-if: the encoded statutes with 2 amendments applied, 1 of them not law" in both
    assert "- HB 1 (2021): " in both and "- SB 2 (2022), proposed: " in both


def test_amendment_that_raises_protection_raises_the_score(run, write):
    path = write("a.yaml", HEAD + """\
changes:
  - set_facts: {provision: t-traf, facts: {minor_age_limit: 18, means_required_for_minors: false}}
""")
    before = json.loads(run("report", "testland", "--format", "json").output)
    after = json.loads(run("report", "testland", "--format", "json", "--amend", str(path)).output)
    points = {c["id"]: c["points"] for c in before["components"]}
    assert after["score"] > before["score"]
    assert next(c for c in after["components"] if c["id"] == "1.1")["points"] > points["1.1"]


# --- bad input: one line per problem, all problems in one run, exit 2 ------------------------

BAD = [
    ("unknown provision", "changes:\n  - repeal: {provision: t-traff}\n",
     "a.yaml:7: unknown provision 't-traff' in testland (did you mean 't-traf'?)"),
    ("adding an existing id", "changes:\n  - add: {id: t-pros, citation: c, title: t, kind: prostitution_offense, "
     "facts: {}, source: s}\n",
     "a.yaml:7: provision 't-pros' already exists in testland (use 'replace' to rewrite it)"),
    ("replace of a missing id", "changes:\n  - replace: {id: t-nope, citation: c, title: t, "
     "kind: prostitution_offense, facts: {}, source: s}\n", "a.yaml:7: unknown provision 't-nope' in testland"),
    ("a change after a repeal", "changes:\n  - repeal: {provision: t-pros}\n"
     "  - set_facts: {provision: t-pros, facts: {minor_protection: none}}\n",
     "a.yaml:8: unknown provision 't-pros' in testland (repealed by change 1 above)"),
    ("removing a fact the provision does not state",
     "changes:\n  - remove_facts: {provision: t-pros, facts: [minor_age_limit]}\n",
     "a.yaml:7: provision 't-pros' does not state fact 'minor_age_limit'"),
    ("unknown fact name (schema)", "changes:\n  - set_facts: {provision: t-traf, facts: {minor_age_limt: 18}}\n",
     "a.yaml:7: changes[0].set_facts.facts: unknown fact 'minor_age_limt' (did you mean 'minor_age_limit'?); valid "),
    ("fact of the wrong type", "changes:\n  - set_facts: {provision: t-traf, facts: {minor_age_limit: old}}\n",
     "a.yaml:7: changes[0].set_facts.facts.minor_age_limit: expected an integer, found text 'old'"),
    ("unknown kind", "changes:\n  - add: {id: t-x, citation: c, title: t, kind: prostitution, facts: {}, "
     "source: s}\n", "is not one of"),
    ("two actions in one change", "changes:\n  - {repeal: {provision: t-pros}, "
     "remove_facts: {provision: t-traf, facts: [commercial]}}\n",
     "a.yaml:7: changes[0]: a change takes exactly one of 'add', 'replace', 'repeal', 'set_facts' or 'remove_facts'"),
    ("unknown action", "changes:\n  - amend: {provision: t-pros}\n", "unknown key 'amend'"),
    ("repealing a provision still listed as a predicate", "changes:\n  - repeal: {provision: t-traf}\n",
     "a.yaml:7: repealing 't-traf' leaves it listed in t-gang predicate_offenses"),
    ("no changes", "changes: []\n", "a.yaml:6: changes: must not be empty"),
]


@pytest.mark.parametrize(("name", "changes", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_amendment_gets_one_line_and_exit_2(run, write, name, changes, expected):
    path = write("a.yaml", HEAD + changes)
    result = run("report", "testland", "--amend", str(path))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert all(line.startswith("a.yaml:") for line in result.stderr.splitlines())


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("jurisdiction", "missouri", "a.yaml:3: this amendment is for 'missouri', not 'testland'"),
    ("effective", "2019-01-01",
     "a.yaml:4: takes effect 2019-01-01, before the law it amends (testland as of 2020-01-01)"),
    ("effective", "2021-02-30", "a.yaml:4: effective: '2021-02-30' is not a valid date"),
    ("bill", "", "a.yaml:2: bill: must not be empty"),
])
def test_bad_head_gets_one_line_and_exit_2(run, write, field, value, expected):
    head = "\n".join(f'{line.split(":")[0]}: "{value}"' if line.startswith(field + ":") else line
                     for line in HEAD.splitlines()) + "\n"
    path = write("a.yaml", head + "changes:\n  - repeal: {provision: t-pros}\n")
    result = run("report", "testland", "--amend", str(path))
    assert result.exit_code == 2
    assert expected in result.stderr


def test_every_problem_in_every_file_in_one_run(run, write):
    one = write("one.yaml", HEAD + "changes:\n  - repeal: {provision: t-x}\n  - repeal: {provision: t-y}\n")
    two = write("two.yaml", HEAD.replace("title: Test changes\n", "") + "changes:\n  - repeal: {provision: t-z}\n")
    result = run("report", "testland", "--amend", str(one), "--amend", str(two))
    assert result.exit_code == 2
    # schema problems stop before referential ones, so the missing title is reported, for every file
    assert result.stderr.splitlines() == ["two.yaml:1: missing required key 'title'"]
    two.write_text(HEAD + "changes:\n  - repeal: {provision: t-z}\n", encoding="utf-8")
    lines = run("report", "testland", "--amend", str(one), "--amend", str(two)).stderr.splitlines()
    assert lines == ["one.yaml:7: unknown provision 't-x' in testland",
                     "one.yaml:8: unknown provision 't-y' in testland",
                     "two.yaml:7: unknown provision 't-z' in testland"]


def test_missing_and_malformed_files(run, tmp_path: Path, write):
    result = run("report", "testland", "--amend", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("nope.yaml:1: cannot read file")
    bad = write("bad.yaml", "title: [unclosed\n")
    result = run("report", "testland", "--amend", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith("bad.yaml:")
    assert "malformed YAML" in result.stderr


def test_failed_amended_report_never_writes_its_output(run, write, tmp_path: Path):
    out = tmp_path / "report.json"
    out.write_text("previous\n", encoding="utf-8")
    path = write("a.yaml", HEAD + "changes:\n  - repeal: {provision: t-nope}\n")
    result = run("report", "testland", "--amend", str(path), "--out", str(out))
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_amendment_schema_is_a_valid_draft_2020_12_schema(project):
    from jsonschema import Draft202012Validator

    from analyzer import contract
    from analyzer.amend import amendment_schema

    Draft202012Validator.check_schema(contract.schema("amendment"))
    Draft202012Validator.check_schema(amendment_schema(project.vocabulary))
