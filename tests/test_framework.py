"""The shipped framework as a whole: its maximum is reachable, and no law earns nothing but gaps."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from analyzer import pipeline
from analyzer.model import Jurisdiction, Where

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    statutes = tmp_path_factory.mktemp("statutes")
    shutil.copy(ROOT / "statutes" / "federal.yaml", statutes)
    (statutes / "model.yaml").write_text(yaml.safe_dump(model_law(), sort_keys=False, allow_unicode=True),
                                         encoding="utf-8")
    return pipeline.load(ROOT / "rules", statutes)


def model_law() -> dict:
    """tests/data/model, plus the provisions of each rule's first full-credit case whose kinds it lacks:
    a component added as the README says (with its cases) is met by the model law with no edit here."""
    data = yaml.safe_load((Path(__file__).parent / "data" / "model" / "model.yaml").read_text(encoding="utf-8"))
    kinds = {p["kind"] for p in data["provisions"]}
    for path in sorted((ROOT / "rules").rglob("*.cases.yaml")):
        rule_file = path.with_name(path.name.replace(".cases.yaml", ".yaml"))
        if not rule_file.exists():
            continue
        rule = yaml.safe_load(rule_file.read_text(encoding="utf-8"))
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        full = next((c for c in cases if c["expect"].get("components", {}).get(rule["id"], {}).get("points")
                     == rule["max"]), None)
        if full is None or not full["jurisdiction"]["provisions"]:
            continue
        if {p["kind"] for p in full["jurisdiction"]["provisions"]} <= kinds:
            continue
        for provision in full["jurisdiction"]["provisions"]:
            data["provisions"].append({"citation": f"Model Code § {provision['kind']}", "title": provision["kind"],
                                       "source": f"Synthetic: the full-credit case of {rule['id']}.", **provision})
            kinds.add(provision["kind"])
    return data


def framework_size(project) -> tuple[int, Decimal]:
    """How many components the framework lists and the points they are worth: read, never hard-coded,
    so adding a component (README, "Adding a rule") needs no test edit."""
    framework = pipeline.pick_framework(project, None)
    return (sum(len(s.components) for s in framework.sections), sum((s.max for s in framework.sections), Decimal(0)))


def grade(project, jurisdiction: Jurisdiction):
    return pipeline.report(project, jurisdiction, pipeline.pick_framework(project, None))


def test_a_model_law_meeting_every_component_scores_the_maximum(project) -> None:
    result = grade(project, project.jurisdictions["model"])
    assert [c.rule.id for c in result.components if c.status != "met"] == []
    assert result.score == result.max == framework_size(project)[1]
    assert result.grade == "A"
    assert all(c.citations for c in result.components)


def test_a_jurisdiction_with_no_provisions_scores_zero_with_every_component_a_gap(project) -> None:
    result = grade(project, Jurisdiction("none", "Nowhere", "2020-01-01", (), Where("test", 1)))
    assert result.score == 0 and result.grade == "F"
    assert len(result.components) == framework_size(project)[0]
    for component in result.components:
        assert (component.points, component.status) == (0, "unmet"), component.rule.id
        assert component.finding and component.recommendation
