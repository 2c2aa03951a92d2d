"""The whole flow for one jurisdiction: load -> validate -> evaluate -> score."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from analyzer.errors import InputError, Problem, did_you_mean
from analyzer.evaluate import evaluate
from analyzer.load import read_project
from analyzer.model import Framework, Jurisdiction, Project
from analyzer.score import Report, score
from analyzer.validate import check_project


def load(rules_dir: Path, statutes_dir: Path, published_dir: Path | None = None, *,
         only: Collection[str] | None = None) -> Project:
    """Load and validate, reporting the problems of both passes together; `only` names the
    jurisdictions the command needs (None: all of them, as `validate` and `check` need)."""
    project, problems = read_project(rules_dir, statutes_dir, published_dir, only=only)
    if project is not None:
        problems += check_project(project)
    if problems or project is None:
        raise InputError(problems)
    return project


def pick_framework(project: Project, framework_id: str | None) -> Framework:
    if framework_id is None:
        if len(project.frameworks) == 1:
            return next(iter(project.frameworks.values()))
        raise InputError([Problem("gap-analyzer", 0, "several frameworks are loaded; choose one of: "
                                                    + ", ".join(sorted(project.frameworks)))])
    if framework_id not in project.frameworks:
        raise InputError([Problem("gap-analyzer", 0, f"unknown framework '{framework_id}'"
                                                    f"{did_you_mean(framework_id, project.frameworks)}")])
    return project.frameworks[framework_id]


def pick_jurisdiction(project: Project, jurisdiction_id: str) -> Jurisdiction:
    """By id, or as a reader names it: the name in any case, or a state's postal code (`MO`)."""
    if jurisdiction_id not in project.jurisdictions:
        from analyzer.postal import spellings

        typed = jurisdiction_id.casefold()
        named = [j for j in project.jurisdictions.values() if typed == j.id.casefold() or typed in spellings(j.name)]
        if len(named) == 1:
            return named[0]
        known = ", ".join(sorted(project.jurisdictions)) or "none"
        raise InputError([Problem("gap-analyzer", 0, f"unknown jurisdiction '{jurisdiction_id}'"
                                  f"{did_you_mean(jurisdiction_id, project.jurisdictions)}; known: {known}")])
    return project.jurisdictions[jurisdiction_id]


def law_on(jurisdiction: Jurisdiction, as_of: str | None) -> Jurisdiction:
    """The jurisdiction's law of `as_of` (None: its latest law encoded, today's law); a date before the
    earliest law its file states cannot be graded."""
    if as_of is None or as_of == jurisdiction.as_of:
        return jurisdiction
    earliest = jurisdiction.earliest or jurisdiction.as_of
    if as_of < earliest:
        dates = jurisdiction.dates
        shown = ", ".join(dates) if len(dates) <= 12 else ", ".join((*dates[:5], "...", *dates[-5:]))
        raise InputError([Problem("--as-of", 0, f"{jurisdiction.name}'s encoded law starts on {earliest}, after "
                                                f"{as_of}; dates encoded: {shown}")])
    return jurisdiction.at(as_of)


def report(project: Project, jurisdiction: Jurisdiction, framework: Framework, *,
           every_tier: bool = True) -> Report:
    """The graded report; `every_tier` False skips the tiers below the one each component reaches,
    which only `explain` and the text report's traces show (the JSON form is the same either way)."""
    baseline = project.jurisdictions.get(framework.baseline) if framework.baseline else None
    if baseline is not None:  # the benchmark's law of the same date, or its nearest encoded
        baseline = baseline.nearest(jurisdiction.as_of)
    results = evaluate(project.rules[framework.id], jurisdiction, project.vocabulary, baseline,
                       every_tier=every_tier)
    return score(framework, jurisdiction, results)
