"""Render stage: a Report into text, JSON or Markdown. Each format imports its libraries lazily."""

from __future__ import annotations

from collections.abc import Callable

from analyzer.score import Report

FORMATS = ("text", "json", "markdown")


def render(report: Report, fmt: str, *, color: bool = False, width: int | None = None) -> str:
    renderers: dict[str, Callable[[], str]] = {
        "json": lambda: _json().report_json(report),
        "markdown": lambda: _markdown().report_markdown(report),
        "text": lambda: _text().report_text(report, color=color, width=width),
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
