"""Bad input gets one line per problem, `FILE:LINE: what is wrong`, every problem in one run, exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import edit

MINI = Path(__file__).parent / "data" / "mini"


def validate(cli, mini: Path) -> list[str]:
    result = cli("validate", "--rules", str(mini / "rules"), "--statutes", str(mini / "statutes"), cwd=mini)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert all(":" in line for line in lines)
    return lines


def test_the_mini_project_is_valid(cli, mini: Path) -> None:
    result = cli("validate", "--rules", str(mini / "rules"), "--statutes", str(mini / "statutes"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 framework, 3 rules, 5 jurisdictions, 6 provisions, 0 cases files")


def test_shipped_rules_and_statutes_are_valid(cli) -> None:
    result = cli("validate")
    assert result.returncode == 0, result.stderr


def test_malformed_yaml(cli, mini: Path) -> None:
    edit(mini / "rules/toy/a2.yaml", "max: 2.5", "max: [2.5")
    assert any(line.startswith("rules/toy/a2.yaml:") and "malformed YAML" in line for line in validate(cli, mini))


def test_schema_violation_points_at_the_line(cli, mini: Path) -> None:
    edit(mini / "rules/toy/a2.yaml", "  - points: 1.5", "  - points: 1.25")
    assert "rules/toy/a2.yaml:9: tiers[1].points: points move in steps of 0.5" in validate(cli, mini)


def test_misspelled_key_suggests_the_right_one(cli, mini: Path) -> None:
    edit(mini / "rules/toy/a2.yaml", "recommendation:", "recomendation:")
    lines = validate(cli, mini)
    assert any(line.startswith("rules/toy/a2.yaml:14: unknown key 'recomendation' (did you mean 'recommendation'?); "
                               "valid keys: id, section, ") for line in lines)
    assert "rules/toy/a2.yaml:1: missing required key 'recommendation'" in lines


def test_unknown_fact_in_a_rule(cli, mini: Path) -> None:
    edit(mini / "rules/toy/a2.yaml", "fact: max_prison, gte: 10", "fact: max_prisn, gte: 10")
    assert "rules/toy/a2.yaml:11: unknown fact 'max_prisn' (did you mean 'max_prison'?)" in validate(cli, mini)


def test_unknown_kind_in_a_rule(cli, mini: Path) -> None:
    edit(mini / "rules/toy/b1.yaml", "when: {some: {kind: defense}}", "when: {some: {kind: defence}}")
    assert "rules/toy/b1.yaml:11: unknown provision kind 'defence' (did you mean 'defense'?)" in validate(cli, mini)


def test_unknown_fact_and_kind_in_a_statute(cli, mini: Path) -> None:
    edit(mini / "statutes/partial.yaml", "facts: {treatment: defense}", "facts: {treatmnt: defense}")
    edit(mini / "statutes/partial.yaml", "kind: offense", "kind: ofense")
    lines = validate(cli, mini)
    assert any(line.startswith("statutes/partial.yaml:5: provisions[1].facts: unknown fact 'treatmnt' "
                               "(did you mean 'treatment'?); valid facts: ") for line in lines)
    assert any(line.startswith("statutes/partial.yaml:3: provisions[0].kind: 'ofense' is not one of")
               and "(did you mean 'offense'?)" in line for line in lines)


def test_fact_value_of_the_wrong_type(cli, mini: Path) -> None:
    edit(mini / "statutes/partial.yaml", "max_prison: 15", "max_prison: forever")
    assert any(line.startswith("statutes/partial.yaml:4:") and "'life'" in line for line in validate(cli, mini))


def test_operator_that_does_not_fit_the_fact_type(cli, mini: Path) -> None:
    edit(mini / "rules/toy/b1.yaml", "fact: treatment, eq: shielded", "fact: treatment, gte: shielded")
    assert any("'gte' does not apply to enum fact 'treatment'" in line for line in validate(cli, mini))


def test_enum_value_that_the_vocabulary_does_not_have(cli, mini: Path) -> None:
    edit(mini / "rules/toy/b1.yaml", "fact: treatment, eq: shielded", "fact: treatment, eq: sheilded")
    assert any("'sheilded' is not one of: shielded, defense, none (did you mean 'shielded'?)" in line
               for line in validate(cli, mini))


def test_duplicate_provision_ids(cli, mini: Path) -> None:
    edit(mini / "statutes/partial.yaml", "id: p-2", "id: p-1")
    assert "statutes/partial.yaml:5: duplicate provision id 'p-1' (first at line 3)" in validate(cli, mini)


def test_duplicate_rule_ids(cli, mini: Path) -> None:
    shutil.copy(mini / "rules/toy/b1.yaml", mini / "rules/toy/b1-copy.yaml")
    assert any("duplicate rule id 'b1'" in line for line in validate(cli, mini))


def test_a_tier_worth_more_than_the_rule(cli, mini: Path) -> None:
    edit(mini / "rules/toy/b1.yaml", "  - points: 2.5", "  - points: 3")
    assert "rules/toy/b1.yaml:6: tier 1 is worth 3 points, more than the rule's max of 2.5" in validate(cli, mini)


def test_rules_of_a_section_must_add_up_to_its_max(cli, mini: Path) -> None:
    edit(mini / "rules/toy/framework.yaml", "max: 5,", "max: 4.5,")
    assert ("rules/toy/framework.yaml:6: the rules of section 'A' add up to 5 points, not the section's max of 4.5"
            in validate(cli, mini))


def test_a_rule_citing_a_section_the_framework_lacks(cli, mini: Path) -> None:
    edit(mini / "rules/toy/b1.yaml", "section: B", "section: C")
    lines = validate(cli, mini)
    assert "rules/toy/b1.yaml:1: section 'C' is not in framework 'toy'" in lines


def test_unknown_baseline_provision(cli, mini: Path) -> None:
    edit(mini / "rules/toy/a2.yaml", "baseline: fed-1", "baseline: fed-2")
    assert any("unknown fed provision 'fed-2' (did you mean 'fed-1'?)" in line for line in validate(cli, mini))


def test_a_file_that_is_not_utf8(cli, mini: Path) -> None:
    path = mini / "statutes/partial.yaml"
    path.write_bytes(path.read_bytes().replace(b"Defense", "D\xe9fense".encode("latin-1")))
    assert any(line.startswith("statutes/partial.yaml:5: not valid UTF-8") for line in validate(cli, mini))


def test_an_alias_bomb(cli, mini: Path) -> None:
    (mini / "statutes/bomb.yaml").write_text("a: &a [x, x, x]\nb: [*a, *a, *a]\n")
    assert any(line.startswith("statutes/bomb.yaml:2:") and "aliases" in line for line in validate(cli, mini))


def test_every_problem_is_reported_in_one_run(cli, mini: Path) -> None:
    edit(mini / "rules/toy/a2.yaml", "fact: max_prison, gte: 10", "fact: max_prisn, gte: 10")
    edit(mini / "rules/toy/b1.yaml", "when: {some: {kind: defense}}", "when: {some: {kind: defence}}")
    edit(mini / "statutes/partial.yaml", "id: p-2", "id: p-1")
    (mini / "statutes/broken.yaml").write_text("jurisdiction: [\n")
    lines = validate(cli, mini)
    files = {line.split(":")[0] for line in lines}
    assert files == {"rules/toy/a2.yaml", "rules/toy/b1.yaml", "statutes/partial.yaml", "statutes/broken.yaml"}


def test_a_failed_report_leaves_no_output_file(cli, mini: Path) -> None:
    edit(mini / "statutes/partial.yaml", "id: p-2", "id: p-1")
    out = mini / "report.json"
    result = cli("report", "partial", "--rules", str(mini / "rules"), "--statutes", str(mini / "statutes"),
                 "--format", "json", "--out", str(out))
    assert result.returncode == 2
    assert not out.exists()
    assert list(mini.glob(".report.json*")) == []


def test_an_unknown_jurisdiction_suggests_a_close_one(cli) -> None:
    result = cli("report", "misouri")
    assert result.returncode == 2
    assert result.stderr.startswith("gap-analyzer: unknown jurisdiction 'misouri' (did you mean 'missouri'?)")


def test_an_empty_data_file(cli, mini: Path) -> None:
    (mini / "statutes/blank.yaml").write_text("")
    assert "statutes/blank.yaml:1: expected a mapping, found nothing" in validate(cli, mini)


def test_an_output_file_that_cannot_be_written(cli, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "r.json"
    result = cli("report", "ideal", "--rules", str(MINI / "rules"), "--statutes", str(MINI / "statutes"),
                 "--out", str(out))
    assert result.returncode == 2
    assert result.stderr == f"{out}: cannot write the file: No such file or directory\n"
