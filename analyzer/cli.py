"""Command line: gap-analyzer report | validate | explain (also `python -m analyzer`)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from analyzer.errors import InputError
from analyzer.paths import default_dir

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


def load(rules_dir: Path | None, statutes_dir: Path | None) -> Any:
    from analyzer import pipeline

    return pipeline.load(rules_dir or default_dir("rules"), statutes_dir or default_dir("statutes"))


def write(text: str, out: Path | None) -> None:
    """Print, or replace --out atomically: a failed run never leaves a half-written file."""
    if out is None:
        click.echo(text, nl=False)
        return
    out = out.resolve()
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def on_terminal(out: Path | None) -> bool:
    return out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gap-analyzer")
def main() -> None:
    """Grade a jurisdiction's statutes against a framework's declarative rules."""


@main.command()
@click.argument("jurisdiction")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--framework", "framework_id", default=None, help="Framework id, when several are loaded.")
@data_options
@reports_input_errors
def report(jurisdiction: str, fmt: str, out: Path | None, framework_id: str | None,
           rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """Report card of JURISDICTION: points per component, sections, total, grade and gaps."""
    from analyzer import pipeline
    from analyzer.render import render

    project = load(rules_dir, statutes_dir)
    framework = pipeline.pick_framework(project, framework_id)
    result = pipeline.report(project, pipeline.pick_jurisdiction(project, jurisdiction), framework)
    color = on_terminal(out)
    write(render(result, fmt, color=color, width=None if not color else click.get_terminal_size()[0]), out)


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
@data_options
@reports_input_errors
def explain(jurisdiction: str, component_id: str, fmt: str, framework_id: str | None,
            rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """How COMPONENT_ID was scored for JURISDICTION: tiers, conditions, facts read, citations."""
    from analyzer import pipeline
    from analyzer.errors import Problem, did_you_mean

    project = load(rules_dir, statutes_dir)
    framework = pipeline.pick_framework(project, framework_id)
    result = pipeline.report(project, pipeline.pick_jurisdiction(project, jurisdiction), framework)
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
                       width=click.get_terminal_size()[0] if color else None), None)
