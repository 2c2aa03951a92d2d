"""The timeline page in headless Chromium, at a desktop's and a phone's width: every chart drawn, its
text legible, nothing wider than the screen. Screenshots go to tests/artifacts/ for a person to see."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_browser import ARTIFACTS, CHROMIUM, chromium, png_size
from tests.test_dated_law import DATEDLAND

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")


@pytest.fixture
def page(project_dirs, tmp_path) -> Path:
    rules, statutes = project_dirs
    (statutes / "datedland.yaml").write_text(DATEDLAND, encoding="utf-8")
    out = tmp_path / "timeline.html"
    done = subprocess.run([sys.executable, "-m", "analyzer", "timeline", "datedland", "--out", str(out),
                           "--rules", str(rules), "--statutes", str(statutes)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


def measure(tmp_path: Path, page: Path, width: int) -> dict:
    """In a `width`-px frame: the page's scroll width, and each shown chart's smallest text (CSS px)
    and right edge. The page forbids scripts, so the measuring script runs in a wrapper around it."""
    wrapper = tmp_path / f"measure-{width}.html"
    wrapper.write_text(f"""<!DOCTYPE html><html><body style="margin:0">
<iframe id="frame" width="{width}" height="4000" style="border:0"
        srcdoc="{html.escape(page.read_text(encoding="utf-8"), quote=True)}"></iframe>
<script>
document.getElementById("frame").addEventListener("load", () => {{
  const doc = document.getElementById("frame").contentDocument;
  const shown = [...doc.querySelectorAll("svg")].filter(svg => svg.getBoundingClientRect().width > 0);
  document.body.setAttribute("data-measure", JSON.stringify({{
    viewport: doc.documentElement.clientWidth, scroll: doc.documentElement.scrollWidth,
    charts: shown.map(svg => {{
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const texts = [...svg.querySelectorAll("text")];
      return {{font: Math.min(...texts.map(t => parseFloat(t.getAttribute("font-size")) * scale)),
               right: svg.getBoundingClientRect().right}};
    }})}}));
}});
</script></body></html>""", encoding="utf-8")
    dom = chromium(tmp_path, "--window-size=1400,1000", "--dump-dom", wrapper.as_uri())
    found = re.search(r'data-measure="([^"]*)"', dom)
    assert found, "the measuring script did not run"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("width", [390, 1280])
def test_every_chart_is_shown_legible_and_within_the_screen(tmp_path, page, width):
    seen = measure(tmp_path, page, width)
    assert seen["viewport"] == width
    assert seen["scroll"] <= width, "the page scrolls sideways"
    assert len(seen["charts"]) == 7  # the total and six sections, one drawing each at this width
    for chart in seen["charts"]:
        assert chart["font"] >= 11, f"chart text is {chart['font']:.1f} px at {width} px"
        assert chart["right"] <= width


@pytest.mark.parametrize("width", [390, 1280])
def test_timeline_screenshot_is_kept(tmp_path, page, width):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"timeline-{width}px.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={width},2400", page.as_uri())
    assert png_size(shot) == (width, 2400)
    assert shot.stat().st_size > 10_000
