"""The comparison page and the side-by-side page in headless Chromium: what a reader would see.

Skipped only when Chromium is not installed (.ci/run installs it). Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_browser import ARTIFACTS, CHROMIUM, chromium, cli, png_size
from tests.test_render_html import Elements

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it: "
                                                          "apt-get install chromium)")
MINI = Path(__file__).parent / "data" / "mini"
DATA = ("--rules", MINI / "rules", "--statutes", MINI / "statutes")


def test_comparison_page_shows_both_scores_per_section_and_the_agreement(tmp_path):
    page = tmp_path / "compare.html"
    cli("compare", "--format", "html", "--out", page, *DATA)
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    parsed = Elements(dom)
    assert parsed.tags.count("svg") == 2 * 2 and "script" not in parsed.tags  # a wide and a phone chart each
    text = parsed.visible
    assert "2.5 / 5 rules" in text and "3.5 / 5 card" in text
    assert "grades agree: 2 of 2" in text and "Not encoded:" in text
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "compare.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert png_size(shot) == (1280, 2000)


def test_side_by_side_page_has_a_chart_per_section(tmp_path):
    page = tmp_path / "side-by-side.html"
    cli("report", "--all", "--format", "html", "--out", page, *DATA)
    parsed = Elements(chromium(tmp_path, "--dump-dom", page.as_uri()))
    assert parsed.tags.count("svg") == 2 * 3  # the totals, then sections A and B; a wide and a phone chart each
    assert {"section-A", "section-B"} <= parsed.ids
    assert "Ideal State" in parsed.visible and "Partial State" in parsed.visible
