"""The command line as users run it: formats, files, any working directory, explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "data" / "mini"
DATA = ("--rules", str(MINI / "rules"), "--statutes", str(MINI / "statutes"))


def test_every_format_renders_the_same_scores(cli) -> None:
    text = cli("report", "partial", *DATA).stdout
    markdown = cli("report", "partial", *DATA, "--format", "markdown").stdout
    data = json.loads(cli("report", "partial", *DATA, "--format", "json").stdout)
    assert data["score"] == 3
    assert "Final score 3 of 7.5" in text and "Grade F" in text
    assert "**Final score 3 of 7.5 · Grade F**" in markdown
    assert "P.S. § 1" in text and "P.S. § 1" in markdown


def test_text_output_in_a_pipe_has_no_colour_codes(cli) -> None:
    assert "\x1b[" not in cli("report", "partial", *DATA).stdout


def test_same_input_gives_the_same_bytes(cli) -> None:
    for fmt in ("text", "json", "markdown"):
        assert cli("report", "partial", *DATA, "--format", fmt).stdout == \
            cli("report", "partial", *DATA, "--format", fmt).stdout


def test_out_writes_the_report_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = cli("report", "ideal", *DATA, "--format", "json", "--out", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text())["grade"] == "A"


def test_the_project_data_is_found_from_any_working_directory(cli, tmp_path: Path) -> None:
    result = cli("report", "missouri", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["jurisdiction"]["id"] == "missouri"


def test_explain_shows_tiers_facts_citations_and_the_way_to_full_credit(cli) -> None:
    result = cli("explain", "partial", "a1", *DATA)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Points 1 of 2.5 · partial · tier 2 of 2 reached" in out
    assert "✗ Tier 1 (2.5 points): unmet" in out
    assert "P.S. § 1: age_limit = 16" in out and "18 U.S.C. § 1: age_limit = 18" in out
    assert "needs: age_limit ≥ 18 (P.S. § 1 states 16; 18 U.S.C. § 1 states 18)" in out
    assert "Recommendation: Enact it." in out


def test_explain_json_lists_every_tier(cli) -> None:
    data = json.loads(cli("explain", "partial", "a1", *DATA, "--format", "json").stdout)
    assert [(t["index"], t["result"]) for t in data["tiers"]] == [(1, "unmet"), (2, "met")]


def test_explain_an_unknown_component(cli) -> None:
    result = cli("explain", "partial", "a11", *DATA)
    assert result.returncode == 2
    assert result.stderr.strip() == "gap-analyzer: unknown component 'a11' (did you mean 'a1'?)"


def test_every_help_page_fits_80_columns_examples_included() -> None:
    from click.testing import CliRunner

    from analyzer.cli import main

    for name in ["", *sorted(main.commands)]:
        result = CliRunner().invoke(main, [*name.split(), "--help"], terminal_width=80)
        assert result.exit_code == 0, result.output
        too_wide = [line for line in result.output.splitlines() if len(line) > 80]
        assert not too_wide, (name, too_wide)


def test_explain_never_asks_for_a_fact_to_be_left_unstated(run, project_dirs) -> None:
    """5.2 is met where every CSEC offense's consent bar reaches its age limit, or the age limit is not
    stated; only the first is something a law can do, so only it is what full credit needs."""
    _rules, statutes = project_dirs
    (statutes / "consentland.yaml").write_text("""\
jurisdiction: {id: consentland, name: Consentland, as_of: "2024-01-01", type: synthetic}
provisions:
  - {id: c-traf, citation: C.C. § 1, title: Trafficking, kind: sex_trafficking_offense, source: synthetic,
     facts: {minor_age_limit: 18, consent_defense_barred_under: 14}}
  - {id: c-prom, citation: C.C. § 2, title: Promoting, kind: promoting_prostitution_offense, source: synthetic,
     facts: {minor_age_limit: 18}}
""", encoding="utf-8")
    result = run("explain", "consentland", "5.2")
    assert result.exit_code == 0, result.output
    needs = result.output.split("To reach full credit", 1)[1]
    assert "consent_defense_barred_under ≥ 18" in needs
    assert "is not stated" not in needs


@pytest.mark.parametrize("args", [
    ("report", "testland", "--as-of", "2019-02-30"),
    ("report", "testland", "--as-of", "19-06-30"),
    ("timeline", "testland", "--to", "2019-13-01"),
    ("diff", "testland@2019-02-30", "testland"),
])
def test_a_bad_date_is_one_line_and_exit_2(run, args) -> None:
    result = run(*args)
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.endswith("not a date: use YYYY-MM-DD") and "Usage" not in result.output


def test_an_id_with_an_empty_date_is_refused_not_read_as_todays_law(run) -> None:
    result = run("diff", "testland@", "testland")
    assert result.exit_code == 2
    assert result.output.strip() == ("gap-analyzer: 'testland@': no date after '@' (write testland@YYYY-MM-DD, "
                                     "or testland for today's law)")
