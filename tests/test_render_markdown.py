"""Markdown for pull-request comments: well-formed GFM tables, and no markup from the data."""

from __future__ import annotations

import re

from analyzer.model import AmendmentRecord, Where
from analyzer.render.markdown import diff_markdown, escape, paragraph, report_markdown
from tests.synthetic import EVIL, build_synthetic_report

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def tables(markdown: str) -> list[list[str]]:
    """Consecutive lines starting with a pipe, grouped: the GFM tables of a document."""
    out: list[list[str]] = []
    previous = False
    for line in markdown.splitlines():
        row = line.startswith("|")
        if row and not previous:
            out.append([])
        if row:
            out[-1].append(line)
        previous = row
    return out


def test_escape_neutralises_markdown_and_html_in_texts():
    assert escape("a|b") == r"a\|b"
    assert escape("<b>x</b>") == r"\<b\>x\</b\>"
    assert escape("*x* _y_ `z` [l](u) ~s~ #h & !") == r"\*x\* \_y\_ \`z\` \[l\](u) \~s\~ \#h \& \!"
    assert escape("two\nlines") == "two lines"


def test_a_paragraph_that_starts_like_a_list_stays_a_paragraph():
    assert paragraph("1. Missouri") == r"1\. Missouri"
    assert paragraph("- Missouri") == r"\- Missouri"
    assert paragraph("Missouri, 1. ok") == "Missouri, 1. ok"


def test_every_table_row_has_as_many_cells_as_its_header(synthetic_report):
    for table in tables(report_markdown(synthetic_report)):
        widths = {len(UNESCAPED_PIPE.findall(row)) for row in table}
        assert len(widths) == 1, table
        assert set(table[1]) <= set("|-:"), table[1]  # the delimiter row follows the header


def test_every_section_and_component_appears_with_status_in_words(synthetic_report):
    md = report_markdown(synthetic_report)
    for s in synthetic_report.sections:
        assert f"## {s.section.id}. " in md
        for c in s.components:
            assert f"| {c.rule.id} " in md
    for words in ("✅ met", "🟡 partial", "❌ unmet", "❔ not determined"):
        assert words in md


def test_shortfalls_list_gap_then_recommendation_as_a_sub_item(synthetic_report):
    md = report_markdown(synthetic_report)
    assert "- **A2 gap** (1.5 of 2.5): Buyers face only a misdemeanor" in md
    assert "\n  - *Recommendation:* Amend the law so that punish buyers." in md
    assert "A1 gap" not in md


def test_no_raw_html_but_line_breaks_between_citations_and_the_footnote(synthetic_report):
    md = report_markdown(synthetic_report)
    raw = re.findall(r"(?<!\\)<[^>]*>", md)
    assert set(raw) <= {"<br>", "<sub>", "</sub>"}, raw
    assert "Syn. Code § 1.1<br>Syn. Code § 2.2" in md
    assert EVIL not in md


def test_same_report_gives_identical_markdown():
    assert report_markdown(build_synthetic_report()) == report_markdown(build_synthetic_report())


def test_amendments_are_quoted_at_the_top(synthetic_report):
    object.__setattr__(synthetic_report.jurisdiction, "amendments",
                       (AmendmentRecord("Buyers", "HB 1", "2025-08-28", Where("hb1.yaml", 1)),
                        AmendmentRecord("Sellers", "SB 2", "2026-08-28", Where("sb2.yaml", 1))))
    md = report_markdown(synthetic_report)
    assert "> - **HB 1, not enacted**: Buyers (effective 2025-08-28)\n" \
           "> - **SB 2, not enacted**: Sellers (effective 2026-08-28)\n" in md
    assert md.index("What-if") < md.index("| Section |")


def test_enacted_amendments_are_amended_by_not_what_if(synthetic_report):
    object.__setattr__(synthetic_report.jurisdiction, "amendments",
                       (AmendmentRecord("Buyers", "HB 1", "2025-08-28", Where("hb1.yaml", 1), "enacted"),))
    md = report_markdown(synthetic_report)
    assert "> **Amended by HB 1: the encoded statutes with 1 amendment applied**" in md
    assert "> - **HB 1**: Buyers (effective 2025-08-28)\n" in md and "What-if" not in md


def test_shipped_missouri_report_renders():
    from analyzer import pipeline
    from analyzer.paths import default_dir

    project = pipeline.load(default_dir("rules"), default_dir("statutes"))
    report = pipeline.report(project, project.jurisdictions["missouri"], pipeline.pick_framework(project, None))
    md = report_markdown(report)
    assert md.startswith(f"# {report.framework.title}: Missouri\n")
    assert all(f"| {c.rule.id} " in md for c in report.components)


def test_diff_markdown_shows_totals_sections_and_only_changed_components(diff_dict):
    md = diff_markdown(diff_dict)
    assert "**Score 14 → 17.5 of 22.5 (+3.5) · Grade F → C**" in md
    assert "| A. Criminal provisions | 4 | 5 | +1 | 5 |" in md
    assert "| C. Investigative tools | 10 | 10 | ±0 | 10 |" in md
    assert "| A2 Punish buyers | 1.5 / 2.5 🟡 partial | 2.5 / 2.5 ✅ met | +1 | HB 1 makes buying a felony |" in md
    assert "| C1 " not in md and "1 other component unchanged." in md
    for table in tables(md):
        assert len({len(UNESCAPED_PIPE.findall(row)) for row in table}) == 1
    assert not set(re.findall(r"(?<!\\)<[^>]*>", md))
