"""Warnings about rules that are well-formed but almost certainly not what their author meant.

A warning never changes a score or the exit status; `validate` prints each as `FILE:LINE: warning: ...`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from analyzer.errors import Problem
from analyzer.model import Logic, Project, Rule, Where


def warnings(project: Project) -> list[Problem]:
    """Every warning about every loaded rule, in file order."""
    found: list[Problem] = []
    for rules in project.rules.values():
        for rule in rules:
            for tier in rule.tiers:
                found.extend(_duplicates(tier.when))
            found.extend(_untested(rule))
    return sorted(found)


def _untested(rule: Rule) -> Iterator[Problem]:
    """A rule without its cases file: nothing shows its tiers award what their reasons say."""
    path = Path(rule.where.file)
    if path.suffix == ".yaml" and path.exists() and not path.with_name(f"{rule.id}.cases.yaml").exists():
        yield Problem(rule.where.file, 1, f"warning: rule {rule.id} has no test cases; add {rule.id}.cases.yaml "
                                          "beside it with a small jurisdiction for each tier and one for the gap")


def _duplicates(node: Any) -> Iterator[Problem]:
    """A condition repeated in one all:/any: list: harmless to the logic, so usually a slip of an edit
    (a copied line that was meant to be changed)."""
    if isinstance(node, Logic) and node.op in ("all", "any"):
        seen: dict[Any, Where] = {}
        for item in node.items:
            key = _shape(item)
            if key in seen:
                yield Problem(item.where.file, item.where.line,
                              f"warning: this condition repeats the one at line {seen[key].line} in the same "
                              f"{node.op}: list; a duplicate changes nothing (was it meant to differ?)")
            else:
                seen[key] = item.where
    for child in _children(node):
        yield from _duplicates(child)


def _children(node: Any) -> list[Any]:
    if isinstance(node, Logic):
        return list(node.items)
    condition = getattr(node, "condition", None)
    return [condition] if condition is not None else []


def _shape(node: Any) -> Any:
    """A condition without its place in the file: two copies of one condition have the same shape."""
    if is_dataclass(node):
        return (type(node).__name__, *(_shape(getattr(node, f.name)) for f in fields(node) if f.name != "where"))
    if isinstance(node, tuple | list):
        return tuple(_shape(item) for item in node)
    return node
