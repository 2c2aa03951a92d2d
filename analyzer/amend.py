"""Amendments: declarative changes to a jurisdiction's encoded statutes, applied for what-if reports.

An amendment file names its bill, jurisdiction and effective date and lists changes in order: add,
replace or repeal a provision, set or remove facts of one. Applying it never touches the loaded
jurisdiction: it returns a new one whose `as_of` is the amendment's effective date and whose
`amendments` record says which law the report grades. As with statutes, the schema checks each
file on its own; the referential checks (provision ids, jurisdiction, dates) are a separate pass.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from analyzer import contract
from analyzer.documents import Document, display_name, read_document
from analyzer.errors import InputError, Problem, did_you_mean
from analyzer.load import facts_from, provision_from, statute_schema
from analyzer.model import UNSTATED, AmendmentRecord, Fact, Jurisdiction, Provision, Vocabulary, Where

ACTIONS = ("add", "replace", "repeal", "set_facts", "remove_facts")


def amendment_schema(vocabulary: Vocabulary | None) -> dict[str, Any]:
    """The amendment schema with the statute schema's provision and the vocabulary filled in."""
    schema = copy.deepcopy(dict(contract.schema("amendment")))
    statute = statute_schema(vocabulary)["$defs"]
    for name in ("provision", "kind", "facts"):
        schema["$defs"][name] = statute[name]
    if vocabulary is not None:
        schema["$defs"]["fact_name"] = {"enum": sorted(vocabulary.facts)}
    return schema


def read_amendment(path: Path, vocabulary: Vocabulary | None) -> Document:
    """Read one amendment file and check it against its schema (one problem per line)."""
    document = read_document(path)
    problems = contract.check(document, amendment_schema(vocabulary))
    if problems:
        raise InputError(problems)
    return document


def apply_amendment_files(jurisdiction: Jurisdiction, files: Sequence[Path],
                          vocabulary: Vocabulary) -> Jurisdiction:
    """Apply amendment files in order; raise one InputError with every problem in every file."""
    problems: list[Problem] = []
    documents = []
    from analyzer.render.progress import progress

    seen: dict[tuple[int, int] | str, Path] = {}
    for path in files:
        key = _identity(path)
        if key in seen:
            problems.append(Problem(display_name(path), 0, f"given twice with --amend (also as {seen[key]}); "
                                                          "an amendment is applied once"))
        seen.setdefault(key, path)
    if problems:
        raise InputError(problems)
    for path in progress(files, "Reading amendments"):
        try:
            documents.append(read_amendment(path, vocabulary))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    for document in documents:
        jurisdiction, found = _apply(jurisdiction, document, vocabulary)
        problems.extend(found)
    if problems:
        raise InputError(problems)
    return jurisdiction


def _identity(path: Path) -> tuple[int, int] | str:
    """The same file however it is named (a relative path, an absolute one, a link)."""
    try:
        info = path.stat()
    except OSError:
        return str(path.absolute())
    return info.st_dev, info.st_ino


def apply_amendment(jurisdiction: Jurisdiction, document: Document, vocabulary: Vocabulary) -> Jurisdiction:
    """Apply one schema-checked amendment document; raise InputError on referential problems."""
    amended, problems = _apply(jurisdiction, document, vocabulary)
    if problems:
        raise InputError(problems)
    return amended


def _apply(jurisdiction: Jurisdiction, document: Document,
           vocabulary: Vocabulary) -> tuple[Jurisdiction, list[Problem]]:
    """Apply every change that can be applied, and list the problems of those that cannot."""
    data = document.data
    problems: list[Problem] = []

    def problem(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(document.file, document.line(path), message))

    if data["jurisdiction"] != jurisdiction.id:
        problem(("jurisdiction",), f"this amendment is for '{data['jurisdiction']}', not '{jurisdiction.id}'")
        return jurisdiction, problems
    effective = str(data["effective"])
    if effective < jurisdiction.as_of:
        last = f", the date of {jurisdiction.amendments[-1].bill} applied before it" \
            if jurisdiction.amendments else ""
        problem(("effective",), f"takes effect {effective}, before the law it amends ({jurisdiction.id} as of "
                                f"{jurisdiction.as_of}{last}); apply amendments in date order")
    if jurisdiction.type != "synthetic" and data.get("status") != "hypothetical":
        problems.extend(_unevidenced(document, jurisdiction))
    bill = data["bill"]
    provisions: dict[str, Provision] = {p.id: p for p in jurisdiction.provisions}
    repealed: dict[str, int] = {}
    for index, change in enumerate(data["changes"]):
        (action,) = (a for a in ACTIONS if a in change)
        path: tuple[str | int, ...] = ("changes", index, action)
        body = change[action]
        target = body["id"] if action in ("add", "replace") else body["provision"]
        if action == "add":
            if target in provisions:
                problem((*path, "id"), f"provision '{target}' already exists in {jurisdiction.id} "
                                       f"(use 'replace' to rewrite it)")
                continue
            provisions[target] = provision_from(document, body, path, effective)
            continue
        if target not in provisions:
            id_path = (*path, "id") if action == "replace" else (*path, "provision")
            hint = (f" (repealed by change {repealed[target] + 1} above)" if target in repealed
                    else did_you_mean(target, provisions))
            problem(id_path, f"unknown provision '{target}' in {jurisdiction.id}{hint}")
            continue
        old = provisions[target]
        if action == "replace":
            provisions[target] = provision_from(document, body, path, effective)
        elif action == "repeal":
            del provisions[target]
            repealed[target] = index
        elif action == "set_facts":
            facts = dict(old.facts)
            for name, value in body["facts"].items():
                held = [f for f in facts_from(name, value, document, (*path, "facts", name))
                        if f.since is None or f.since <= effective]
                if held and held[-1].value is not UNSTATED:
                    facts[name] = held[-1]
                else:
                    facts.pop(name, None)
            provisions[target] = _amended(old, facts, bill, effective)
        else:
            facts = dict(old.facts)
            for position, name in enumerate(body["facts"]):
                if name not in facts:
                    problem((*path, "facts", position), f"provision '{target}' does not state fact '{name}'"
                                                        f"{did_you_mean(name, facts)}")
                facts.pop(name, None)
            provisions[target] = _amended(old, facts, bill, effective)
    record = AmendmentRecord(data["title"], bill, effective, Where(document.file, document.line()),
                             data.get("status"), jurisdiction.as_of)
    amended = replace(jurisdiction, provisions=tuple(provisions.values()), as_of=effective,
                      amendments=(*jurisdiction.amendments, record), timeline=())
    problems.extend(_dangling(amended, vocabulary, document, repealed))
    return amended, problems


def _unevidenced(document: Document, jurisdiction: Jurisdiction) -> list[Problem]:
    """Facts an amendment gives a real jurisdiction need a citation and a confidence, as its statutes do
    (a hypothetical amendment, such as a roadmap's draft, states a proposal, not law read anywhere).

    The amendment file does not say whether its jurisdiction is synthetic, so this is checked
    here, against the loaded jurisdiction, rather than by the amendment schema.
    """
    problems = []
    for index, change in enumerate(document.data["changes"]):
        for action in ("add", "replace", "set_facts"):
            if action not in change:
                continue
            for name, value in change[action]["facts"].items():
                missing = [key for key in ("citation", "confidence")
                           if not (isinstance(value, dict) and key in value)]
                if missing:
                    path = ("changes", index, action, "facts", name)
                    problems.append(Problem(document.file, document.line(path),
                                            f"fact '{name}' needs {' and '.join(missing)}: {jurisdiction.id} is "
                                            f"not a synthetic jurisdiction, so every fact is pinned to its "
                                            f"subsection with how sure it is"))
    return problems


def _amended(old: Provision, facts: dict[str, Fact], bill: str, effective: str) -> Provision:
    """A provision with changed facts keeps its id and place, and its source says what changed it."""
    return replace(old, facts=facts, history={}, source=f"{old.source} Amended by {bill}, effective {effective}.")


def _dangling(jurisdiction: Jurisdiction, vocabulary: Vocabulary, document: Document,
              repealed: dict[str, int]) -> list[Problem]:
    """Provision lists (e.g. enterprise predicates) must not name a provision the amendment removed."""
    from analyzer.validate import provision_references

    problems = []
    for provision, fact, ref in provision_references(jurisdiction, vocabulary):
        if ref in jurisdiction.by_id:
            continue
        if ref in repealed:
            line = document.line(("changes", repealed[ref], "repeal", "provision"))
            problems.append(Problem(document.file, line, f"repealing '{ref}' leaves it listed in "
                                                         f"{provision.id} {fact.name} ({fact.where})"))
        else:
            problems.append(Problem(fact.where.file, fact.where.line,
                                    f"{fact.name}: unknown provision '{ref}' in {jurisdiction.id}"
                                    f"{did_you_mean(ref, jurisdiction.by_id)}"))
    return problems


def inverse_changes(before: Provision | None, after: Provision | None) -> list[dict[str, Any]]:
    """Changes that turn `after` back into `before` (for tests and for writing a repeal by hand)."""
    if before is None and after is None:
        return []
    if before is None:
        assert after is not None
        return [{"repeal": {"provision": after.id}}]
    if after is None:
        return [{"add": provision_data(before)}]
    return [{"replace": provision_data(before)}]


def provision_data(provision: Provision) -> dict[str, Any]:
    """A provision as it would be written in a statute or amendment file."""
    out: dict[str, Any] = {"id": provision.id, "citation": provision.citation, "title": provision.title,
                           "kind": provision.kind, "facts": {}, "source": provision.source}
    for name, fact in provision.facts.items():
        value = list(fact.value) if isinstance(fact.value, tuple) else fact.value
        extras = {key: getattr(fact, key) for key in ("citation", "confidence", "source", "note")
                  if getattr(fact, key)}
        if extras:
            out["facts"][name] = {"value": value, **extras}
        else:
            out["facts"][name] = value
    for key in ("effective", "note"):
        if getattr(provision, key):
            out[key] = getattr(provision, key)
    return out


