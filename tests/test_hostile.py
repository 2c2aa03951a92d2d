"""Hostile input: every reproducer of issue 11 gives one line per problem and exit 2, never a
traceback, a hang or a destroyed file. Each test failed on the code before the fix."""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, TESTLAND
from tests.test_fuzz import time_limit

PROBLEM_LINE = re.compile(r"^[^\s:][^:]*:(\d+:)? \S")


def one_line_each(stderr: str) -> list[str]:
    """The error lines, after asserting each names a file and none is part of a traceback."""
    lines = stderr.splitlines()
    assert lines, "no error line"
    assert "Traceback" not in stderr
    for line in lines:
        assert PROBLEM_LINE.match(line), line
    return lines


def snapshot(*folders: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def dirs(project_dirs):
    rules, statutes = project_dirs
    return rules, statutes


# --- outputs never clobber inputs or special files -------------------------------------------

def test_report_out_onto_its_own_statute_file_is_refused(run, dirs):
    _, statutes = dirs
    before = (statutes / "testland.yaml").read_bytes()
    result = run("report", "testland", "--format", "text", "--out", str(statutes / "testland.yaml"))
    assert result.exit_code == 2
    assert "this run reads that file" in one_line_each(result.stderr)[0]
    assert (statutes / "testland.yaml").read_bytes() == before
    without_format = run("report", "testland", "--out", str(statutes / "testland.yaml"))  # .yaml names no format
    assert without_format.exit_code == 2 and len(one_line_each(without_format.stderr)) == 1
    assert (statutes / "testland.yaml").read_bytes() == before


def test_out_onto_a_rule_or_the_vocabulary_is_refused(run, dirs):
    rules, _ = dirs
    for target in (rules / "vocabulary.yaml", rules / "pic" / "section-1" / "1.1.yaml"):
        before = target.read_bytes()
        result = run("report", "testland", "--out", str(target))
        assert result.exit_code == 2 and target.read_bytes() == before


def test_out_onto_a_hard_link_or_symlink_of_an_input_is_refused(run, dirs, tmp_path):
    _, statutes = dirs
    before = (statutes / "testland.yaml").read_bytes()
    os.link(statutes / "testland.yaml", tmp_path / "hard.txt")
    (tmp_path / "soft.txt").symlink_to(statutes / "testland.yaml")
    for name in ("hard.txt", "soft.txt"):
        assert run("report", "testland", "--out", str(tmp_path / name)).exit_code == 2
    assert (statutes / "testland.yaml").read_bytes() == before


def test_diff_out_onto_the_saved_report_it_reads_is_refused(run, tmp_path):
    saved = tmp_path / "saved.json"
    assert run("report", "testland", "--format", "json", "--out", str(saved)).exit_code == 0
    before = saved.read_bytes()
    result = run("diff", str(saved), "testland", "--out", str(saved))
    assert result.exit_code == 2
    one_line_each(result.stderr)
    assert saved.read_bytes() == before


def test_out_onto_an_amendment_it_applies_is_refused(run, write):
    from tests.conftest import RAISE

    bill = write("raise.yaml", RAISE)
    before = bill.read_bytes()
    assert run("report", "testland", "--amend", str(bill), "--out", str(bill)).exit_code == 2
    assert bill.read_bytes() == before


def test_out_to_a_device_is_refused_and_the_device_stays(run, tmp_path):
    # As root, a private null device: run against the old code, this test replaced /dev/null itself.
    device = Path("/dev/null")
    if os.geteuid() == 0:
        device = tmp_path / "null"
        try:
            os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except OSError as exc:
            pytest.skip(f"cannot make a device node here ({exc.strerror})")
    result = run("report", "testland", "--out", str(device))
    assert result.exit_code == 2
    assert "not a regular file" in one_line_each(result.stderr)[0]
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_out_to_a_fifo_or_a_directory_is_refused(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert run("report", "testland", "--out", str(fifo)).exit_code == 2
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert run("report", "testland", "--out", "").exit_code == 2  # '' is the working directory


def test_out_dash_is_standard_output(run, tmp_path):
    result = run("report", "testland", "--out", "-")
    assert result.exit_code == 0 and "Testland" in result.stdout
    assert not (tmp_path / "-").exists()


def test_replacing_a_file_keeps_its_permissions(run, tmp_path):
    out = tmp_path / "card.txt"
    out.write_text("old\n")
    out.chmod(0o644)
    assert run("report", "testland", "--out", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644 and "Testland" in out.read_text()


def test_a_new_file_honours_the_umask(run, tmp_path):
    old = os.umask(0o027)
    try:
        assert run("report", "testland", "--out", str(tmp_path / "new.txt")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_a_full_disk_is_one_line_and_leaves_no_file(run, tmp_path, monkeypatch):
    import analyzer.output

    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(analyzer.output.os, "fsync", full)
    out = tmp_path / "card.txt"
    result = run("report", "testland", "--out", str(out))
    monkeypatch.setattr(analyzer.output.os, "fsync", real_fsync)
    assert result.exit_code == 2
    assert "No space left on device" in one_line_each(result.stderr)[0]
    assert list(tmp_path.glob("*card*")) == []


# --- check --accept ---------------------------------------------------------------------------

def test_accept_never_deletes_a_file_that_is_not_a_baseline(run, tmp_path):
    folder = tmp_path / "baselines"
    folder.mkdir()
    (folder / "package.json").write_text('{"name": "x"}\n')
    (folder / "notes.json").write_bytes(b"\xff\xfe not json")
    assert run("check", "--accept", "--baselines", str(folder)).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["notes.json", "package.json", "testland.json"]
    assert run("check", "--baselines", str(folder)).exit_code == 0


def test_accept_replaces_an_undecodable_or_unreadable_baseline(run, tmp_path, monkeypatch):
    folder = tmp_path / "baselines"
    folder.mkdir()
    (folder / "testland.json").write_bytes(b"\xff\xfe\x00")
    result = run("check", "--accept", "--baselines", str(folder))
    assert result.exit_code == 0, result.output
    assert run("check", "--baselines", str(folder)).exit_code == 0
    import analyzer.documents

    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if str(path).endswith("testland.json") and not flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(analyzer.documents.os, "open", denied)
    result = run("check", "--baselines", str(folder))
    assert result.exit_code == 2
    assert "Permission denied" in one_line_each(result.stderr)[0]
    assert run("check", "--accept", "--baselines", str(folder)).exit_code == 0


def test_accept_with_a_directory_where_a_baseline_belongs(run, tmp_path):
    folder = tmp_path / "baselines"
    (folder / "testland.json").mkdir(parents=True)
    result = run("check", "--accept", "--baselines", str(folder))
    assert result.exit_code == 2
    assert "not a regular file" in one_line_each(result.stderr)[0]
    assert (folder / "testland.json").is_dir()


def test_accept_with_the_baselines_path_under_a_file(run, tmp_path):
    (tmp_path / "plain").write_text("x\n")
    result = run("check", "--accept", "--baselines", str(tmp_path / "plain" / "baselines"))
    assert result.exit_code == 2
    one_line_each(result.stderr)
    assert (tmp_path / "plain").read_text() == "x\n"


def test_accept_into_a_read_only_folder(run, tmp_path, monkeypatch):
    import analyzer.baseline

    folder = tmp_path / "baselines"
    folder.mkdir()

    def read_only(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

    monkeypatch.setattr(analyzer.baseline.Path, "mkdir", read_only)
    result = run("check", "--accept", "--baselines", str(folder))
    assert result.exit_code == 2
    assert "Permission denied" in one_line_each(result.stderr)[0]
    assert list(folder.iterdir()) == []


def test_a_failed_accept_leaves_every_old_baseline(run, dirs, tmp_path, monkeypatch):
    """A write that fails halfway (a full disk on the second file) changes no baseline."""
    import analyzer.baseline

    _, statutes = dirs
    for name in ("alpha", "beta", "gamma"):
        (statutes / f"{name}.yaml").write_text(TESTLAND.replace("testland", name))
    folder = tmp_path / "baselines"
    assert run("check", "--accept", "--baselines", str(folder)).exit_code == 0
    for path in statutes.glob("*.yaml"):
        if path.name != "federal.yaml":
            path.write_text(path.read_text().replace("minor_age_limit: 16", "minor_age_limit: 18"))
    before = snapshot(folder)
    real, calls = analyzer.baseline._write_synced, []

    def fail_second(path, text):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, text)

    monkeypatch.setattr(analyzer.baseline, "_write_synced", fail_second)
    result = run("check", "--accept", "--baselines", str(folder))
    assert result.exit_code == 2
    one_line_each(result.stderr)
    assert snapshot(folder) == before and sorted(p.name for p in folder.iterdir()) == [
        "alpha.json", "beta.json", "gamma.json", "testland.json"]


def test_a_committed_accept_that_was_killed_is_completed_by_the_next_run(run, tmp_path):
    from analyzer.baseline import JOURNAL, STAGING

    folder = tmp_path / "baselines"
    assert run("check", "--accept", "--baselines", str(folder)).exit_code == 0
    good = (folder / "testland.json").read_bytes()
    (folder / "testland.json").write_text("stale\n")
    (folder / STAGING).mkdir()
    (folder / STAGING / "testland.json").write_bytes(good)
    (folder / STAGING / JOURNAL).write_text("put testland.json\nput ../escape.json\n")
    assert run("check", "--baselines", str(folder)).exit_code == 0
    assert (folder / "testland.json").read_bytes() == good and not (folder / STAGING).exists()


def test_an_uncommitted_staging_folder_is_discarded(run, tmp_path):
    from analyzer.baseline import STAGING

    folder = tmp_path / "baselines"
    assert run("check", "--accept", "--baselines", str(folder)).exit_code == 0
    good = (folder / "testland.json").read_bytes()
    (folder / STAGING).mkdir()
    (folder / STAGING / "testland.json").write_text("half-written")
    assert run("check", "--baselines", str(folder)).exit_code == 0
    assert (folder / "testland.json").read_bytes() == good and not (folder / STAGING).exists()


def test_an_interrupt_exits_130_with_one_line(run, monkeypatch):
    import analyzer.baseline

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(analyzer.baseline, "current_reports", interrupted)
    result = run("check", "--accept")
    assert result.exit_code == 130
    assert result.stderr == "gap-analyzer: interrupted\n"


# --- reading is bounded ----------------------------------------------------------------------

def test_a_nul_byte_is_one_line_and_other_problems_still_show(run, dirs):
    _, statutes = dirs
    with (statutes / "testland.yaml").open("a") as handle:
        handle.write('x: "\0"\n')
    (statutes / "other.yaml").write_text("jurisdiction: {}\n")
    result = run("validate")
    assert result.exit_code == 2
    lines = one_line_each(result.stderr)
    assert any(line.startswith(f"{statutes.name}/testland.yaml:{TESTLAND.count(chr(10)) + 1}: control character "
                               "U+0000") for line in lines), lines
    assert any("other.yaml" in line for line in lines)


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x85", "\ufeff"])
def test_other_control_characters_are_refused_at_their_line(tmp_path, char):
    from analyzer.documents import read_document
    from analyzer.errors import InputError

    path = tmp_path / "testland.yaml"
    path.write_text(TESTLAND.replace("title: Gangs", f"title: Ga{char}ngs"))
    with pytest.raises(InputError) as caught:
        read_document(path)
    line = TESTLAND[: TESTLAND.index("title: Gangs")].count("\n") + 1
    assert str(caught.value).startswith(f"{path}:{line}: control character U+{ord(char):04X} at column 14")


def test_a_leading_byte_order_mark_is_fine(run, dirs):
    _, statutes = dirs
    (statutes / "testland.yaml").write_text("\ufeff" + TESTLAND)
    assert run("validate").exit_code == 0


def timed_validate(run) -> tuple[object, float]:
    """`validate` and the CPU seconds it took (not wall time: the test machine may be busy)."""
    start = time.process_time()
    result = run("validate")
    return result, time.process_time() - start


def test_a_five_thousand_digit_integer(run, dirs):
    _, statutes = dirs
    (statutes / "testland.yaml").write_text(TESTLAND.replace("minor_age_limit: 16", "minor_age_limit: 1" + "0" * 5000))
    result, seconds = timed_validate(run)
    assert result.exit_code == 2 and seconds < 2
    assert "integers in data files have at most 20 digits" in one_line_each(result.stderr)[0]


def test_a_huge_decimal_in_a_rule(run, dirs):
    rules, _ = dirs
    path = rules / "pic" / "section-1" / "1.1.yaml"
    path.write_text(path.read_text().replace("\nmax: 2.5", "\nmax: 1.0e+40"))
    result, seconds = timed_validate(run)
    assert result.exit_code == 2 and seconds < 2
    assert "is out of range" in one_line_each(result.stderr)[0]


@pytest.mark.parametrize("number", ["1.0e+999999", "1.0e+999999999", "1.0e-999999", "1." + "1" * 30])
def test_a_fine_beyond_any_computation_is_refused_at_load_time(run, dirs, number):
    _, statutes = dirs
    (statutes / "testland.yaml").write_text(TESTLAND.replace("commercial: true", "commercial: true\n"
                                                             f"      max_fine: {{value: {number}}}"))
    result, seconds = timed_validate(run)
    assert result.exit_code == 2 and seconds < 2
    assert "is out of range" in one_line_each(result.stderr)[0]


def test_a_fine_within_the_bounds_still_grades(run, dirs):
    _, statutes = dirs
    (statutes / "testland.yaml").write_text(TESTLAND.replace("commercial: true", "commercial: true\n"
                                                             "      max_fine: {value: 2.5e+5}"))
    assert run("report", "testland").exit_code == 0


@pytest.mark.parametrize("word", ["off", "Yes"])
def test_yaml_1_1_boolean_words_are_refused_with_why(run, dirs, word):
    _, statutes = dirs
    (statutes / "testland.yaml").write_text(TESTLAND.replace("commercial: true", f"commercial: {word}"))
    result = run("validate")
    assert result.exit_code == 2
    assert f"'{word}' is a YAML 1.1 boolean word; write true or false" in one_line_each(result.stderr)[0]


def test_a_symlink_to_dev_zero_is_refused_without_reading(run, dirs):
    _, statutes = dirs
    (statutes / "zero.yaml").symlink_to("/dev/zero")
    result, seconds = timed_validate(run)
    assert result.exit_code == 2 and seconds < 2
    assert "zero.yaml:1: not a regular file" in one_line_each(result.stderr)[0]


def test_a_fifo_is_refused_without_hanging(run, dirs):
    _, statutes = dirs
    os.mkfifo(statutes / "pipe.yaml")
    with time_limit(10):  # the old code blocked here forever, waiting for a writer
        result, seconds = timed_validate(run)
    assert result.exit_code == 2 and seconds < 2
    assert "pipe.yaml:1: not a regular file" in one_line_each(result.stderr)[0]


def test_a_huge_sparse_file_is_refused_by_its_size_in_little_memory(dirs, tmp_path):
    import subprocess
    import sys

    rules, statutes = dirs

    def validate() -> tuple[int, float, int]:
        """Exit status, wall time and peak memory (KiB) of one `validate` process (not every child of the run)."""
        start = time.monotonic()
        with (tmp_path / "err.txt").open("w") as err:
            process = subprocess.Popen([sys.executable, "-m", "analyzer", "--no-cache", "validate", "--rules",
                                        str(rules), "--statutes", str(statutes)], cwd=tmp_path,
                                       stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(process.pid, 0)
        return os.waitstatus_to_exitcode(status), time.monotonic() - start, usage.ru_maxrss

    _, _, without = validate()  # the same files without the sparse one: what reading the project costs
    with (statutes / "sparse.yaml").open("wb") as handle:
        handle.truncate(3 * 1024**3)
    returncode, elapsed, peak = validate()
    assert elapsed < 10  # a fresh interpreter's start-up included
    assert returncode == 2
    stderr = (tmp_path / "err.txt").read_text()
    assert "sparse.yaml:1: file is over 2,097,152 bytes" in one_line_each(stderr)[0]
    assert peak < without + 20 * 1024  # kilobytes: the 3 GiB file costs (almost) nothing to refuse


def test_a_file_growing_past_the_limit_is_read_no_further(tmp_path):
    from analyzer.documents import read_bounded
    from analyzer.errors import InputError

    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, "big.yaml", limit=100) == b"x" * 100
    with pytest.raises(InputError, match="over 99 bytes"):
        read_bounded(path, "big.yaml", limit=99)


# --- ids are exact ---------------------------------------------------------------------------

ID_FIELDS = [
    ("statutes/testland.yaml", "id: testland,", "id: {},"),
    ("statutes/testland.yaml", "id: t-traf", "id: {}"),
    ("rules/pic/section-1/1.1.yaml", '\nid: "1.1"', "\nid: {}"),
    ("rules/pic/section-1/1.1.yaml", '\nsection: "1"', "\nsection: {}"),
    ("rules/pic/framework.yaml", "\nid: pic", "\nid: {}"),
    ("rules/vocabulary.yaml", "\n  minor_age_limit:", "\n  {}:"),
]


@pytest.mark.parametrize("bad", ['"x\\n"', "x/y", "'..'", "\"\u0430bc\""], ids=["newline", "slash", "dots",
                                                                                  "cyrillic"])
def test_every_id_field_refuses_a_trailing_newline_a_separator_and_a_look_alike(run, tmp_path, bad):
    expected = set()
    for file, old, new in ID_FIELDS:
        path = tmp_path / file
        text = path.read_text()
        assert old in text, old
        at = text.index(old)
        path.write_text(text[:at] + new.format(bad) + text[at + len(old):])
        # a bad key is reported at its mapping (JSON Schema's propertyNames names no key)
        line = text[:at + 1].count("\n") + 1 if "vocabulary" not in file else ""
        expected.add(f"{file}:{line}")
    result = run("validate")
    assert result.exit_code == 2
    lines = one_line_each(result.stderr)
    for where in expected:
        assert any(line.startswith(where) for line in lines), (where, lines)


def test_a_jurisdiction_id_with_a_newline_never_reaches_a_baseline_name(run, dirs, tmp_path):
    _, statutes = dirs
    (statutes / "testland.yaml").write_text(TESTLAND.replace("id: testland", 'id: "testland\\n"'))
    folder = tmp_path / "baselines"
    folder.mkdir()
    (folder / "testland.json").write_text("{}\n")
    assert run("check", "--accept", "--baselines", str(folder)).exit_code == 2
    assert [p.name for p in folder.iterdir()] == ["testland.json"]


def test_every_schema_pattern_is_anchored_at_both_ends():
    import json

    def patterns(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    yield value
                elif key != "x-error":
                    yield from patterns(value)
        elif isinstance(node, list):
            for item in node:
                yield from patterns(item)

    found = [p for f in (ROOT / "analyzer" / "schemas").glob("*.json") for p in patterns(json.loads(f.read_text()))]
    assert found
    for pattern in found:
        assert pattern.startswith("^") and pattern.endswith("$(?!\\n)"), pattern


# --- amendments ------------------------------------------------------------------------------

def test_the_same_amendment_twice_is_an_error(run, write, tmp_path):
    from tests.conftest import RAISE

    bill = write("raise.yaml", RAISE)
    result = run("report", "testland", "--amend", str(bill), "--amend", str(tmp_path / "." / "raise.yaml"))
    assert result.exit_code == 2
    assert "given twice with --amend" in one_line_each(result.stderr)[0]


# --- a duplicated condition ------------------------------------------------------------------

def test_a_duplicated_condition_in_one_list_is_a_warning_not_an_error(run, tmp_path):
    path = tmp_path / "rules" / "pic" / "section-1" / "1.1.yaml"
    text = path.read_text()
    condition = "            - {fact: means_required_for_minors, eq: false}\n"
    at = text.index(condition)
    line = text[:at].count("\n") + 1
    path.write_text(text[:at] + condition + text[at:])
    result = run("validate")
    assert result.exit_code == 0
    assert f"rules/pic/section-1/1.1.yaml:{line + 1}: warning: this condition repeats the one at line {line}" \
        in result.stderr


def test_the_shipped_rules_have_no_duplicated_condition(run):
    from analyzer import pipeline
    from analyzer.lint import warnings

    assert warnings(pipeline.load(ROOT / "rules", ROOT / "statutes")) == []


@pytest.mark.parametrize("field", ["jurisdiction", "provision"])
def test_amendment_ids_are_exact(run, write, field):
    from tests.conftest import RAISE

    bad = RAISE.replace("jurisdiction: testland", 'jurisdiction: "testland\\n"') if field == "jurisdiction" \
        else RAISE.replace("provision: t-traf", 'provision: "t-traf\\n"')
    assert bad != RAISE
    result = run("report", "testland", "--amend", str(write("bad.yaml", bad)))
    assert result.exit_code == 2
    assert one_line_each(result.stderr)[0].startswith("bad.yaml:")
