"""Markdown for pull-request comments and issue threads (Jinja2 template, texts escaped for tables)."""

from __future__ import annotations

import re
from functools import cache

from analyzer.render.data import number
from analyzer.score import Report


def escape(text: str) -> str:
    """Keep rule and statute texts from being read as Markdown or HTML markup."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", str(text)).replace("\n", " ")


@cache
def environment():  # noqa: ANN201
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("analyzer", "templates"), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = escape
    env.filters["cell"] = escape
    env.globals["pts"] = lambda v: str(number(v))
    return env


def report_markdown(report: Report) -> str:
    text = environment().get_template("report.md.j2").render(
        report=report, fw=report.framework, jur=report.jurisdiction)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
