"""Command line: gap-analyzer report | explain | list | validate | diff | check | compare | roadmap | timeline |
reading-list | site (also `python -m analyzer`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from analyzer.errors import InputError, Problem
from analyzer.output import write_atomic
from analyzer.paths import DATA_ENV, default_baselines, default_dir, set_data_root
from analyzer.terminal import output_width, wants_color

EXIT_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it; distinct from 1, "scores changed"


def data_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--statutes", "statutes_dir", type=click.Path(path_type=Path), default=None,
                        help="Folder of encoded statutes (default: statutes/ of the data folder).")(func)
    func = click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=None,
                        help="Folder of the vocabulary and frameworks (default: rules/ of the data folder).")(func)
    return func


def reports_input_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Bad input ends with one line per problem and exit status 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from analyzer.documents import forget_reads

        forget_reads()
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            sys.exit(EXIT_INPUT)
        except (OSError, UnicodeError) as exc:  # the one place an I/O error becomes `FILE: message`
            click.echo(io_error_line(exc), err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt:
            click.echo("gap-analyzer: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper


def io_error_line(exc: OSError | UnicodeError) -> str:
    """An I/O error as one line naming its file (a traceback tells a user nothing they can fix)."""
    if isinstance(exc, OSError):
        name = exc.filename if exc.filename is not None else "gap-analyzer"
        return f"{name}: {exc.strerror or exc}"
    return f"gap-analyzer: {exc}"


def load(rules_dir: Path | None, statutes_dir: Path | None, published_dir: Path | None = None, *,
         only: tuple[str, ...] | None = None, cards: bool = False) -> Any:
    """The project; with `only`, just those jurisdictions (and the benchmark) are read; published
    cards only for the commands that compare with them (`cards`), or when a folder is named."""
    from analyzer import pipeline
    from analyzer.published import default_published

    rules = rules_dir or default_dir("rules")
    if cards and published_dir is None:
        published_dir = default_published(rules)
    return pipeline.load(rules, statutes_dir or default_dir("statutes"), published_dir, only=only)


def published_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--published", "published_dir", type=click.Path(path_type=Path, file_okay=False),
                        default=None, help="Folder of published report cards (default: published/ beside "
                                           "the rules folder).")(func)


def amend_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--amend", "amend_files", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
                        help="Apply this amendment file (repeatable; applied in the order given).")(func)


class BadDate(click.ClickException):
    """A date that is not YYYY-MM-DD (or no such day): one line, exit 2, no usage block."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


def checked_date(text: str, what: str) -> str:
    """`text` if it is a real day written YYYY-MM-DD (the way the data files write dates)."""
    import re
    from datetime import date

    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise BadDate(f"gap-analyzer: {what}{text}: not a date: use YYYY-MM-DD")


def iso_date(ctx: click.Context, param: click.Parameter, value: Any) -> str | None:
    """A date option's value, checked: YYYY-MM-DD and a day that exists."""
    return None if value is None else checked_date(value, f"{param.opts[0]} ")


def as_of_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--as-of", "as_of", type=str, default=None,
                        metavar="DATE", callback=iso_date,
                        help="Grade the law in force on DATE (YYYY-MM-DD); default: today's law, the latest "
                             "date each statute file encodes.")(func)


def amended(project: Any, jurisdiction_id: str, amend_files: tuple[Path, ...], as_of: str | None = None) -> Any:
    """The jurisdiction to grade: its law of `as_of` (default: the latest encoded), with any amendments
    applied in order on top of it."""
    from analyzer import pipeline

    jurisdiction = pipeline.law_on(pipeline.pick_jurisdiction(project, jurisdiction_id), as_of)
    if amend_files:
        from analyzer.amend import apply_amendment_files

        jurisdiction = apply_amendment_files(jurisdiction, list(amend_files), project.vocabulary)
    return jurisdiction


def named(names: tuple[str, ...], statutes_dir: Path | None) -> tuple[str, ...]:
    """Jurisdictions as a reader names them (`Missouri`, `missouri`, `MO`) turned into ids, each once, so only
    their files are read; a name no file matches is kept, and the loaded names decide (or the error lists them)."""
    from analyzer.postal import CODES
    from analyzer.skeleton import jurisdiction_id

    folder = statutes_dir or default_dir("statutes")
    out = []
    for name in names:
        for candidate in (name, jurisdiction_id(name), jurisdiction_id(CODES.get(name.upper(), ""))):
            if candidate and (folder / f"{candidate}.yaml").is_file():
                name = candidate
                break
        out.append(name)
    return tuple(dict.fromkeys(out))


def law_date(text: str, before: str = "") -> str | None:
    """The DATE of an ID@DATE argument, checked as --as-of checks its value."""
    if not text:
        return None
    try:
        return checked_date(text, before)
    except BadDate as exc:
        raise InputError([Problem("gap-analyzer", 0, exc.message.removeprefix("gap-analyzer: "))]) from None


def write(text: str, out: Path | None) -> None:
    """Print, or replace --out atomically: a failed run never leaves a half-written file."""
    if out is None or str(out) == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(out, text)


def on_terminal(out: Path | None) -> bool:
    return (out is None or str(out) == "-") and wants_color()


def framework_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--framework", "framework_id", default=None,
                        help="Framework id, when several are loaded.")(func)


def out_option(help_text: str) -> Callable[..., Any]:
    return click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help=help_text)


def format_option(formats: list[str]) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(formats), default=None,
                        help="Output format (default: from the extension of --out, else text).")


def out_format(fmt: str | None, out: Path | None, formats: list[str]) -> str:
    """--format, or the format the --out file's extension names (.txt .json .md .html)."""
    from analyzer.formats import format_for

    return format_for(fmt, out, formats)


def refuse_benchmark(framework: Any, jurisdiction: str) -> None:
    from analyzer.catalog import refuse_benchmark

    refuse_benchmark(framework, jurisdiction)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog=f"""\b
Examples:
  gap-analyzer report missouri
  gap-analyzer explain missouri 5.3
  gap-analyzer compare
  gap-analyzer roadmap missouri --target A
  gap-analyzer list
  gap-analyzer --data ~/my-statutes report kansas

Data folder: inside a checkout (the current folder or a parent holding rules/ and statutes/),
its rules/, statutes/ and baselines/ are used; elsewhere, the data installed with the tool.
--data DIR or {DATA_ENV}=DIR names another folder; --rules and --statutes one folder each.""")
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=f"Data folder holding rules/, statutes/ and baselines/ (also: {DATA_ENV}).")
@click.version_option(package_name="gap-analyzer")
@click.option("--no-cache", is_flag=True, help="Read and check every data file afresh, ignoring the cache of "
                                                "checked files (entries are keyed by content, so never stale).")
def main(data_dir: Path | None, no_cache: bool) -> None:
    """Grade a jurisdiction's statutes against a framework's declarative rules."""
    set_data_root(data_dir)
    if no_cache:
        from analyzer import cache

        cache.disable()


@main.command(short_help="Print a jurisdiction's report card (or several side by side).", epilog="""\b
Examples:
  gap-analyzer report missouri
  gap-analyzer report missouri --out missouri.html
  gap-analyzer report missouri --as-of 2019-08-28
  gap-analyzer report missouri \\
    --amend amendments/missouri/what-if-services-mandate.yaml
  gap-analyzer report missouri oklahoma pennsylvania
  gap-analyzer report --all --out states.html""")
@click.argument("jurisdictions", nargs=-1)
@click.option("--all", "every", is_flag=True,
              help="Every encoded jurisdiction but the framework's benchmark, side by side.")
@format_option(["text", "json", "markdown", "html"])
@out_option("Write the report to this file instead of standard output ('-': standard output); its "
            "extension (.txt, .json, .md, .html) names the format.")
@framework_option
@as_of_option
@amend_option
@data_options
@reports_input_errors
def report(jurisdictions: tuple[str, ...], every: bool, fmt: str | None, out: Path | None, framework_id: str | None,
           as_of: str | None, amend_files: tuple[Path, ...], rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """Report card of a JURISDICTION: points per component, sections, total, grade and gaps.

    Several JURISDICTIONS (or --all) print their sections, totals and grades side by side.
    """
    from analyzer import pipeline
    from analyzer.render import render

    fmt = out_format(fmt, out, ["text", "json", "markdown", "html"])
    jurisdictions = named(jurisdictions, statutes_dir)
    project = load(rules_dir, statutes_dir, only=None if every else jurisdictions)
    framework = pipeline.pick_framework(project, framework_id)
    for jurisdiction in jurisdictions:
        refuse_benchmark(framework, jurisdiction)
    color, width = on_terminal(out), output_width() if out is None else None
    if every or len(jurisdictions) != 1:
        from analyzer.render.sidebyside import render_side_by_side
        from analyzer.sidebyside import graded_side_by_side

        table = graded_side_by_side(project, framework, jurisdictions, every, amended=bool(amend_files), as_of=as_of)
        write(render_side_by_side(table, fmt, color=color, width=width), out)
        return
    result = pipeline.report(project, amended(project, jurisdictions[0], amend_files, as_of), framework)
    write(render(result, fmt, color=color, width=width), out)


@main.command(short_help="Check every data file; list every problem.", epilog="""\b
Examples:
  gap-analyzer validate
  gap-analyzer validate --rules my-rules --statutes my-statutes""")
@published_option
@data_options
@reports_input_errors
def validate(rules_dir: Path | None, statutes_dir: Path | None, published_dir: Path | None) -> None:
    """Check every file the tool reads: vocabulary, frameworks, rules, statutes, rule test cases
    (*.cases.yaml), amendments, baselines and published report cards. Schema and cross-reference
    problems come together, one `FILE:LINE: problem` line each; exit status 2 if there is any.

    Amendments and baselines are the amendments/ and baselines/ folders beside the statutes folder;
    published cards the published/ folder beside the rules folder.
    """
    from analyzer.families import Folders, validate_everything
    from analyzer.published import default_published

    rules, statutes = rules_dir or default_dir("rules"), statutes_dir or default_dir("statutes")
    project, counts = validate_everything(Folders(rules, statutes, statutes.parent / "amendments",
                                                  statutes.parent / "baselines",
                                                  published_dir or default_published(rules)))
    from analyzer.lint import warnings

    for warning in warnings(project):
        click.echo(str(warning), err=True)
    rules_count = sum(len(r) for r in project.rules.values())
    provisions = sum(len(j.provisions) for j in project.jurisdictions.values())
    click.echo(f"ok: {count(len(project.frameworks), 'framework')}, {count(rules_count, 'rule')}, "
               f"{count(len(project.jurisdictions), 'jurisdiction')}, {count(provisions, 'provision')}, "
               + ", ".join(count(n, name) for name, n in counts.items()))


def count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@main.command(short_help="Show how one component was scored.", epilog="""\b
Examples:
  gap-analyzer explain missouri 5.3
  gap-analyzer explain missouri 5.3 --as-of 2019-08-28""")
@click.argument("jurisdiction")
@click.argument("component_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@framework_option
@as_of_option
@amend_option
@data_options
@reports_input_errors
def explain(jurisdiction: str, component_id: str, fmt: str, framework_id: str | None, as_of: str | None,
            amend_files: tuple[Path, ...], rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """How COMPONENT_ID was scored for JURISDICTION: tiers, conditions, facts read, citations."""
    from analyzer import pipeline
    from analyzer.errors import did_you_mean

    (jurisdiction,) = named((jurisdiction,), statutes_dir)
    project = load(rules_dir, statutes_dir, only=(jurisdiction,))
    framework = pipeline.pick_framework(project, framework_id)
    refuse_benchmark(framework, jurisdiction)
    result = pipeline.report(project, amended(project, jurisdiction, amend_files, as_of), framework)
    component = result.component(component_id)
    if component is None:
        ids = [c.rule.id for c in result.components]
        raise InputError([Problem("gap-analyzer", 0, f"unknown component '{component_id}'"
                                                     f"{did_you_mean(component_id, ids)}")])
    if fmt == "json":
        from analyzer.render import data

        payload = data.component_data(component)
        payload["tiers"] = [{"index": o.index, "points": data.number(o.tier.points), "reason": o.tier.reason,
                             "clauses": data.clauses_data(framework, o.tier, component.rule),
                             "result": o.trace.result.value, "trace": data.trace_data(o.trace)}
                            for o in component.outcomes]
        payload["calibration"] = data.calibration_data(component.rule)
        write(data.dumps(payload), None)
        return
    from analyzer.render.text import explain_text

    write(explain_text(result, component, color=on_terminal(None), width=output_width()), None)


@main.command("reading-list", short_help="The unstated facts that keep a report's range open: what to read next.",
              epilog="""\b
Examples:
  gap-analyzer reading-list oklahoma
  gap-analyzer reading-list oklahoma --format markdown --out reading.md
  gap-analyzer reading-list oklahoma --out reading.html""")
@click.argument("jurisdiction")
@format_option(["text", "json", "markdown", "html"])
@out_option("Write the list to this file instead of standard output; its extension (.txt, .json, .md, "
            ".html) names the format.")
@framework_option
@amend_option
@data_options
@reports_input_errors
def reading_list(jurisdiction: str, fmt: str | None, out: Path | None, framework_id: str | None,
                 amend_files: tuple[Path, ...], rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """What to read and encode next for JURISDICTION: the unstated facts that keep its score range open,
    by statute section, most points at stake first; then the stated facts that earn points on inferred
    or recalled confidence, by the points they carry.
    """
    from analyzer import pipeline
    from analyzer.readinglist import reading_list as build
    from analyzer.render.readinglist import render_reading_list

    fmt = out_format(fmt, out, ["text", "json", "markdown", "html"])
    project = load(rules_dir, statutes_dir, only=(jurisdiction,))
    framework = pipeline.pick_framework(project, framework_id)
    refuse_benchmark(framework, jurisdiction)
    result = pipeline.report(project, amended(project, jurisdiction, amend_files), framework)
    write(render_reading_list(build(result, project.vocabulary), fmt, color=on_terminal(out),
                              width=output_width() if out is None else None), out)


EXIT_CHANGED = 1


@main.command(short_help="Compare two reports: what moved and why.", epilog="""\b
Examples:
  gap-analyzer diff missouri@2019-08-28 missouri   (what changed since 2019)
  gap-analyzer diff missouri missouri \\
    --amend amendments/missouri/what-if-services-mandate.yaml
  gap-analyzer diff baselines/missouri.json missouri --out changes.md""")
@click.argument("old")
@click.argument("new")
@format_option(["text", "markdown", "json", "html"])
@out_option("Write the diff to this file instead of standard output ('-': standard output); its "
            "extension (.txt, .json, .md, .html) names the format.")
@framework_option
@as_of_option
@amend_option
@data_options
@reports_input_errors
def diff(old: str, new: str, fmt: str | None, out: Path | None, framework_id: str | None, as_of: str | None,
         amend_files: tuple[Path, ...], rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """Compare two reports; exit 0 if nothing moved, 1 if a component's points or status changed.

    OLD and NEW are each a saved JSON report (a path ending in .json) or a jurisdiction id, graded
    now; ID@DATE grades its law of DATE (--as-of sets the date of an id without one). --amend applies
    amendments to NEW, so `diff missouri missouri --amend BILL` shows what BILL does.
    """
    from analyzer import pipeline
    from analyzer.diff import diff_reports, fresh_report, label_of, saved_report
    from analyzer.render.diff import render_diff

    fmt = out_format(fmt, out, ["text", "markdown", "json", "html"])
    if amend_files and new.endswith(".json"):
        raise InputError([Problem("gap-analyzer", 0, "--amend applies to NEW, which must then be a jurisdiction "
                                                     f"id, not a saved report ('{new}')")])
    for argument in (old, new):
        if argument.endswith("@"):
            raise InputError([Problem("gap-analyzer", 0, f"'{argument}': no date after '@' (write "
                                                         f"{argument}YYYY-MM-DD, or {argument[:-1]} for today's law)")])
    old, new = (a if a.endswith(".json") else "@".join((named((a.partition("@")[0],), statutes_dir)[0],
                                                           *a.partition("@")[2:3])).rstrip("@") for a in (old, new))
    graded = tuple(a.partition("@")[0] for a in (old, new) if not a.endswith(".json"))
    project = load(rules_dir, statutes_dir, only=graded) if graded else None
    framework = pipeline.pick_framework(project, framework_id) if project else None

    def side(argument: str, amend: tuple[Path, ...]) -> tuple[dict[str, Any], str]:
        if argument.endswith(".json"):
            data = saved_report(Path(argument))
            return data, label_of(data, Path(argument))
        name, _, date = argument.partition("@")
        refuse_benchmark(framework, name)
        data = fresh_report(pipeline.report(project, amended(project, name, amend, law_date(date, f"{name}@") or as_of),
                                            framework))
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
    write(render_diff(result, fmt, width=output_width() if out is None else None), out)
    sys.exit(EXIT_CHANGED if result["changed"] else 0)


@main.command(short_help="Regrade everything against the saved baselines.", epilog="""\b
Examples:
  gap-analyzer check
  gap-analyzer check --accept   (then review it: `git diff baselines/`)""")
@click.option("--baselines", "baselines_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of baselines (saved reports, one <jurisdiction>.json each; default: baselines/ of "
                   "the data folder).")
@click.option("--accept", is_flag=True, help="Save the current reports as the baselines.")
@click.option("--strict", is_flag=True, help="Also fail when only findings, citations or traces changed.")
@framework_option
@as_of_option
@published_option
@data_options
@reports_input_errors
def check(baselines_dir: Path | None, accept: bool, strict: bool, framework_id: str | None, as_of: str | None,
          published_dir: Path | None, rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """Regrade every jurisdiction against its baselines (saved reports); exit 1 with the diff if any moved.

    The baselines are each jurisdiction's report on today's law (<id>.json) and on the law date of each
    of its published cards (<id>@DATE.json). With --as-of, every jurisdiction's law of that date is
    checked against (or, with --accept, recorded as) <id>@DATE.json. Also prints how far the computed
    cards are from the published ones (see `compare`).
    """
    from analyzer import baseline, pipeline
    from analyzer.compare import summary_lines

    project = load(rules_dir, statutes_dir, published_dir, cards=True)
    framework = pipeline.pick_framework(project, framework_id)
    folder = baselines_dir or default_baselines()
    width = output_width()
    if accept:
        click.echo(fitted(baseline.accept(project, framework, folder, as_of).text, width), nl=False)
        return
    result = baseline.check(project, framework, folder, strict=strict, as_of=as_of)
    click.echo(fitted(result.text, width), nl=False)
    for line in summary_lines(project, framework):
        click.echo(fitted(line, width), nl=False)
    sys.exit(EXIT_CHANGED if result.failed else 0)


def fitted(text: str, width: int) -> str:
    """Lines of plain text wrapped to `width` between words, each continuation indented under its
    line's text, so `check` keeps to the width every other command keeps to (100 columns in a pipe)."""
    import textwrap

    out = []
    for line in text.splitlines():
        indent = " " * (len(line) - len(line.lstrip()))
        out += textwrap.wrap(line, width, subsequent_indent=indent + "  ", break_long_words=False,
                             break_on_hyphens=False) if len(line) > width else [line]
    return "".join(f"{line}\n" for line in out)


@main.command("list", short_help="List jurisdictions, frameworks, components.", epilog="""\b
Examples:
  gap-analyzer list
  gap-analyzer list jurisdictions
  gap-analyzer list components --format json
  gap-analyzer list kinds   (provision kinds, the facts rules read from each)
  gap-analyzer list facts   (every fact: type, allowed values, meaning)""")
@click.argument("what", type=click.Choice(["all", "jurisdictions", "frameworks", "components", "kinds", "facts"]),
                default="all")
@click.option("--facts", "vocabulary", is_flag=True, help="List the vocabulary: provision kinds and facts, with "
                                                           "their meanings (same as `list kinds` and `list facts`).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@data_options
@reports_input_errors
def list_(what: str, vocabulary: bool, fmt: str, rules_dir: Path | None, statutes_dir: Path | None) -> None:
    """What can be graded: jurisdictions with their law dates, frameworks, and each framework's components;
    with `kinds`, `facts` or --facts, the vocabulary rules and statutes are written in.

    The benchmark a framework compares against (e.g. federal law) is listed, but is not graded.
    """
    from analyzer.catalog import KINDS, VOCABULARY, catalog

    kinds = VOCABULARY if vocabulary else KINDS if what == "all" else (what,)
    data = catalog(load(rules_dir, statutes_dir), kinds)
    if fmt == "json":
        from analyzer.render.data import dumps

        write(dumps(data), None)
        return
    from analyzer.render.text import catalog_text

    write(catalog_text(data, color=on_terminal(None), width=output_width()), None)


@main.command(short_help="What it would take to reach a target grade, as a verified draft.", epilog="""\b
Examples:
  gap-analyzer roadmap missouri --target A
  gap-analyzer roadmap missouri --target 95 --out draft.yaml
  gap-analyzer roadmap missouri --target A --out map.html --draft draft.yaml
  gap-analyzer report missouri --amend draft.yaml   (grades the draft again)""")
@click.argument("jurisdiction")
@click.option("--target", required=True, help="A grade letter (e.g. A) or a number of points (e.g. 95).")
@format_option(["text", "json", "markdown", "html"])
@out_option("Write to this file: a .yaml file gets the draft amendment (status: hypothetical); .txt, "
            ".json, .md or .html the roadmap itself in that format.")
@click.option("--draft", "draft_out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the draft amendment (YAML) to this file.")
@framework_option
@as_of_option
@amend_option
@data_options
@reports_input_errors
def roadmap(jurisdiction: str, target: str, fmt: str | None, out: Path | None, draft_out: Path | None,
            framework_id: str | None, as_of: str | None, amend_files: tuple[Path, ...], rules_dir: Path | None,
            statutes_dir: Path | None) -> None:
    """What it would take: the fact changes that lift JURISDICTION to --target, fewest statute sections first.

    The plan is written as a hypothetical amendment, applied and graded; the score shown is the graded
    one. Exit 0 when the target is reached (or already met), 1 when fact changes cannot reach it.
    """
    from decimal import Decimal, InvalidOperation

    from analyzer import pipeline
    from analyzer.render.roadmap import render_roadmap
    from analyzer.roadmap import draft_yaml, target_points
    from analyzer.roadmap import roadmap as build_roadmap

    if out is not None and out.suffix.lower() in (".yaml", ".yml"):  # the draft, as before: report on stdout
        if draft_out is not None:
            raise InputError([Problem("gap-analyzer", 0, f"--out '{out}' already names the draft amendment; "
                                                         "give --draft only with a report file (.html, .md, ...)")])
        out, draft_out = None, out
    fmt = out_format(fmt, out, ["text", "json", "markdown", "html"])
    (jurisdiction,) = named((jurisdiction,), statutes_dir)
    project = load(rules_dir, statutes_dir, only=(jurisdiction,))
    framework = pipeline.pick_framework(project, framework_id)
    refuse_benchmark(framework, jurisdiction)
    try:
        points, _ = target_points(framework, target)
    except InvalidOperation:
        points = None
    from analyzer.render.wording import pts

    grades = [band.grade for band in framework.grades]
    if points is None or not Decimal(0) <= points <= framework.max:
        raise InputError([Problem("--target", 0, f"'{target}' is neither a grade ({', '.join(grades)}) nor a "
                                                 f"number of points from 0 to {pts(framework.max)}")])
    result = build_roadmap(project, amended(project, jurisdiction, amend_files, as_of), framework, target)
    draft = str(draft_out) if draft_out is not None and result.draft["changes"] else None
    if draft is not None:
        write_atomic(draft_out, draft_yaml(result))
    write(render_roadmap(result, fmt, draft, output_width() if out is None else 100), out)
    sys.exit(0 if result.reached else EXIT_CHANGED)


@main.command(short_help="Computed report cards beside the published ones.", epilog="""\b
Examples:
  gap-analyzer compare
  gap-analyzer compare oklahoma --format html --out oklahoma-vs-card.html
  gap-analyzer compare --tolerance 0.5   (exit 1 if a difference exceeds it)""")
@click.argument("jurisdictions", nargs=-1)
@format_option(["text", "json", "markdown", "html"])
@out_option("Write the comparison to this file instead of standard output; its extension (.txt, .json, "
            ".md, .html) names the format.")
@click.option("--tolerance", type=click.FloatRange(min=0), default=None, metavar="POINTS",
              help="Exit 1 if any section or total differs from the published card by more than POINTS.")
@framework_option
@published_option
@data_options
@reports_input_errors
def compare(jurisdictions: tuple[str, ...], fmt: str | None, out: Path | None, tolerance: float | None,
            framework_id: str | None, published_dir: Path | None, rules_dir: Path | None,
            statutes_dir: Path | None) -> None:
    """Computed report cards beside the published ones: per section, total and grade, and why they differ.

    Compares every published card whose jurisdiction is encoded, or those of the JURISDICTIONS named.
    """
    from decimal import Decimal

    from analyzer import pipeline
    from analyzer.compare import compare as compare_cards
    from analyzer.render.compare import render_compare

    fmt = out_format(fmt, out, ["text", "json", "markdown", "html"])
    project = load(rules_dir, statutes_dir, published_dir, cards=True)
    framework = pipeline.pick_framework(project, framework_id)
    limit = None if tolerance is None else Decimal(str(tolerance))
    result = compare_cards(project, framework, list(named(jurisdictions, statutes_dir)), limit)
    write(render_compare(result, fmt, color=on_terminal(out), width=output_width() if out is None else None), out)
    if limit is not None and not result["summary"]["cards"]:  # a gate that compared nothing must not pass
        click.echo(f"gap-analyzer: no card was compared, so --tolerance {tolerance:g} checked nothing", err=True)
        sys.exit(EXIT_CHANGED)
    sys.exit(EXIT_CHANGED if result["tolerance"] and result["tolerance"]["exceeded"] else 0)


@main.command(short_help="A jurisdiction's grade on every date its encoded law changes.", epilog="""\b
Examples:
  gap-analyzer timeline missouri
  gap-analyzer timeline missouri --from 2019-01-01 --out timeline.html""")
@click.argument("jurisdiction")
@click.option("--from", "start", type=str, default=None, metavar="DATE",
              callback=iso_date,
              help="First date (default: the earliest law encoded); the law in force on it is the first point.")
@click.option("--to", "end", type=str, default=None, metavar="DATE",
              callback=iso_date,
              help="Last date (default: the latest law encoded).")
@format_option(["text", "json", "markdown", "html"])
@out_option("Write the timeline to this file instead of standard output; its extension (.txt, .json, "
            ".md, .html) names the format.")
@framework_option
@published_option
@data_options
@reports_input_errors
def timeline(jurisdiction: str, start: str | None, end: str | None, fmt: str | None, out: Path | None,
             framework_id: str | None, published_dir: Path | None, rules_dir: Path | None,
             statutes_dir: Path | None) -> None:
    """Score, grade and sections of JURISDICTION on every date its encoded law changes, with what
    changed (provisions, facts, the enacting act) and the published cards at their law dates."""
    from analyzer import pipeline
    from analyzer.render.timeline import render_timeline
    from analyzer.timeline import timeline as build_timeline

    fmt = out_format(fmt, out, ["text", "json", "markdown", "html"])
    (jurisdiction,) = named((jurisdiction,), statutes_dir)
    project = load(rules_dir, statutes_dir, published_dir, only=(jurisdiction,), cards=True)
    framework = pipeline.pick_framework(project, framework_id)
    refuse_benchmark(framework, jurisdiction)
    if start and end and end < start:
        raise InputError([Problem("--to", 0, f"{end} is before --from {start}")])
    data = build_timeline(project, framework, pipeline.pick_jurisdiction(project, jurisdiction), start, end)
    write(render_timeline(data, fmt, color=on_terminal(out), width=output_width() if out is None else None), out)


@main.command(short_help="Write every report as a static web site: maps, state pages, method, data.", epilog="""\b
Examples:
  gap-analyzer site --out site
  gap-analyzer site --out public --force   (write beside other files)""")
@click.option("--out", required=True, type=click.Path(path_type=Path), metavar="DIR",
              help="The site's folder (created if absent; a folder of a previous build is updated, only files "
                   "whose bytes change are rewritten).")
@click.option("--force", is_flag=True, help="Write even if the folder holds files the site did not write "
                                            "(they are left alone).")
@framework_option
@published_option
@data_options
@reports_input_errors
def site(out: Path, force: bool, framework_id: str | None, published_dir: Path | None, rules_dir: Path | None,
         statutes_dir: Path | None) -> None:
    """Write a self-contained static site into the --out folder: a US map of the grades (today's law and each published
    edition's), every jurisdiction's report card, timeline, published cards, reading list and roadmap, the
    method, and each page's data as JSON beside it. No scripts, no remote assets: it works from file://.
    """
    from analyzer import pipeline
    from analyzer.site import build, check_out

    check_out(out, force)  # refuse a folder of others' files before grading anything
    project = load(rules_dir, statutes_dir, published_dir, cards=True)
    framework = pipeline.pick_framework(project, framework_id)
    built = build(project, framework, out, force=force)
    click.echo(f"{out}: {count(built.files, 'file')}: {built.written} written, {built.unchanged} unchanged, "
               f"{built.removed} removed; open {out / 'index.html'}", err=True)


@main.command("new-jurisdiction", short_help="Start a statute file from what the rules read.", epilog="""\b
Examples:
  gap-analyzer new-jurisdiction "New State"
  gap-analyzer new-jurisdiction "New State" --as-of 2024-07-01 \\
    --out my-statutes/new-state.yaml""")
@click.argument("name")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="The date whose law the file will state (default: today).")
@out_option("Write here (default: statutes/<id>.yaml of the data folder; '-': standard output).")
@data_options
@reports_input_errors
def new_jurisdiction(name: str, as_of: str | None, out: Path | None, rules_dir: Path | None,
                     statutes_dir: Path | None) -> None:
    """Write a skeleton statute file for NAME: one commented-out provision for every kind the rules read,
    each with the facts the rules read from it (type, allowed values, meaning, components reading it).

    An existing file is never replaced.
    """
    from datetime import date

    from analyzer.skeleton import jurisdiction_id, skeleton

    ident = jurisdiction_id(name)
    if not ident:
        raise InputError([Problem("gap-analyzer", 0, f"'{name}' has no letters or digits to make an id of")])
    when = date.today().isoformat() if as_of is None else checked_date(as_of, "--as-of ")
    project = load(rules_dir, statutes_dir, only=())
    if ident in project.jurisdictions:
        raise InputError([Problem("gap-analyzer", 0, f"'{ident}' is already encoded")])
    target = out or (statutes_dir or default_dir("statutes")) / f"{ident}.yaml"
    if str(target) != "-" and target.exists():
        raise InputError([Problem(str(target), 0, "already exists; new-jurisdiction never replaces a file")])
    write(skeleton(project, name, when), target)
    if str(target) != "-":
        click.echo(f"{target}: written; uncomment the provisions {name} has, fill them in, then "
                   f"`gap-analyzer validate` and `gap-analyzer report {ident}`", err=True)
