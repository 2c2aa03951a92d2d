"""Baselines: each graded jurisdiction's committed JSON report, so a score change is never silent.

`check` regrades every jurisdiction (all but the framework's benchmark, e.g. federal) and compares
it with BASELINES/<jurisdiction>.json. A score or status that moved, a missing baseline and a
baseline whose jurisdiction is gone fail the check; `--accept` records the current reports, and the
reviewer reads the change in `git diff`. Text-only changes (findings, citations, traces) are
reported but fail only with `strict`, so rewording a rule does not break CI.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analyzer.documents import display_name
from analyzer.model import Framework, Project
from analyzer.output import write_atomic

if TYPE_CHECKING:
    from analyzer.score import Report

FEW = 3  # more jurisdictions than this to grade: a progress bar on a terminal


@dataclass
class CheckResult:
    failed: bool = False
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n" if self.lines else ""


def graded(project: Project, framework: Framework) -> list[str]:
    """The jurisdictions a check grades: every one but the framework's benchmark."""
    return sorted(j for j in project.jurisdictions if j != framework.baseline)


def current_reports(project: Project, framework: Framework) -> dict[str, str]:
    """Each graded jurisdiction's report as the JSON text a baseline file holds."""
    from analyzer.diff import report_text

    return dict(graded_reports(project, framework, report_text))


def graded_reports(project: Project, framework: Framework,
                   as_text: Callable[[Report], str]) -> Iterator[tuple[str, str]]:
    """Each graded jurisdiction and its report as text, one at a time (a check of hundreds of
    jurisdictions holds one report at a time), with a progress bar on a terminal for more than a few."""
    from analyzer.pipeline import report
    from analyzer.render.progress import progress

    jurisdictions = graded(project, framework)
    shown = progress(jurisdictions, "Grading jurisdictions") if len(jurisdictions) > FEW else jurisdictions
    for j in shown:
        yield j, as_text(report(project, project.jurisdictions[j], framework))


def baseline_file(folder: Path, jurisdiction: str) -> Path:
    return folder / f"{jurisdiction}.json"


def check(project: Project, framework: Framework, folder: Path, *, strict: bool = False) -> CheckResult:
    """Compare every graded jurisdiction with its baseline; collect every difference before failing."""
    from analyzer.diff import compact_text

    result = CheckResult()
    ids = set(graded(project, framework))
    stale = sorted(p for p in folder.glob("*.json") if p.stem not in ids) if folder.is_dir() else []
    with _frozen():
        for jurisdiction, text in graded_reports(project, framework, compact_text):
            _compare(jurisdiction, text, folder, strict, result)
    for path in stale:
        result.failed = True
        result.lines.append(f"{display_name(path)}: baseline of '{path.stem}', which is not a graded jurisdiction "
                            f"of the statutes (run `gap-analyzer check --accept` to remove it)")
    return result


@contextmanager
def _frozen() -> Iterator[None]:
    """The loaded project outlives a check: the garbage collector need not rescan it on every pass
    (a fifth of the time of a check of hundreds of jurisdictions)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _compare(jurisdiction: str, text: str, folder: Path, strict: bool, result: CheckResult) -> None:
    """One jurisdiction's fresh report (as text) against its baseline, as lines of `result`."""
    from analyzer.diff import diff_reports, parse_report, saved_report
    from analyzer.render.diff import diff_text

    accept = "run `gap-analyzer check --accept` to record it"
    fresh = parse_report(text)
    path = baseline_file(folder, jurisdiction)
    name = display_name(path)
    if not path.is_file():
        result.failed = True
        result.lines.append(f"{name}: no baseline for jurisdiction '{jurisdiction}' ({accept})")
        return
    saved = saved_report(path)
    diff = diff_reports(saved, fresh, name, f"{jurisdiction} now")
    if diff["changed"]:
        result.failed = True
        result.lines.append(f"{name}: the report of '{jurisdiction}' changed:")
        result.lines.append(diff_text(diff).rstrip("\n"))
    elif saved != fresh:
        result.failed = result.failed or strict
        result.lines.append(f"{name}: points unchanged, but findings, citations or traces differ ({accept})")
    else:
        result.lines.append(f"{name}: ok, {diff['new']['score']} of {diff['new']['max_score']} "
                            f"(grade {diff['new']['grade']})")


def accept(project: Project, framework: Framework, folder: Path) -> CheckResult:
    """Record every graded jurisdiction's report; remove baselines of jurisdictions that are gone.

    Every report is computed before any file is touched, and each file is replaced atomically,
    so a failing run leaves the old baselines as they were.
    """
    reports = current_reports(project, framework)
    folder.mkdir(parents=True, exist_ok=True)
    result = CheckResult()
    for jurisdiction, text in reports.items():
        path = baseline_file(folder, jurisdiction)
        previous = path.read_text("utf-8") if path.is_file() else None
        if previous != text:
            write_atomic(path, text)
            result.lines.append(f"{display_name(path)}: {'updated' if previous else 'recorded'}")
        else:
            result.lines.append(f"{display_name(path)}: unchanged")
    for path in sorted(folder.glob("*.json")):
        if path.stem not in reports:
            path.unlink()
            result.lines.append(f"{display_name(path)}: removed (no such graded jurisdiction)")
    return result
