"""The rendering modules import in one direction: shared words (wording) never import a format."""

from __future__ import annotations

import ast
from pathlib import Path

RENDER = Path(__file__).resolve().parent.parent / "analyzer" / "render"


def imported(module: Path) -> set[str]:
    """Every analyzer module `module` imports, at its top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analyzer"):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("analyzer")}
    return names


def test_wording_and_data_import_no_format() -> None:
    formats = {f"analyzer.render.{m}" for m in ("html", "text", "markdown", "timeline", "roadmap", "compare",
                                                "diff", "sidebyside", "readinglist")}
    for shared in ("wording", "data"):
        assert not imported(RENDER / f"{shared}.py") & formats, shared

