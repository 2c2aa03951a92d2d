"""Terminal text: aligned, readable without colour, colour only when asked, data never read as markup."""

from __future__ import annotations

import re
import subprocess
import sys

from analyzer.render.text import bar, explain_text, report_text
from tests.synthetic import EVIL, build_synthetic_report

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_plain_text_has_no_escape_codes_and_colour_text_has_them(synthetic_report):
    assert not ANSI.search(report_text(synthetic_report))
    coloured = report_text(synthetic_report, color=True)
    assert ANSI.search(coloured)
    stripped = "\n".join(line.rstrip() for line in ANSI.sub("", coloured).splitlines()) + "\n"
    assert stripped == report_text(synthetic_report)  # colour adds nothing but colour


def test_status_is_readable_without_colour(synthetic_report):
    text = report_text(synthetic_report)
    for words in ("✓ met", "◐ partial", "✗ unmet", "? not determined"):
        assert words in text


def test_rich_markup_and_html_in_the_data_print_verbatim(synthetic_report):
    text = " ".join(report_text(synthetic_report, width=400).split())
    assert "does not protect victims " + EVIL in text  # the summary: "[link]" vanished when rich read it as markup


def test_closing_tag_like_text_does_not_crash_the_renderer():
    report = build_synthetic_report()
    rule = report.components[1].rule
    object.__setattr__(rule, "recommendation", "Repeal [/bold] and [red]this[/red].")
    assert "Repeal [/bold] and [red]this[/red]." in report_text(report, width=400)
    assert "[/bold]" in explain_text(report, report.components[1], width=400)


def test_section_bars_show_the_share_of_points_earned(synthetic_report):
    assert bar(4, 5).plain == "█" * 16 + "░" * 4
    assert bar(0, 7.5).plain == "░" * 20
    assert bar(1, 0).plain == "░" * 20
    lines = report_text(synthetic_report).splitlines()
    assert any(line.startswith("A ") and line.rstrip().endswith("█" * 16 + "░" * 4) for line in lines)


def test_every_section_and_shortfall_is_in_the_text(synthetic_report):
    text = report_text(synthetic_report, width=400)
    for s in synthetic_report.sections:
        assert f"{s.section.id}. " in text
    for c in synthetic_report.components:
        label = "not determined" if c.status == "unknown" else "gap"  # unknown is not a gap
        assert (f"{c.rule.id} {label}" in text) == (c.status != "met")


def test_the_cli_writes_no_colour_into_a_pipe():
    done = subprocess.run([sys.executable, "-m", "analyzer", "report", "missouri"], capture_output=True, text=True,
                          check=True)
    assert "Final score" in done.stdout and not ANSI.search(done.stdout)
