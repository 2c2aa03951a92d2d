"""`compare`: computed report cards beside published ones, why they differ, how well they agree, and
a tolerance that fails a CI run when a difference grows too large.

The mini project's synthetic cards (tests/data/mini/published/toy/): `ideal` agrees with its computed
card; `partial` is published one point above the computed score in section A and half a point below
in section B (total -0.5); `elsewhere` is a card whose jurisdiction is not encoded.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_render_html import EXTERNAL, Elements

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "data" / "mini"
DATA = ("--rules", str(MINI / "rules"), "--statutes", str(MINI / "statutes"))


def compare(cli, *args: str, code: int = 0) -> str:
    result = cli("compare", *args, *DATA)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_each_section_computed_beside_published_with_the_difference(cli) -> None:
    data = json.loads(compare(cli, "--format", "json"))
    partial = next(c for c in data["cards"] if c["jurisdiction"]["id"] == "partial")
    assert [(s["id"], s["computed"], s["published"], s["difference"]) for s in partial["sections"]] == [
        ("A", 2.5, 3.5, -1), ("B", 0.5, 0, 0.5)]
    assert partial["total"] == {"computed": 3, "published": 3.5, "difference": -0.5, "max": 7.5,
                                "computed_range": [3, 3], "published_within_range": False, "distance": 0.5,
                                "beyond": -0.5}
    assert partial["grade"] == {"computed": "F", "published": "F", "agrees": True, "computed_range": ["F", "F"],
                                "published_within_range": True}
    assert partial["sections"][0]["findings"] == ["A synthetic finding about offenses."]


def test_a_section_graded_lower_is_explained_by_the_components_short_of_full_credit(cli) -> None:
    data = json.loads(compare(cli, "partial", "--format", "json"))
    (card,) = data["cards"]
    below, above = card["explanations"]
    assert (below["section"], below["direction"]) == ("A", "rules award less")
    assert [c["id"] for c in below["components"]] == ["a1", "a2"]
    a2 = below["components"][1]
    assert a2["tier"] == {"index": 2, "points": 1.5, "reason": "At least ten years."}
    assert {"jurisdiction": "partial", "citation": "P.S. § 1", "fact": "max_prison", "value": 15} in a2["facts"]
    assert (above["section"], above["direction"]) == ("B", "rules award more")
    assert [c["id"] for c in above["components"]] == ["b1"]


def test_text_shows_the_table_the_reasons_and_the_agreement(cli) -> None:
    out = compare(cli)
    assert "A Offenses 2.5 3.5 -1 no, 1 off 5" in " ".join(out.split())  # a row of the section table
    assert ("Section A (-1), published outside the computed range: rules, facts or the scheme disagree; rules "
            "award less; components short of full credit:") in " ".join(out.split())
    assert "a2 Penalties as high as the baseline — 1.5/2.5 partial" in out
    assert "At least ten years." in out and "P.S. § 1: max_prison = 15" in out
    assert "tier 2" not in out  # the reason speaks for itself; tier numbers are for rule authors
    assert "Every published section agrees with the card; the grade agrees (A)." in out  # ideal
    assert "Summary over 2 compared cards" in out
    flat = " ".join(out.split())
    assert "grades agree: 2 of 2" in flat and "within ±0.5 of the computed score: 2 of 2" in flat
    assert "mean absolute section error: 0.38 points over 4 sections" in flat  # (1 + 0.5 + 0 + 0) / 4


def test_a_card_whose_jurisdiction_is_not_encoded_is_listed_not_an_error(cli) -> None:
    out = compare(cli)
    assert "Not encoded: no statutes for 'elsewhere', so nothing to compare. Published 5 (grade B)." in " ".join(
        out.split())
    assert "not encoded (no comparison): elsewhere" in out
    data = json.loads(compare(cli, "elsewhere", "--format", "json"))
    assert data["cards"][0]["status"] == "not encoded" and data["summary"]["cards"] == 0
    assert data["cards"][0]["edition"]["confidence"] == "assumed"


def test_named_jurisdictions_only(cli) -> None:
    data = json.loads(compare(cli, "ideal", "--format", "json"))
    assert [c["jurisdiction"]["id"] for c in data["cards"]] == ["ideal"]


def test_an_encoded_jurisdiction_without_a_card_has_nothing_to_compare(cli) -> None:
    data = json.loads(compare(cli, "empty", "--format", "json"))
    assert data["cards"] == [] and data["no_published_card"] == ["empty"]
    assert "No published card (nothing to compare): empty" in compare(cli, "empty")


def test_an_unknown_name_suggests_the_right_one(cli) -> None:
    result = cli("compare", "partal", *DATA)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == ("gap-analyzer: unknown jurisdiction 'partal' (did you mean 'partial'?): "
                                     "it is neither encoded nor on a published card")


def test_tolerance_exceeded_exits_1_and_names_each_difference(cli) -> None:
    out = compare(cli, "--tolerance", "0.5", code=1)
    assert "Differences beyond the tolerance of ±0.5:" in out
    assert "partial section A: -1 (1 outside the computed range 2.5)" in out
    assert "partial section B" not in out and "partial total" not in out  # 0.5 is within 0.5
    data = json.loads(compare(cli, "--tolerance", "0.25", "--format", "json", code=1))
    assert data["tolerance"]["exceeded"] == [
        {"jurisdiction": "partial", "what": "section A", "difference": -1, "computed_range": [2.5, 2.5],
         "distance": 1},
        {"jurisdiction": "partial", "what": "section B", "difference": 0.5, "computed_range": [0.5, 0.5],
         "distance": 0.5},
        {"jurisdiction": "partial", "what": "total", "difference": -0.5, "computed_range": [3, 3], "distance": 0.5}]


def test_within_tolerance_exits_0(cli) -> None:
    assert "Every difference is within the tolerance of ±1." in compare(cli, "--tolerance", "1")
    compare(cli)  # differences without --tolerance are reported, not failed


def test_a_negative_tolerance_is_refused(cli) -> None:
    result = cli("compare", "--tolerance", "-1", *DATA)
    assert result.returncode == 2 and "--tolerance" in result.stderr


def test_markdown_table_and_explanations(cli) -> None:
    out = compare(cli, "--format", "markdown")
    assert "| A. Offenses | 2.5 | 3.5 | −1 | no, 1 off | 5 |" in out
    assert "| **Grade** | **F** | **F** | agree | | |" in out
    assert "**Section A (−1), published outside the computed range: rules, facts or the scheme disagree**" in out
    assert "- **a2** Penalties as high as the baseline: 1.5 / 2.5" in out
    assert "- grades agree: 2 of 2;" in out


def test_html_is_one_self_contained_page_with_a_chart_per_compared_card(cli) -> None:
    html = compare(cli, "--format", "html")
    page = Elements(html)
    assert page.tags.count("svg") == 2 * 2  # ideal and partial, a wide and a phone chart each
    assert "script" not in page.tags and not EXTERNAL.search(html)
    assert "default-src 'none'" in html
    assert "2.5 / 5 rules" in page.visible and "3.5 / 5 card" in page.visible
    assert "grades agree: 2 of 2" in page.visible


def test_card_texts_cannot_inject_markup(cli, tmp_path: Path) -> None:
    mini = tmp_path / "mini"
    shutil.copytree(MINI, mini)
    card = mini / "published/toy/partial-2020.yaml"
    card.write_text(card.read_text().replace("source: synthetic test card", "source: <script>alert(1)</script>"))
    result = cli("compare", "--format", "html", "--rules", str(mini / "rules"), "--statutes", str(mini / "statutes"))
    assert result.returncode == 0, result.stderr
    assert "<script>" not in result.stdout and "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_same_input_gives_the_same_bytes(cli, fmt: str) -> None:
    assert compare(cli, "--format", fmt) == compare(cli, "--format", fmt)


def test_out_writes_the_comparison_and_still_exits_1_over_tolerance(cli, tmp_path: Path) -> None:
    out = tmp_path / "compare.html"
    result = cli("compare", "--tolerance", "0", "--format", "html", "--out", str(out), *DATA)
    assert result.returncode == 1 and result.stdout == ""
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_check_prints_the_summary(cli, tmp_path: Path) -> None:
    baselines = str(tmp_path / "baselines")
    assert cli("check", "--accept", "--baselines", baselines, *DATA).returncode == 0
    result = cli("check", "--baselines", baselines, *DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("Summary over 2 compared cards\n  grades agree: 2 of 2; the published grade is inside the computed "
            "grade range: 2 of 2\n  published totals inside the computed range: 1 of 2;") in result.stdout
    assert "mean difference by section (computed less published; + the rules award more): A -0.5, B +0.25" \
        in result.stdout


def test_the_summary_gives_each_sections_bias_and_the_largest_total_difference(cli) -> None:
    summary = json.loads(compare(cli, "--format", "json"))["summary"]
    # partial: A 2.5 vs 3.5 (-1), B 0.5 vs 0 (+0.5); ideal: both sections agree
    assert [(s["id"], s["cards"], s["mean_difference"], s["mean_absolute_difference"]) for s in summary["by_section"]] \
        == [("A", 2, -0.5, 0.5), ("B", 2, 0.25, 0.25)]
    assert summary["largest_total_difference"] == {"jurisdiction": "partial", "edition": "2020", "difference": -0.5}
    assert (summary["mean_total_difference"], summary["mean_absolute_total_difference"]) == (-0.25, 0.25)
    assert (summary["totals_near_range"], summary["sections_near_range"]) == (2, 4)
    # beyond the range: the rules award 1 less than the card's A (even at the high end), 0.5 more in B
    assert [s["mean_beyond_range"] for s in summary["by_section"]] == [-0.5, 0.25]
    assert summary["mean_total_beyond_range"] == -0.25
    for fmt, heading in (("markdown", "**Summary over 2 compared cards**"), ("html", "Summary over 2 compared cards")):
        out = compare(cli, "--format", fmt)
        assert heading in out and "Mean difference" in out and "−0.5" in out


def test_a_section_below_its_maximum_and_outside_the_range_says_how_far_its_components_must_move(cli) -> None:
    (card,) = json.loads(compare(cli, "partial", "--format", "json"))["cards"]
    assert card["pinned"] == [
        {"section": "A", "kind": "section_bound", "published": 3.5, "computed_range": [2.5, 2.5], "needs": 1},
        {"section": "B", "kind": "section_bound", "published": 0, "computed_range": [0.5, 0.5], "needs": -0.5}]
    flat = " ".join(compare(cli, "partial").split())
    assert "Section A is 3.5 on the card, outside the computed 2.5: its components would have to gain 1" in flat


def test_a_full_section_on_the_card_pins_every_component_the_rules_score_below_full(cli, tmp_path: Path) -> None:
    mini = tmp_path / "mini"
    shutil.copytree(MINI, mini)
    card = mini / "published/toy/partial-2020.yaml"
    card.write_text(card.read_text().replace("score: 3.5", "score: 5").replace("total: 3.5", "total: 5")
                    .replace("grade: F", "grade: B"))
    result = cli("compare", "partial", "--format", "json", "--rules", str(mini / "rules"),
                 "--statutes", str(mini / "statutes"))
    assert result.returncode == 0, result.stderr
    (card,) = json.loads(result.stdout)["cards"]
    full = card["pinned"][0]
    assert (full["section"], full["kind"]) == ("A", "full_section")
    assert [c["id"] for c in full["components"]] == ["a1", "a2"]  # section A computes 2.5 of 5


def test_a_card_with_the_grade_alone_claims_no_section_agreement(cli, tmp_path: Path) -> None:
    mini = tmp_path / "mini"
    shutil.copytree(MINI, mini)
    card = mini / "published/toy/ideal-2020.yaml"
    card.write_text(card.read_text().replace("total: 7.5\n", "").replace("sections: {A: 5, B: 2.5}\n", "")
                    .replace("grade: A", "grade: B"))
    data = ("--rules", str(mini / "rules"), "--statutes", str(mini / "statutes"))
    for fmt in ("text", "markdown", "html"):
        out = " ".join(cli("compare", "ideal", "--format", fmt, *data).stdout.split())
        assert "No section figures were published; the grade differs: A against B." in out
        assert "Every published section agrees" not in out and "Ideal State, 2020 card" in out


def test_the_shipped_cards_compare_missouri_and_list_oklahoma(cli) -> None:
    result = cli("compare", "--format", "json")
    assert result.returncode == 0, result.stderr
    cards = {c["jurisdiction"]["id"]: c for c in json.loads(result.stdout)["cards"]}
    assert cards["missouri"]["status"] == "compared"
    assert cards["missouri"]["total"]["published"] == 89.5 and cards["missouri"]["grade"]["published"] == "B"
    assert [s["published"] for s in cards["missouri"]["sections"]] == [10, 23, 15, 9.5, 20, 12]
    assert [s["published"] for s in cards["oklahoma"]["sections"]] == [10, 24.5, 15, 7.5, 21, 12]
    assert cards["oklahoma"]["edition"]["confidence"] == "assumed"
