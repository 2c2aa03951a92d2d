"""The cases plugin grades `base:` jurisdictions with `amend:` files (relative to the cases file)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import RAISE, ROOT, TESTLAND

pytest_plugins = ["pytester"]


@pytest.fixture
def layout(pytester: pytest.Pytester):
    shutil.copytree(ROOT / "rules", pytester.path / "rules", ignore=shutil.ignore_patterns("*.cases.yaml"))
    (pytester.path / "statutes").mkdir()
    shutil.copy(ROOT / "statutes" / "federal.yaml", pytester.path / "statutes" / "federal.yaml")
    (pytester.path / "statutes" / "testland.yaml").write_text(TESTLAND, encoding="utf-8")
    (pytester.path / "amendments").mkdir()
    (pytester.path / "amendments" / "raise.yaml").write_text(RAISE, encoding="utf-8")
    return pytester


def cases(points: float, amend: str = "[../../amendments/raise.yaml]") -> str:
    return f"""\
cases:
  - name: the amendment lifts 1.1
    base: testland
    amend: {amend}
    expect:
      components: {{"1.1": {{points: {points}}}}}
"""


def test_a_base_plus_amend_case_passes_when_the_amendment_lifts_the_component(layout):
    (layout.path / "rules" / "pic" / "lift.cases.yaml").write_text(cases(2.5), encoding="utf-8")
    layout.runpytest("-p", "no:cacheprovider", "rules").assert_outcomes(passed=1)


def test_a_base_plus_amend_case_fails_when_it_does_not(layout):
    (layout.path / "rules" / "pic" / "lift.cases.yaml").write_text(cases(0.5), encoding="utf-8")
    result = layout.runpytest("-p", "no:cacheprovider", "rules")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*component 1.1 points: expected 0.5, got 2.5*"])


def test_a_bad_amendment_in_a_case_fails_with_its_file_and_line(layout):
    (layout.path / "amendments" / "raise.yaml").write_text(RAISE.replace("t-traf", "t-trf"), encoding="utf-8")
    (layout.path / "rules" / "pic" / "lift.cases.yaml").write_text(cases(2.5), encoding="utf-8")
    result = layout.runpytest("-p", "no:cacheprovider", "rules")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*raise.yaml:7: unknown provision 't-trf' in testland (did you mean 't-traf'?)*"])
