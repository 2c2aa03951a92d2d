"""The written partial-credit scheme, "unknown is not a gap", and the evidence marks behind each score.

Specifications for issue 9 (rules half): every tier is sized by the framework's scheme and cites
it; a component whose higher tier turns on unstated facts says so instead of asserting a shortfall;
every cited fact shows its confidence; summaries tell "no such law" from "a law that falls short".
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import yaml

from analyzer import pipeline
from analyzer.load import read_framework

ROOT = Path(__file__).resolve().parents[1]

# Testland (tests/conftest.py): a trafficking law for minors under 16 that needs force, fraud or
# coercion, and no other law on most components.
PARTLY_STATED = """\
jurisdiction: {id: partland, name: Partland, as_of: "2020-01-01", type: synthetic}
provisions:
  - id: p-enticement
    citation: P.C. § 9
    title: Online enticement
    kind: enticement_offense
    facts:
      online: {value: true, confidence: inferred, citation: P.C. § 9(b)}
      applies_to:
        value: [buyers]
        confidence: confirmed
        citation: P.C. § 9(a)
    source: synthetic
  - id: p-possession
    citation: P.C. § 10
    title: Possession of abuse material
    kind: csam_offense
    facts: {csam_conduct: [possession], max_prison: 5}
    source: synthetic
"""


def scheme():
    framework = read_framework(ROOT / "rules" / "pic" / "framework.yaml")
    assert framework.scheme is not None
    return framework, framework.scheme


def test_every_shipped_tier_cites_the_scheme_and_has_the_size_its_clauses_fix() -> None:
    framework, written = scheme()
    project = pipeline.load(ROOT / "rules", ROOT / "statutes")
    for rule in project.rules[framework.id]:
        for tier in rule.tiers:
            assert tier.clauses, f"{rule.id}: a tier cites no clause"
            calibrated = rule.calibration.deductions if rule.calibration else {}
            assert written.points(rule.max, tier.clauses, calibrated) == tier.points, f"{rule.id} tier {tier.points}"
            assert any(f"clause {c}" in tier.reason or f"clauses {c}" in tier.reason for c in tier.clauses), \
                f"{rule.id}: the reason of the {tier.points}-point tier does not name its clause"


def test_the_scheme_fixes_each_partial_size_and_floors_combined_shortfalls() -> None:
    _, written = scheme()
    full = Decimal("2.5")
    assert written.points(full, ("full",)) == full
    assert written.points(full, ("degree",)) == Decimal("2")
    assert written.points(full, ("reach",)) == Decimal("1.5")
    assert written.points(full, ("form",)) == Decimal("1")
    assert written.points(full, ("condition",)) == Decimal("0.5")
    assert written.points(full, ("reach", "degree")) == Decimal("1")
    assert written.points(full, ("form", "reach")) == written.floor == Decimal("0.5")


def test_validate_rejects_a_tier_sized_off_the_scheme(project_copy: Path, cli) -> None:
    rule = project_copy / "rules" / "pic" / "section-5" / "5.4.yaml"  # its `form` tier is not calibrated
    text = rule.read_text(encoding="utf-8")
    resized = text.replace("  - points: 1\n    clause: form", "  - points: 2\n    clause: form")
    rule.write_text(resized, encoding="utf-8")
    result = cli("validate", "--rules", str(project_copy / "rules"), "--statutes", str(project_copy / "statutes"))
    assert result.returncode == 2
    assert "5.4.yaml" in result.stderr + result.stdout
    assert "tier 2 is worth 2 points, but its clauses (form) fix 1" in result.stderr + result.stdout


def test_validate_names_an_unknown_clause_with_a_suggestion(project_copy: Path, cli) -> None:
    rule = project_copy / "rules" / "pic" / "section-6" / "6.1.yaml"
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace("clause: form", "clause: fom"), encoding="utf-8")
    result = cli("validate", "--rules", str(project_copy / "rules"), "--statutes", str(project_copy / "statutes"))
    assert result.returncode == 2
    assert "cites unknown clause 'fom' (did you mean 'form'?)" in result.stderr + result.stdout


def test_explain_prints_the_clause_text_of_each_tier(cli) -> None:
    _, written = scheme()
    result = cli("explain", "missouri", "6.1")
    assert result.returncode == 0, result.stderr
    form = written.clause("form")
    assert "Scheme clause 'form' (Weaker form" in result.stdout
    assert " ".join(form.text.split()[:6]) in " ".join(result.stdout.split())


def test_explain_json_carries_the_clauses_and_their_calibrated_sizes(cli) -> None:
    _, written = scheme()
    result = cli("explain", "missouri", "6.1", "--format", "json")
    data = json.loads(result.stdout)
    (form,) = data["tiers"][1]["clauses"]
    calibrated = data["calibration"]["deductions"]["form"]
    assert form["id"] == "form" and form["calibrated"] is True
    assert (form["deduction"], form["default_deduction"]) == (calibrated, float(written.clause("form").deduction))
    assert data["calibration"]["evidence"] and data["calibration"]["cards"]
    text = cli("explain", "missouri", "6.1").stdout
    assert "in this component, calibrated; the scheme's default" in text and "Calibration (on " in text


def partland(run, project_dirs, *args: str):
    _, statutes = project_dirs
    (statutes / "partland.yaml").write_text(PARTLY_STATED, encoding="utf-8")
    return run("report", "partland", *args)


def test_a_tier_below_full_only_for_unstated_facts_is_not_determined(run, project_dirs) -> None:
    data = json.loads(partland(run, project_dirs, "--format", "json").output)
    luring = {c["id"]: c for c in data["components"]}["2.5"]
    assert luring["points"] == 1.5  # the stated facts meet the partial tier ...
    assert luring["status"] == "unknown" and luring["undetermined"] is True  # ... but full credit is open
    assert {"fact": "minor_age_limit", "provision": "p-enticement", "citation": "P.C. § 9"} in \
        luring["unstated_facts"]
    assert luring["finding"].startswith("Not determined")
    assert "minor age limit" in luring["finding"] and "not a finding that the law falls short" in luring["finding"]


def test_not_determined_shows_in_every_format(run, project_dirs) -> None:
    text = partland(run, project_dirs).output
    assert "2.5 not determined (1.5–2.5 of 2.5): Not determined" in " ".join(text.split())
    markdown = partland(run, project_dirs, "--format", "markdown").output
    assert "❔ not determined" in markdown and "**2.5 not determined**" in markdown
    html = partland(run, project_dirs, "--format", "html").output
    assert "<dt>Not determined</dt>" in html and "minor age limit (P.C. § 9)" in html


def test_a_term_that_is_not_encoded_is_not_read_as_a_light_penalty(run, project_dirs) -> None:
    _, statutes = project_dirs
    data = yaml.safe_load(PARTLY_STATED)
    del data["provisions"][1]["facts"]["max_prison"]
    (statutes / "partland.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = {c["id"]: c for c in json.loads(run("report", "partland", "--format", "json").output)["components"]}
    assert found["2.9"]["status"] == "unknown" and found["2.9"]["points"] == 0
    assert "Not determined" in found["2.9"]["finding"]


def test_cited_facts_carry_their_own_confidence(run, project_dirs) -> None:
    data = json.loads(partland(run, project_dirs, "--format", "json").output)
    facts = {(f["provision"], f["fact"]): f for c in data["components"] for f in c["facts"]}
    assert facts[("p-enticement", "applies_to")]["confidence"] == "confirmed"
    assert facts[("p-enticement", "online")]["confidence"] == "inferred"
    assert facts[("p-possession", "max_prison")]["confidence"] == "unstated"


def test_every_format_marks_each_cited_fact(run, project_dirs) -> None:
    text = " ".join(partland(run, project_dirs).output.split())
    assert "applies_to = [buyers] · confirmed" in text and "online = true · inferred" in text
    assert "max_prison = 5 · unstated" in text
    markdown = partland(run, project_dirs, "--format", "markdown").output
    assert "online = true · inferred" in markdown
    html = partland(run, project_dirs, "--format", "html").output
    assert 'class="confidence confidence-unstated">unstated</span>' in html
    assert 'class="confidence confidence-confirmed">confirmed</span>' in html


def test_the_summary_counts_points_resting_on_inferred_or_recalled_facts(run, project_dirs) -> None:
    data = json.loads(partland(run, project_dirs, "--format", "json").output)
    by = data["evidence"]["points_by_confidence"]
    assert sum(by.values()) == data["score"]
    # 2.5 (1.5 points) rests on `online`, inferred through its provision; 2.9 on an unmarked term.
    assert by["inferred"] >= 1.5 and by["unstated"] >= 2
    assert data["evidence"]["points_on_inferred_or_recalled"] == by["inferred"] + by["recalled"]
    text = " ".join(partland(run, project_dirs).output.split())
    assert f"Evidence: {data['evidence']['points_on_inferred_or_recalled']:g} of the" in text


def test_an_empty_jurisdiction_has_no_such_law_rather_than_a_law_that_falls_short(run, project_dirs) -> None:
    _, statutes = project_dirs
    (statutes / "emptyland.yaml").write_text(
        'jurisdiction: {id: emptyland, name: Emptyland, as_of: "2020-01-01",\n'
        '               complete_for: [sex_trafficking_offense, prostitution_offense, trafficking_victim_defense]}\n'
        'provisions: []\n',
        encoding="utf-8")
    data = json.loads(run("report", "emptyland", "--format", "json").output)
    summary = data["summary"]["text"]
    assert "still requires" not in summary and "still allows" not in summary
    assert "The encoded law of Emptyland has no sex trafficking offense at all." in summary
    assert "has no prostitution offense" in summary
    assert {c["id"]: c for c in data["components"]}["1.1"]["no_such_law"] is True


def test_without_a_claim_of_completeness_the_encoding_holds_no_such_provision(run, project_dirs) -> None:
    """An empty encoding shows what was encoded, not what the law lacks: no "has no ... at all"."""
    _, statutes = project_dirs
    (statutes / "emptyland.yaml").write_text(
        'jurisdiction: {id: emptyland, name: Emptyland, as_of: "2020-01-01"}\nprovisions: []\n', encoding="utf-8")
    data = json.loads(run("report", "emptyland", "--format", "json").output)
    summary = data["summary"]["text"]
    assert "at all" not in summary and data["summary"]["gaps"] == []
    assert "The encoding of Emptyland holds no sex trafficking offense." in summary
    trafficking = {c["id"]: c for c in data["components"]}["1.1"]
    assert trafficking["no_such_law"] is False and trafficking["not_encoded"] is True
    assert trafficking["finding"].startswith("The encoding holds no sex trafficking offense,")
    assert "not a finding that there is no such law" in trafficking["finding"]


def test_a_misspelt_kind_claimed_complete_is_a_file_line_error(run, project_dirs) -> None:
    _, statutes = project_dirs
    (statutes / "emptyland.yaml").write_text(
        'jurisdiction: {id: emptyland, name: Emptyland, as_of: "2020-01-01",\n'
        '               complete_for: [sex_trafficking_ofense]}\nprovisions: []\n', encoding="utf-8")
    result = run("report", "emptyland")
    assert result.exit_code == 2
    assert "emptyland.yaml:1: complete_for: unknown provision kind 'sex_trafficking_ofense'" in result.output


def test_a_law_that_falls_short_keeps_its_gap_sentence(run) -> None:
    data = json.loads(run("report", "testland", "--format", "json").output)
    summary = data["summary"]["text"]
    assert "does not treat every child used in commercial sex as a victim" in summary
    assert "still allows minors to be prosecuted for prostitution" in summary


LIMITS = """\
jurisdiction: {id: limitland, name: Limitland, as_of: "2020-01-01", type: synthetic}
provisions:
  - id: l-criminal
    citation: L.C. § 1
    title: No time limit for child sex offenses
    kind: limitations_period
    facts: {proceeding: criminal, limit_eliminated: true, covers_offense_kinds: [sex_trafficking]}
    source: synthetic
  - id: l-civil
    citation: L.C. § 2
    title: Ten years to sue
    kind: limitations_period
    facts: {proceeding: civil, limit_eliminated: false, limit_years: 10, covers_offense_kinds: [sex_trafficking]}
    source: synthetic
"""


def test_5_11_measures_the_civil_period_against_the_federal_benchmark_not_a_number_of_its_own(run, project_dirs):
    """A 10-year civil period is long enough while federal law allows 10 years, and falls short when it allows 15."""
    _, statutes = project_dirs
    (statutes / "limitland.yaml").write_text(LIMITS, encoding="utf-8")

    def points() -> float:
        result = run("report", "limitland", "--format", "json")
        return next(c["points"] for c in json.loads(result.output)["components"] if c["id"] == "5.11")

    assert points() == 2.5
    federal = statutes / "federal.yaml"
    text = federal.read_text(encoding="utf-8")
    start = text.index("  - id: usc-18-1595c")
    federal.write_text(text[:start] + text[start:].replace("value: 10", "value: 15", 1), encoding="utf-8")
    assert points() == 1.5


NO_LAW = re.compile(r"\bnot (?:a )?crimes?\b|^No (?:[\w-]+ )*?offense\b|\bno law\b|^No statute\b", re.IGNORECASE)
ENACTING = ("Enact", "Make", "Create", "Establish", "Criminalize", "Require")


def test_a_rule_whose_gap_is_no_law_recommends_enacting_one() -> None:
    """The recommendation follows the gap: where there is no such law, enact it (not: enhance its penalties)."""
    checked = 0
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "recommendation" not in data or not NO_LAW.search(data["gap"].strip()):
            continue
        checked += 1
        assert data["recommendation"].strip().startswith(ENACTING), (path.name, data["gap"], data["recommendation"])
    assert checked
