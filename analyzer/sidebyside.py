"""Several jurisdictions' report cards side by side: sections, totals and grades in one table.

The result is plain data (what `report A B --format json` prints); the renderers read only that.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from analyzer.errors import InputError, Problem
from analyzer.model import Framework, Jurisdiction, Project
from analyzer.render.data import number
from analyzer.score import Report


def chosen(project: Project, framework: Framework, names: Sequence[str], every: bool) -> list[str]:
    """The jurisdictions to put side by side: those named (in order, once each), or with `every` all
    of them but the framework's benchmark (which is compared against, never graded)."""
    if every and names:
        raise InputError([Problem("gap-analyzer", 0, "--all takes no jurisdiction names "
                                                     f"(given: {', '.join(names)})")])
    if every:
        graded = sorted(j for j in project.jurisdictions if j != framework.baseline)
        if not graded:
            raise InputError([Problem("gap-analyzer", 0, "--all: no jurisdiction is encoded besides the "
                                                         f"benchmark '{framework.baseline}'")])
        return graded
    return list(dict.fromkeys(names))


def pick_all(project: Project, names: Sequence[str]) -> list[Jurisdiction]:
    """The named jurisdictions; every unknown name is reported, not just the first."""
    from analyzer.pipeline import pick_jurisdiction

    found, problems = [], []
    for name in names:
        try:
            found.append(pick_jurisdiction(project, name))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return found


def graded_side_by_side(project: Project, framework: Framework, names: Sequence[str], every: bool, *,
                        amended: bool = False, as_of: str | None = None) -> dict[str, Any]:
    """Grade the chosen jurisdictions (their law of `as_of`, default today's) and lay them out side
    by side (`report A B`, `report --all`)."""
    from analyzer.pipeline import law_on, report

    chosen_names = chosen(project, framework, names, every)
    if not chosen_names:
        raise InputError([Problem("gap-analyzer", 0, "name a jurisdiction (or several, or --all)")])
    if amended:
        raise InputError([Problem("gap-analyzer", 0, "--amend applies to one jurisdiction, not "
                                                     f"{len(chosen_names)}")])
    return side_by_side([report(project, law_on(j, as_of), framework) for j in pick_all(project, chosen_names)])


def side_by_side(reports: Sequence[Report]) -> dict[str, Any]:
    framework = reports[0].framework
    return {
        "framework": {"id": framework.id, "title": framework.title, "version": framework.version,
                      "publisher": framework.publisher},
        "jurisdictions": [{"id": r.jurisdiction.id, "name": r.jurisdiction.name, "as_of": r.jurisdiction.as_of,
                           "score": number(r.score), "grade": r.grade} for r in reports],
        "sections": [{"id": section.id, "title": section.title, "max": number(section.max),
                      "scores": [number(r.sections[i].score) for r in reports]}
                     for i, section in enumerate(framework.sections)],
        "max_score": number(framework.max),
    }
