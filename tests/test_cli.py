"""The command line as users run it: formats, files, any working directory, explain."""

from __future__ import annotations

import json
from pathlib import Path

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
