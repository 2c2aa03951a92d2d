"""The HTML report card: complete, self-contained, deterministic, and immune to markup in the data."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from analyzer.model import AmendmentRecord, Where
from analyzer.render import render
from analyzer.render.html import render_diff_html, report_html
from tests.synthetic import EVIL, build_synthetic_report

EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


class Elements(HTMLParser):
    """Collects tags, ids and visible text, as a browser's parser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids.update(v for k, v in attrs if k == "id" and v)
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


@pytest.fixture
def page(synthetic_report) -> str:
    return report_html(synthetic_report)


def test_same_report_renders_to_identical_bytes():
    assert report_html(build_synthetic_report()) == report_html(build_synthetic_report())


def test_page_is_self_contained_with_no_scripts_or_remote_assets(page):
    parsed = Elements(page)
    assert "script" not in parsed.tags
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # the CSP also stops the browser fetching anything


def test_head_shows_jurisdiction_framework_law_date_total_and_grade(synthetic_report, page):
    text = Elements(page).visible
    for expected in ("Synthetica", "Synthetic Framework", "version v9", "Example Publisher",
                     "Law as of 2024-01-01", "14", "of 22.5 points", "Grade C"):
        assert expected in text, expected
    assert re.search(r'class="letter">C<', page)


def test_every_section_and_component_is_present_with_points_and_status_in_words(synthetic_report, page):
    parsed = Elements(page)
    for s in synthetic_report.sections:
        assert f"section-{s.section.id}" in parsed.ids
        for c in s.components:
            assert f"component-{c.rule.id}" in parsed.ids
    text = parsed.visible
    for words in ("2.5 / 2.5 ✓ Met", "1.5 / 2.5 ◐ Partial credit", "0 / 2.5 ✗ Not met", "0 / 5 ? Not determined"):
        assert words in text, words


def test_shortfalls_show_gap_and_recommendation_and_met_components_do_not(page):
    text = Elements(page).visible
    assert "Buyers face only a misdemeanor" in text  # the reached tier's own gap text
    assert "Amend the law so that punish buyers." in text
    assert "Amend the law so that screen children." in text
    assert "Amend the law so that criminalize trafficking." not in text
    assert "mistake of age defense (Syn. Code § 1.1)" in text  # what the law is silent on
    assert "Partial credit: the project's reading" in text


def test_cited_provisions_are_listed_with_citation_and_title(page):
    text = Elements(page).visible
    assert "Syn. Code § 1.1 — Trafficking of a child" in text
    assert "No provision of Synthetica law was found" in text


def test_summary_splits_strengths_and_gaps(page):
    text = Elements(page).visible
    assert "Strengths. Synthetica does criminalize trafficking." in text
    assert "Gaps. Synthetica does not protect victims" in text


def test_chart_has_one_labelled_bar_per_section_scaled_to_its_maximum(synthetic_report, page):
    svg = page[page.index("<svg"): page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    bars = re.findall(r'<rect class="bar-score" [^>]*width="([\d.]+)"', svg)
    track = float(re.search(r'<rect class="track" [^>]*width="([\d.]+)"', svg).group(1))
    assert [float(b) / track for b in bars] == pytest.approx([4 / 5, 0.0, 1.0], abs=0.001)
    for label in ("4 / 5", "0 / 7.5", "10 / 10"):
        assert label in svg
    assert "…" in svg  # the long section title is shortened in the chart, in full in its tooltip


def test_hostile_texts_are_escaped_everywhere(page):
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert EVIL in Elements(page).visible


def test_footer_says_partial_credit_tiers_are_an_interpretation_and_names_the_source(page):
    footer = Elements(page[page.index("<footer>"):]).visible
    assert "Partial-credit tiers are this project's interpretation" in footer
    assert "Synthetic Framework (version v9), published by Example Publisher" in footer


def test_print_css_keeps_components_whole_and_the_paper_white(page):
    style = page[page.index("@media print"): page.index("</style>")]
    assert ".component" in style and "break-inside: avoid" in style
    assert "background: #fff" in style


def test_amendments_of_a_what_if_report_are_listed_near_the_top(synthetic_report):
    amendments = (AmendmentRecord("Buyer accountability " + EVIL, "HB 1", "2025-08-28", Where("hb1.yaml", 1)),)
    object.__setattr__(synthetic_report.jurisdiction, "amendments", amendments)
    page = report_html(synthetic_report)
    text = Elements(page).visible
    assert "with 1 amendment applied" in text
    assert "What-if: the encoded statutes with 1 amendment applied, 1 of them not law" in text
    assert "HB 1, not enacted: Buyer accountability" in text and "(effective 2025-08-28)" in text
    assert page.index('class="amendments"') < page.index("<svg")
    assert "<script>" not in page


def test_a_report_without_amendments_has_no_amendments_box(page):
    assert 'class="amendments"' not in page


def test_render_dispatches_html(synthetic_report):
    assert render(synthetic_report, "html") == report_html(synthetic_report)


def test_jinja2_and_the_html_renderer_load_only_when_html_is_asked_for():
    code = ("import sys; from analyzer.render import render; import analyzer.cli; "
            "print('analyzer.render.html' in sys.modules, 'jinja2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# --- diff ------------------------------------------------------------------------------------

def test_diff_shows_both_scores_grades_and_the_delta(diff_dict):
    text = Elements(render_diff_html(diff_dict)).visible
    assert "14 → 17.5" in text and "F → C" in text and "+3.5" in text


def test_diff_chart_has_an_old_and_a_new_bar_per_section(diff_dict):
    page = render_diff_html(diff_dict)
    svg = page[page.index("<svg"): page.index("</svg>")]  # the wide chart; the phone-width one repeats it
    assert len(re.findall(r'class="bar-old"', svg)) == 3
    assert len(re.findall(r'class="bar-new"', svg)) == 3


def test_diff_lists_changed_components_and_counts_the_unchanged(diff_dict):
    page = render_diff_html(diff_dict)
    parsed = Elements(page)
    assert {"component-A2", "component-B1"} <= parsed.ids and "component-C1" not in parsed.ids
    assert "1 other component unchanged" in parsed.visible
    assert "Syn. Code § 2.2; Syn. Code § 2.3" in parsed.visible
    assert "◐ Partial credit" in parsed.visible and "✓ Met" in parsed.visible


def test_diff_escapes_labels_and_reasons_and_is_deterministic(diff_dict):
    page = render_diff_html(diff_dict)
    assert "<script>" not in page and "script" not in Elements(page).tags
    assert EVIL in Elements(page).visible
    assert page == render_diff_html(diff_dict)
    assert not EXTERNAL.search(page)


def test_diff_with_nothing_changed_says_so(diff_dict):
    diff_dict["changed"] = False
    diff_dict["components"] = [diff_dict["components"][2]]
    text = Elements(render_diff_html(diff_dict)).visible
    assert "No component changed." in text and "No component's points, status or citations changed." in text
