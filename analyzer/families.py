"""`validate` of everything the tool reads beyond rules and statutes: cases, amendments, baselines.

Each family of files is one entry of FAMILIES: where its files are, and a check that returns every
problem of one file, schema and cross-reference alike, so one run lists them all. A new family
(e.g. published cards) is one more `family(...)` call.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer import contract
from analyzer.documents import Document, read_document
from analyzer.errors import InputError, Problem, did_you_mean
from analyzer.load import CASES_SUFFIX, fact_schema, jurisdiction_from
from analyzer.model import Jurisdiction, Project


@dataclass(frozen=True)
class Folders:
    """The data folders of one run: rules/, statutes/, and their siblings amendments/ and baselines/."""

    rules: Path
    statutes: Path
    amendments: Path
    baselines: Path
    published: Path | None = None  # published report cards, read with the rules and statutes


@dataclass(frozen=True)
class Family:
    name: str  # singular: "amendment"
    files: Callable[[Folders], list[Path]]
    check: Callable[[Path, Project, Folders], list[Problem]]


FAMILIES: list[Family] = []


def family(name: str, files: Callable[[Folders], list[Path]],
           check: Callable[[Path, Project, Folders], list[Problem]]) -> None:
    """Register a family of data files that `validate` checks."""
    FAMILIES.append(Family(name, files, check))


def check_families(project: Project, folders: Folders) -> tuple[list[Problem], dict[str, int]]:
    """Every problem in every file of every family, and how many files of each were checked."""
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    for each in FAMILIES:
        paths = each.files(folders)
        counts[each.name] = len(paths)
        for path in paths:
            try:
                problems += each.check(path, project, folders)
            except InputError as exc:
                problems += exc.problems
    return problems, counts


def _known(name: str, known: Any) -> str:
    names = sorted(known)
    return f"{did_you_mean(name, names)}; known: {', '.join(names) or 'none'}"


# --- rule test cases (*.cases.yaml beside the rules) ----------------------------------------------

_CASES_SCHEMAS: dict[int, tuple[Any, dict[str, Any]]] = {}


def cases_schema(project: Project) -> dict[str, Any]:
    """The cases schema with the vocabulary's kinds and facts filled in: built once per vocabulary,
    so its compiled validator and its cache fingerprint are reused for every cases file."""
    vocabulary = project.vocabulary
    kept = _CASES_SCHEMAS.get(id(vocabulary))
    if kept is not None and kept[0] is vocabulary:
        return kept[1]
    schema = copy.deepcopy(dict(contract.schema("cases")))
    schema["$defs"]["kind"] = {"enum": sorted(vocabulary.kinds)}
    schema["$defs"]["facts"] = {"type": "object", "additionalProperties": False, "x-names": "fact",
                                "properties": {n: fact_schema(f) for n, f in vocabulary.facts.items()}}
    _CASES_SCHEMAS.clear()
    _CASES_SCHEMAS[id(vocabulary)] = (vocabulary, schema)
    return schema


def _checked(path: Path, schema: dict[str, Any]) -> tuple[Document, list[Problem]]:
    """A file and its schema problems, through the cache of checked files (as the load stage reads)."""
    from analyzer import cache
    from analyzer.jsondoc import read_json

    return cache.checked(path, schema, read_json if path.suffix == ".json" else read_document, contract.check)


def inline_jurisdiction(document: Document, case: dict[str, Any], index: int) -> Jurisdiction:
    """A case's inline jurisdiction: its provisions, with a citation, title and source made up if absent."""
    inline, path = case["jurisdiction"], ("cases", index, "jurisdiction")
    head = {"id": inline.get("id", "test"), "name": inline.get("name", case["name"]),
            "as_of": inline.get("as_of", "2000-01-01")}
    provisions = [{"citation": p["id"], "title": p["id"], "source": "test case", **p} for p in inline["provisions"]]
    return jurisdiction_from(document, {"jurisdiction": head, "provisions": provisions}, path)


def _cases_files(folders: Folders) -> list[Path]:
    return sorted(folders.rules.rglob(f"*{CASES_SUFFIX}")) if folders.rules.is_dir() else []


def check_cases(path: Path, project: Project, folders: Folders) -> list[Problem]:
    document, problems = _checked(path, cases_schema(project))
    if problems:
        return problems
    return list(case_references(document, path, project))


def case_references(document: Document, path: Path, project: Project) -> Iterator[Problem]:
    from analyzer.validate import check_jurisdiction

    def problem(at: tuple[str | int, ...], message: str) -> Problem:
        return Problem(document.file, document.key_line(at), message)

    framework_id = document.data.get("framework")
    if framework_id is not None and framework_id not in project.frameworks:
        yield problem(("framework",), f"unknown framework '{framework_id}'{_known(framework_id, project.frameworks)}")
        return
    if framework_id is None and len(project.frameworks) != 1:
        yield problem((), f"name the framework ('framework:'): several are loaded "
                          f"({', '.join(sorted(project.frameworks))})")
        return
    framework = project.frameworks[framework_id] if framework_id else next(iter(project.frameworks.values()))
    components = {r.id for r in project.rules.get(framework.id, ())}
    sections = {s.id for s in framework.sections}
    for index, case in enumerate(document.data["cases"]):
        at: tuple[str | int, ...] = ("cases", index)
        if "base" in case and case["base"] not in project.jurisdictions and project.complete:
            yield problem((*at, "base"), f"unknown jurisdiction '{case['base']}'"
                                         f"{_known(case['base'], project.jurisdictions)}")
        if "jurisdiction" in case:
            yield from check_jurisdiction(inline_jurisdiction(document, case, index), project.vocabulary)
        for position, name in enumerate(case.get("amend", [])):
            if not (path.parent / name).is_file():
                yield problem((*at, "amend", position), f"amendment file '{name}' not found (paths are relative "
                                                        f"to this file)")
        expect = case["expect"]
        for section_id in expect.get("sections", {}):
            if section_id not in sections:
                yield problem((*at, "expect", "sections", section_id),
                              f"unknown section '{section_id}' of framework '{framework.id}'"
                              f"{_known(section_id, sections)}")
        for component_id in expect.get("components", {}):
            if component_id not in components and project.complete:
                yield problem((*at, "expect", "components", component_id),
                              f"unknown component '{component_id}' of framework '{framework.id}'"
                              f"{did_you_mean(component_id, components)} (`gap-analyzer list components`)")
        if "grade" in expect and expect["grade"] not in {g.grade for g in framework.grades}:
            grades = [g.grade for g in framework.grades]
            yield problem((*at, "expect", "grade"), f"unknown grade '{expect['grade']}'; known: {', '.join(grades)}")


family("cases file", _cases_files, check_cases)


# --- amendments (amendments/<jurisdiction>/*.yaml) --------------------------------------------------

def _amendment_files(folders: Folders) -> list[Path]:
    if not folders.amendments.is_dir():
        return []
    return sorted(p for p in folders.amendments.rglob("*.yaml") if p.is_file())


def check_amendment(path: Path, project: Project, folders: Folders) -> list[Problem]:
    """Schema, then the amendment applied to its jurisdiction's law, after the enacted amendments of that
    jurisdiction that take effect before it (so a bill that amends an earlier act's provision checks)."""
    from analyzer.amend import apply_amendment, read_amendment

    document = read_amendment(path, project.vocabulary)
    target = document.data["jurisdiction"]
    base = project.jurisdictions.get(target)
    if base is None:
        if not project.complete:  # its statute file failed to load: reported there
            return []
        return [Problem(document.file, document.key_line(("jurisdiction",)),
                        f"unknown jurisdiction '{target}'{_known(target, project.jurisdictions)}")]
    law = _enacted_before(base, document, path, folders, project)
    try:
        apply_amendment(law, document, project.vocabulary)
    except InputError as exc:
        return list(exc.problems)
    return []


def _enacted_before(base: Jurisdiction, document: Document, path: Path, folders: Folders,
                    project: Project) -> Jurisdiction:
    from analyzer.amend import apply_amendment, read_amendment

    effective = str(document.data["effective"])
    earlier = []
    for other in _amendment_files(folders):
        if other.resolve() == path.resolve():
            continue
        try:
            doc = read_amendment(other, project.vocabulary)
        except InputError:
            continue  # its own problems are reported when its turn comes
        data = doc.data
        if data["jurisdiction"] == base.id and data.get("status") == "enacted" and str(data["effective"]) < effective:
            earlier.append((str(data["effective"]), doc))
    law = base
    for _, doc in sorted(earlier, key=lambda pair: pair[0]):
        try:
            law = apply_amendment(law, doc, project.vocabulary)
        except InputError:
            break
    return law


family("amendment", _amendment_files, check_amendment)


# --- baselines (baselines/<jurisdiction>.json, saved reports) ---------------------------------------

def _baseline_files(folders: Folders) -> list[Path]:
    return sorted(folders.baselines.glob("*.json")) if folders.baselines.is_dir() else []


def check_baseline(path: Path, project: Project, folders: Folders) -> list[Problem]:
    document, problems = _checked(path, contract.schema("report"))
    if problems:
        return problems
    data = document.data
    framework_id = data["framework"]["id"]
    jurisdiction_id = data["jurisdiction"]["id"]
    framework = project.frameworks.get(framework_id)
    if framework is None:
        problems.append(Problem(document.file, document.key_line(("framework", "id")),
                                f"unknown framework '{framework_id}'{_known(framework_id, project.frameworks)}"))
    if jurisdiction_id not in project.jurisdictions and project.complete:
        problems.append(Problem(document.file, document.key_line(("jurisdiction", "id")),
                                f"baseline of unknown jurisdiction '{jurisdiction_id}'"
                                f"{_known(jurisdiction_id, project.jurisdictions)}"))
    elif framework is not None and jurisdiction_id == framework.baseline:
        problems.append(Problem(document.file, document.key_line(("jurisdiction", "id")),
                                f"'{jurisdiction_id}' is the benchmark of framework '{framework_id}', not graded"))
    named, _, date = path.stem.partition("@")  # <id>.json: today's law; <id>@<date>.json: the law of a date
    if named != jurisdiction_id:
        expected = f"{jurisdiction_id}@{date}.json" if date else f"{jurisdiction_id}.json"
        problems.append(Problem(document.file, document.key_line(("jurisdiction", "id")),
                                f"the file is named '{path.name}' but holds the report of '{jurisdiction_id}' "
                                f"(expected {expected})"))
    elif date and date != data["jurisdiction"]["as_of"]:
        problems.append(Problem(document.file, document.key_line(("jurisdiction", "as_of")),
                                f"the file is named '{path.name}' but holds the law of {data['jurisdiction']['as_of']} "
                                f"(expected {jurisdiction_id}@{data['jurisdiction']['as_of']}.json)"))
    return problems


family("baseline", _baseline_files, check_baseline)


def validate_everything(folders: Folders) -> tuple[Project, dict[str, int]]:
    """Load, check references, and check every family: every problem of every file in one InputError."""
    from analyzer.load import read_project
    from analyzer.validate import check_project

    project, problems = read_project(folders.rules, folders.statutes, folders.published)
    counts: dict[str, int] = {}
    if project is not None:
        problems += check_project(project)
        found, counts = check_families(project, folders)
        counts["published card"] = len(project.published)
        problems += found
    if problems or project is None:
        raise InputError(problems)
    return project, counts
