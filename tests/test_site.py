"""`gap-analyzer site`: a static site of every report, safe to rebuild into the folder it is published from.

The shipped data is built once (module fixture, as a user runs it); the tests that need a folder of
their own, or broken input, build the small throwaway project of conftest (Testland and federal law).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from analyzer.postal import CODES
from analyzer.render.site import TILES, grade_colors, tile_map, with_nav
from tests.conftest import ROOT, run_cli

STATE_PAGES = ("report", "timeline", "reading-list", "roadmap")


class Links(HTMLParser):
    """Every link, asset reference and element id of a page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "a" and found.get("href") is not None:
            self.links.append(found["href"])
        for name in ("src", "srcset", "data", "xlink:href"):
            if found.get(name):
                self.assets.append((tag, found[name]))
        if tag == "link":
            self.assets.append((tag, found.get("href") or ""))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    done = run_cli("site", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def listing(site: Path) -> dict:
    return json.loads((site / "site.json").read_text(encoding="utf-8"))


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


# --- what the site holds -----------------------------------------------------------------------------

def test_every_link_of_every_page_resolves_to_a_file_of_the_site_and_an_id_on_it(site: Path):
    pages = {p: Links(p.read_text(encoding="utf-8")) for p in html_files(site)}
    checked = 0
    for page, parsed in pages.items():
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):  # a statute's or card's source: a link out, not an asset
                continue
            assert not parts.scheme and not parts.netloc, f"{page}: {href} leaves the site"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site)}: {href} names no file of the site"
            assert site.resolve() in target.parents, f"{page.relative_to(site)}: {href} points outside the site"
            if parts.fragment and target.suffix == ".html":
                ids = pages[Path(str(target))].ids if Path(str(target)) in pages else Links(
                    target.read_text(encoding="utf-8")).ids
                assert parts.fragment in ids, f"{page.relative_to(site)}: {href}: no such id"
            checked += 1
    assert checked > 100


def test_no_page_loads_a_script_a_style_sheet_or_anything_remote(site: Path):
    for page in html_files(site):
        parsed = Links(page.read_text(encoding="utf-8"))
        assert "script" not in parsed.tags, page
        assert parsed.assets == [], f"{page}: {parsed.assets[:3]}"
        assert "Content-Security-Policy" in page.read_text(encoding="utf-8")


def test_every_page_has_its_json_beside_it_and_site_json_lists_every_file_with_its_hash(site: Path, listing: dict):
    for page in html_files(site):
        assert page.with_suffix(".json").is_file(), page
        json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {"site.json"}
    assert set(listing["files"]) == on_disk
    for name, digest in listing["sha256"].items():
        assert hashlib.sha256((site / name).read_bytes()).hexdigest() == digest, name
    assert {p["path"] for p in listing["pages"]} == {p.relative_to(site).as_posix() for p in html_files(site)}


def test_each_encoded_state_has_its_pages_linked_from_each_other_and_from_the_index(site: Path, listing: dict):
    done = run_cli("list", "jurisdictions", "--format", "json")
    assert done.returncode == 0, done.stderr
    cards = {p.stem.rsplit("-", 1)[0] for p in (ROOT / "published" / "pic").glob("*.yaml")}
    states = {s["id"]: s for s in listing["jurisdictions"]}
    assert "federal" not in states  # the benchmark is compared against, never graded
    index = (site / "index.html").read_text(encoding="utf-8")
    for sid, state in states.items():
        expected = [*STATE_PAGES, *(("compare",) if sid in cards else ())]
        assert sorted(state["pages"]) == sorted(expected), sid
        assert f'href="states/{sid}/report.html"' in index
        for kind in expected:
            page = (site / state["pages"][kind]).read_text(encoding="utf-8")
            nav = page[page.index('<nav class="site-nav"'):page.index("</nav>")]
            for other in expected:
                assert f'href="{other}.html"' in nav, (sid, kind, other)
            assert f'href="{kind}.html" aria-current="page"' in nav
            assert 'href="../../method.html"' in nav and 'href="../../index.html"' in nav


def test_the_map_has_a_square_per_state_labelled_with_code_and_grade_and_grey_where_not_encoded(site: Path):
    index = json.loads((site / "index.json").read_text(encoding="utf-8"))
    page = (site / "index.html").read_text(encoding="utf-8")
    wide = page[page.index('<svg class="chart-wide"'):page.index("</svg>")]
    codes = re.findall(r'<text class="code"[^>]*>([A-Z]{2})</text>', wide)
    assert sorted(codes) == sorted(TILES)  # 50 states and DC, each once
    for row in index["rows"]:
        if not row["code"]:
            continue
        tile = wide[wide.index(f">{row['code']}</text>") - 600:wide.index(f">{row['code']}</text>") + 200]
        assert 'class="grade"' in tile and f">{row['grade_label']}</text>" in tile, row["id"]
        assert f"<title>{CODES[row['code']]}:" in tile.replace("&#39;", "'")
    graded = {r["code"] for r in index["rows"]}
    assert wide.count('class="tile not-graded"') == len(set(TILES) - graded)


def test_an_open_range_across_two_grades_is_split_in_the_two_colours_and_labelled_low_to_high():
    colors = grade_colors(["A", "B", "C", "D", "F"])
    drawn = tile_map({"OK": {"grades": ["C", "B"], "label": "C–B", "href": "x.html", "title": "Oklahoma"},
                      "MO": {"grades": ["B", "B"], "label": "B", "href": "y.html", "title": "Missouri"}},
                     colors, (30, 2, 13, 12), "caption")
    squares = {s["code"]: s for s in drawn["squares"]}
    assert [h["fill"] for h in squares["OK"]["halves"]] == [colors["C"], colors["B"]]
    assert squares["OK"]["halves"][0]["x"] < squares["OK"]["halves"][1]["x"]  # low grade on the left
    assert squares["OK"]["label"] == "C–B"
    assert squares["MO"]["halves"] == [] and squares["MO"]["fill"] == colors["B"]
    assert not squares["TX"]["graded"] and squares["TX"]["label"] == "" and squares["TX"]["href"] is None
    assert squares["TX"]["fill"] not in colors.values()


def test_an_encoded_territory_gets_a_square_below_the_states():
    drawn = tile_map({"PR": {"grades": ["A", "A"], "label": "A"}}, grade_colors(["A"]), (30, 2, 13, 12), "c")
    squares = {s["code"]: s for s in drawn["squares"]}
    assert squares["PR"]["y"] > max(s["y"] for code, s in squares.items() if code != "PR")
    assert drawn["height"] > 8 * 30


def test_each_published_edition_has_an_index_graded_on_its_cards_law_dates_beside_the_publishers_grades(
        site: Path, listing: dict):
    compared = json.loads(run_cli("compare", "--format", "json").stdout)
    editions = {c["edition"]["value"] for c in compared["cards"]}
    assert listing["editions"] == sorted(editions)
    for edition in editions:
        data = json.loads((site / f"cards-{edition}.json").read_text(encoding="utf-8"))
        cards = [c for c in compared["cards"] if c["edition"]["value"] == edition]
        assert len(data["rows"]) == len(cards)
        for card in cards:
            row = next(r for r in data["rows"] if r["id"] == card["jurisdiction"]["id"])
            assert row["law_date"] == card["law_date"]["value"]
            assert row["published_grade"] == card["grade"]["published"]
            assert row["computed_range"] == card["total"]["computed_range"]
        page = (site / f"cards-{edition}.html").read_text(encoding="utf-8")
        assert page.count('<figure class="tilemap">') == 2  # the rules' map beside the publisher's


def test_the_method_page_has_every_rule_with_its_tiers_and_the_scheme_with_its_clauses(site: Path):
    from analyzer import pipeline

    project = pipeline.load(ROOT / "rules", ROOT / "statutes")
    framework = pipeline.pick_framework(project, None)
    page = (site / "method.html").read_text(encoding="utf-8")
    parsed = Links(page)
    for rule in project.rules[framework.id]:
        assert f"rule-{rule.id}" in parsed.ids
        article = page[page.index(f'id="rule-{rule.id}"'):]
        article = article[:article.index("</article>")]
        assert article.count('<td data-label="Tier">') == len(rule.tiers), rule.id
    assert framework.scheme is not None
    for clause in framework.scheme.clauses:
        assert f'id="clause-{clause.id}"' in page
    assert 'id="ranges"' in page and 'id="partial-credit"' in page


def test_a_calibrated_rule_shows_its_size_reason_and_evidence_linked_to_the_cards_state():
    """6.1 given a calibration of its own here (whatever the shipped rules calibrate): the page shows
    the component's deduction beside the scheme's default, the reason, and each card it rests on."""
    from dataclasses import replace
    from decimal import Decimal

    from analyzer import pipeline
    from analyzer.model import Calibration, Evidence, Where
    from analyzer.render.html import pts
    from analyzer.render.site import method_html
    from analyzer.site import method_data

    project = pipeline.load(ROOT / "rules", ROOT / "statutes", ROOT / "published")
    framework = pipeline.pick_framework(project, None)
    here = Where("test", 1)
    calibration = Calibration({"form": Decimal("0.5")}, "a permission where a duty is asked costs half a point",
                              (Evidence("missouri-2019", "section_bound", "section 6 bounds the training law", here,
                                        "6"),), here)
    rules = tuple(replace(r, calibration=calibration) if r.id == "6.1" else r for r in project.rules[framework.id])
    data = method_data(replace(project, rules={framework.id: rules}), framework, {"missouri"})
    assert next(r for r in data["rules"] if r["id"] == "6.1")["calibration"]["deductions"] == {"form": 0.5}
    page = method_html(data)
    article = page[page.index('id="rule-6.1"'):]
    article = article[:article.index("</article>")]
    default = next(c for c in framework.scheme.clauses if c.id == "form").deduction
    assert "Calibration: form −0.5" in article
    assert f"Weaker form</a>: −0.5 (calibrated; default −{pts(default)})" in article
    assert '<a href="states/missouri/compare.html">missouri-2019</a>, section 6 (section bound)' in article
    assert "a permission where a duty is asked costs half a point" in article


# --- writing the folder ------------------------------------------------------------------------------

def test_two_builds_give_the_same_bytes(site: Path, tmp_path: Path):
    again = tmp_path / "again"
    assert run_cli("site", "--out", str(again)).returncode == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_a_rebuild_with_nothing_changed_rewrites_nothing(run, tmp_path: Path):
    out = tmp_path / "out"
    assert run("site", "--out", str(out)).exit_code == 0
    before = mtimes(out)
    done = run("site", "--out", str(out))
    assert done.exit_code == 0, done.output
    assert mtimes(out) == before
    assert "0 written" in done.output
    assert not list(tmp_path.glob(".out.building-*"))  # the staging folder is gone


def test_a_rebuild_rewrites_the_changed_pages_and_removes_those_of_a_jurisdiction_gone(run, project_dirs, tmp_path):
    _, statutes = project_dirs
    second = (statutes / "testland.yaml").read_text(encoding="utf-8").replace("id: testland, name: Testland",
                                                                               "id: otherland, name: Otherland")
    (statutes / "otherland.yaml").write_text(second, encoding="utf-8")
    out = tmp_path / "out"
    assert run("site", "--out", str(out)).exit_code == 0
    assert (out / "states" / "otherland" / "report.html").is_file()
    (statutes / "otherland.yaml").unlink()
    done = run("site", "--out", str(out))
    assert done.exit_code == 0, done.output
    assert not (out / "states" / "otherland").exists()
    assert "otherland" not in (out / "index.html").read_text(encoding="utf-8")
    assert "otherland" not in (out / "site.json").read_text(encoding="utf-8")


def test_a_folder_holding_files_the_site_did_not_write_is_refused_unless_forced(run, tmp_path: Path):
    out = tmp_path / "www"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    done = run("site", "--out", str(out))
    assert done.exit_code == 2
    assert done.output.splitlines() == [f"{out}: holds 1 file the site did not write (notes.txt); give a new "
                                        "or empty folder, or --force to write beside them"]
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    forced = run("site", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine" and (out / "index.html").is_file()


def test_a_file_given_as_the_folder_is_refused_in_one_line(run, tmp_path: Path):
    target = tmp_path / "index.html"
    target.write_text("x", encoding="utf-8")
    done = run("site", "--out", str(target))
    assert done.exit_code == 2
    assert done.output.splitlines() == [f"{target}: not a folder: the site is written into a folder (give a new "
                                        "or empty one)"]


def test_bad_input_is_reported_file_line_and_writes_nothing(project_dirs, tmp_path: Path):
    rules, statutes = project_dirs
    broken = statutes / "testland.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("minor_age_limit: 16", "minor_age_limit: old"),
                      encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("site", "--out", str(out), "--rules", str(rules), "--statutes", str(statutes))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines and all(re.match(r"^\S+:\d+: ", line) for line in lines), lines
    assert "testland.yaml:" in lines[0]
    assert not out.exists()
    assert not list(tmp_path.glob(".out.building-*"))


def test_a_build_that_fails_midway_leaves_the_previous_site_untouched(run, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    assert run("site", "--out", str(out)).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    stamps = mtimes(out)

    def broken(*args: object, **kwargs: object) -> str:
        raise InterruptedError("interrupted")  # an OSError: reported as one line, exit 2

    monkeypatch.setattr("analyzer.render.site.method_html", broken)
    monkeypatch.setattr("analyzer.render.site.NAV_CSS", "nav.site-nav { color: red; }")  # every page would change
    done = run("site", "--out", str(out))
    assert done.exit_code == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert mtimes(out) == stamps
    assert not list(tmp_path.glob(".out.building-*"))


def test_a_jurisdiction_without_a_postal_code_is_in_the_table_but_not_on_the_map(run, tmp_path: Path):
    out = tmp_path / "out"
    assert run("site", "--out", str(out)).exit_code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="states/testland/report.html">Testland</a>' in page
    wide = page[page.index('<svg class="chart-wide"'):page.index("</svg>")]
    assert "testland" not in wide and wide.count('class="tile not-graded"') == len(TILES)


def test_in_a_pipe_the_build_prints_one_summary_line_and_no_progress_bar(project_dirs, tmp_path: Path):
    rules, statutes = project_dirs
    out = tmp_path / "out"
    done = run_cli("site", "--out", str(out), "--rules", str(rules), "--statutes", str(statutes))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    files = len(json.loads((out / "site.json").read_text(encoding="utf-8"))["files"]) + 1
    assert done.stderr == f"{out}: {files} files: {files} written, 0 unchanged, 0 removed; open {out / 'index.html'}\n"


def test_the_navigation_is_added_to_a_page_once_and_a_page_without_the_markers_is_refused():
    page = "<html><head><style>a{}</style></head><body>\n<p>x</p></body></html>"
    shown = with_nav(page, "<nav>N</nav>\n")
    assert shown.count("<nav>N</nav>") == 1 and shown.index("<nav>") < shown.index("<p>x</p>")
    assert "nav.site-nav" in shown[:shown.index("</style>")]
    with pytest.raises(ValueError):
        with_nav("<html><body>no style</body></html>", "<nav></nav>")


def test_the_roadmap_aims_at_the_next_grade_up(site: Path, listing: dict):
    for state in listing["jurisdictions"]:
        plan = json.loads((site / state["pages"]["roadmap"]).with_suffix(".json").read_text(encoding="utf-8"))
        low = state["grade_range"][0]
        order = ["F", "D", "C", "B", "A"]
        if low == "A":
            assert plan["target"]["label"].endswith("points")
        else:
            assert plan["target"]["label"] == f"grade {order[order.index(low) + 1]}"


def test_a_staging_folder_is_never_left_behind(site: Path):
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site.building-")]


def test_on_a_terminal_the_build_draws_a_progress_bar(project_dirs, tmp_path: Path):
    from analyzer import pipeline
    from analyzer.site import build
    from tests.test_progress import Terminal

    rules, statutes = project_dirs
    second = (statutes / "testland.yaml").read_text(encoding="utf-8").replace("id: testland, name: Testland",
                                                                               "id: otherland, name: Otherland")
    (statutes / "otherland.yaml").write_text(second, encoding="utf-8")
    project = pipeline.load(rules, statutes)
    stream = Terminal()
    built = build(project, pipeline.pick_framework(project, None), tmp_path / "out", stream=stream)
    assert "Building the site" in stream.getvalue()
    assert built.written == built.files and built.unchanged == built.removed == 0


def test_a_card_of_a_state_not_encoded_is_on_the_publishers_map_but_not_graded(tmp_path: Path):
    cards = sorted((ROOT / "published" / "pic").glob("*.yaml"))
    state, edition = cards[0].stem.rsplit("-", 1)
    statutes = tmp_path / "statutes"
    shutil.copytree(ROOT / "statutes", statutes)
    (statutes / f"{state}.yaml").unlink()
    out = tmp_path / "out"
    done = run_cli("site", "--out", str(out), "--statutes", str(statutes))
    assert done.returncode == 0, done.stderr
    data = json.loads((out / f"cards-{edition}.json").read_text(encoding="utf-8"))
    row = next(r for r in data["rows"] if r["id"] == state)
    code = row["code"]
    assert row["name"] == CODES[code] and row["href"] is None and row["computed_range"] is None
    assert row["agreement"].startswith("not compared")
    page = (out / f"cards-{edition}.html").read_text(encoding="utf-8")
    rules_map, published_map = page.split('<figure class="tilemap">')[1:3]
    assert f"<title>{CODES[code]}: {edition} card, grade {row['published_grade']}</title>" in published_map
    assert f"<title>{CODES[code]}: not encoded</title>" in rules_map
    assert not (out / "states" / state).exists()
