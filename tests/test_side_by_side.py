"""`report` of several jurisdictions (or --all): sections, totals and grades side by side, in every
format; a single jurisdiction's report is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer import pipeline
from analyzer.render import render
from tests.test_render_html import EXTERNAL, Elements

MINI = Path(__file__).parent / "data" / "mini"
DATA = ("--rules", str(MINI / "rules"), "--statutes", str(MINI / "statutes"))


def report(cli, *args: str, code: int = 0) -> str:
    result = cli("report", *args, *DATA)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout if code == 0 else result.stderr


def test_sections_totals_and_grades_side_by_side(cli) -> None:
    data = json.loads(report(cli, "partial", "ideal", "--format", "json"))
    assert [(j["id"], j["score"], j["grade"]) for j in data["jurisdictions"]] == [
        ("partial", 3, "F"), ("ideal", 7.5, "A")]
    assert [(s["id"], s["scores"], s["max"]) for s in data["sections"]] == [("A", [2.5, 5], 5),
                                                                           ("B", [0.5, 2.5], 2.5)]


def test_text_table_has_a_column_per_jurisdiction_in_the_order_named(cli) -> None:
    out = report(cli, "ideal", "partial")
    assert "Toy framework (1) — 2 jurisdictions side by side" in out
    header = next(line for line in out.splitlines() if line.startswith("Section"))
    assert header.index("Ideal State") < header.index("Partial State")
    assert any(line.split()[-3:] == ["7.5", "3", "7.5"] for line in out.splitlines() if "Total" in line)
    assert any(line.split()[-2:] == ["A", "F"] for line in out.splitlines() if "Grade" in line)


def test_all_grades_every_jurisdiction_but_the_benchmark(cli) -> None:
    data = json.loads(report(cli, "--all", "--format", "json"))
    assert [j["id"] for j in data["jurisdictions"]] == ["empty", "ideal", "mixed", "partial"]  # no 'fed'


def test_markdown_table(cli) -> None:
    out = report(cli, "partial", "ideal", "--format", "markdown")
    assert "| Section | Partial State | Ideal State | Max |" in out
    assert "| A. Offenses | 2.5 | 5 | 5 |" in out
    assert "| **Total** | **3** | **7.5** | **7.5** |" in out
    assert "| **Grade** | **F** | **A** | |" in out


def test_html_is_one_page_with_a_chart_per_section(cli) -> None:
    html = report(cli, "partial", "ideal", "mixed", "--format", "html")
    page = Elements(html)
    assert page.tags.count("svg") == 2 * (1 + 2)  # the totals, then one per section; a wide and a phone chart each
    assert "section-A" in page.ids and "section-B" in page.ids
    assert "script" not in page.tags and not EXTERNAL.search(html)
    assert "2.5 / 5" in page.visible and "Mixed State" in page.visible


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_same_input_gives_the_same_bytes(cli, fmt: str) -> None:
    assert report(cli, "--all", "--format", fmt) == report(cli, "--all", "--format", fmt)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_a_single_jurisdiction_report_is_unchanged(cli, fmt: str) -> None:
    project = pipeline.load(MINI / "rules", MINI / "statutes")
    expected = render(pipeline.report(project, project.jurisdictions["partial"], project.frameworks["toy"]), fmt)
    assert report(cli, "partial", "--format", fmt) == expected


def test_every_unknown_name_is_reported(cli) -> None:
    err = report(cli, "partal", "idael", code=2)
    assert "unknown jurisdiction 'partal' (did you mean 'partial'?)" in err
    assert "unknown jurisdiction 'idael' (did you mean 'ideal'?)" in err


def test_misuse_is_a_one_line_error(cli) -> None:
    assert report(cli, code=2).strip() == "gap-analyzer: name a jurisdiction (or several, or --all)"
    assert "--all takes no jurisdiction names" in report(cli, "--all", "ideal", code=2)
    amend = str(Path(__file__).resolve().parent.parent / "amendments/missouri/2019-hb-397.yaml")
    assert "--amend applies to one jurisdiction" in report(cli, "ideal", "partial", "--amend", amend, code=2)
