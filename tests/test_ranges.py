"""Score ranges: a grade is only as good as the law read.

Each component's points are what the stated facts earn (the low end); its range reaches up to the
best tier the stated facts do not rule out. Sections and the total add the ranges up, the report
says both ends first, `compare` measures published cards against the range, and `reading-list`
names the unstated facts that keep it open. Expected numbers are read from the rules' tiers.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from analyzer import pipeline
from analyzer.model import Fact, Where
from tests.conftest import MINI, edit
from tests.test_properties import FAST, grade, jurisdictions

DATA = ("--rules", str(MINI / "rules"), "--statutes", str(MINI / "statutes"))
HERE = Where("test", 1)


def mini_project():
    return pipeline.load(MINI / "rules", MINI / "statutes")


def with_age(project, age):
    """Partial State with its offense's age limit stated as `age` (None: the encoding leaves it unstated)."""
    partial = project.jurisdictions["partial"]
    offense = partial.by_id["p-1"]
    facts = {k: v for k, v in offense.facts.items() if k != "age_limit"}
    if age is not None:
        facts["age_limit"] = Fact("age_limit", age, HERE)
    provisions = tuple(replace(p, facts=facts) if p.id == "p-1" else p for p in partial.provisions)
    return replace(partial, provisions=provisions)


def graded(project, jurisdiction):
    return pipeline.report(project, jurisdiction, project.frameworks["toy"])


def test_one_unknown_fact_gives_the_exact_range() -> None:
    project = mini_project()
    stated = graded(project, project.jurisdictions["partial"])
    silent = graded(project, with_age(project, None))
    a1 = silent.component("a1")
    full, partial_tier = (t.points for t in a1.rule.tiers)
    # a1's full tier turns on the unstated age limit; its partial tier is met by the offense existing.
    assert a1.status == "unknown" and a1.points_range == (partial_tier, full)
    assert silent.score_range == (stated.score, stated.score + full - partial_tier)
    assert silent.grade_range == (project.frameworks["toy"].grade(silent.score),
                                  project.frameworks["toy"].grade(silent.score + full - partial_tier))
    for c in silent.components:
        if c.rule.id != "a1":
            assert c.points_range == (c.points, c.points)  # determined: closed
    section = next(s for s in silent.sections if s.section.id == a1.rule.section)
    assert section.score_range == (section.score, section.score + full - partial_tier)


def test_stating_the_fact_favorably_reaches_the_high_end_and_unfavorably_at_least_the_low_end() -> None:
    project = mini_project()
    low, high = graded(project, with_age(project, None)).score_range
    benchmark_age = project.jurisdictions["fed"].by_id["fed-1"].facts["age_limit"].value
    assert graded(project, with_age(project, benchmark_age)).score == high
    assert graded(project, with_age(project, benchmark_age - 8)).score >= low


@given(st.integers(min_value=0, max_value=30))
@FAST
def test_any_stated_value_scores_inside_the_range_left_by_leaving_it_unstated(age: int) -> None:
    project = mini_project()
    low, high = graded(project, with_age(project, None)).score_range
    report = graded(project, with_age(project, age))
    assert low <= report.score <= high
    assert report.score_range == (report.score, report.score)  # nothing left unstated: closed


@given(jurisdictions())
@FAST
def test_low_never_exceeds_high_and_determined_means_closed(jurisdiction) -> None:
    report = grade(jurisdiction)
    for c in report.components:
        low, high = c.points_range
        assert Decimal(0) <= low <= high <= c.rule.max
        assert (c.status == "unknown") == (low < high)
    widths = sum((c.high - c.points for c in report.components), Decimal(0))
    assert report.high - report.score == widths  # the components' widths add up to the total's
    assert report.score_range == (sum((s.score for s in report.sections), Decimal(0)),
                                  sum((s.high for s in report.sections), Decimal(0)))
    assert len(report.undetermined) == sum(1 for c in report.components if c.status == "unknown")


def test_oklahoma_json_carries_ranges_that_add_up(cli) -> None:
    for name in ("oklahoma", "pennsylvania", "missouri"):
        data = json.loads(cli("report", name, "--format", "json").stdout)
        low, high = data["score_range"]
        assert low == data["score"] and low <= high <= data["max_score"]
        widths = sum(Decimal(str(c["points_range"][1])) - Decimal(str(c["points_range"][0]))
                     for c in data["components"])
        assert widths == Decimal(str(high)) - Decimal(str(low))
        assert sum(Decimal(str(s["score_range"][1])) for s in data["sections"]) == Decimal(str(high))
        assert data["undetermined_components"] == sum(1 for c in data["components"] if c["undetermined"])
        assert len(data["grade_range"]) == 2


def test_the_text_report_says_the_upper_end_first_when_the_range_is_open(cli) -> None:
    data = json.loads(cli("report", "oklahoma", "--format", "json").stdout)
    low, high = data["score_range"]
    assert low < high, "Oklahoma's encoding leaves components undetermined"
    head = " ".join(" ".join(cli("report", "oklahoma").stdout.splitlines()[:4]).split())
    count = data["undetermined_components"]
    assert (f"Final score {low:g} of {data['max_score']:g}, up to {high:g} if the {count} components "
            f"not determined are favorable — grade {data['grade_range'][0]} to {data['grade_range'][1]}") in head
    markdown = cli("report", "oklahoma", "--format", "markdown").stdout.splitlines()[2]
    assert f"up to {high:g} if the {count} components not determined are favorable" in markdown
    html = cli("report", "oklahoma", "--format", "html").stdout
    assert 'class="bar-open"' in html and f"up to {high:g} if the {count} components not determined" in html


def test_a_determined_report_shows_one_number(cli) -> None:
    out = cli("report", "ideal", *DATA).stdout
    assert "up to" not in out and "Final score 7.5 of 7.5   Grade A" in out
    assert 'class="bar-open"' not in cli("report", "ideal", "--format", "html", *DATA).stdout


def test_side_by_side_shows_ranges_and_undetermined_counts(cli) -> None:
    table = json.loads(cli("report", "missouri", "oklahoma", "--format", "json").stdout)
    oklahoma = table["jurisdictions"][1]
    assert oklahoma["score_range"][0] == oklahoma["score"] < oklahoma["score_range"][1]
    assert oklahoma["undetermined_components"] > 0
    for s in table["sections"]:
        assert [r[0] for r in s["score_ranges"]] == s["scores"]  # each range starts at the stated score
        assert all(low <= high <= s["max"] for low, high in s["score_ranges"])
    text = cli("report", "missouri", "oklahoma").stdout
    low, high = oklahoma["score_range"]
    assert f"{low:g}–{high:g}" in text and "Not determined" in text
    assert "Not determined" in cli("report", "missouri", "oklahoma", "--format", "markdown").stdout
    assert "Not determined (components)" in cli("report", "missouri", "oklahoma", "--format", "html").stdout


def test_a_published_score_inside_the_range_is_no_disagreement_of_rules(cli, mini: Path) -> None:
    """Partial State with its age limit unstated: the card's section A lies inside the open range."""
    edit(mini / "statutes" / "partial.yaml", "age_limit: 16, ", "")
    args = ("--rules", str(mini / "rules"), "--statutes", str(mini / "statutes"))
    data = json.loads(cli("compare", "partial", "--format", "json", *args).stdout)
    (card,) = data["cards"]
    a = next(s for s in card["sections"] if s["id"] == "A")
    low, high = a["computed_range"]
    assert low < a["published"] <= high and a["published_within_range"] is True and a["distance"] == 0
    b = next(s for s in card["sections"] if s["id"] == "B")
    assert b["published_within_range"] is False and b["distance"] == abs(b["difference"])
    # outside the range first, labelled apart from what undetermined components can account for
    assert [e["published_within_range"] for e in card["explanations"]] == [False, True]
    assert card["explanations"][1]["components"][0]["id"] == "a1"
    assert data["summary"]["sections_within_range"] == 1
    # --tolerance measures the distance from the range: A is inside it, so only B can exceed
    over = json.loads(cli("compare", "partial", "--tolerance", "0", "--format", "json", *args).stdout)
    assert {e["what"] for e in over["tolerance"]["exceeded"]} == {"section B"} | (
        {"total"} if not card["total"]["published_within_range"] else set())
    text = cli("compare", "partial", *args).stdout
    assert "published inside the computed range" in text and "components not determined:" in text


def test_reading_list_points_at_stake_cover_the_open_range(cli) -> None:
    report = json.loads(cli("report", "oklahoma", "--format", "json").stdout)
    listed = json.loads(cli("reading-list", "oklahoma", "--format", "json").stdout)
    assert listed["score_range"] == report["score_range"]
    unstated = [i for i in listed["items"] if i["kind"] == "unstated"]
    stakes = [Decimal(str(i["points_at_stake"])) for i in unstated]
    assert stakes == sorted(stakes, reverse=True)  # most at stake first
    best: dict[str, Decimal] = {}
    for item in unstated:
        assert item["meaning"] and item["citation"] and item["provision"]
        for c in item["components"]:
            best[c["id"]] = max(best.get(c["id"], Decimal(0)), Decimal(str(c["points_at_stake"])))
    open_components = {c["id"]: Decimal(str(c["points_range"][1])) - Decimal(str(c["points_range"][0]))
                       for c in report["components"] if c["points_range"][0] != c["points_range"][1]}
    assert best == open_components  # every open component, each up to its full width
    assert sum(open_components.values()) == Decimal(str(listed["open_points"]))
    unconfirmed = [i for i in listed["items"] if i["kind"] == "unconfirmed"]
    assert unconfirmed and all(i["confidence"] in ("inferred", "recalled") for i in unconfirmed)
    carried = [Decimal(str(i["points"])) for i in unconfirmed]
    assert carried == sorted(carried, reverse=True)
    assert listed["items"].index(unconfirmed[0]) == len(unstated)  # unstated facts first


def test_reading_list_text_and_markdown_group_by_statute_section(cli) -> None:
    listed = json.loads(cli("reading-list", "oklahoma", "--format", "json").stdout)
    top = listed["items"][0]
    text = " ".join(cli("reading-list", "oklahoma").stdout.split())
    assert f"{top['citation']} — {top['title']} ({top['provision']})" in text
    assert f"{top['fact']} · {top['points_at_stake']:g} points at stake" in text
    markdown = cli("reading-list", "oklahoma", "--format", "markdown").stdout
    assert f"- [ ] `{top['fact']}`" in markdown
    page = cli("reading-list", "oklahoma", "--format", "html").stdout  # like every other command's page
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert f"<code>{top['fact']}</code>" in page and page.count("<code>") == len(listed["items"])
    result = cli("reading-list", "federal")
    assert result.returncode == 2  # the benchmark is compared against, never graded


def test_a_determined_jurisdiction_has_nothing_left_open(cli) -> None:
    listed = json.loads(cli("reading-list", "ideal", "--format", "json", *DATA).stdout)
    assert listed["open_points"] == 0 and not [i for i in listed["items"] if i["kind"] == "unstated"]
    assert "every component is determined" in cli("reading-list", "ideal", *DATA).stdout


def test_a_roadmap_says_when_the_target_lies_inside_the_current_range(cli) -> None:
    result = cli("roadmap", "oklahoma", "--target", "A", "--format", "json")
    data = json.loads(result.stdout)
    low, high = data["before"]["score_range"]
    assert data["target_in_range"] == (low < data["target"]["points"] <= high)
    assert all(f["kind"] == "change" for p in data["plan"] for f in p["facts"])
    assert all(f["kind"] == "read" and f["from"] is None for p in data["read_first"] for f in p["facts"])
    if data["target_in_range"]:
        assert "The target lies inside the current range" in cli("roadmap", "oklahoma", "--target", "A").stdout


def test_one_word_for_an_open_component_in_every_format(cli):
    """A component whose points turn on unstated facts is "not determined" in text, Markdown and HTML
    (JSON keeps the status "unknown", which its schema documents as "not determined")."""
    import re

    for fmt in ("text", "markdown", "html"):
        for command in (("report", "oklahoma"), ("reading-list", "oklahoma"), ("report", "--all")):
            out = cli(*command, "--format", fmt).stdout
            assert not re.search(r"undetermined|not det\.", out, re.IGNORECASE), (command, fmt)
