"""Calibrated tiers: a component may size a clause of the partial-credit scheme differently from the
scheme's default, only on evidence from a published card, written in the rule and checked.

The scheme (rules/<framework>/framework.yaml, `partial_credit`) stays the one place that says how
partial credit works; a rule's `calibration` names the clauses it sizes for itself, why, and the cards
(section scores or findings) that show it. `validate` refuses a calibrated size that rests on nothing,
on a card that is not in published/, or on a card that does not say what the evidence claims.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from analyzer import pipeline

ROOT = Path(__file__).resolve().parents[1]
RULE = Path("rules") / "pic" / "section-6" / "6.1.yaml"
# 6.1's permission tier cites `form`; the Missouri 2019 card gives section 6 a score below its maximum.
AUTHORIZED_TIER = "  - points: 1\n    clause: form"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of rules/, statutes/ and published/ that a test may change, with 6.1 back at
    the scheme's default sizes (its shipped calibration removed) so each test writes its own."""
    for name in ("rules", "statutes", "published"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.cases.yaml"))
    rule = tmp_path / RULE
    text = rule.read_text(encoding="utf-8")
    text = re.sub(r"  - points: [0-9.]+\n    clause: form\n", AUTHORIZED_TIER + "\n", text)
    rule.write_text(text.split("\ncalibration:")[0] + "\n", encoding="utf-8")
    return tmp_path


def calibrate(project: Path, tier_points: str, calibration: str) -> None:
    rule = project / RULE
    text = rule.read_text(encoding="utf-8").replace(AUTHORIZED_TIER, f"  - points: {tier_points}\n    clause: form")
    rule.write_text(text + calibration, encoding="utf-8")


def validate(cli, project: Path):
    return cli("validate", "--rules", str(project / "rules"), "--statutes", str(project / "statutes"))


SOUND = """\
calibration:
  deductions: {form: 0.5}
  reason: the card's section total leaves at most half a point for a permission where a duty is asked
  evidence:
    - card: missouri-2019
      section: "6"
      shows: section_bound
      text: section 6 at 12 with wiretaps unavailable leaves the permissive training law nearly full credit
"""


def test_a_calibrated_size_with_evidence_from_a_published_card_validates_and_grades(cli, project: Path) -> None:
    calibrate(project, "2", SOUND)
    result = validate(cli, project)
    assert result.returncode == 0, result.stdout + result.stderr
    loaded = pipeline.load(project / "rules", project / "statutes", project / "published")
    rule = next(r for r in loaded.rules["pic"] if r.id == "6.1")
    assert rule.calibration is not None and rule.calibration.deductions == {"form": Decimal("0.5")}
    assert rule.calibration.cards == ("missouri-2019",)


def test_the_tier_must_carry_what_the_calibrated_clause_fixes(cli, project: Path) -> None:
    calibrate(project, "1", SOUND)  # still the default size
    result = validate(cli, project)
    assert result.returncode == 2
    assert "6.1.yaml:16: tier 2 is worth 1 points, but its clauses (form calibrated to 0.5) fix 2" in result.stderr


def test_without_calibration_a_size_off_the_scheme_is_refused(cli, project: Path) -> None:
    calibrate(project, "2", "")
    assert "its clauses (form) fix 1" in validate(cli, project).stderr


BAD = """\
calibration:
  deductions: {fomr: 1, full: 1, reach: 1, condition: 1}
  reason: every kind of bad evidence at once
  evidence:
    - card: missouri-2091
      section: "6"
      shows: section_bound
      text: a card that does not exist
    - card: missouri-2015
      section: "6"
      shows: section_bound
      text: a card that gives the grade alone
    - card: missouri-2019
      section: "5"
      shows: finding
      text: another section's evidence
    - card: missouri-2019
      shows: section_bound
      text: a section bound without its section
"""


def test_every_problem_of_a_calibration_is_one_file_line_error_in_one_run(cli, project: Path) -> None:
    calibrate(project, "1", BAD)
    result = validate(cli, project)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected = [
        "calibrates unknown clause 'fomr' (did you mean 'form'?)",
        "clause 'full' is full credit and costs nothing: it cannot be calibrated",
        "clause 'reach' is calibrated to 1, the scheme's own deduction: remove it",
        "clause 'condition' is calibrated, but no tier of component '6.1' cites it",
        "evidence names card 'missouri-2091', which is not in published/ (did you mean 'missouri-2019'?)",
        "card 'missouri-2015' publishes no score for section '6'",
        "evidence names section '5', but component '6.1' is in section '6'",
        "evidence that shows section_bound names the section it reads (add 'section: \"6\"')",
    ]
    for message in expected:
        (line,) = [x for x in lines if x.endswith(message)]
        assert line.startswith(f"{project / RULE}:"), line


def test_evidence_is_required_by_the_schema(cli, project: Path) -> None:
    calibrate(project, "2", "calibration:\n  deductions: {form: 0.5}\n  reason: none given\n  evidence: []\n")
    result = validate(cli, project)
    assert result.returncode == 2
    assert "a calibrated size needs at least one piece of evidence from a published card" in result.stderr


def test_a_component_with_no_full_tier_leaves_its_section_short_of_its_maximum(cli, project: Path) -> None:
    rule = project / RULE
    rule.write_text(rule.read_text(encoding="utf-8").replace("  - points: 2.5\n    clause: full",
                                                             "  - points: 2\n    clause: degree"), encoding="utf-8")
    result = validate(cli, project)
    assert result.returncode == 2
    assert ("no tier of component '6.1' earns its max of 2.5, so section '6' can no longer add up to its maximum"
            in result.stderr)


def test_compare_says_which_calibrated_sizes_rest_on_each_card(cli, project: Path) -> None:
    """Agreement with a card that set a size is partly by construction: compare says so, per card."""
    import json

    calibrate(project, "2", SOUND)
    args = ("--rules", str(project / "rules"), "--statutes", str(project / "statutes"))
    data = json.loads(cli("compare", "missouri", "--format", "json", *args).stdout)
    cards = {c["edition"]["value"]: c for c in data["cards"]}
    cited = {path.parent.name + "/" + path.stem for path in (project / "rules").rglob("*.yaml")
             if "missouri-2019" in path.read_text(encoding="utf-8") and not path.name.endswith(".cases.yaml")}
    assert "6.1" in cards["2019"]["evidence_for"] and len(cards["2019"]["evidence_for"]) == len(cited)
    assert cards["2015"]["evidence_for"] == []
    text = " ".join(cli("compare", "missouri", *args).stdout.split())
    assert "This card is evidence for the calibrated sizes of " in text and "partly by construction" in text
