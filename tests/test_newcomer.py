"""What a new user meets first: which data is read, --out formats, `list`, help texts, the benchmark,
adding a component, wording and layout."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.formats import format_for

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"


def gap(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("GAP_ANALYZER_DATA", "COLUMNS")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "analyzer", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=environment, check=False, timeout=300)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A data folder of our own: the mini framework's rules and statutes, as a checkout holds them."""
    for name in ("rules", "statutes"):
        shutil.copytree(MINI / name, tmp_path / "work" / name)
    return tmp_path / "work"


# --- which data is read ----------------------------------------------------------------------------

def test_inside_a_checkout_its_own_folders_are_read_from_any_subfolder(checkout: Path) -> None:
    (checkout / "notes").mkdir()
    for cwd in (checkout, checkout / "notes", checkout / "rules" / "toy"):
        listed = json.loads(gap("list", "jurisdictions", "--format", "json", cwd=cwd).stdout)
        assert [j["id"] for j in listed["jurisdictions"]] == ["empty", "fed", "ideal", "mixed", "partial"]


def test_outside_a_checkout_the_installed_data_is_read(tmp_path: Path) -> None:
    listed = json.loads(gap("list", "jurisdictions", "--format", "json", cwd=tmp_path).stdout)
    assert "missouri" in [j["id"] for j in listed["jurisdictions"]]


def test_data_option_and_environment_variable_name_another_folder(checkout: Path, tmp_path: Path) -> None:
    by_option = gap("--data", checkout, "report", "partial", "--format", "json", cwd=ROOT)
    assert by_option.returncode == 0, by_option.stderr
    assert json.loads(by_option.stdout)["jurisdiction"]["id"] == "partial"
    by_env = gap("report", "partial", "--format", "json", cwd=ROOT, env={"GAP_ANALYZER_DATA": str(checkout)})
    assert json.loads(by_env.stdout)["score"] == 3
    assert gap("report", "partial", cwd=ROOT).returncode == 2  # the project's own data has no 'partial'


def test_errors_and_explain_name_files_relative_to_the_checkout(checkout: Path) -> None:
    rule = checkout / "rules/toy/a1.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("max: 2.5", "max: 2.25"), encoding="utf-8")
    broken = gap("validate", cwd=checkout)
    assert broken.returncode == 2 and broken.stderr.startswith("rules/toy/a1.yaml:")
    from_below = gap("validate", cwd=checkout / "statutes")
    assert from_below.stderr.startswith("../rules/toy/a1.yaml:")
    assert "Rule: rules/pic/section-5/5.3.yaml\n" in gap("explain", "missouri", "5.3").stdout


def test_check_accept_writes_the_checkouts_baselines(checkout: Path) -> None:
    accepted = gap("check", "--accept", cwd=checkout)
    assert accepted.returncode == 0, accepted.stderr
    assert "baselines/partial.json: recorded" in accepted.stdout
    assert (checkout / "baselines" / "partial.json").is_file()
    assert gap("check", cwd=checkout).returncode == 0


# --- --out and --format -------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "fmt"), [("r.json", "json"), ("r.md", "markdown"), ("r.html", "html"),
                                           ("r.txt", "text"), ("r.HTML", "html"), ("report", "text")])
def test_the_extension_of_out_names_the_format(name: str, fmt: str) -> None:
    assert format_for(None, Path(name), ["text", "json", "markdown", "html"]) == fmt


def test_out_writes_html_into_an_html_file_and_refuses_a_contradiction(checkout: Path) -> None:
    page = checkout / "partial.html"
    assert gap("report", "partial", "--out", page, cwd=checkout).returncode == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    data = checkout / "partial.json"
    gap("report", "partial", "--out", data, cwd=checkout)
    assert json.loads(data.read_text(encoding="utf-8"))["score"] == 3
    clash = gap("report", "partial", "--format", "text", "--out", checkout / "r.html", cwd=checkout)
    assert clash.returncode == 2 and not (checkout / "r.html").exists()
    assert clash.stderr.startswith("gap-analyzer: --format text does not match the extension of")
    unknown = gap("report", "partial", "--out", checkout / "r.pdf", cwd=checkout)
    assert unknown.returncode == 2 and "'.pdf'" in unknown.stderr and "--format" in unknown.stderr
    forced = gap("report", "partial", "--format", "json", "--out", checkout / "r.data", cwd=checkout)
    assert forced.returncode == 0 and json.loads((checkout / "r.data").read_text(encoding="utf-8"))["score"] == 3


def test_diff_out_also_follows_the_extension(checkout: Path) -> None:
    out = checkout / "d.md"
    assert gap("diff", "partial", "ideal", "--out", out, cwd=checkout).returncode == 1
    assert out.read_text(encoding="utf-8").startswith("#")


# --- list, the benchmark, help -------------------------------------------------------------------------

def test_list_shows_jurisdictions_with_law_dates_frameworks_and_components() -> None:
    text = gap("list").stdout
    assert re.search(r"missouri +Missouri +\d{4}-\d{2}-\d{2} +graded", text)
    assert re.search(r"federal +.+ +\d{4}-\d{2}-\d{2} +benchmark of pic", text)
    data = json.loads(gap("list", "--format", "json").stdout)
    framework = yaml_framework()
    assert [c["id"] for c in data["components"]] == [c for s in framework["sections"] for c in s["components"]]
    assert data["frameworks"][0]["components"] == len(data["components"])


def yaml_framework() -> dict:
    import yaml

    return yaml.safe_load((ROOT / "rules/pic/framework.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", ["report", "explain", "diff"])
def test_the_benchmark_is_refused_as_a_subject(command: str) -> None:
    args = {"report": ("federal",), "explain": ("federal", "1.1"), "diff": ("missouri", "federal")}[command]
    done = gap(command, *args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == ("gap-analyzer: 'federal' is the benchmark that framework 'pic' compares states "
                                   "against, not a jurisdiction it grades (see `gap-analyzer list`)")


@pytest.mark.parametrize("columns", ["60", "100"])
def test_help_lists_every_command_untruncated_and_ends_with_examples(columns: str) -> None:
    top = gap("--help", env={"COLUMNS": columns}).stdout
    assert "..." not in top.split("Commands:")[1]
    for command in ("report", "explain", "list", "validate", "diff", "check"):
        assert re.search(rf"^  {command} +\S", top, re.MULTILINE), command
        own = gap(command, "--help", env={"COLUMNS": columns}).stdout
        assert "Examples:" in own and f"gap-analyzer {command}" in own.split("Examples:")[1], command
        assert own.rstrip().splitlines()[-1].strip().startswith("gap-analyzer "), command


# --- adding a component, as the README walks through it ------------------------------------------------

def test_a_new_component_is_graded_once_listed_and_its_section_max_raised(tmp_path: Path) -> None:
    for name in ("rules", "statutes"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.cases.yaml"))
    section = yaml_framework()["sections"][-1]  # its size and ids are read, so an added component changes nothing
    new_id = f"{section['id']}.{max(int(c.split('.')[1]) for c in section['components']) + 1}"
    model = next((tmp_path / "rules/pic").rglob(f"{section['components'][0]}.yaml"))
    rule = model.read_text(encoding="utf-8")
    (model.parent / f"{new_id}.yaml").write_text(
        re.sub(r'^id: .*$', f'id: "{new_id}"', rule, count=1, flags=re.MULTILINE), encoding="utf-8")
    unlisted = gap("validate", cwd=tmp_path)
    assert unlisted.returncode == 2
    assert f"component '{new_id}' is not listed in section '{section['id']}'" in unlisted.stderr
    framework = tmp_path / "rules/pic/framework.yaml"
    listed = ", ".join(f'"{c}"' for c in section["components"])
    text = framework.read_text(encoding="utf-8")
    framework.write_text(text.replace(f"components: [{listed}]", f'components: [{listed}, "{new_id}"]'),
                         encoding="utf-8")
    short = gap("validate", cwd=tmp_path)
    raised = section["max"] + 2.5
    shown = f"{raised:g}"
    assert short.returncode == 2, short.stderr
    assert f"add up to {shown} points, not the section's max of {section['max']:g}" in short.stderr
    framework.write_text(framework.read_text(encoding="utf-8").replace(
        f"max: {section['max']:g}\n    components: [{listed}", f"max: {shown}\n    components: [{listed}"),
        encoding="utf-8")
    assert gap("validate", cwd=tmp_path).returncode == 0
    data = json.loads(gap("report", "missouri", "--format", "json", cwd=tmp_path).stdout)
    before = json.loads(gap("report", "missouri", "--format", "json").stdout)
    assert data["max_score"] == before["max_score"] + 2.5
    assert len(data["components"]) == len(before["components"]) + 1
    assert new_id in gap("explain", "missouri", new_id, cwd=tmp_path).stdout


# --- wording and layout ----------------------------------------------------------------------------------

def test_one_point_is_singular_and_more_are_plural() -> None:
    out = gap("explain", "partial", "a1", "--rules", MINI / "rules", "--statutes", MINI / "statutes").stdout
    assert "✗ Tier 1 (2.5 points): unmet" in out and "✓ Tier 2 (1 point): met" in out


def test_diff_sections_line_up_in_columns() -> None:
    done = gap("diff", "missouri", "missouri", "--amend", "amendments/missouri/what-if-services-mandate.yaml")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.split("Sections\n")[1].splitlines()
    rows = [line for line in lines if "→" in line and " of " in line]
    assert len(rows) == len(yaml_framework()["sections"]) + 1  # each section, then the total
    for mark in ("→", " of ", "("):
        assert len({row.index(mark) for row in rows}) == 1, (mark, rows)
    assert rows[-1].endswith("Total")
