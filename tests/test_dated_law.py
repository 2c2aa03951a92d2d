"""Dated law: a statute file states each fact's values by date and each provision's effective and
repealed dates; every command grades the law of one date (`--as-of`, default the latest encoded)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.pipeline import law_on, load
from tests.conftest import dedent, edit

# Trafficking law that reaches every minor only from 2018-08-28 (HB 2 of this synthetic state), and an
# enticement law repealed (renumbered) on 2019-01-01; the prostitution law's protection for minors is
# not stated from 2021 on (amended, new text unread).
DATEDLAND = """\
jurisdiction: {id: datedland, name: Datedland, from: "2015-01-01", as_of: "2021-07-01", type: synthetic}
provisions:
  - id: d-traf
    citation: D.C. § 1
    title: Trafficking
    kind: sex_trafficking_offense
    facts:
      commercial: true
      means_required_for_minors: false
      minor_age_limit:
        history:
          - {from: "2015-01-01", value: 16, citation: D.C. § 1(a), enacted_by: HB 1 (2014)}
          - {from: "2018-08-28", value: 18, citation: D.C. § 1(a), enacted_by: HB 2 (2018)}
    source: synthetic
  - id: d-pros
    citation: D.C. § 2
    title: Prostitution
    kind: prostitution_offense
    facts:
      minor_protection:
        history:
          - {from: "2015-01-01", value: none}
          - {from: "2020-08-28", value: non_criminalized, enacted_by: SB 3 (2020)}
          - {from: "2021-07-01", unstated: true, note: amended again; the new wording was not read}
    source: synthetic
  - id: d-old
    citation: D.C. § 9 (old numbering)
    title: Enticement (old section)
    kind: enticement_offense
    repealed: "2019-01-01"
    repealed_by: HB 4 (2018)
    facts: {minor_age_limit: 18}
    source: synthetic
  - id: d-new
    citation: D.C. § 10
    title: Enticement
    kind: enticement_offense
    effective: "2019-01-01"
    enacted_by: HB 4 (2018)
    facts: {minor_age_limit: 18}
    source: synthetic
"""


@pytest.fixture
def dated(project_dirs) -> tuple[Path, Path]:
    rules, statutes = project_dirs
    (statutes / "datedland.yaml").write_text(DATEDLAND, encoding="utf-8")
    return rules, statutes


@pytest.fixture
def law(dated):
    project = load(*dated)
    return project.jurisdictions["datedland"]


def age(jurisdiction, date: str):
    return law_on(jurisdiction, date).by_id["d-traf"].facts["minor_age_limit"].value


def test_a_dated_value_holds_from_its_date_until_the_next(law):
    assert age(law, "2018-08-27") == 16
    assert age(law, "2018-08-28") == 18  # on its effective date
    assert age(law, "2020-01-01") == 18
    assert law_on(law, "2018-08-28").by_id["d-traf"].facts["minor_age_limit"].enacted_by == "HB 2 (2018)"


def test_the_default_is_the_latest_law_encoded(law):
    assert law.as_of == "2021-07-01"
    assert age(law, law.as_of) == 18
    assert "minor_protection" not in law.by_id["d-pros"].facts  # unstated from 2021-07-01: not a value


def test_a_repealed_provision_is_in_force_until_the_day_before_its_repeal(law):
    assert "d-old" in law_on(law, "2018-12-31").by_id
    assert "d-new" not in law_on(law, "2018-12-31").by_id
    assert "d-old" not in law_on(law, "2019-01-01").by_id
    assert "d-new" in law_on(law, "2019-01-01").by_id


def test_a_date_before_the_earliest_law_encoded_is_refused_with_the_dates(run, dated):
    result = run("report", "datedland", "--as-of", "2014-12-31")
    assert result.exit_code == 2
    assert result.output.startswith("--as-of: Datedland's encoded law starts on 2015-01-01")
    assert "2018-08-28" in result.output and "Traceback" not in result.output


def test_report_says_which_law_it_grades(run, dated):
    today = run("report", "datedland")
    assert "Law as of 2021-07-01 (today's law: the latest date encoded)" in today.output
    data = json.loads(run("report", "datedland", "--as-of", "2018-01-01", "--format", "json").output)
    assert data["jurisdiction"]["as_of"] == "2018-01-01"
    assert data["jurisdiction"]["encoded"] == {"from": "2015-01-01", "through": "2021-07-01"}


def points(run, *args: str) -> dict[str, float]:
    data = json.loads(run("report", "datedland", "--format", "json", *args).output)
    return {c["id"]: c["points"] for c in data["components"]}


def test_the_same_rules_grade_the_law_of_each_date(run, dated):
    before, after = points(run, "--as-of", "2018-08-27"), points(run, "--as-of", "2018-08-28")
    assert before["1.1"] < after["1.1"]  # the age limit reached every minor only from 2018-08-28
    protected = points(run, "--as-of", "2020-08-28")
    assert protected["5.3"] > after["5.3"]


def test_an_amendment_applies_on_top_of_the_law_of_the_as_of_date(run, dated, write):
    bill = write("raise.yaml", """\
        title: Raise the age
        bill: HB 7 (2017)
        jurisdiction: datedland
        effective: "2017-08-28"
        status: proposed
        source: synthetic
        changes:
          - set_facts: {provision: d-traf, facts: {minor_age_limit: 18}}
        """)
    amended = points(run, "--as-of", "2017-01-01", "--amend", str(bill))
    assert amended["1.1"] == points(run, "--as-of", "2018-08-28")["1.1"]
    header = run("report", "datedland", "--as-of", "2017-01-01", "--amend", str(bill)).output
    assert "Law as of 2017-01-01 with 1 amendment applied on top (effective 2017-08-28, listed below)" in header
    data = json.loads(run("report", "datedland", "--as-of", "2017-01-01", "--amend", str(bill), "--format",
                          "json").output)
    assert data["amendments"][0]["applied_to"] == "2017-01-01"
    refused = run("report", "datedland", "--amend", str(bill))  # today's law is later than the bill
    assert refused.exit_code == 2
    assert "before the law it amends" in refused.output


@pytest.mark.parametrize(("old", "new", "at", "message"), [
    ('- {from: "2018-08-28", value: 18', '- {from: "2015-01-01", value: 18', '"2015-01-01", value: 18',
     "minor_age_limit: the value from 2015-01-01 shares its date with the one above it"),
    ('- {from: "2018-08-28", value: 18', '- {from: "2014-06-01", value: 18', '"2014-06-01", value: 18',
     "minor_age_limit: the value from 2014-06-01 is dated before the one above it"),
    ('repealed: "2019-01-01"', 'effective: "2019-01-01"\n    repealed: "2018-01-01"', "- id: d-old",
     "d-old is repealed 2018-01-01, not after it takes effect (2019-01-01)"),
    ('- {from: "2021-07-01", unstated: true', '- {from: "2022-01-01", unstated: true', '"2022-01-01"',
     "minor_protection: dated 2022-01-01, after the latest date the file states (2021-07-01)"),
])
def test_dates_out_of_order_or_overlapping_are_refused_at_their_line(run, dated, old, new, at, message):
    path = dated[1] / "datedland.yaml"
    edit(path, old, new)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if at in text)
    result = run("validate", "--statutes", str(dated[1]))
    assert result.exit_code == 2
    assert any(row.startswith(f"statutes/datedland.yaml:{line}: ") and message in row
               for row in result.output.splitlines()), result.output


def test_a_dated_value_states_either_a_value_or_that_it_is_unstated(run, dated):
    edit(dated[1] / "datedland.yaml", "unstated: true, note", "note")
    result = run("validate", "--statutes", str(dated[1]))
    assert result.exit_code == 2
    assert "a dated value has either 'value' or 'unstated: true'" in result.output


def test_timeline_points_are_the_reports_of_their_dates(run, dated):
    data = json.loads(run("timeline", "datedland", "--format", "json").output)
    dates = [p["date"] for p in data["points"]]
    assert dates == ["2015-01-01", "2018-08-28", "2019-01-01", "2020-08-28", "2021-07-01"]
    for point in data["points"]:
        graded = json.loads(run("report", "datedland", "--as-of", point["date"], "--format", "json").output)
        assert (point["score"], point["grade"]) == (graded["score"], graded["grade"])
        assert [s["score"] for s in point["sections"]] == [s["score"] for s in graded["sections"]]
    changed = data["points"][1]["changes"]
    assert changed == [{"provision": "d-traf", "citation": "D.C. § 1(a)", "title": "Trafficking",
                        "change": "fact", "fact": "minor_age_limit", "from": "16", "to": "18", "by": "HB 2 (2018)"}]
    renumbered = {(c["provision"], c["change"], c["by"]) for c in data["points"][2]["changes"]}
    assert renumbered == {("d-new", "in force", "HB 4 (2018)"), ("d-old", "repealed", "HB 4 (2018)")}
    assert "1.1" in {m["id"] for m in data["points"][1]["moved"]}


def test_timeline_from_a_date_between_changes_starts_with_the_law_then_in_force(run, dated):
    data = json.loads(run("timeline", "datedland", "--from", "2017-05-05", "--to", "2019-06-01",
                          "--format", "json").output)
    assert [p["date"] for p in data["points"]] == ["2017-05-05", "2018-08-28", "2019-01-01"]


def test_timeline_html_draws_each_series_as_an_svg_chart(run, dated):
    page = run("timeline", "datedland", "--format", "html").output
    assert page.count("<svg") == 2 + 6  # the total, wide and narrow; each section in a phone-sized cell
    assert "<script" not in page


@pytest.fixture
def card_of_2018(tmp_path: Path) -> None:
    """A published card of Datedland that gives the grade alone, for the law of 2018-06-30."""
    cards = tmp_path / "published" / "pic"
    cards.mkdir(parents=True, exist_ok=True)
    (cards / "datedland-2018.yaml").write_text(dedent("""\
        framework: pic
        edition: "2018"
        jurisdiction: datedland
        law_date: {value: "2018-06-30", confidence: assumed}
        grade: F
        source: synthetic card with the grade alone
        """), encoding="utf-8")


def test_check_keeps_the_law_of_each_published_cards_date(run, dated, tmp_path, card_of_2018):
    baselines = tmp_path / "baselines"
    assert run("check", "--accept", "--baselines", str(baselines)).exit_code == 0
    assert sorted(p.name for p in baselines.iterdir()) == [
        "datedland.json", "datedland@2018-06-30.json", "testland.json"]
    edit(dated[1] / "datedland.yaml", "value: 16, citation", "value: 18, citation")  # past law changes
    result = run("check", "--baselines", str(baselines))
    assert result.exit_code == 1
    assert "datedland@2018-06-30.json: the report of 'datedland@2018-06-30' changed" in result.output
    assert "datedland.json: ok" in result.output  # today's law did not change


def test_compare_grades_each_card_at_its_law_date(run, dated, card_of_2018):
    data = json.loads(run("compare", "datedland", "--format", "json").output)
    (card,) = data["cards"]
    assert card["jurisdiction"]["as_of"] == "2018-06-30"
    graded = json.loads(run("report", "datedland", "--as-of", "2018-06-30", "--format", "json").output)
    assert card["total"] == {"computed": graded["score"], "published": None, "difference": None,
                             "max": graded["max_score"], "computed_range": graded["score_range"],
                             "published_within_range": None,
                             "distance": None, "beyond": None}


def test_a_card_with_the_grade_alone_is_a_letter_above_the_total_chart_and_absent_from_sections(run, dated,
                                                                                             card_of_2018):
    import re

    page = run("timeline", "datedland", "--format", "html").output
    charts = re.findall(r"<svg .*?</svg>", page, re.DOTALL)
    total, sections = charts[:2], charts[2:]
    for chart in total:
        (letter,) = re.findall(r'<text class="card-grade" x="[\d.]+" y="([\d.]+)"', chart)
        top_line = min(float(y) for y in re.findall(r'<line class="gridline" [^>]*y1="([\d.]+)"', chart))
        assert float(letter) < top_line - 4  # above the highest gridline and its label, not on them
    assert not any("card-grade" in chart for chart in sections)


def test_timeline_from_and_to_limit_the_published_cards_too(run, dated, card_of_2018):
    within = json.loads(run("timeline", "datedland", "--to", "2018-12-31", "--format", "json").output)
    after = json.loads(run("timeline", "datedland", "--from", "2019-01-01", "--format", "json").output)
    assert [c["date"] for c in within["published"]] == ["2018-06-30"]
    assert after["published"] == []
