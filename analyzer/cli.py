"""Command line: gap-analyzer report | validate | explain | diff | check (also `python -m analyzer`)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from analyzer.errors import InputError
from analyzer.output import write_atomic
from analyzer.paths import default_baselines, default_dir

EXIT_INPUT = 2


def data_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--statutes", "statutes_dir", type=click.Path(path_type=Path), default=None,
                        help="Folder of encoded statutes (default: the project's statutes/).")(func)
    func = click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=None,
                        help="Folder of the vocabulary and frameworks (default: the project's rules/).")(func)
    return func


def reports_input_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Bad input ends with one line per problem and exit status 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            sys.exit(EXIT_INPUT)

    return wrapper


def load(rules_dir: Path | None, statutes_dir: Path | None, *, only: tuple[str, ...] | None = None) -> Any:
    """The project; with `only`, just those jurisdictions (and the baseline) are read."""
    from analyzer import pipeline

    return pipeline.load(rules_dir or default_dir("rules"), statutes_dir or default_dir("statutes"), only=only)


def amend_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--amend", "amend_files", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
                        help="Apply this amendment file (repeatable; applied in the order given).")(func)


def amended(project: Any, jurisdiction_id: str, amend_files: tuple[Path, ...]) -> Any:
    """The jurisdiction to grade: the loaded one, with any amendments applied in order."""
    from analyzer import pipeline

    jurisdiction = pipeline.pick_jurisdiction(project, jurisdiction_id)
    if amend_files:
        from analyzer.amend import apply_amendment_files

        jurisdiction = apply_amendment_files(jurisdiction, list(amend_files), project.vocabulary)
    return jurisdiction


def write(text: str, out: Path | None) -> None:
    """Print, or replace --out atomically: a failed run never leaves a half-written file."""
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomic(out, text)


def on_terminal(out: Path | None) -> bool:
    return out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gap-analyzer")
@click.option("--no-cache", is_flag=True, help="Read and check every data file afresh, ignoring the cache of "
                                                "checked files (entries are keyed by content, so never stale).")
def main(no_cache: bool) -> None:
    """Grade a jurisdiction's statutes against a framework's declarative rules."""
    if no_cache:
        from analyzer import cache

        cache.disable()


@main.command()
@click.argument("jurisdiction")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--framework", "framework_id", default=None, help="Framework id, when several are loaded.")
@amend_option
@data_options
@reports_input_errors
def report(jurisdiction: str, fmt: str, out: Path | None, framework_id: str | None, amend_files: tuple[Path, ...],
           rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """Report card of JURISDICTION: points per component, sections, total, grade and gaps."""
    from analyzer import pipeline
    from analyzer.render import render

    project = load(rules_dir, statutes_dir, only=(jurisdiction,))
    framework = pipeline.pick_framework(project, framework_id)
    result = pipeline.report(project, amended(project, jurisdiction, amend_files), framework)
    color = on_terminal(out)
    write(render(result, fmt, color=color, width=None if not color else shutil.get_terminal_size().columns), out)


@main.command()
@data_options
@reports_input_errors
def validate(rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """Check every rule and statute file; print every problem, exit 2 if there is any."""
    project = load(rules_dir, statutes_dir)
    rules = sum(len(r) for r in project.rules.values())
    provisions = sum(len(j.provisions) for j in project.jurisdictions.values())
    click.echo(f"ok: {len(project.frameworks)} framework(s), {rules} rules, "
               f"{len(project.jurisdictions)} jurisdiction(s), {provisions} provisions")


@main.command()
@click.argument("jurisdiction")
@click.argument("component_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--framework", "framework_id", default=None, help="Framework id, when several are loaded.")
@amend_option
@data_options
@reports_input_errors
def explain(jurisdiction: str, component_id: str, fmt: str, framework_id: str | None, amend_files: tuple[Path, ...],
            rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """How COMPONENT_ID was scored for JURISDICTION: tiers, conditions, facts read, citations."""
    from analyzer import pipeline
    from analyzer.errors import Problem, did_you_mean

    project = load(rules_dir, statutes_dir, only=(jurisdiction,))
    framework = pipeline.pick_framework(project, framework_id)
    result = pipeline.report(project, amended(project, jurisdiction, amend_files), framework)
    component = result.component(component_id)
    if component is None:
        ids = [c.rule.id for c in result.components]
        raise InputError([Problem("gap-analyzer", 0, f"unknown component '{component_id}'"
                                                     f"{did_you_mean(component_id, ids)}")])
    if fmt == "json":
        from analyzer.render import data

        payload = data.component_data(component)
        payload["tiers"] = [{"index": o.index, "points": data.number(o.tier.points), "reason": o.tier.reason,
                             "result": o.trace.result.value, "trace": data.trace_data(o.trace)}
                            for o in component.outcomes]
        write(data.dumps(payload), None)
        return
    from analyzer.render.text import explain_text

    color = on_terminal(None)
    write(explain_text(result, component, color=color,
                       width=shutil.get_terminal_size().columns if color else None), None)


EXIT_CHANGED = 1


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "html"]), default="text",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the diff to this file instead of standard output.")
@click.option("--framework", "framework_id", default=None, help="Framework id, when several are loaded.")
@amend_option
@data_options
@reports_input_errors
def diff(old: str, new: str, fmt: str, out: Path | None, framework_id: str | None, amend_files: tuple[Path, ...],
         rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """Compare two reports; exit 0 if nothing moved, 1 if a component's points or status changed.

    OLD and NEW are each a saved JSON report (a path ending in .json) or a jurisdiction id, graded
    now. --amend applies amendments to NEW, so `diff missouri missouri --amend BILL` shows what BILL does.
    """
    from analyzer import pipeline
    from analyzer.diff import diff_reports, fresh_report, label_of, saved_report
    from analyzer.errors import Problem
    from analyzer.render.diff import render_diff

    if amend_files and new.endswith(".json"):
        raise InputError([Problem("gap-analyzer", 0, "--amend applies to NEW, which must then be a jurisdiction "
                                                     f"id, not a saved report ('{new}')")])
    graded = tuple(a for a in (old, new) if not a.endswith(".json"))
    project = load(rules_dir, statutes_dir, only=graded) if graded else None
    framework = pipeline.pick_framework(project, framework_id) if project else None

    def side(argument: str, amend: tuple[Path, ...]) -> tuple[dict[str, Any], str]:
        if argument.endswith(".json"):
            return saved_report(Path(argument)), label_of({}, Path(argument))
        data = fresh_report(pipeline.report(project, amended(project, argument, amend), framework))
        return data, label_of(data)

    problems: list[Problem] = []
    sides = []
    for argument, amend in ((old, ()), (new, amend_files)):
        try:
            sides.append(side(argument, amend))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    (before, after) = sides
    result = diff_reports(before[0], after[0], before[1], after[1])
    write(render_diff(result, fmt), out)
    sys.exit(EXIT_CHANGED if result["changed"] else 0)


@main.command()
@click.option("--baselines", "baselines_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of baseline reports, one <jurisdiction>.json each (default: the project's baselines/).")
@click.option("--accept", is_flag=True, help="Record the current reports as the baselines.")
@click.option("--strict", is_flag=True, help="Also fail when only findings, citations or traces changed.")
@click.option("--framework", "framework_id", default=None, help="Framework id, when several are loaded.")
@data_options
@reports_input_errors
def check(baselines_dir: Path | None, accept: bool, strict: bool, framework_id: str | None,
          rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """Regrade every jurisdiction against its committed baseline; exit 1 with the diff if any moved."""
    from analyzer import baseline, pipeline

    project = load(rules_dir, statutes_dir)
    framework = pipeline.pick_framework(project, framework_id)
    folder = baselines_dir or default_baselines()
    if accept:
        click.echo(baseline.accept(project, framework, folder).text, nl=False)
        return
    result = baseline.check(project, framework, folder, strict=strict)
    click.echo(result.text, nl=False)
    sys.exit(EXIT_CHANGED if result.failed else 0)
