"""A new jurisdiction's statute file, started from what the rules read (`gap-analyzer new-jurisdiction`).

An encoder who starts from a blank file has to guess which laws matter and which facts the rules
need. The skeleton lists, commented out, one provision for every kind the rules read, with each
fact the rules read from it: its type and allowed values, its meaning and the components reading
it. Uncommenting a provision and filling in its values gives a file `validate` checks.
"""

from __future__ import annotations

import re
import textwrap

from analyzer.catalog import fact_type, reads
from analyzer.model import Project

UNFILLED = "{unstated: true}"  # named, not yet read: not determined, never a claim (no value, no confidence)


def jurisdiction_id(name: str) -> str:
    """The file's id (and name): lower case, words joined by hyphens ("New State" -> new-state)."""
    return re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-")


def skeleton(project: Project, name: str, as_of: str) -> str:
    ident = jurisdiction_id(name)
    read = reads(project)
    lines = [
        "# yaml-language-server: $schema=../analyzer/schemas/statute.schema.json",
        f"# {name}: a skeleton written by `gap-analyzer new-jurisdiction`. Each provision below is one kind",
        "# of law the rules read, commented out. For each one the state has: uncomment it, write its",
        "# citation, title and source (a URL or an official document), and replace `{unstated: true}`",
        "# with `{value: V, citation: SUBSECTION, confidence: C}` for each fact you establish (C:",
        "# confirmed, the statute text was read; inferred; recalled). A fact left `{unstated: true}` is",
        "# not determined, never a gap or a claim; a bracketed placeholder left in is refused. Delete",
        "# the provisions the state has no law for. statutes/README.md describes dates and history;",
        "# `gap-analyzer list facts` every fact; then `gap-analyzer validate` and `report " + ident + "`.",
        "jurisdiction:",
        f"  id: {ident}",
        f"  name: {_scalar(name)}",
        f'  as_of: "{as_of}"',
        "  type: state",
        "  note: What was read, and how each confidence mark is used.",
        "provisions:",
    ]
    for kind in sorted(read):
        meaning = project.vocabulary.kinds[kind]
        components = sorted({c for facts in read[kind].values() for c in facts}, key=_order)
        lines.append("")
        lines += _comment(f"{kind}: {meaning} Read by {', '.join(components)}.", "  ## ")
        block = [f"- id: {ident}-{kind.replace('_', '-')}",
                 '  citation: "[citation]"',
                 '  title: "[title]"',
                 f"  kind: {kind}",
                 '  source: "[URL or official document of the text read]"',
                 "  facts:"]
        for fact in sorted(f for f in read[kind] if f):
            definition = project.vocabulary.facts[fact]
            unit = f", {definition.unit}" if definition.unit else ""
            about = (f"{fact} ({fact_type(definition)}{unit}): {definition.meaning} "
                     f"Read by {', '.join(sorted(read[kind][fact], key=_order))}.")
            block += _comment(about, "    # ")
            block.append(f"    {fact}: {UNFILLED}")
        if block[-1] == "  facts:":
            block[-1] = "  facts: {}"
        lines += ["  # " + line for line in block]
    return "\n".join(lines) + "\n"


def _comment(text: str, prefix: str) -> list[str]:
    return [prefix + line for line in textwrap.wrap(text, 100 - len(prefix) - 4, break_on_hyphens=False)]


def _scalar(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .()'-]*", text) else '"' + text.replace('"', '\\"') + '"'


def _order(component: str) -> tuple[int | str, ...]:
    return tuple(int(part) if part.isdigit() else part for part in component.split("."))
