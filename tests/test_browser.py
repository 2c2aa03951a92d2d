"""The HTML report card in a real browser (headless Chromium): what a reader would actually see.

Skipped only when Chromium is not installed; .ci/run installs it, so CI always runs these.
Screenshots are kept under tests/artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.render.html import report_html
from tests.synthetic import build_synthetic_report
from tests.test_render_html import Elements

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it: "
                                                          "apt-get install chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars"]


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],  # type: ignore[list-item]
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def cli(*args: str | Path) -> str:
    done = subprocess.run([sys.executable, "-m", "analyzer", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_missouri_report_card_shows_total_grade_and_every_section_in_the_browser(tmp_path):
    page = tmp_path / "missouri.html"
    cli("report", "missouri", "--format", "html", "--out", page)
    report = json.loads(cli("report", "missouri", "--format", "json"))
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    text = Elements(dom).visible
    total = f"{report['score']:g}"
    assert f"{total} of {report['max_score']:g} points" in text
    assert f'class="letter">{report["grade"]}<' in dom
    for section in report["sections"]:
        assert f"{section['id']}. {section['title']}" in text
    for component in report["components"]:
        assert f'id="component-{component["id"]}"' in dom


def test_missouri_report_card_screenshot_is_a_png_of_the_requested_size(tmp_path):
    page = tmp_path / "missouri.html"
    cli("report", "missouri", "--format", "html", "--out", page)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "missouri-report.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert shot.stat().st_size > 10_000
    assert png_size(shot) == (1280, 2000)


def test_synthetic_report_with_gaps_renders_every_section_and_is_kept_as_a_screenshot(tmp_path):
    report = build_synthetic_report()
    page = tmp_path / "synthetic.html"
    page.write_text(report_html(report), encoding="utf-8")
    text = Elements(chromium(tmp_path, "--dump-dom", page.as_uri())).visible
    for s in report.sections:
        assert f"{s.section.id}. {s.section.title}" in text
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "synthetic-report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2600", page.as_uri())
    assert png_size(shot) == (1280, 2600)


def test_script_in_a_provision_title_shows_as_text_and_never_runs(tmp_path):
    rules, statutes = tmp_path / "rules", tmp_path / "statutes"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copytree(ROOT / "statutes", statutes)
    missouri = statutes / "missouri.yaml"
    original = "title: Sexual trafficking of a child in the second degree"
    source = missouri.read_text(encoding="utf-8")
    assert original in source
    missouri.write_text(source.replace(original, "title: 'Trafficking <script>alert(1)</script>'"), encoding="utf-8")
    page = tmp_path / "evil.html"
    cli("report", "missouri", "--format", "html", "--out", page, "--rules", rules, "--statutes", statutes)

    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "Trafficking &lt;script&gt;alert(1)&lt;/script&gt;" in html

    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    parsed = Elements(dom)
    assert "script" not in parsed.tags
    assert "Trafficking <script>alert(1)</script>" in parsed.visible


def chart_measures(tmp_path: Path, page: Path, width: int) -> list[dict]:
    """Each displayed chart's smallest text in CSS pixels and its right edge, in a `width`-px viewport.

    The report forbids scripts (CSP), so it is loaded into a same-origin iframe of that width, and the
    measuring script runs in the wrapper page around it.
    """
    wrapper = tmp_path / f"phone-{width}.html"
    wrapper.write_text(f"""<!DOCTYPE html><html><body style="margin:0">
<iframe id="phone" width="{width}" height="3000" style="border:0"
        srcdoc="{html.escape(page.read_text(encoding="utf-8"), quote=True)}"></iframe>
<script>
document.getElementById("phone").addEventListener("load", () => {{
  const doc = document.getElementById("phone").contentDocument;
  const shown = [...doc.querySelectorAll("svg")].filter(svg => svg.getBoundingClientRect().width > 0);
  document.body.setAttribute("data-measure", JSON.stringify(shown.map(svg => {{
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll("text")];
    return {{font: Math.min(...texts.map(t => parseFloat(t.getAttribute("font-size")) * scale)),
             right: Math.max(...texts.map(t => t.getBoundingClientRect().right)),
             viewport: doc.documentElement.clientWidth}};
  }})));
}});
</script></body></html>""", encoding="utf-8")
    dom = chromium(tmp_path, "--window-size=1280,1000", "--dump-dom", wrapper.as_uri())
    found = re.search(r'data-measure="([^"]*)"', dom)
    assert found, "the measuring script did not run"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("command", ["report", "diff"])
@pytest.mark.parametrize("width", [390, 1024])
def test_chart_text_is_legible_on_a_phone_and_on_a_desktop(tmp_path, command, width):
    page = tmp_path / f"{command}.html"
    args = ("report", "missouri") if command == "report" else (
        "diff", "missouri", "missouri", "--amend", "amendments/missouri/what-if-services-mandate.yaml")
    done = subprocess.run([sys.executable, "-m", "analyzer", *args, "--out", str(page)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert page.is_file(), done.stderr
    (chart,) = chart_measures(tmp_path, page, width)  # exactly one chart is shown at each width
    assert chart["viewport"] == width
    assert chart["font"] >= 11, f"chart text is {chart['font']:.1f} px at {width} px"
    assert chart["right"] <= width


def test_missouri_report_card_on_a_phone_is_kept_as_a_screenshot(tmp_path):
    page = tmp_path / "missouri.html"
    cli("report", "missouri", "--format", "html", "--out", page)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "missouri-report-390px.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=390,1600", page.as_uri())
    assert png_size(shot) == (390, 1600)
