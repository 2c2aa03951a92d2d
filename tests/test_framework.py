"""The shipped framework as a whole: its maximum is reachable, and no law earns nothing but gaps."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from analyzer import pipeline
from analyzer.model import Jurisdiction, Where

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    statutes = tmp_path_factory.mktemp("statutes")
    shutil.copy(ROOT / "statutes" / "federal.yaml", statutes)
    shutil.copy(Path(__file__).parent / "data" / "model" / "model.yaml", statutes)
    return pipeline.load(ROOT / "rules", statutes)


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
