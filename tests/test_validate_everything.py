"""`validate` checks everything the tool reads, in one run: rules, statutes, rule test cases,
amendments and baselines, schema and cross-reference problems together, each at its key's line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import edit

ROOT = Path(__file__).resolve().parent.parent

WHAT_IF = "amendments/missouri/what-if-services-mandate.yaml"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A scratch copy of the whole data folder; commands run inside it, so it is the live checkout."""
    for name in ("rules", "statutes", "amendments", "baselines"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def problems(cli, checkout: Path) -> list[str]:
    result = cli("validate", cwd=checkout)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    return result.stderr.splitlines()


def test_the_shipped_data_is_valid_and_every_family_is_counted(cli, checkout: Path) -> None:
    result = cli("validate", cwd=checkout)
    assert result.returncode == 0, result.stderr
    cases = len(list((checkout / "rules").rglob("*.cases.yaml")))
    amendments = len(list((checkout / "amendments").rglob("*.yaml")))
    baselines = len(list((checkout / "baselines").glob("*.json")))
    def count(n: int, word: str) -> str:
        return f"{n} {word}" if n == 1 else f"{n} {word}s"

    assert f"{count(cases, 'cases file')}, {count(amendments, 'amendment')}, {count(baselines, 'baseline')}" \
        in result.stdout


def test_schema_and_reference_problems_of_every_family_in_one_run(cli, checkout: Path) -> None:
    rule = checkout / "rules/pic/section-1/1.1.yaml"
    edit(rule, "max: 2.5", "max: 2.25")  # schema: not a multiple of 0.5
    cases = checkout / "rules/pic/section-1/1.1.cases.yaml"
    edit(cases, 'components: {"1.1": {points: 2.5', 'components: {"1.11": {points: 2.5')  # reference
    edit(cases, "means_required_for_minors: false}}", "means_required_for_minrs: false}}")  # schema
    amendment = checkout / WHAT_IF
    edit(amendment, "provision: mo-566.223.services", "provision: mo-566.223.service")  # reference
    baseline = checkout / "baselines/missouri.json"
    baseline.rename(checkout / "baselines/kansas.json")
    lines = problems(cli, checkout)
    found = "\n".join(lines)
    assert f"rules/pic/section-1/1.1.yaml:{line_of(rule, 'max: 2.25')}: max: " in found
    assert f"rules/pic/section-1/1.1.cases.yaml:{line_of(cases, 'means_required_for_minrs')}: " in found
    assert "unknown fact 'means_required_for_minrs' (did you mean 'means_required_for_minors'?)" in found
    assert f"{WHAT_IF}:{line_of(amendment, 'provision: mo-566.223.service')}: " \
           f"unknown provision 'mo-566.223.service' in missouri (did you mean 'mo-566.223.services'?)" in found
    assert "baselines/kansas.json:" in found and "expected missouri.json" in found


def test_an_unknown_fact_is_reported_at_its_own_key_with_the_valid_facts(cli, checkout: Path) -> None:
    statute = checkout / "statutes/missouri.yaml"
    edit(statute, "      means_required_for_minors:\n", "      means_required_for_minor:\n")  # a block value
    key = line_of(statute, "means_required_for_minor:")
    (line,) = problems(cli, checkout)
    assert line.startswith(f"statutes/missouri.yaml:{key}: provisions[0].facts: unknown fact "
                           f"'means_required_for_minor' (did you mean 'means_required_for_minors'?); valid facts: ")
    assert "minor_age_limit, " in line


def test_a_typo_in_a_cases_file_names_the_valid_components(cli, checkout: Path) -> None:
    cases = checkout / "rules/pic/section-1/1.1.cases.yaml"
    edit(cases, 'components: {"1.1": {points: 2.5', 'components: {"1.11": {points: 2.5')
    lines = problems(cli, checkout)
    assert lines == [f"rules/pic/section-1/1.1.cases.yaml:{line_of(cases, '1.11')}: unknown component '1.11' of "
                     f"framework 'pic' (did you mean '1.1'?) (`gap-analyzer list components`)"]


def test_an_unknown_operator_lists_the_valid_operators(cli, checkout: Path) -> None:
    rule = checkout / "rules/pic/section-1/1.1.yaml"
    edit(rule, "{fact: minor_age_limit, gte:", '{fact: minor_age_limit, ">=":')
    (line,) = problems(cli, checkout)
    assert line.startswith(f"rules/pic/section-1/1.1.yaml:{line_of(rule, '>=')}: ")
    assert line.endswith("unknown operator '>='; valid operators: eq, ne, gt, gte, lt, lte, in, contains, known, "
                         "some, every")


def test_an_amendment_for_an_unknown_jurisdiction(cli, checkout: Path) -> None:
    amendment = checkout / WHAT_IF
    edit(amendment, "jurisdiction: missouri", "jurisdiction: misouri")
    assert problems(cli, checkout) == [
        f"{WHAT_IF}:{line_of(amendment, 'jurisdiction: misouri')}: unknown jurisdiction "
        f"'misouri' (did you mean 'missouri'?); known: "
        + ", ".join(sorted(p.stem for p in (checkout / "statutes").glob("*.yaml")))]


def test_a_baseline_that_is_not_a_report(cli, checkout: Path) -> None:
    (checkout / "baselines/missouri.json").write_text('{"score": "high"}\n', encoding="utf-8")
    lines = problems(cli, checkout)
    assert lines and all(line.startswith("baselines/missouri.json:") for line in lines)
    assert any("missing required key" in line for line in lines)
