"""Every HTML page at phone width (390 px) and desktop width (1280 px), in headless Chromium.

A copy of each page runs tests/layout_probe.js inside an iframe of the given width (headless
Chromium's window is never narrower than 500 px; an iframe is a viewport of any width, and its media
queries follow it). The probe reports text that lies outside the viewport (horizontal overflow, or a
clipped column) and text rendered smaller than 11 px (a chart scaled down with its labels). Skipped
only when Chromium is not installed (.ci/run installs it).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_browser import ARTIFACTS, CHROMIUM, ROOT, chromium

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it: "
                                                          "apt-get install chromium)")
PROBE = Path(__file__).with_name("layout_probe.js")
MIN_TEXT_PX = 11
PAGES = {
    "report": ("report", "missouri"),
    "side-by-side": ("report", "--all"),
    "compare": ("compare",),
    "roadmap": ("roadmap", "missouri", "--target", "A"),
    "diff": ("diff", "missouri", "missouri", "--amend", "amendments/missouri/what-if-services-mandate.yaml"),
    "timeline": ("timeline", "missouri"),
    "reading-list": ("reading-list", "oklahoma"),
}


def page_html(name: str, tmp_path: Path) -> str:
    args = PAGES[name]
    if name == "timeline" and subprocess.run([sys.executable, "-m", "analyzer", "timeline", "--help"], cwd=ROOT,
                                             capture_output=True, check=False).returncode != 0:
        pytest.skip("no timeline command yet")
    out = tmp_path / f"{name}.html"
    done = subprocess.run([sys.executable, "-m", "analyzer", *args, "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode in (0, 1) and out.is_file(), done.stderr
    return out.read_text(encoding="utf-8")


def measure(page: str, width: int, tmp_path: Path) -> dict:
    """The probe's findings for the page shown in a viewport `width` pixels wide."""
    probe = PROBE.read_text(encoding="utf-8").replace("document.body.appendChild(pre)",
                                                      "parent.document.body.appendChild(pre)")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)  # the copy may run the probe
    inner = page.replace("</body>", f"<script>{probe}</script></body>")
    frame = tmp_path / f"frame-{width}.html"
    frame.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe style="border:0" width="{width}" '
                     f'height="900" srcdoc="{html.escape(inner, quote=True)}"></iframe></body></html>',
                     encoding="utf-8")
    dom = chromium(tmp_path, "--window-size=1300,900", "--dump-dom", frame.as_uri())
    found = re.search(r'<pre id="layout-probe">(.*?)</pre>', dom, re.DOTALL)
    assert found, "the layout probe did not run"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_fits_the_screen_with_legible_text(name: str, width: int, tmp_path: Path) -> None:
    page = page_html(name, tmp_path)
    seen = measure(page, width, tmp_path)
    assert seen["width"] == width
    assert seen["scrollWidth"] <= width, f"the page scrolls sideways: {seen['scrollWidth']} px in {width}"
    assert not seen["wide"], f"{seen['wideCount']} texts outside the screen, e.g. {seen['wide'][:3]}"
    assert not seen["small"], f"{seen['smallCount']} texts under {MIN_TEXT_PX} px, e.g. {seen['small'][:3]}"
    assert not seen["clipped"], f"{seen['clippedCount']} chart labels cut at the chart's edge: {seen['clipped'][:3]}"
    # text a reader reaches only by swiping a table is announced by a visible hint, never hidden silently
    assert seen["hint"] or not seen["swiped"], f"{seen['swipedCount']} texts out of sight, e.g. {seen['swiped'][:3]}"
    if name == "timeline":  # the scores by date fit the screen: no number waits behind a swipe
        assert not seen["swiped"], seen["swiped"][:3]


def test_the_phone_layout_keeps_every_section_title_and_score(tmp_path: Path) -> None:
    """At 390 px the side-by-side table moves titles to rows of their own; nothing is dropped."""
    page = page_html("side-by-side", tmp_path)
    report = json.loads(subprocess.run([sys.executable, "-m", "analyzer", "report", "--all", "--format", "json"],
                                       cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    for section in report["sections"]:
        assert f'{section["id"]}. {html.escape(section["title"])}</td></tr>' in page
    ARTIFACTS.mkdir(exist_ok=True)
