"""Rendered reports of the mini framework, pinned as snapshots: any change to a format shows as a
diff to review (`pytest --snapshot-update` accepts it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import pipeline
from analyzer.render import render

MINI = Path(__file__).parent / "data" / "mini"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
@pytest.mark.parametrize("jurisdiction", ["partial", "mixed"])
def test_rendered_report(snapshot, fmt: str, jurisdiction: str) -> None:
    project = pipeline.load(MINI / "rules", MINI / "statutes")
    report = pipeline.report(project, project.jurisdictions[jurisdiction], project.frameworks["toy"])
    assert render(report, fmt) == snapshot
