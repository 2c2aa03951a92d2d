"""Baselines: each graded jurisdiction's committed JSON report, so a score change is never silent.

`check` regrades every jurisdiction (all but the framework's benchmark, e.g. federal) and compares
it with BASELINES/<jurisdiction>.json. A score or status that moved, a missing baseline and a
baseline whose jurisdiction is gone fail the check; `--accept` records the current reports, and the
reviewer reads the change in `git diff`. Text-only changes (findings, citations, traces) are
reported but fail only with `strict`, so rewording a rule does not break CI.

`--accept` is all-or-nothing: every new baseline is written to a staging folder inside the
baselines folder first; then a journal naming every rename and removal is committed (by a rename)
and applied with SIGINT held back. A run stopped before the commit leaves the old baselines (the
staging folder is discarded by the next run); one stopped after it (a kill, a power cut) is
completed by the next run from the journal. Only files that read as saved reports are ever
removed: a `package.json` beside the baselines is not one.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import signal
import stat
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analyzer.documents import display_name, read_bounded
from analyzer.errors import InputError, Problem
from analyzer.model import Framework, Project

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


def kept(project: Project, framework: Framework, as_of: str | None = None) -> list[tuple[str, str, str | None]]:
    """The reports check keeps, as (baseline name, jurisdiction, law date): each graded jurisdiction's
    law of today (its latest date encoded; `<id>.json`) and its law on the law date of each of its
    published cards (`<id>@<date>.json`), so a change to past law shows too. With `as_of`, every
    graded jurisdiction's law of that date instead."""
    out: list[tuple[str, str, str | None]] = []
    for j in graded(project, framework):
        if as_of is not None:
            out.append((f"{j}@{as_of}", j, as_of))
            continue
        out.append((j, j, None))
        law = project.jurisdictions[j]
        dates = {c.law_date.value for c in project.published
                 if c.framework == framework.id and c.jurisdiction == j}
        out += [(f"{j}@{d}", j, d) for d in sorted(dates) if (law.earliest or law.as_of) <= d != law.as_of]
    return out


def current_reports(project: Project, framework: Framework, as_of: str | None = None) -> dict[str, str]:
    """Each kept report (see `kept`) as the JSON text its baseline file holds, by baseline name."""
    from analyzer.diff import baseline_text

    return {name: baseline_text(report) for name, report in graded_reports(project, framework, as_of)}


def graded_reports(project: Project, framework: Framework, as_of: str | None = None) -> Iterator[tuple[str, Report]]:
    """Each kept report with its baseline name, one at a time (a check of hundreds of jurisdictions
    holds one report at a time), with a progress bar on a terminal for more than a few."""
    from analyzer.pipeline import law_on, report
    from analyzer.render.progress import progress

    reports = kept(project, framework, as_of)
    shown = progress(reports, "Grading jurisdictions") if len(reports) > FEW else reports
    for name, j, date in shown:
        law = law_on(project.jurisdictions[j], date)
        yield name, report(project, law, framework, every_tier=False)  # the tiers below change no baseline


def baseline_file(folder: Path, jurisdiction: str) -> Path:
    return folder / f"{jurisdiction}.json"


STAGING = ".accept-staging"
JOURNAL = "COMMITTED"


def is_baseline(path: Path) -> bool:
    """Whether `path` reads as a saved report: the only kind of file check and accept treat as theirs."""
    from analyzer.diff import saved_report

    try:
        saved_report(path)
    except InputError:
        return False
    return True


def stale_baselines(folder: Path, graded: Collection[str]) -> list[Path]:
    """Saved reports in the folder whose jurisdiction is no longer graded (any other file is left alone)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if p.stem not in graded and is_baseline(p))


def check(project: Project, framework: Framework, folder: Path, *, strict: bool = False,
          as_of: str | None = None) -> CheckResult:
    """Compare every kept report with its baseline; collect every difference before failing."""
    recover(folder)
    result = CheckResult()
    stale = [] if as_of else stale_baselines(folder, [name for name, _, _ in kept(project, framework)])
    problems: list[Problem] = []
    reasons = {(rule.id, index): tier.reason for rule in project.rules.get(framework.id, ())
               for index, tier in enumerate(rule.tiers, 1)}
    with _frozen():
        for name, graded in graded_reports(project, framework, as_of):
            try:
                _compare(name, graded, folder, strict, result, reasons)
            except InputError as exc:  # an unreadable baseline: reported with every other one
                problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    for path in stale:
        result.failed = True
        result.lines.append(f"{display_name(path)}: {_unkept(path.stem)} (run `gap-analyzer check --accept` to "
                            f"remove it)")
    return result


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """The loaded project outlives a check: the garbage collector need not rescan it on every pass
    (a fifth of the time of a check of hundreds of jurisdictions)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _compare(name: str, graded: Report, folder: Path, strict: bool, result: CheckResult,
             reasons: dict[tuple[str, int], str]) -> None:
    """One kept report against its baseline file, as lines of `result`; a component that moved is
    told with the reason of the tier it now reaches (`reasons`, from the rules)."""
    from analyzer.diff import baseline_text, diff_reports, parse_report, saved_report
    from analyzer.render.data import number

    accept = "run `gap-analyzer check --accept` to record it"
    path = baseline_file(folder, name)
    shown = display_name(path)
    if not path.exists():  # anything else where the baseline belongs is read, and refused, as one
        result.failed = True
        result.lines.append(f"{shown}: no baseline for '{name}' ({accept})")
        return
    text = baseline_text(graded)
    if _previous(path, shown) == text:  # the same bytes as recorded: nothing to parse or compare
        result.lines.append(f"{shown}: ok, {number(graded.score)} of {number(graded.max)} (grade {graded.grade})")
        return
    saved = saved_report(path)
    fresh = parse_report(text)
    told = {**fresh, "components": [
        {**c, "tier": {**c["tier"], "reason": reasons.get((c["id"], c["tier"]["index"]))} if c["tier"] else None}
        for c in fresh["components"]]}
    diff = diff_reports(saved, told, shown, f"{name} now")
    if diff["changed"]:
        result.failed = True
        result.lines.append(f"{shown}: the report of '{name}' changed: {_moved(diff)}")
        result.lines += _changed_components(diff, saved, fresh)
    elif saved != fresh:
        result.failed = result.failed or strict
        result.lines.append(f"{shown}: points unchanged, but findings, citations or facts differ ({accept})")
        result.lines += _changed_components(diff, saved, fresh, every=True)
    else:  # the same data, written otherwise (by hand, or by another version of the tool)
        result.lines.append(f"{shown}: ok, {number(graded.score)} of {number(graded.max)} (grade {graded.grade})")


def _moved(diff: dict[str, Any]) -> str:
    score, grade = diff["score"], diff["grade"]
    return f"{score['old']} → {score['new']} of {diff['new']['max_score']}, grade {grade['old']} → {grade['new']}"


def _changed_components(diff: dict[str, Any], saved: dict[str, Any], fresh: dict[str, Any], *,
                        every: bool = False) -> list[str]:
    """A line per component that moved (old → new, the tier's reason), then a line per fact that moved;
    with `every`, also the components whose findings, citations or facts alone changed."""
    old = {c["id"]: c for c in saved["components"]}
    new = {c["id"]: c for c in fresh["components"]}
    moved = {c["id"]: c for c in diff["components"]}
    lines = []
    for cid in dict.fromkeys([*new, *old]):
        before, after = old.get(cid, {}), new.get(cid, {})
        if cid in moved:
            c = moved[cid]
            lines.append(f"  {cid} {c['title']}: {c['old_points']} → {c['new_points']} ({c['old_status']} → "
                         f"{c['new_status']}); {c['reason']}")
        elif every and before != after:
            lines.append(f"  {cid} {after.get('title') or before.get('title')}: "
                         f"{', '.join(k for k in sorted({*before, *after}) if before.get(k) != after.get(k))} changed")
        else:
            continue
        lines += [f"      {line}" for line in _facts_moved(before, after)]
    return lines


def _facts_moved(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The cited facts of a component that differ, paired by citation and fact: `old → new`."""
    def facts(component: dict[str, Any]) -> dict[str, str]:
        return {line.rpartition(" = ")[0]: line.rpartition(" = ")[2] for line in component.get("facts", ())}

    old, new = facts(before), facts(after)
    return [f"{key}: {old.get(key, 'not cited')} → {new.get(key, 'not cited')}"
            for key in dict.fromkeys([*old, *new]) if old.get(key) != new.get(key)]


def _unkept(name: str) -> str:
    jurisdiction, _, date = name.partition("@")
    if date:
        return (f"baseline of '{jurisdiction}' on {date}, which is not the law date of a published card of a "
                f"graded jurisdiction")
    return f"baseline of '{name}', which is not a graded jurisdiction of the statutes"


def accept(project: Project, framework: Framework, folder: Path, as_of: str | None = None) -> CheckResult:
    """Record every kept report and remove the baselines of reports no longer kept (not with `as_of`,
    which records one date's reports beside the others), all together or not at all (see the module
    docstring)."""
    reports = current_reports(project, framework, as_of)
    recover(folder)
    folder.mkdir(parents=True, exist_ok=True)
    result = CheckResult()
    problems: list[Problem] = []
    changed: dict[str, str] = {}
    for jurisdiction, text in reports.items():
        path = baseline_file(folder, jurisdiction)
        name = display_name(path)
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            problems.append(Problem(name, 0, "not a regular file where the baseline belongs; move it away"))
            continue
        previous = _previous(path, name) if mode is not None else None
        if previous == text:
            result.lines.append(f"{name}: unchanged")
        else:
            changed[jurisdiction] = text
            result.lines.append(f"{name}: {'recorded' if mode is None else 'updated'}")
    if problems:
        raise InputError(problems)
    stale = [] if as_of else stale_baselines(folder, reports)
    result.lines += [f"{display_name(p)}: removed ({_unkept(p.stem)})" for p in stale]
    if changed or stale:
        _swap(folder, changed, [p.name for p in stale])
    return result


def _previous(path: Path, name: str) -> str | None:
    """The current baseline's text, or None when it cannot be read (accept then replaces it)."""
    try:
        return read_bounded(path, name).decode("utf-8")
    except (InputError, UnicodeError):
        return None


def _swap(folder: Path, texts: dict[str, str], removals: list[str]) -> None:
    staging = folder / STAGING
    staging.mkdir()
    committed = False
    try:
        for jurisdiction, text in texts.items():
            _write_synced(staging / f"{jurisdiction}.json", text)
        journal = "".join(f"put {j}.json\n" for j in texts) + "".join(f"remove {n}\n" for n in removals)
        _write_synced(staging / f"{JOURNAL}.tmp", journal)
        with _interrupts_held():
            os.replace(staging / f"{JOURNAL}.tmp", staging / JOURNAL)  # the commit point
            committed = True
            _sync_dir(staging)
            _roll_forward(folder)
    finally:
        if not committed:
            shutil.rmtree(staging, ignore_errors=True)


def recover(folder: Path) -> None:
    """Finish or discard an `--accept` that was stopped: committed means roll forward, else discard."""
    staging = folder / STAGING
    try:
        if not stat.S_ISDIR(os.lstat(staging).st_mode):
            return
    except (FileNotFoundError, NotADirectoryError):
        return
    if (staging / JOURNAL).is_file():
        with _interrupts_held():
            _roll_forward(folder)
    else:
        shutil.rmtree(staging)


def _roll_forward(folder: Path) -> None:
    staging = folder / STAGING
    for line in (staging / JOURNAL).read_text("utf-8").splitlines():
        action, _, name = line.partition(" ")
        if "/" in name or name.startswith(".") or not name.endswith(".json"):
            continue  # never act on a journal line that is not one of ours
        if action == "put" and (staging / name).exists():
            os.replace(staging / name, folder / name)
        elif action == "remove":
            (folder / name).unlink(missing_ok=True)
    _sync_dir(folder)
    shutil.rmtree(staging)


def _write_synced(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold SIGINT back while the swap runs (milliseconds): stopping halfway would mix old and new.

    A signal that arrives meanwhile, or was already pending, is recorded and raised afterwards.
    """
    received: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    except ValueError:  # not the main thread: signals cannot arrive here anyway
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt
