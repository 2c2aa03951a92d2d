"""Rule test cases as data: a pytest plugin collecting `*.cases.yaml` files that sit next to rules.

Each case is a small jurisdiction (inline provisions, or a shipped one) and the points, status,
tier, section scores, total or grade the rules must give it. A failure names the file and line,
the case, the component, and the expected and actual values. `known_gap` marks a case the rules
do not meet yet: it is reported as an expected failure, and fails once it starts passing.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from analyzer import contract
from analyzer.documents import Document, read_document
from analyzer.errors import InputError
from analyzer.families import case_references, cases_schema, inline_jurisdiction
from analyzer.load import CASES_SUFFIX, VOCABULARY_FILE
from analyzer.model import Jurisdiction, Project
from analyzer.render.data import number


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name.endswith(CASES_SUFFIX):
        return CasesFile.from_parent(parent, path=file_path)
    return None


def rules_root(path: Path) -> Path:
    """The rules folder a cases file belongs to: the nearest folder holding the vocabulary."""
    for folder in path.resolve().parents:
        if (folder / VOCABULARY_FILE).is_file():
            return folder
    raise InputError([])


@cache
def project_for(rules_dir: Path, statutes_dir: Path) -> Project:
    from analyzer.pipeline import load

    return load(rules_dir, statutes_dir)


class CaseFailure(Exception):
    """Mismatches between what a case expects and what the rules give."""


class CasesFile(pytest.File):
    def collect(self) -> Iterator[CaseItem]:
        try:
            root = rules_root(self.path)
            project = project_for(root, root.parent / "statutes")
            document = read_document(self.path)
            problems = contract.check(document, cases_schema(project))
            if not problems:  # the same cross-reference checks as `gap-analyzer validate`
                problems = list(case_references(document, self.path, project))
            if problems:
                raise InputError(problems)
        except InputError as exc:
            lines = [str(p) for p in exc.problems] or [f"{self.path}: no {VOCABULARY_FILE} above this file"]
            raise self.CollectError("\n".join(lines)) from None
        for index, case in enumerate(document.data["cases"]):
            yield CaseItem.from_parent(self, name=case["name"], case=case, index=index, document=document,
                                       project=project, framework_id=document.data.get("framework"))


class CaseItem(pytest.Item):
    def __init__(self, *, case: dict[str, Any], index: int, document: Document, project: Project,
                 framework_id: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case, self.index, self.document = case, index, document
        self.project, self.framework_id = project, framework_id
        self.line = document.line(("cases", index))
        if "known_gap" in case:
            self.add_marker(pytest.mark.xfail(reason=f"known gap: {case['known_gap']}", strict=True,
                                              raises=CaseFailure))

    def jurisdiction(self) -> Jurisdiction:
        from analyzer.validate import check_jurisdiction

        case = self.case
        if "base" in case:
            from analyzer.pipeline import pick_jurisdiction

            jurisdiction = pick_jurisdiction(self.project, case["base"])
        else:
            jurisdiction = inline_jurisdiction(self.document, case, self.index)
            problems = list(check_jurisdiction(jurisdiction, self.project.vocabulary))
            if problems:
                raise InputError(problems)
        if case.get("amend"):
            from analyzer.amend import apply_amendment_files

            files = [self.path.parent / name for name in case["amend"]]
            jurisdiction = apply_amendment_files(jurisdiction, files, self.project.vocabulary)
        return jurisdiction

    def runtest(self) -> None:
        from analyzer.pipeline import pick_framework, report

        try:
            framework = pick_framework(self.project, self.framework_id)
            result = report(self.project, self.jurisdiction(), framework)
        except InputError as exc:
            raise CaseFailure("\n".join(str(p) for p in exc.problems)) from None
        mismatches = list(self._compare(result))
        if mismatches:
            raise CaseFailure("\n".join(mismatches))

    def _compare(self, result: Any) -> Iterator[str]:
        expect, base = self.case["expect"], ("cases", self.index, "expect")
        where = f"{self.document.file}:{{line}}: case '{self.name}'"
        if "score" in expect and Decimal(expect["score"]) != result.score:
            yield f"{where.format(line=self.document.line((*base, 'score')))}: total expected " \
                  f"{number(Decimal(expect['score']))}, got {number(result.score)}"
        if "grade" in expect and expect["grade"] != result.grade:
            yield f"{where.format(line=self.document.line((*base, 'grade')))}: grade expected " \
                  f"{expect['grade']}, got {result.grade}"
        sections = {s.section.id: s for s in result.sections}
        for section_id, points in expect.get("sections", {}).items():
            line = self.document.line((*base, "sections", section_id))
            got = sections.get(section_id)
            if got is None:
                yield f"{where.format(line=line)}: section {section_id} is not in the framework"
            elif got.score != Decimal(points):
                yield f"{where.format(line=line)}: section {section_id} expected {number(Decimal(points))}, " \
                      f"got {number(got.score)}"
        for component_id, wanted in expect.get("components", {}).items():
            line = self.document.line((*base, "components", component_id))
            got = result.component(component_id)
            if got is None:
                yield f"{where.format(line=line)}: component {component_id} has no rule"
                continue
            actual = {"points": got.points, "status": got.status,
                      "tier": got.reached.index if got.reached else None}
            for key, value in wanted.items():
                expected = Decimal(value) if key == "points" else value
                if expected != actual[key]:
                    shown = number(actual[key]) if key == "points" else actual[key]
                    yield (f"{where.format(line=line)}: component {component_id} {key}: expected "
                           f"{number(expected) if key == 'points' else expected}, got {shown} "
                           f"({self._reached(got)})")

    @staticmethod
    def _reached(got: Any) -> str:
        if got.reached is None:
            return f"no tier met; status {got.status}"
        return f"tier {got.reached.index} met: {got.reached.tier.reason}"

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CaseFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"case: {self.name}"
