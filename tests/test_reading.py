"""Fast reading keeps every guarantee: libyaml and pure-Python parsing agree, saved reports are read
with json, checked files are cached by content, and a command reads only the files it needs."""

from __future__ import annotations

import dataclasses
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from analyzer import cache, documents, load
from analyzer.documents import Document, parse_document, read_document
from analyzer.errors import InputError
from analyzer.jsondoc import parse_json

ROOT = Path(__file__).resolve().parent.parent

BAD_YAML = {
    "alias": "a: &a [x, x]\nb: [*a, *a]\n",
    "alias after an error-free start": "a: 1\nb: 'text with * star'\nc: *nowhere\n",
    "duplicate keys": "a: 1\nb: 2\na: 3\nb: 4\n",
    "python tag": "x: !!python/object/apply:os.system ['true']\n",
    "custom tag on a mapping": "x: !thing {a: 1}\n",
    "merge key": "a: {b: 1}\nc: {<<: {b: 2}}\n",
    "infinite number": "max: .inf\n",
    "deep nesting": "[" * 5000 + "]" * 5000,
    "nesting past the limit": "a: " + "[" * 70 + "]" * 70 + "\n",
    "malformed": "a: 1\nb: [1, 2\nc: 3\n",
    "two documents": "a: 1\n---\nb: 2\n",
}


@pytest.fixture(params=["libyaml", "pure Python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure Python":
        monkeypatch.setattr(documents, "_C_LOADER", None)
    elif documents._C_LOADER is None:
        pytest.skip("PyYAML is built without libyaml here")
    return request.param


def outcome(text: str) -> tuple[str, object]:
    try:
        doc = parse_document(text, "f.yaml")
    except InputError as exc:
        return "problems", [(p.line, "malformed YAML" if "malformed YAML" in p.message else p.message)
                            for p in exc.problems]
    return "data", (doc.data, dict(doc.lines))


@pytest.mark.parametrize("case", sorted(BAD_YAML))
def test_both_parsers_refuse_bad_yaml_on_the_same_line(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if documents._C_LOADER is None:
        pytest.skip("PyYAML is built without libyaml here")
    fast = outcome(BAD_YAML[case])
    monkeypatch.setattr(documents, "_C_LOADER", None)
    slow = outcome(BAD_YAML[case])
    assert fast[0] == "problems"
    if case == "deep nesting":  # libyaml stops at its own nesting cap, Python at its recursion limit
        assert all("nest" in str(p) or m == "malformed YAML" for p, m in fast[1]), fast  # type: ignore[union-attr]
        return
    assert fast == slow


def test_an_alias_is_refused_at_its_own_line(parser: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_document("a: &a [x]\nb: 'a * in text'\nc: [1, *a]\n", "f.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "f.yaml:3: malformed YAML: aliases (*name) are not allowed in data files"]


def test_both_parsers_read_the_shipped_data_identically(monkeypatch: pytest.MonkeyPatch) -> None:
    files = [ROOT / "rules" / "vocabulary.yaml", *sorted((ROOT / "statutes").glob("*.yaml")),
             *sorted((ROOT / "rules" / "pic").rglob("*.yaml"))]
    fast = [(d.data, dict(d.lines)) for d in map(read_document, files)]
    monkeypatch.setattr(documents, "_C_LOADER", None)
    assert fast == [(d.data, dict(d.lines)) for d in map(read_document, files)]


def test_saved_reports_are_read_as_json_with_exact_numbers_and_lazy_lines() -> None:
    doc = parse_json('{"score": 89.5,\n "sections": [\n  {"id": "1", "max": 10}\n ]\n}\n', "r.json")
    assert doc.data == {"score": Decimal("89.5"), "sections": [{"id": "1", "max": 10}]}
    assert isinstance(doc.data["score"], Decimal)
    assert doc.line(("sections", 0, "max")) == 3
    assert doc.line(("sections", 0, "missing")) == 3
    assert doc.line(("score",)) == 1


@pytest.mark.parametrize("text, expected", [
    ('{"a": 1,\n "b": {"c": 1, "c": 2}}', ["r.json:2: duplicate key 'c'"]),
    ('{"a": 1,\n "b": [1, 2\n}', ["r.json:3: malformed JSON"]),
    ('{"a": NaN}', ["r.json:1: malformed JSON: 'NaN' is not a finite number"]),
    ("[" * 70 + "]" * 70, ["r.json:1: nesting deeper than 64 levels"]),
    ('{"a": "[[[[", "b":\n' + "[" * 66 + "]" * 66 + "}", ["r.json:2: nesting deeper than 64 levels"]),
])
def test_bad_json_is_one_line_per_problem(text: str, expected: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        parse_json(text, "r.json")
    got = [str(p) for p in caught.value.problems]
    assert [g[: len(e)] for g, e in zip(got, expected, strict=True)] == expected


def test_a_saved_report_is_never_read_by_the_yaml_composer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.diff import saved_report
    from analyzer.jsondoc import read_json

    path = tmp_path / "r.json"
    path.write_text(json.dumps({"a": [1, 2.5]}), encoding="utf-8")
    monkeypatch.setattr(documents, "_composer", lambda text: pytest.fail("YAML composer used"))
    assert read_json(path).data == {"a": [1, Decimal("2.5")]}
    with pytest.raises(InputError):  # read as JSON, then refused by the report schema: never composed as YAML
        saved_report(path)


# --- the cache -------------------------------------------------------------------------------

def counting_reader(calls: list[Path]):
    def read(path: Path) -> Document:
        calls.append(path)
        return read_document(path)
    return read


def test_a_checked_file_is_read_once_then_served_from_the_cache(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    path = tmp_path / "f.yaml"
    path.write_text("a:\n  b: 2.5\n", encoding="utf-8")
    schema = {"type": "object"}
    calls: list[Path] = []
    check = lambda document, contract: []  # noqa: E731
    first, _ = cache.checked(path, schema, counting_reader(calls), check)
    second, problems = cache.checked(path, schema, counting_reader(calls), check)
    assert calls == [path] and problems == []
    assert (second.data, second.line(("a", "b")), second.file) == (first.data, 2, first.file)


def test_a_changed_file_or_schema_is_a_miss_and_problems_are_never_cached(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    calls: list[Path] = []
    ok = lambda document, contract: []  # noqa: E731
    bad = lambda document, contract: ["a problem"]  # noqa: E731
    cache.checked(path, {"type": "object"}, counting_reader(calls), ok)
    cache.checked(path, {"type": "object", "minProperties": 1}, counting_reader(calls), ok)
    path.write_text("a: 2\n", encoding="utf-8")
    assert cache.checked(path, {"type": "object"}, counting_reader(calls), ok)[0].data == {"a": 2}
    path.write_text("a: 3\n", encoding="utf-8")
    for _ in range(2):
        assert cache.checked(path, {"type": "object"}, counting_reader(calls), bad)[1] == ["a problem"]
    assert len(calls) == 5


def test_a_damaged_or_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    ok = lambda document, contract: []  # noqa: E731
    cache.checked(path, {}, read_document, ok)
    for entry in (p for p in folder.rglob("*") if p.is_file()):
        entry.write_bytes(b"\x80\x05cos\nsystem\n.")  # not plain data: refused, never run
    assert cache.checked(path, {}, read_document, ok)[0].data == {"a": 1}
    shutil.rmtree(folder)
    folder.write_text("not a folder", encoding="utf-8")
    assert cache.checked(path, {}, read_document, ok)[0].data == {"a": 1}


def test_no_cache_reads_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.setenv(cache.ENV_OFF, "1")
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    calls: list[Path] = []
    for _ in range(2):
        cache.checked(path, {}, counting_reader(calls), lambda document, contract: [])
    assert len(calls) == 2 and not (tmp_path / "cache").exists()


# --- reading only what a command needs --------------------------------------------------------

@pytest.fixture
def many_states(project_dirs: tuple[Path, Path]) -> tuple[Path, Path]:
    rules, statutes = project_dirs
    text = (statutes / "testland.yaml").read_text(encoding="utf-8")
    for name in ("alpha", "beta"):
        (statutes / f"{name}.yaml").write_text(text.replace("id: testland", f"id: {name}"), encoding="utf-8")
    return rules, statutes


def read_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = load.read_document

    def spy(path: Path) -> Document:
        seen.append(path.name)
        return original(path)

    monkeypatch.setattr(load, "read_document", spy)
    monkeypatch.setenv(cache.ENV_OFF, "1")
    return seen


def test_a_report_reads_its_jurisdiction_and_the_baseline_only(many_states, run, monkeypatch) -> None:
    seen = read_files(monkeypatch)
    assert run("report", "alpha", "--format", "json").exit_code == 0
    assert sorted(n for n in seen if n in {"alpha.yaml", "beta.yaml", "testland.yaml", "federal.yaml"}) == [
        "alpha.yaml", "federal.yaml"]


def test_validate_reads_every_file_exactly_once(many_states, run, monkeypatch) -> None:
    seen = read_files(monkeypatch)
    assert run("validate").exit_code == 0
    assert len(seen) == len(set(seen))
    assert {"alpha.yaml", "beta.yaml", "testland.yaml", "federal.yaml", "vocabulary.yaml"} <= set(seen)


def test_an_unknown_jurisdiction_still_names_the_known_ones(many_states, run) -> None:
    result = run("report", "alpah")
    assert result.exit_code == 2
    assert ("unknown jurisdiction 'alpah' (did you mean 'alpha'?); known: alpha, beta, federal, testland"
            in result.stderr)


def test_a_statute_file_not_named_after_its_jurisdiction_is_reported(many_states, run) -> None:
    _, statutes = many_states
    (statutes / "beta.yaml").rename(statutes / "b.yaml")
    result = run("validate")
    assert result.exit_code == 2
    assert "b.yaml:1: jurisdiction id 'beta' differs from its file name 'b.yaml' (name the file beta.yaml)" \
        in result.stderr


def test_check_draws_a_bar_only_for_more_than_a_few_jurisdictions(monkeypatch) -> None:
    from analyzer import baseline
    from analyzer.render import progress as progress_module

    labels: list[int] = []

    def fake(items, label, **_):
        labels.append(len(items))
        return items

    monkeypatch.setattr(progress_module, "progress", fake)
    project = load.read_project(ROOT / "rules", ROOT / "statutes")[0]
    assert project is not None
    framework = next(iter(project.frameworks.values()))
    kept = [framework.baseline, *baseline.graded(project, framework)][:1 + baseline.FEW]
    few = {j: project.jurisdictions[j] for j in kept}
    baseline.current_reports(dataclasses.replace(project, jurisdictions=few), framework)
    assert labels == []  # FEW graded jurisdictions: no bar
    many = {**few, **{f"s{i}": project.jurisdictions["missouri"] for i in range(baseline.FEW + 1 - len(few) + 1)}}
    baseline.current_reports(dataclasses.replace(project, jurisdictions=many), framework)
    assert labels == [len(many) - 1] and len(many) - 1 > baseline.FEW
