"""The static site in headless Chromium at phone (390 px) and desktop (1280 px) width.

Every kind of page the site writes is measured with the layout probe of test_browser_layout (no
sideways scrolling, no text outside the screen, no text under 11 px, which also covers the map's
postal codes and grades), and the index map is checked for what a reader must be able to see on it.
Screenshots of the index go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_browser import ARTIFACTS, CHROMIUM, chromium, png_size
from tests.test_browser_layout import MIN_TEXT_PX, measure

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it: "
                                                          "apt-get install chromium)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-site") / "site"
    done = run_cli("site", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


def kinds(site: Path) -> list[str]:
    """One page of each kind the site writes (the first state's, the first edition's)."""
    listing = json.loads((site / "site.json").read_text(encoding="utf-8"))
    chosen: dict[str, str] = {}
    for page in listing["pages"]:
        chosen.setdefault(page["kind"], page["path"])
    with_card = next((s for s in listing["jurisdictions"] if "compare" in s["pages"]), None)
    if with_card:
        chosen["compare"] = with_card["pages"]["compare"]
    return sorted(chosen.values())


@pytest.mark.parametrize("width", [390, 1280])
def test_every_kind_of_site_page_fits_the_screen_with_legible_text(site: Path, width: int, tmp_path: Path):
    pages = kinds(site)
    assert {"index.html", "method.html", "all.html"} <= set(pages) and len(pages) >= 8
    for path in pages:
        seen = measure((site / path).read_text(encoding="utf-8"), width, tmp_path)
        assert seen["width"] == width, path
        assert seen["scrollWidth"] <= width, f"{path} scrolls sideways: {seen['scrollWidth']} px in {width}"
        assert not seen["wide"], f"{path}: {seen['wideCount']} texts outside the screen, e.g. {seen['wide'][:3]}"
        assert not seen["small"], f"{path}: {seen['smallCount']} texts under {MIN_TEXT_PX} px, e.g. {seen['small'][:3]}"


def test_the_index_map_shows_every_state_code_and_each_graded_states_grade(site: Path, tmp_path: Path):
    """What the browser renders: the visible drawing holds every postal code and grade label."""
    index = json.loads((site / "index.json").read_text(encoding="utf-8"))
    dom = chromium(tmp_path, "--window-size=1280,1400", "--dump-dom", (site / "index.html").as_uri())
    wide = dom[dom.index('<svg class="chart-wide"'):]
    wide = wide[:wide.index("</svg>")]
    shown = re.findall(r'<text class="(code|grade)"[^>]*>([^<]+)</text>', wide)
    codes = [text for kind, text in shown if kind == "code"]
    assert len(codes) == 51
    for row in index["rows"]:
        if row["code"]:
            at = codes.index(row["code"])
            following = shown[shown.index(("code", row["code"])) + 1]
            assert following == ("grade", row["grade_label"]), (row["id"], following, at)


@pytest.mark.parametrize("width", [390, 1280])
def test_index_screenshot(site: Path, width: int, tmp_path: Path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"site-index-{width}.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={width},1600", (site / "index.html").as_uri())
    assert png_size(shot) == (width, 1600)
