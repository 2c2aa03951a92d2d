"""Render stage: a Report into text, JSON, Markdown or HTML. Each format imports its libraries lazily."""

from __future__ import annotations

from collections.abc import Callable

from analyzer.score import Report


def render(report: Report, fmt: str, *, color: bool = False, width: int | None = None) -> str:
    renderers: dict[str, Callable[[], str]] = {
        "json": lambda: _json().report_json(report),
        "markdown": lambda: _markdown().report_markdown(report),
        "text": lambda: _text().report_text(report, color=color, width=width),
        "html": lambda: _html().report_html(report),
    }
    return renderers[fmt]()


def _json():  # noqa: ANN202
    from analyzer.render import data
    return data


def _markdown():  # noqa: ANN202
    from analyzer.render import markdown
    return markdown


def _text():  # noqa: ANN202
    from analyzer.render import text
    return text


def _html():  # noqa: ANN202
    from analyzer.render import html
    return html
